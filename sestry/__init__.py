"""sestry: evidence-documentation pipeline for war-crime testimony."""

__version__ = "0.1.0"
