"""An after-action section in the spirit of HSEEP: strengths, areas for improvement and an
improvement plan, pre-filled with observations the log supports, for the facilitator to finish.

Each observation names the turn, the roles and the events behind it, so that the discussion can go
back to the evidence. Corrective actions are suggestions; "responsible" and "due" are left blank.
"""

from __future__ import annotations

from game.debrief.model import (
    AfterAction,
    AuditEntry,
    Burn,
    CorrectiveAction,
    Decision,
    Hop,
    MissedSubmission,
    Observation,
    PlotReport,
    RoleAudit,
    TrustChange,
)
from game.describe import role_name, target_name
from game.scenario.schema import Scenario

SHARING = "Intelligence and Information Sharing"
INTERDICTION = "Interdiction and Disruption"
WARNING = "Public Information and Warning"
COORDINATION = "Operational Coordination"


class _Notes:
    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self.strengths: list[Observation] = []
        self.improvements: list[Observation] = []
        self.actions: list[CorrectiveAction] = []

    def name(self, role: str) -> str:
        return role_name(self.sc, role)

    def good(self, text: str, turn: int | None, roles: tuple[str, ...], evidence: tuple[int, ...]) -> None:
        self.strengths.append(Observation(text=text, turn=turn, roles=roles, evidence=evidence))

    def bad(self, text: str, turn: int | None, roles: tuple[str, ...], evidence: tuple[int, ...],
            action: str, capability: str) -> None:
        self.improvements.append(Observation(text=text, turn=turn, roles=roles, evidence=evidence,
                                             recommendation=action))
        self.actions.append(CorrectiveAction(issue=text, action=action, capability=capability))


def after_action(sc: Scenario, plots: list[PlotReport], audit: list[RoleAudit], burns: list[Burn],
                 trust: list[TrustChange], decisions: list[Decision],
                 missed: list[MissedSubmission]) -> AfterAction:
    notes = _Notes(sc)
    for plot in plots:
        _plot(notes, plot)
    for role_audit in audit:
        _audit(notes, role_audit)
    for burn in burns:
        if burn.burned:
            _burn(notes, burn)
    for change in trust:
        _trust(notes, change)
    _provocations(notes, decisions)
    for m in missed:
        names = ", ".join(notes.name(r) for r in m.roles)
        notes.bad(f"The {m.phase.replace('_', ' ')} phase of turn {m.turn} closed before {names} "
                  f"had submitted: their orders defaulted to withholding and spending nothing.",
                  m.turn, m.roles, (m.seq,), "Agree deadlines and a fallback decision-maker for "
                  "each seat before play.", COORDINATION)
    return AfterAction(strengths=tuple(notes.strengths), improvements=tuple(notes.improvements),
                       corrective_actions=tuple(notes.actions))


def _plot(notes: _Notes, p: PlotReport) -> None:
    where = target_name(notes.sc, p.target)
    if p.outcome is None:
        return
    if p.outcome == "foiled":
        mods = ", ".join(f"{m.label} {m.value:+d}" for m in p.roll.modifiers) if p.roll else ""
        notes.good(f"The {p.actor} attack on {where} in turn {p.turn} was foiled"
                   + (f" ({mods})." if mods else "."), p.turn, (p.victim,), ())
    first = p.warning.first_delivery
    late = first is None or (p.warning.first_turn is not None and first.turn > p.warning.first_turn)
    if p.outcome != "foiled" and late:
        _unwarned(notes, p)
    if first is not None and first.turn <= p.turn:
        _warned(notes, p, first)


def _outcome(p: PlotReport) -> str:
    return f"{p.outcome.replace('_', ' ') if p.outcome else 'pending'}, casualty weight {p.casualties}"


