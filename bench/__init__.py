"""Benchmarks and accuracy evaluations (run each with `python -m bench.<name>.run`)."""
