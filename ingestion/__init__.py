"""Ingestion as plain functions: intake, per-item processing, outcomes (see docs/ingestion.md)."""
