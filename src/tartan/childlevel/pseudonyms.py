"""Pseudonyms for child identifiers: keyed HMAC-SHA256, with the key held apart from the data.

The LA holds one secret key per recipient, so that two recipients cannot join their extracts
child by child, and nobody without the key can go back from a pseudonym to the child (a plain
hash of an identifier could be reversed by hashing every identifier). The key is read from a
file or an environment variable, never written anywhere; extracts carry only a key id (an HMAC
of a fixed label) so that merges can check that two extracts used the same key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

KEY_ENV = "TARTAN_PSEUDONYM_KEY"
MIN_KEY_BYTES = 32  # 256 bits, the size of the HMAC-SHA256 block it keys
_KEY_ID_LABEL = b"tartan pseudonym key id"


class PseudonymKeyError(ValueError):
    """No usable key, or a key kept where it must not be."""


@dataclass(frozen=True)
class PseudonymKey:
    secret: bytes = field(repr=False)

    @property
    def key_id(self) -> str:
        """Names the key without revealing it, so extracts made with it can be recognised."""
        return hmac.new(self.secret, _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]

    def pseudonym(self, child_id: str) -> str:
        return hmac.new(self.secret, child_id.strip().encode("utf-8"), hashlib.sha256).hexdigest()

    def pseudonyms(self, child_ids: Iterable[str]) -> dict[str, str]:
        return {child_id: self.pseudonym(child_id) for child_id in set(child_ids)}


def _checked(secret: bytes, where: str) -> PseudonymKey:
    if len(secret) < MIN_KEY_BYTES:
        raise PseudonymKeyError(
            f"The key in {where} is {len(secret)} bytes; it must be at least {MIN_KEY_BYTES} "
            "(for example 64 hexadecimal characters from a password manager's generator)."
        )
    return PseudonymKey(secret)


def load_key(
    key_file: Path | None,
    env_var: str | None,
    environ: Mapping[str, str] | None = None,
    data_places: Iterable[Path] = (),
) -> PseudonymKey:
    """The key from ``key_file``, else from the environment variable ``env_var`` (or
    ``TARTAN_PSEUDONYM_KEY``); refuse when there is none, when it is short, or when the key file
    sits inside one of ``data_places`` (the folders the data is read from or written to)."""
    environ = os.environ if environ is None else environ
    if key_file is not None:
        resolved = key_file.resolve()
        for place in data_places:
            if resolved.is_relative_to(place.resolve()):
                raise PseudonymKeyError(
                    f"The key file {key_file} is inside {place}, with the data. Keep the key "
                    "apart from the data it pseudonymises, and from every copy of it."
                )
        try:
            secret = key_file.read_bytes().strip()
        except OSError as error:
            raise PseudonymKeyError(
                f"The key file {key_file} cannot be read: {error.strerror}"
            ) from None
        return _checked(secret, str(key_file))
    name = env_var or KEY_ENV
    value = environ.get(name, "").strip()
    if not value:
        raise PseudonymKeyError(
            f"No key: give --key-file, or set the environment variable {name}. Pseudonyms are "
            "never made without a key."
        )
    return _checked(value.encode("utf-8"), f"${name}")
