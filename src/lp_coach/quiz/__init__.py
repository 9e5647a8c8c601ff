"""Quizzes with spaced repetition: cards from the content, scheduled by FSRS, kept in SQLite."""
