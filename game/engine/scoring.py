"""Scoring: 20 - own casualties + PC + 2 per intact sensitive source + secret objective (3),
and +3 for every seat when total casualties stay at or below the scenario's threshold."""

from __future__ import annotations

from game.engine.state import GameState
from game.engine.types import Level, Outcome
from game.scenario.schema import Objective, ObjectiveKind


def final_scores(s: GameState) -> dict[str, dict[str, int]]:
    t = s.scenario.tunables
    total_casualties = sum(s.casualties.values())
    shared_good = t.threshold_bonus if total_casualties <= s.scenario.casualty_threshold else 0
    scores: dict[str, dict[str, int]] = {}
    for role in s.scenario.roles:
        seat = s.seats[role.id]
        sensitive = [r for r, c in role.collection.items() if c >= t.sensitive_source_min]
        intact = [r for r in sensitive if r not in seat.ever_burned]
        met = role.objective is not None and objective_met(s, role.id, role.objective)
        parts = {
            "base": t.score_base,
            "casualties": -s.casualties.get(role.id, 0),
            "political_capital": seat.pc,
            "sources": t.source_points * len(intact),
            "objective": t.objective_points if met else 0,
            "threshold_bonus": shared_good,
        }
        parts["total"] = sum(parts.values())
        scores[role.id] = parts
    return scores


def objective_met(s: GameState, role: str, objective: Objective) -> bool:
    kind = objective.kind
    if kind is ObjectiveKind.NO_CASUALTIES:
        return s.casualties.get(role, 0) == 0
    if kind is ObjectiveKind.SOURCES_INTACT:
        return not s.seats[role].ever_burned
    if kind is ObjectiveKind.PC_AT_LEAST:
        return s.seats[role].pc >= (objective.value or 0)
    if kind is ObjectiveKind.NEVER_SHARE_FULL_WITH:
        return not any(
            d.sender == role and d.to == objective.role and d.level is Level.FULL
            for d in s.deliveries
        )
    if kind is ObjectiveKind.TRUST_FROM_AT_LEAST:
        other = objective.role or ""
        return s.trust.get(other, {}).get(role, 0) >= (objective.value or 0)
    if kind is ObjectiveKind.PLOT_STOPPED:
        plot = s.plots.get(objective.plot or "")
        return plot is not None and plot.outcome is Outcome.FOILED
    return s.missing_duty.get(role, 0) == 0
