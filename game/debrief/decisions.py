"""Every decision with its rationale, per seat and per turn, and the facilitator's interventions.

Seats decide by sharing, logging warn/waive, rating and acting; the facilitator by injecting,
adjudicating, pausing, closing phases early and ending the game. Closing a phase early is not an
event of its own: it shows as a phase that opened while some seats had not submitted.
"""

from __future__ import annotations

from typing import Any

from game.debrief.fold import Step, Walk
from game.debrief.model import Decision, MissedSubmission
from game.describe import PHASE_TITLES, role_name, target_name
from game.engine import events as ev
from game.engine.types import SUBMIT_PHASES, Phase, Via

FACILITATOR = "facilitator"
LAST_TURN_OVER = "the last turn is over"


def decisions(w: Walk) -> list[Decision]:
    out: list[Decision] = []
    for n, s in enumerate(w.steps):
        d = _seat_decision(w, s) or _facilitator_decision(w, s, w.steps[n - 1] if n else None)
        if d is not None:
            out.append(d)
    return out


def _base(s: Step, role: str, kind: str) -> dict[str, Any]:
    return {"seq": s.seq, "turn": s.turn, "phase": s.phase.value, "role": role, "kind": kind}


def _seat_decision(w: Walk, s: Step) -> Decision | None:
    sc = w.scenario

    def name(role: str | None) -> str:
        return role_name(sc, role)

    match s.event:
        case ev.ShareOrdered(order=o):
            return Decision(**_base(s, o.sender, "share"), item=o.item, to=o.to,
                            level=o.level.label, rationale=o.rationale,
                            summary=f"item #{o.item} to {name(o.to)}: {o.level.label}")
        case ev.DutyLogged(entry=e):
            victim = w.final.items[e.item].country
            code = f" ({e.code.value})" if e.code else ""
            return Decision(**_base(s, e.role, "duty"), item=e.item, to=victim,
                            choice=e.decision.value, code=e.code.value if e.code else None,
                            rationale=e.rationale,
                            summary=f"duty to warn on item #{e.item}: {e.decision.value}{code}")
        case ev.ItemRated(role=role, item=item, rating=rating, pc_cost=pc, rationale=why):
            cost = f" (provocation: -{pc} PC)" if pc else ""
            return Decision(**_base(s, role, "rating"), item=item, choice=rating.value, pc=pc,
                            rationale=why, summary=f"rated item #{item}: {rating.value}{cost}")
        case ev.ActionTaken(action=a):
            what = target_name(sc, a.target) if a.target else ""
            linked = f" (on item {', '.join(f'#{i}' for i in a.items)})" if a.items else ""
            return Decision(**_base(s, a.role, "action"), choice=a.kind.value,
                            target=a.target or None, sb=a.sb_cost, pc=a.pc_cost,
                            rationale=" — ".join(t for t in (a.text, a.rationale) if t),
                            summary=f"{a.kind.value} {what}{linked}".replace("  ", " ").strip())
    return None


def _facilitator_decision(w: Walk, s: Step, prev: Step | None) -> Decision | None:
    sc = w.scenario
    base = _base(s, FACILITATOR, "facilitator")
    match s.event:
        case ev.ProposalAdjudicated(action=action, strength=strength, success=ok):
            who = role_name(sc, w.final.actions[action].role)
            verdict = "succeeded" if ok else "failed"
            return Decision(**{**base, "kind": "adjudication"}, choice=strength.value,
                            summary=f"rated {who}'s proposal #{action} {strength.value}: {verdict}")
        case ev.ItemCreated(item=item) if item.via is Via.FACILITATOR:
            return Decision(**base, choice="inject", item=item.id, to=item.originator,
                            rationale=item.text,
                            summary=f"injected item #{item.id} to {role_name(sc, item.originator)}")
        case ev.NewsPublished(text=text) if not _scenario_news(w, s, prev):
            return Decision(**base, choice="news", rationale=text, summary="published news")
        case ev.Paused():
            return Decision(**base, choice="pause", summary="paused the game")
        case ev.Resumed():
            return Decision(**base, choice="resume", summary="resumed the game")
        case ev.DeadlineExtended(minutes=m):
            return Decision(**base, choice="extend", summary=f"extended the deadline by {m} min")
        case ev.GameEnded(reason=reason) if reason != LAST_TURN_OVER:
            return Decision(**base, choice="end", rationale=reason, summary="ended the game")
    missed = _missed(s)
    if missed is not None:
        names = ", ".join(role_name(sc, r) for r in missed.roles)
        return Decision(**{**base, "turn": missed.turn, "phase": missed.phase}, choice="advance",
                        summary=f"closed {PHASE_TITLES[Phase(missed.phase)].lower()} before "
                                f"{names} had submitted")
    return None


def _scenario_news(w: Walk, s: Step, prev: Step | None) -> bool:
    """Scripted news is published as a turn's intelligence phase opens."""
    e = s.event
    assert isinstance(e, ev.NewsPublished)
    scripted = any(n.turn == e.turn and n.text.strip() == e.text for n in w.scenario.news)
    opening = prev is not None and (
        (isinstance(prev.event, ev.PhaseStarted) and prev.event.phase is Phase.INTEL_RECEIVED)
        or isinstance(prev.event, ev.NewsPublished)
    )
    return scripted and opening


def _missed(s: Step) -> MissedSubmission | None:
    """A phase that closed while seats had not submitted (facilitator or clock)."""
    closes = isinstance(s.event, ev.PhaseStarted) or (
        isinstance(s.event, ev.GameEnded) and s.event.reason == LAST_TURN_OVER
    )
    if not closes or s.before is None or s.before.phase not in SUBMIT_PHASES:
        return None
    waiting = tuple(r for r, seat in s.before.seats.items() if not seat.submitted)
    if not waiting:
        return None
    return MissedSubmission(seq=s.seq, turn=s.before.turn, phase=s.before.phase.value,
                            roles=waiting)


def missed_submissions(w: Walk) -> list[MissedSubmission]:
    return [m for s in w.steps if (m := _missed(s)) is not None]
