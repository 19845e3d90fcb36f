"""desktop package."""
