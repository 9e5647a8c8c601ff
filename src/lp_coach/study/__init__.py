"""Guided study sessions: the agenda, the session engine, its store and the plan."""
