"""Rendering text through the Jinja templates in prompts/."""
