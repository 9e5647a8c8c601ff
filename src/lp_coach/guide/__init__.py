"""Discussion guides for facilitators: chapters laid out from the session agenda."""
