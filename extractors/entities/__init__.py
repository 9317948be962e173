"""extractors/entities."""
