"""Interview practice: behavioural questions, a mechanical STAR rubric, attempts recorded."""
