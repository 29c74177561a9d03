"""The keys in OParl URLs for rows without a UUID or an official code.

A key is the row's primary key put through a fixed permutation of the 32-bit numbers, written
as eight hex digits: stable for the row's life, never reused, and not a counter, so a URL says
nothing about how many rows exist. It is not a secret: every object is fetched through the
public querysets, so a guessed key finds only what is public anyway.
"""

import re
import zlib

_MULTIPLIER = 0x2545F491  # odd, so invertible modulo 2**32
_INVERSE = pow(_MULTIPLIER, -1, 2**32)
_KEY = re.compile(r"[0-9a-f]{8}")


def _mask(kind: str) -> int:
    # Each kind permutes differently, so row 7 of two tables does not share a key.
    return zlib.crc32(kind.encode())


def encode(kind: str, pk: int) -> str:
    return f"{((pk * _MULTIPLIER) % 2**32) ^ _mask(kind):08x}"


def decode(kind: str, key: str) -> int | None:
    """The primary key behind `key`, or None when it is not one of ours."""
    if not _KEY.fullmatch(key):
        return None
    return ((int(key, 16) ^ _mask(kind)) * _INVERSE) % 2**32
