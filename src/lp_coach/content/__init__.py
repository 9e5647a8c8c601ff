"""Principle packs: the content model, loading, validation and lookup."""
