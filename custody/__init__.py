"""Custody: BLAKE3 digests, the write-once vault, the hash-chained ledger, keys, signatures and
verification. Light on purpose (blake3, cryptography, pydantic): a partner verifies with it.
See docs/custody.md.
"""