def _warned(notes: _Notes, p: PlotReport, hop: Hop) -> None:
    victim, sender = notes.name(p.victim), notes.name(hop.sender)
    rated = f"was {_past(hop.rating)}" if hop.rating else "was never rated"
    text = (f"A warning of specificity {hop.specificity} ({hop.level}, from {sender}) reached "
            f"{victim} in turn {hop.turn} and {rated}; the attack came in turn {p.turn} "
            f"({_outcome(p)}).")
    if p.outcome == "foiled" and hop.rating != "dismiss":
        notes.good(text, hop.turn, (hop.sender, p.victim), (hop.seq,))
    elif hop.rating in ("dismiss", "discount"):
        notes.bad(text, hop.turn, (hop.sender, p.victim), (hop.seq,),
                  f"Review how {victim} weighs warnings from services it distrusts; agree in "
                  "advance what a warning must contain to be acted on.", SHARING)
    elif p.outcome != "foiled":
        notes.bad(text, hop.turn, (hop.sender, p.victim), (hop.seq,),
                  f"Turn warnings into protective action: what would {victim} have needed (target, "
                  "names, timing) to stop the attack?", INTERDICTION)


def _past(rating: str | None) -> str:
    return {"accept": "accepted", "discount": "discounted", "dismiss": "dismissed"}.get(
        rating or "", "not rated")


def _unwarned(notes: _Notes, p: PlotReport) -> None:
    victim = notes.name(p.victim)
    if not p.warning.opportunities:
        notes.bad(f"No other service held intelligence on the attack on "
                  f"{target_name(notes.sc, p.target)} before it struck in turn {p.turn} "
                  f"({_outcome(p)}).", p.turn, (p.victim,), (),
                  "Review collection priorities and who covers the region the plot was run from.",
                  SHARING)
        return
    for o in p.warning.first:
        if o.delivered_turn is not None:
            continue
        notes.bad(f"{notes.name(o.holder)} held item #{o.item} (specificity {o.specificity}) about "
                  f"the attack on {victim} from turn {o.turn} and it never reached {victim}; the "
                  f"attack came in turn {p.turn} ({_outcome(p)}).", o.turn, (o.holder, p.victim), (),
                  f"Decide in advance when {notes.name(o.holder)} passes at least a warning to a "
                  "threatened state, whatever the relationship.", SHARING)


def _audit(notes: _Notes, a: RoleAudit) -> None:
    who = notes.name(a.role)
    if a.entries and not a.missing:
        notes.good(f"{who} logged a warn or waive entry for every triggering item "
                   f"({a.warned} warned, {a.waived} waived).", None, (a.role,), ())
    for e in a.entries:
        if e.status == "missing":
            _missing(notes, e)


def _missing(notes: _Notes, e: AuditEntry) -> None:
    who = notes.name(e.role)
    notes.bad(f"{who} logged no warn or waive entry for triggering item #{e.item} "
              f"(specificity {e.specificity}, threat to {notes.name(e.victim)}) in turn {e.turn}: "
              f"-{e.pc_cost} PC.", e.turn, (e.role,), (),
              f"Give {who}'s duty-to-warn officer a checklist run before sharing closes.", WARNING)


def _burn(notes: _Notes, b: Burn) -> None:
    owner = notes.name(b.originator)
    by = "its own action" if b.actor == b.originator else f"action by {notes.name(b.actor)}"
    notes.bad(f"{owner}'s {b.region} source was burned in turn {b.turn} after {by} on item "
              f"#{b.item}; no collection there until turn {b.until}.", b.turn,
              (b.originator, b.actor), (b.seq,),
              "Agree how shared intelligence may be acted on (sanitize, delay, or coordinate "
              "arrests) to protect the source.", COORDINATION)


def _trust(notes: _Notes, t: TrustChange) -> None:
    a, b = notes.name(t.truster), notes.name(t.trusted)
    if t.delta > 0:
        notes.good(f"{a}'s trust in {b} rose to {t.value} in turn {t.turn}: {t.reason}.", t.turn,
                   (t.truster, t.trusted), (t.seq,))
    else:
        notes.bad(f"{a}'s trust in {b} fell to {t.value} in turn {t.turn}: {t.reason}.", t.turn,
                  (t.truster, t.trusted), (t.seq,),
                  f"Discuss what {b} could do to rebuild {a}'s trust.", COORDINATION)


def _provocations(notes: _Notes, decisions: list[Decision]) -> None:
    for d in decisions:
        if d.kind == "rating" and d.pc:
            notes.bad(f"{notes.name(d.role)} paid {d.pc} PC in turn {d.turn} for accepting item "
                      f"#{d.item} from a service it barely trusts (the provocation effect).",
                      d.turn, (d.role,), (d.seq,),
                      "Prepare the public line for acting on a rival's warning.", WARNING)
