"""A per-seat, spoiler-safe replay: the game as one seat saw it, turn by turn.

For reviewing a game with a class before the reveal, so it must hold nothing the seat never saw.
It is built only from `view_for(state, Viewer.seat(role))` after each event and from the events
whose `visibility.allows` that seat, and each visible event is told by an allow-list of plain
sentences that leave out what the engine's events still carry for the facilitator (plot ids, dice,
the plot an adjudicated proposal was linked to, other seats' computer policies). Names of roles and
targets come from a public map (`public_scenario`): the scenario with every plot, inject, briefing,
objective, collection strength and trust row removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import Field

from game.debrief.fold import as_events
from game.debrief.model import DEBRIEF_FORMAT, Record
from game.describe import PHASE_TITLES, item_lines, item_title, role_name, target_name
from game.engine import GameState, Viewer, evolve, view_for
from game.engine import events as ev
from game.engine.types import Via
from game.engine.views import View
from game.scenario.schema import Scenario

SEAT_FORMAT = DEBRIEF_FORMAT


class SeatItem(Record):
    id: int
    title: str
    lines: tuple[str, ...]


class SeatPhase(Record):
    turn: int
    phase: str
    title: str
    sb: int | None = None
    pc: int | None = None
    trust: dict[str, int] = Field(default_factory=dict)
    log: tuple[str, ...] = ()
    items: tuple[SeatItem, ...] = ()


class SeatReplay(Record):
    format: int = SEAT_FORMAT
    game_id: str
    role: str
    role_name: str
    title: str
    briefing: str = ""
    objective: str = ""
    bound: bool = False
    seats: dict[str, str] = Field(default_factory=dict)
    phases: tuple[SeatPhase, ...] = ()
    scores: dict[str, dict[str, int]] | None = None


def public_scenario(sc: Scenario) -> Scenario:
    """The map every player is shown: roles' names and flags, targets, the rules. No truth."""
    roles = [r.model_copy(update={"briefing": "", "objective": None, "collection": {},
                                  "special_rules": []}) for r in sc.roles]
    meta = sc.meta.model_copy(update={"facilitator_notes": "", "summary": ""})
    return sc.model_copy(update={"roles": roles, "meta": meta, "plots": [], "injects": [],
                                 "news": [], "trust": {}, "threat_actors": [],
                                 "discussion_questions": []})


class _Builder:
    def __init__(self, role: str) -> None:
        self.role = role
        self.viewer = Viewer.seat(role)
        self.phases: list[SeatPhase] = []
        self.log: list[str] = []
        self.items: list[SeatItem] = []
        self.head: dict[str, Any] | None = None
        self.atlas: Scenario | None = None

    def name(self, role: str | None) -> str:
        assert self.atlas is not None
        return "You" if role == self.role else role_name(self.atlas, role)

    def target(self, target: str) -> str:
        assert self.atlas is not None
        return target_name(self.atlas, target)

    def close(self) -> None:
        if self.head is not None:
            self.phases.append(SeatPhase(**self.head, log=_merge_finished(self.log),
                                         items=tuple(self.items)))
        self.head, self.log, self.items = None, [], []

    def open(self, view: View) -> None:
        self.close()
        self.head = {"turn": view.turn, "phase": view.phase.value,
                     "title": PHASE_TITLES[view.phase], "sb": view.sb, "pc": view.pc,
                     "trust": dict(view.trust or {})}

    def see(self, event: ev.Event, state: GameState) -> None:
        if self.atlas is None:
            self.atlas = public_scenario(state.scenario)
        if not event.visibility.allows(self.viewer):
            return
        view = view_for(state, self.viewer)
        if isinstance(event, ev.PhaseStarted):
            self.open(view)
            return
        if self.head is None:
            self.open(view)
        line = tell(self, event)
        if line:
            self.log.append(line)
        if isinstance(event, ev.ItemDelivered) and event.holder == self.role:
            self._item(view, event.item)

    def _item(self, view: View, item_id: int) -> None:
        assert self.atlas is not None
        seen = next((i for i in view.items if i.id == item_id), None)
        if seen is not None:
            self.items.append(SeatItem(id=item_id, title=item_title(seen, self.atlas),
                                       lines=tuple(item_lines(seen, self.atlas))))


FINISHED = " finished the phase"


def _merge_finished(log: list[str]) -> tuple[str, ...]:
    """Runs of "X finished the phase" read as one line: "Finished the phase: X, You, Y"."""
    out: list[str] = []
    run: list[str] = []
    for line in [*log, ""]:
        if line.endswith(FINISHED):
            run.append(line.removesuffix(FINISHED))
            continue
        if run:
            out.append("Finished the phase: " + ", ".join(run))
            run = []
        if line:
            out.append(line)
    return tuple(out)


def seat_replay(events: Iterable[Any], role: str) -> SeatReplay:
    """The game as `role` saw it. Raises ValueError for a role the scenario does not have."""
    b = _Builder(role)
    state: GameState | None = None
    for event in as_events(events):
        state = evolve(state, event)
        if role not in state.seats:
            raise ValueError(f"there is no seat '{role}' in this game "
                             f"(seats: {', '.join(state.seats)})")
        b.see(event, state)
    b.close()
    if state is None:
        raise ValueError("the event log is empty")
    last = view_for(state, b.viewer)
    return SeatReplay(
        game_id=last.game_id, role=role, role_name=_own_name(last, role),
        title=last.title, briefing=last.briefing, objective=last.objective, bound=last.bound,
        seats={s.role: s.name for s in last.seats}, phases=tuple(b.phases), scores=last.scores,
    )  # fmt: skip


