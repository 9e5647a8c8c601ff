"""The SQLite store under the data directory: one file, versioned schema, owner-only."""
