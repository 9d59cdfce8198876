"""Answer keys in student editions: obfuscated so they are not in plain sight.

**This is a self-check, not a secret.** A key sealed here is XOR-ed with a stream derived
from the question id and base64-encoded. It keeps answers out of plain view while a
student works, so a glance at the notebook does not give them away. Anyone who reads this
module can decode it in one line, and a multiple-choice key can always be found by trying
the options. Grades must come from ``casekit grade`` with the instructor's key file,
which is never shipped to students.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

PREFIX = "ck1:"
NOTICE = (
    "Answer keys in this notebook are obfuscated for self-checking only; "
    "they are not a secret and not a grade."
)


def canonical_json(value: Any) -> bytes:
    """Return ``value`` as compact, key-sorted UTF-8 JSON bytes (the form that is hashed)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _stream(salt: str, length: int) -> bytes:
    out = bytearray()
    block = hashlib.sha256(f"casekit-selfcheck:{salt}".encode()).digest()
    while len(out) < length:
        out += block
        block = hashlib.sha256(block).digest()
    return bytes(out[:length])


def seal(value: Any, salt: str) -> str:
    """Obfuscate JSON-able ``value`` with ``salt`` (the question id); see the module note."""
    data = canonical_json(value)
    mixed = bytes(a ^ b for a, b in zip(data, _stream(salt, len(data))))
    return PREFIX + base64.urlsafe_b64encode(mixed).decode("ascii")


def unseal(token: str, salt: str) -> Any:
    """Decode a key made by :func:`seal`.

    Raises
    ------
    ValueError
        If the token is not a casekit key or was made for another question.
    """
    if not isinstance(token, str) or not token.startswith(PREFIX):
        raise ValueError(f"not a casekit key (expected it to start with {PREFIX!r})")
    try:
        mixed = base64.urlsafe_b64decode(token[len(PREFIX) :].encode("ascii"))
        data = bytes(a ^ b for a, b in zip(mixed, _stream(salt, len(mixed))))
        return json.loads(data.decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"the key does not decode for question {salt!r}") from exc


def digest(value: Any) -> str:
    """Return ``sha256:<hex>`` of the canonical JSON of ``value``."""
    return "sha256:" + hashlib.sha256(canonical_json(value)).hexdigest()


def fingerprint(public_specs: list[dict[str, Any]]) -> str:
    """Return a short fingerprint of a question set's public definitions (no answers)."""
    return hashlib.sha256(canonical_json(public_specs)).hexdigest()[:16]
