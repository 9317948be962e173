"""Ed25519 signatures: round trip, and every kind of tampering returns False (never raises)."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sestry.custody.signing import public_key_pem, sign, verify_signature


def test_sign_and_verify_round_trip() -> None:
    key = Ed25519PrivateKey.generate()
    signature = sign(key, b"manifest")
    assert len(signature) == 64
    assert verify_signature(public_key_pem(key), b"manifest", signature)


def test_tampering_is_rejected() -> None:
    key = Ed25519PrivateKey.generate()
    pem = public_key_pem(key)
    signature = sign(key, b"manifest")
    assert not verify_signature(pem, b"manifesT", signature)
    assert not verify_signature(pem, b"manifest", bytes([signature[0] ^ 1]) + signature[1:])
    other = public_key_pem(Ed25519PrivateKey.generate())
    assert not verify_signature(other, b"manifest", signature)
    assert not verify_signature(b"not a key", b"manifest", signature)
    assert not verify_signature(pem, b"manifest", b"short")
