"""The ground floor: errors, settings, durable writes, the version, languages and bundled data.

Every other package stands on this one; it imports nothing of sestry's (tests/test_meta.py).
"""
