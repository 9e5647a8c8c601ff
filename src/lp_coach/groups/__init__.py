"""Named groups in one data directory: their people, pack, plan and sessions."""
