"""Hashing throughput: sestry's b3_file against b3sum, sha256sum and hashlib."""
