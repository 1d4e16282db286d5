"""Seeded randomness with named streams.

Each random decision draws from a stream named after what it decides ("attack", turn, plot), derived
from the game's seed. A counterfactual that changes one decision therefore changes only the dice
that decision touches: every other roll stays the same (common random numbers), which makes
what-if comparisons and balance sweeps far less noisy than one shared sequence would.
"""

from __future__ import annotations

import _random
import random
from hashlib import blake2b
from typing import Any


class Dice:
    __slots__ = ("_prefix", "_seed", "seed")

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._seed = str(seed)
        self._prefix = self._seed + "|"

    def stream(self, *labels: object) -> random.Random:
        return _seeded(self._number(labels))

    def lazy_stream(self, *labels: object) -> random.Random:
        """The same stream as `stream(*labels)`, seeded only when first drawn from: a computer
        policy gets a stream for every decision and most policies never draw from it, while
        seeding a Mersenne Twister is the dearest part of making one."""
        stream = _LazyRandom.__new__(_LazyRandom)
        stream.labels = (self, labels)
        stream.gauss_next = None  # type: ignore[attr-defined]
        return stream

    def _number(self, labels: tuple[object, ...]) -> int:
        key = self._prefix + "|".join(map(str, labels)) if labels else self._seed
        return int.from_bytes(blake2b(key.encode(), digest_size=8).digest(), "big")


_SEED = _random.Random.seed


def _seeded(n: int) -> random.Random:
    """random.Random(n) without its Python-level __init__ and seed(): what they do for an int
    is this (a game draws over a hundred streams)."""
    stream = random.Random.__new__(random.Random)
    _SEED(stream, n)
    stream.gauss_next = None  # type: ignore[attr-defined]
    return stream


class _LazyRandom(random.Random):
    """A random.Random that seeds itself on first use, then becomes a plain random.Random.

    Every public method of random.Random draws through `random()` or `getrandbits()` (defining
    both keeps `_randbelow` the getrandbits one, as in random.Random), and state methods go
    through `getstate`/`setstate`/`seed`; each of these seeds the generator from its labels and
    re-classes the object to random.Random (same layout), so later draws run at full speed and
    the sequence is exactly that of `Dice.stream` with the same labels.
    """

    labels: tuple[Dice, tuple[object, ...]]

    def random(self) -> float:
        _wake(self)
        return _RANDOM(self)

    def getrandbits(self, k: int, /) -> int:
        _wake(self)
        return _GETRANDBITS(self, k)

    def getstate(self) -> Any:
        _wake(self)
        return random.Random.getstate(self)

    def setstate(self, state: Any) -> None:
        _wake(self)
        random.Random.setstate(self, state)

    def seed(self, *args: Any, **kwargs: Any) -> None:
        if hasattr(self, "labels"):
            _wake(self)
        random.Random.seed(self, *args, **kwargs)


def _wake(stream: random.Random) -> None:
    """Seed a lazy stream from its labels, once (a method bound before it woke, as `shuffle`
    binds `getrandbits`, may still call the lazy one afterwards)."""
    if type(stream) is _LazyRandom:
        dice, labels = stream.labels
        del stream.labels
        _SEED(stream, dice._number(labels))
        stream.__class__ = random.Random  # type: ignore[assignment]


_RANDOM = _random.Random.random
_GETRANDBITS = _random.Random.getrandbits


def d6(rng: random.Random, n: int = 1) -> list[int]:
    return [rng.randint(1, 6) for _ in range(n)]
