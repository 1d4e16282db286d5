"""Seeded randomness with named streams.

Each random decision draws from a stream named after what it decides ("attack", turn, plot), derived
from the game's seed. A counterfactual that changes one decision therefore changes only the dice
that decision touches: every other roll stays the same (common random numbers), which makes
what-if comparisons and balance sweeps far less noisy than one shared sequence would.
"""

from __future__ import annotations

import hashlib
import random


class Dice:
    def __init__(self, seed: int) -> None:
        self.seed = seed

    def stream(self, *labels: object) -> random.Random:
        key = "|".join([str(self.seed), *(str(x) for x in labels)]).encode()
        return random.Random(int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big"))


def d6(rng: random.Random, n: int = 1) -> list[int]:
    return [rng.randint(1, 6) for _ in range(n)]
