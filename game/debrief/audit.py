"""The duty-to-warn audit: for each bound role, each triggering item, warned, waived or missing.

An item "triggers" when the engine let the role log an entry for it (it refuses entries for items
that do not meet the trigger) or charged the role for logging none (`DutyMissing`). "Warned" also
says whether, and how, the warning actually reached the threatened state.
"""

from __future__ import annotations

from game.debrief.fold import Walk
from game.debrief.model import AuditEntry, Hop, RoleAudit
from game.debrief.provenance import items_created, seen_specificity
from game.engine import events as ev
from game.engine.types import Level


def duty_audit(w: Walk, all_hops: list[Hop]) -> list[RoleAudit]:
    out = []
    for role in w.scenario.duty_to_warn:
        entries = sorted(_entries(w, role, all_hops), key=lambda e: (e.turn, e.item, e.status))
        out.append(RoleAudit(
            role=role, entries=tuple(entries),
            warned=sum(e.status == "warned" for e in entries),
            waived=sum(e.status == "waived" for e in entries),
            missing=sum(e.status == "missing" for e in entries),
            pc_lost=sum(e.pc_cost for e in entries),
        ))  # fmt: skip
    return out


def _entries(w: Walk, role: str, all_hops: list[Hop]) -> list[AuditEntry]:
    truth = items_created(w)
    logged: dict[int, ev.DutyLogged] = {}
    out: list[AuditEntry] = []
    for s in w.steps:
        e = s.event
        if isinstance(e, ev.DutyLogged) and e.entry.role == role:
            logged[e.entry.item] = e  # a later entry for the same item replaces the earlier one
        elif isinstance(e, ev.DutyMissing) and e.role == role:
            item = truth[e.item][1]
            out.append(AuditEntry(
                role=role, item=e.item, status="missing", turn=s.turn, victim=item.country,
                delivered=_reached(all_hops, role, item.country, e.item, s.turn),
                specificity=_held_specificity(w, role, e.item), plot=item.plot,
                decoy=item.is_decoy, pc_cost=e.pc_cost,
            ))  # fmt: skip
    for item_id, logged_event in logged.items():
        entry = logged_event.entry
        item = truth[item_id][1]
        out.append(AuditEntry(
            role=role, item=item_id, status="warned" if entry.decision.value == "warn" else "waived",
            turn=entry.turn, code=entry.code.value if entry.code else None,
            rationale=entry.rationale, victim=item.country,
            delivered=_reached(all_hops, role, item.country, item_id, entry.turn),
            specificity=_held_specificity(w, role, item_id), plot=item.plot, decoy=item.is_decoy,
        ))  # fmt: skip
    return out


def _reached(all_hops: list[Hop], role: str, victim: str, item: int, turn: int) -> Hop | None:
    return next((h for h in all_hops
                 if (h.sender, h.to, h.item) == (role, victim, item) and h.turn >= turn), None)


def _held_specificity(w: Walk, role: str, item_id: int) -> int:
    holding = w.final.held(role, item_id)
    level = holding.level if holding else Level.FULL
    return seen_specificity(w, w.final.items[item_id], level)
