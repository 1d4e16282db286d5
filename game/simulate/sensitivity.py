"""How casualties move when one tunable is nudged down or up, everything else as written.

Each variant is the scenario with one tunable changed (`scenario.model_copy(update={"tunables":
...})`, validated so a nudge never leaves the tunable's bounds), played by the baseline profile on
the same seeds as the unchanged scenario: the comparison is paired game by game.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import ValidationError

from game.scenario.schema import Scenario, Tunables
from game.simulate.play import Columns
from game.simulate.stats import mean_ci, relative_change

# (tunable, step): the ones that most plausibly move casualties, or the PC price of warning.
MAIN_TUNABLES: tuple[tuple[str, float], ...] = (
    ("collection_hit", 1), ("decoy_chance", 0.1), ("wrong_window_chance", 0.1),
    ("harden_cost", 1), ("harden_true_bonus", 1), ("harden_near_bonus", 1),
    ("surveil_bonus", 1), ("arrest_cost", 1), ("arrest_bonus", 1),
    ("advisory_shift_chance", 0.1), ("burn_low_trust_bonus", 1), ("burn_sanitized_relief", 1),
    ("burn_turns", 1), ("foil_at", 1), ("disrupt_at", 1), ("dismissed_warning_malus", 1),
    ("exposure_at", 1), ("exposure_pc", 1), ("provocation_pc", 1), ("duty_missing_pc", 1),
    ("blame_divisor", 1),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Nudge:
    """One variant: `tunable` moved from `base` to `value` (direction -1 or +1)."""

    tunable: str
    direction: int
    base: float
    value: float

    @property
    def key(self) -> str:
        return f"{self.tunable}{'-' if self.direction < 0 else '+'}"


def nudged(tunables: Tunables, name: str, value: float) -> Tunables | None:
    """`tunables` with one value changed, or None if the schema refuses it."""
    data = tunables.model_dump()
    data[name] = value
    try:
        return Tunables.model_validate(data)
    except ValidationError:
        return None


def variants(scenario: Scenario, main: tuple[tuple[str, float], ...] = MAIN_TUNABLES
             ) -> dict[str, tuple[Nudge, Scenario]]:
    """Every valid one-step nudge of the main tunables: key -> (nudge, scenario variant)."""
    out: dict[str, tuple[Nudge, Scenario]] = {}
    for name, step in main:
        base = getattr(scenario.tunables, name)
        for direction in (-1, 1):
            value = _step(base, direction, step)
            changed = nudged(scenario.tunables, name, value)
            if changed is not None:
                nudge = Nudge(name, direction, base, value)
                out[nudge.key] = (nudge, scenario.model_copy(update={"tunables": changed}))
    return out


def _step(base: float, direction: int, step: float) -> float:
    """Probabilities move by `step` (rounded to stay readable), integers by whole steps."""
    return round(base + direction * step, 6) if isinstance(base, float) else base + direction * int(step)


def table(columns: Columns, base: np.ndarray, runs: dict[str, tuple[Nudge, np.ndarray]],
          main: tuple[tuple[str, float], ...] = MAIN_TUNABLES) -> list[dict[str, Any]]:
    """One row per tunable: casualties, foiled attacks and mean PC at −, base and +."""
    casualties = columns.index(columns.total("casualties"))
    foiled = columns.index(columns.total("foiled"))
    pcs = [columns.index(columns.seat(r, "pc")) for r in columns.roles]

    def summary(rows: np.ndarray) -> dict[str, float]:
        return {"casualties": float(rows[:, casualties].mean()),
                "foiled": float(rows[:, foiled].mean()),
                "pc": float(rows[:, pcs].mean())}

    out = []
    for name, _ in main:
        entry: dict[str, Any] = {"tunable": name, "base": {"value": None, **summary(base)}}
        for key, (nudge, rows) in runs.items():
            if nudge.tunable != name:
                continue
            entry["base"]["value"] = nudge.base
            rel = relative_change(base[:, casualties], rows[:, casualties])
            entry["down" if nudge.direction < 0 else "up"] = {
                "key": key, "value": nudge.value, **summary(rows),
                "casualties_change": mean_ci(rows[:, casualties] - base[:, casualties]).as_dict(),
                "casualties_rel": rel.as_dict() if rel is not None else None,
            }
        if "down" in entry or "up" in entry:
            out.append(entry)
    return out
