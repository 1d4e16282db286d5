"""What changed over time: trust, political capital, budget, burned sources, casualties.

Snapshots are taken at the start of the game and at the end of every turn played (the moment the
next turn's intelligence phase opens, or the last event), so charts have one point per turn.
"""

from __future__ import annotations

from game.debrief.fold import Step, Walk
from game.debrief.model import Burn, CasualtyPoint, PCChange, ResourcePoint, TrustChange, TrustSnapshot
from game.describe import role_name, target_name
from game.engine import GameState
from game.engine import events as ev
from game.engine.types import Phase
from game.scenario.schema import Scenario


def turn_ends(w: Walk) -> list[tuple[int, GameState]]:
    """(turn, state at its end) for every turn played, turn 0 being the start of the game."""
    ends: list[tuple[int, GameState]] = [(0, w.steps[0].after)]
    for s in w.steps:
        e = s.event
        opens_turn = isinstance(e, ev.PhaseStarted) and e.phase is Phase.INTEL_RECEIVED
        if opens_turn and s.before is not None and s.before.turn >= 1:
            ends.append((s.before.turn, s.before))
    last = w.final
    if last.turn >= 1 and (not ends or ends[-1][0] != last.turn):
        ends.append((last.turn, last))
    return ends


def trust_snapshots(w: Walk) -> list[TrustSnapshot]:
    return [
        TrustSnapshot(label="start" if turn == 0 else f"end of turn {turn}", turn=turn,
                      matrix={a: dict(sorted(row.items())) for a, row in sorted(state.trust.items())})
        for turn, state in turn_ends(w)
    ]


def trust_changes(w: Walk) -> list[TrustChange]:
    return [
        TrustChange(seq=s.seq, turn=s.turn, truster=e.truster, trusted=e.trusted, delta=e.delta,
                    value=e.value, reason=e.reason)
        for s in w.of(ev.TrustChanged) if isinstance(e := s.event, ev.TrustChanged)
    ]


def resources(w: Walk) -> list[ResourcePoint]:
    sc = w.scenario
    out = []
    for turn, state in turn_ends(w):
        for role in sc.roles:
            spent = sum(a.sb_cost for a in state.actions.values()
                        if a.role == role.id and a.turn == turn)
            out.append(ResourcePoint(turn=turn, role=role.id, pc=state.seats[role.id].pc,
                                     sb_budget=role.security_budget if turn else 0, sb_spent=spent))
    return out


def pc_changes(w: Walk) -> list[PCChange]:
    """Every gain or loss of political capital, with the rule that caused it."""
    out = []
    for s in w.steps:
        change = _pc_change(w.scenario, s)
        if change is not None:
            role, delta, reason = change
            out.append(PCChange(seq=s.seq, turn=s.turn, role=role, delta=delta, reason=reason))
    return out


def _pc_change(sc: Scenario, s: Step) -> tuple[str, int, str] | None:
    match s.event:
        case ev.DutyMissing(role=role, item=item, pc_cost=pc) if pc:
            return role, -pc, f"no warn/waive entry for triggering item #{item}"
        case ev.ItemRated(role=role, item=item, pc_cost=pc) if pc:
            return role, -pc, f"accepted item #{item} from a sender it barely trusts (provocation)"
        case ev.ActionTaken(action=a) if a.pc_cost:
            where = target_name(sc, a.target) if a.target else ""
            return a.role, -a.pc_cost, f"{a.kind.value} {where}".strip()
        case ev.BlameApplied(role=role, pc=pc, reason=reason, plot=plot) if pc:
            return role, -pc, f"{reason} ({plot})"
        case ev.WithholdingChecked(role=role, pc=pc, exposed=True, victim=victim, plot=plot) if pc:
            return role, -pc, f"exposed for withholding from {role_name(sc, victim)} before {plot}"
    return None


def burns(w: Walk) -> list[Burn]:
    return [
        Burn(seq=s.seq, turn=s.turn, originator=e.originator, region=e.region, until=e.until,
             item=e.item, actor=e.actor, roll=e.roll, threshold=e.threshold, burned=e.burned)
        for s in w.of(ev.SourceBurnChecked) if isinstance(e := s.event, ev.SourceBurnChecked)
    ]


def casualties(w: Walk) -> list[CasualtyPoint]:
    """Casualty weight per turn per role, zeros included, so every chart has the same axes."""
    sc = w.scenario
    played = max(w.final.turn, 1)
    totals = {(t, r.id): 0 for t in range(1, played + 1) for r in sc.roles}
    for s in w.of(ev.AttackResolved):
        e = s.event
        assert isinstance(e, ev.AttackResolved)
        totals[(e.turn, e.victim)] = totals.get((e.turn, e.victim), 0) + e.casualties
    return [CasualtyPoint(turn=t, role=r, weight=v) for (t, r), v in sorted(totals.items())]


def final_scores(w: Walk) -> dict[str, dict[str, int]] | None:
    ended = [s.event for s in w.of(ev.GameEnded)]
    if not ended:
        return None
    scores = ended[-1].scores  # type: ignore[attr-defined]
    return {role: dict(parts) for role, parts in scores.items()}
