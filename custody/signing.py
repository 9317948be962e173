"""Ed25519 signatures of release manifests: verifiable with `cryptography` or `openssl`."""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """Return the 64-byte Ed25519 signature of `data`."""
    return key.sign(data)


def public_key_pem(key: Ed25519PrivateKey) -> bytes:
    """Return the public half of `key` as PEM (SubjectPublicKeyInfo)."""
    return key.public_key().public_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PublicFormat.SubjectPublicKeyInfo,
    )


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    """Return `key` as unencrypted PKCS#8 PEM (stored 0600 in the data dir only)."""
    return key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )


def verify_signature(public_pem: bytes, data: bytes, signature: bytes) -> bool:
    """True when `signature` is a valid Ed25519 signature of `data` by the PEM public key.

    Returns False (never raises) for a bad signature, a malformed key or a non-Ed25519 key.
    """
    try:
        public = serialization.load_pem_public_key(public_pem)
    except (ValueError, TypeError, UnsupportedAlgorithm):  # e.g. SM2, secp112r1: not ours
        return False
    if not isinstance(public, Ed25519PublicKey):
        return False
    try:
        public.verify(signature, data)
    except InvalidSignature:
        return False
    return True
