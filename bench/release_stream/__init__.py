"""Issue 14 item 2: timings of redaction, validation and handoff in batches (not bench.release)."""
