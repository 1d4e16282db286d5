"""build_debrief(events) -> Debrief: the whole debrief as a pure function of the event log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from game.debrief import aar, audit, decisions, provenance, series
from game.debrief.fold import Walk, as_events, walk
from game.debrief.model import Debrief, GameInfo, RoleInfo, TargetInfo
from game.debrief.timeline import timeline
from game.engine import events as ev
from game.engine import state_digest


def build_debrief(events: Iterable[Any]) -> Debrief:
    """Everything hidden, revealed. Accepts engine events or stored rows carrying `.event`."""
    w = walk(as_events(events))
    hops = provenance.hops(w)
    plots = provenance.plot_reports(w, hops)
    duty = audit.duty_audit(w, hops)
    trust_changes = series.trust_changes(w)
    burns = series.burns(w)
    choices = decisions.decisions(w)
    missed = decisions.missed_submissions(w)
    return Debrief(
        game=game_info(w),
        plots=tuple(plots),
        items=tuple(provenance.item_records(w, hops)),
        decisions=tuple(choices),
        audit=tuple(duty),
        trust=tuple(series.trust_snapshots(w)),
        trust_changes=tuple(trust_changes),
        resources=tuple(series.resources(w)),
        pc_changes=tuple(series.pc_changes(w)),
        burns=tuple(burns),
        casualties=tuple(series.casualties(w)),
        missed_submissions=tuple(missed),
        scores=series.final_scores(w),
        questions=tuple(w.scenario.discussion_questions),
        after_action=aar.after_action(w.scenario, plots, duty, burns, trust_changes, choices,
                                      missed),
        timeline=tuple(timeline(w)),
    )


def game_info(w: Walk) -> GameInfo:
    s = w.final
    sc = s.scenario
    ended = [e for e in (x.event for x in w.of(ev.GameEnded)) if isinstance(e, ev.GameEnded)]
    roles = tuple(
        RoleInfo(id=r.id, name=r.name, flag=r.flag, player=s.seats[r.id].player,
                 controller=s.seats[r.id].controller, bound=r.id in sc.duty_to_warn,
                 objective=r.objective.text if r.objective else "")
        for r in sc.roles
    )
    targets = tuple(
        TargetInfo(id=t.id, name=t.name, city=t.city, target_class=t.target_class,
                   territory=t.territory)
        for t in sc.targets
    )
    return GameInfo(
        game_id=s.game_id, seed=s.seed, title=sc.meta.title, summary=sc.meta.summary,
        fictional=sc.meta.fictional, turns=sc.turns, turns_played=s.turn, phase=s.phase.value,
        end_reason=ended[-1].reason if ended else None, casualty_threshold=sc.casualty_threshold,
        total_casualties=sum(s.casualties.values()), roles=roles, targets=targets,
        facilitator_notes=sc.meta.facilitator_notes,
        sources=tuple(src.title + (f" ({src.url})" if src.url else "") for src in sc.meta.sources),
        events=len(w.steps), state_digest=state_digest(s),
    )  # fmt: skip
