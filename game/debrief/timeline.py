"""The omniscient timeline: one line of plain text for every event, as the facilitator sees it."""

from __future__ import annotations

from game.debrief.fold import Step, Walk, visibility_label
from game.debrief.model import TimelineRow
from game.describe import narrate, role_name
from game.engine import events as ev
from game.engine.types import Via


def timeline(w: Walk) -> list[TimelineRow]:
    return [
        TimelineRow(seq=s.seq, turn=s.turn, phase=s.phase.value, type=s.event.type,
                    visibility=visibility_label(s.event.visibility), roles=_roles(s.event),
                    text=describe(w, s))
        for s in w.steps
    ]


def describe(w: Walk, s: Step) -> str:
    """narrate() where it has words for the event; plain words for the rest."""
    sc = w.scenario

    def name(role: str | None) -> str:
        return role_name(sc, role)

    e = s.event
    match e:
        case ev.GameCreated(game_id=gid, seed=seed):
            return f"Game {gid} created: {sc.meta.title} (seed {seed})"
        case ev.SeatTaken(role=role, player=player, controller=controller):
            who = "a computer player" if controller.startswith("ai:") else player
            policy = f" ({controller.removeprefix('ai:')} policy)" if controller.startswith("ai:") else ""
            return f"{name(role)} is played by {who}{policy}"
        case ev.SeatLeft(role=role):
            return f"{name(role)}'s player left the game"
        case ev.GameStarted():
            return "The game starts"
        case ev.ItemDelivered(sender=None, holder=holder, item=item, via=via):
            how = {Via.COLLECTION: "collection", Via.INJECT: "a scripted inject",
                   Via.FACILITATOR: "the facilitator"}.get(via, via.value)
            return f"{name(holder)} receives item #{item} from {how}"
        case ev.ShareOrdered(order=o):
            why = f" ({o.rationale})" if o.rationale else ""
            return f"{name(o.sender)} orders item #{o.item} to {name(o.to)}: {o.level.label}{why}"
        case ev.SeatSubmitted(role=role):
            return f"{name(role)} has finished the phase"
        case ev.ProposalAdjudicated(action=a, strength=st, roll=roll, success=ok):
            return f"Proposal #{a} rated {st.value}: roll {roll}, {'success' if ok else 'failure'}"
        case ev.SourceBurnChecked(burned=False, originator=o, item=item, roll=roll, threshold=th):
            return f"{name(o)}'s source behind item #{item} holds (roll {roll} > {th})"
        case ev.WithholdingChecked(exposed=False, role=role, victim=victim, roll=roll):
            return f"{name(role)}'s withholding from {name(victim)} stays hidden (roll {roll})"
        case ev.Paused():
            return "The facilitator pauses the game"
        case ev.Resumed():
            return "The facilitator resumes the game"
        case ev.DeadlineExtended(minutes=m):
            return f"The deadline is extended by {m} minutes"
        case ev.GameClosed():
            return "The game is closed"
    line = narrate(e, s.after)
    return line.removeprefix("── ").strip() if line else e.type.replace("_", " ")


def _roles(e: ev.Event) -> tuple[str, ...]:
    """The roles an event is about, for filtering a spreadsheet."""
    match e:
        case ev.ShareOrdered(order=o):
            return (o.sender, o.to)
        case ev.ItemDelivered(holder=holder, sender=sender):
            return (sender, holder) if sender else (holder,)
        case ev.DutyLogged(entry=entry):
            return (entry.role,)
        case ev.ActionTaken(action=a):
            return (a.role,)
        case ev.ItemCreated(item=item):
            return (item.originator,)
        case ev.AttackResolved(victim=victim):
            return (victim,)
        case ev.TrustChanged(truster=a, trusted=b):
            return (a, b)
        case ev.SourceBurnChecked(originator=o, actor=actor):
            return (o, actor)
        case ev.WithholdingChecked(role=role, victim=victim):
            return (role, victim)
    about = getattr(e, "role", None)
    return (about,) if isinstance(about, str) else ()
