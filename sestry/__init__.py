"""sestry: evidence-documentation pipeline for war-crime testimony."""
