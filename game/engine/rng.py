"""Seeded randomness with named streams.

Each random decision draws from a stream named after what it decides ("attack", turn, plot), derived
from the game's seed. A counterfactual that changes one decision therefore changes only the dice
that decision touches: every other roll stays the same (common random numbers), which makes
what-if comparisons and balance sweeps far less noisy than one shared sequence would.
"""

from __future__ import annotations

import _random
import hashlib
import random


class Dice:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._seed = str(seed)

    def stream(self, *labels: object) -> random.Random:
        key = "|".join((self._seed, *map(str, labels))).encode()
        return _seeded(int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big"))


_SEED = _random.Random.seed


def _seeded(n: int) -> random.Random:
    """random.Random(n) without its Python-level __init__ and seed(): what they do for an int
    is this (a game draws over a hundred streams)."""
    stream = random.Random.__new__(random.Random)
    _SEED(stream, n)
    stream.gauss_next = None  # type: ignore[attr-defined]
    return stream


def d6(rng: random.Random, n: int = 1) -> list[int]:
    return [rng.randint(1, 6) for _ in range(n)]
