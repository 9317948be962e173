"""The release tests build internal datasets with the redaction tests' fixtures (one definition)."""

from tests.redaction.conftest import add_document, ready

__all__ = ["add_document", "ready"]
