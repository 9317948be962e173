"""OCR benchmarks: quality (cer.py) and speed (speed.py) on synthetic pages."""