def _own_name(view: View, role: str) -> str:
    return next((s.name for s in view.seats if s.role == role), role)


_TRUST_REASONS = (("accurate warning", "an accurate warning"),
                  ("withheld warning", "a warning they withheld came to light"),
                  ("acted on item", "an item you acted on proved false"))
_ORIGINS = {Via.COLLECTION: "your own collection", Via.INJECT: "a scripted report",
            Via.FACILITATOR: "the White Cell", Via.INTERROGATION: "an interrogation"}


def tell(b: _Builder, e: ev.Event) -> str | None:
    """One sentence for an event the seat may see, from an allow-list; anything else is skipped."""
    match e:
        case ev.NewsPublished(text=text):
            return f"News: {text}"
        case ev.SeatTaken(role=role, controller=controller):
            who = "a computer player" if controller.startswith("ai:") else "a player"
            return f"{b.name(role)} {'are' if role == b.role else 'is'} played by {who}"
        case ev.SeatLeft(role=role):
            return f"{b.name(role)} left the game"
        case ev.GameStarted():
            return "The game starts"
        case ev.ItemDelivered(holder=holder, item=item, level=level, sender=sender, via=via):
            if holder != b.role:
                return None
            if sender is None:
                return f"Item #{item} arrives from {_ORIGINS.get(via, via.value)}"
            late = " (through an intermediary)" if e.degraded else ""
            return f"Item #{item} arrives from {b.name(sender)} ({level.label}){late}"
        case ev.ShareOrdered(order=o) if o.sender == b.role:
            why = f": {o.rationale}" if o.rationale else ""
            return f"You order item #{o.item} to {b.name(o.to)} at {o.level.label}{why}"
        case ev.DutyLogged(entry=d) if d.role == b.role:
            code = f" ({d.code.value})" if d.code else ""
            why = f": {d.rationale}" if d.rationale else ""
            return f"You log {d.decision.value}{code} on item #{d.item}{why}"
        case ev.DutyMissing(role=role, item=item, pc_cost=pc) if role == b.role:
            return f"No warn or waive entry for item #{item}: -{pc} PC"
        case ev.SeatSubmitted(role=role):
            return f"{b.name(role)} finished the phase"
        case ev.ItemRated(role=role, item=item, rating=rating, pc_cost=pc) if role == b.role:
            cost = f" (-{pc} PC: a rival's warning)" if pc else ""
            return f"You rate item #{item}: {rating.value}{cost}"
        case ev.ActionTaken(action=a):
            return _action(b, a)
        case ev.ProposalAnswered(action=action, success=ok):
            return f"Your proposal #{action} " + ("succeeds" if ok else "fails")
        case ev.AdvisoryIssued(role=role, target=target):
            return f"{b.name(role)} issues a public advisory about {target}"
        case ev.PhaseForced(by=by):
            return "The facilitator closes the phase" if by == "facilitator" else (
                "Time is up: the phase closes")
    return _outcomes(b, e)


def label(text: str) -> str:
    return text.replace("_", " ")


def _action(b: _Builder, a: Any) -> str | None:
    if a.role != b.role:
        return f"{b.name(a.role)} issues a public advisory for {b.target(a.target)}" if (
            a.kind.value == "advisory") else None
    what = b.target(a.target) if a.kind.value in ("harden", "advisory") else (a.target or a.text)
    cost = ", ".join(x for x in (f"{a.sb_cost} SB" if a.sb_cost else "",
                                 f"{a.pc_cost} PC" if a.pc_cost else "") if x)
    return f"You {_VERBS.get(a.kind.value, a.kind.value)} {what}" + (f" ({cost})" if cost else "")


_VERBS = {"surveil": "put under surveillance", "advisory": "issue a public advisory for",
          "propose": "propose"}


def _outcomes(b: _Builder, e: ev.Event) -> str | None:
    match e:
        case ev.AttackResolved(target=target, actor=actor, method=method, outcome=outcome,
                               casualties=cas, victim=victim):
            return (f"Attack on {b.target(target)} ({b.name(victim)}) by {actor}, {label(method)}: "
                    f"{label(outcome.value)}, casualty weight {cas}")
        case ev.SourceBurnChecked(burned=True, originator=o, region=region, until=until, item=item,
                                  actor=actor) if o == b.role:
            return (f"Your {label(region)} source is burned until turn {until} "
                    f"({b.name(actor)} acted on item #{item})")
        case ev.BlameApplied(role=role, pc=pc):
            return f"{b.name(role)} attacked after being warned: -{pc} PC"
        case ev.WithholdingChecked(exposed=True, role=role, victim=victim, pc=pc):
            return f"{b.name(role)} exposed for withholding a warning from {b.name(victim)}: -{pc} PC"
        case ev.TrustChanged(truster=truster, trusted=trusted, delta=delta, value=value,
                             reason=reason) if truster == b.role:
            why = next((text for key, text in _TRUST_REASONS if reason.startswith(key)), "")
            return f"Your trust in {b.name(trusted)} {delta:+d} = {value}" + (f" ({why})" if why else "")
        case ev.Paused():
            return "The White Cell pauses the game"
        case ev.Resumed():
            return "The White Cell resumes the game"
        case ev.DeadlineExtended(minutes=m):
            return f"The White Cell extends the deadline by {m} minutes"
        case ev.GameEnded(reason=reason):
            return f"Game over: {reason}"
        case ev.GameClosed():
            return "The game is closed"
    return None
