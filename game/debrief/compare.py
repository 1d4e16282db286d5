"""What a counterfactual changed: the original and the fork side by side (casualties, scores, trust).

`compare` is pure; `render_comparison` gives the Markdown written as `comparison.md` beside the
fork's `events.jsonl`.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.debrief.model import DEBRIEF_FORMAT, Record
from game.debrief.script import describe_command
from game.debrief.text import md
from game.debrief.whatif import Fork
from game.describe import role_name, target_name
from game.engine import Command, Event, GameState, replay, state_digest
from game.engine import events as ev
from game.engine.scoring import final_scores


class Attack(Record):
    plot: str
    turn: int
    target: str
    victim: str
    outcome: str
    casualties: int


class Side(Record):
    digest: str
    events: int
    attacks: tuple[Attack, ...]
    casualties: dict[str, int]
    total_casualties: int
    scores: dict[str, dict[str, int]]
    trust: dict[str, dict[str, int]]
    pc: dict[str, int]


class SkippedDecision(Record):
    seq: int
    role: str | None
    command: str
    reason: str


class Comparison(Record):
    format: int = DEBRIEF_FORMAT
    game_id: str
    seed: int
    title: str
    at: int
    role: str
    command: str
    computers: str
    stand_in: str
    identical: bool
    original: Side
    fork: Side
    skipped: tuple[SkippedDecision, ...] = ()
    stand_ins: tuple[str, ...] = ()


def side(state: GameState, events: Sequence[Event]) -> Side:
    attacks = tuple(
        Attack(plot=e.plot, turn=e.turn, target=e.target, victim=e.victim,
               outcome=e.outcome.value, casualties=e.casualties)
        for e in events if isinstance(e, ev.AttackResolved)
    )  # fmt: skip
    return Side(
        digest=state_digest(state), events=len(events), attacks=attacks,
        casualties=dict(state.casualties), total_casualties=sum(state.casualties.values()),
        scores=state.scores or final_scores(state),
        trust={a: dict(row) for a, row in state.trust.items()},
        pc={r: seat.pc for r, seat in state.seats.items()},
    )  # fmt: skip


def compare(events: Sequence[Event], f: Fork, *, at: int, command: Command) -> Comparison:
    original = replay(events)
    a, b = side(original, events), side(f.state, f.events)
    return Comparison(
        game_id=original.game_id, seed=original.seed, title=original.scenario.meta.title, at=at,
        role=f.role, command=describe_command(command), computers=f.computers,
        stand_in=f.stand_in, identical=a.digest == b.digest, original=a, fork=b,
        skipped=tuple(SkippedDecision(seq=s.seq, role=s.role, command=s.command, reason=s.reason)
                      for s in f.skipped),
        stand_ins=tuple(f.stand_ins),
    )  # fmt: skip


def _delta(a: int, b: int) -> str:
    return f"{b - a:+d}" if b != a else "="


def render_comparison(c: Comparison, state: GameState) -> str:
    """Markdown; `state` (either side's) supplies role and target names."""
    sc = state.scenario
    name = {r.id: role_name(sc, r.id) for r in sc.roles}
    o, f = c.original, c.fork
    out = [f"# What if: {md(c.title)}", "",
           f"Game `{c.game_id}` (seed {c.seed}) forked before event {c.at}: **{name.get(c.role, c.role)}** "
           f"decides `{md(c.command)}`. Computer seats after the fork: {c.computers}; "
           f"seats left waiting played by the {c.stand_in} policy.", ""]
    if c.identical:
        out += ["The fork reaches exactly the original game (same state digest): this decision "
                "changed nothing.", ""]
    out += ["## Attacks", "", "| Plot | Turn | Target | Victim | Original | What if |",
            "|---|---|---|---|---|---|"]
    fork_by = {x.plot: x for x in f.attacks}
    for x in o.attacks:
        y = fork_by.pop(x.plot, None)
        after = f"{y.outcome.replace('_', ' ')} ({y.casualties}), turn {y.turn}" if y else "did not happen"
        out.append(f"| `{x.plot}` | {x.turn} | {md(target_name(sc, x.target))} | {name[x.victim]} | "
                   f"{x.outcome.replace('_', ' ')} ({x.casualties}) | {after} |")
    for y in fork_by.values():
        out.append(f"| `{y.plot}` | {y.turn} | {md(target_name(sc, y.target))} | {name[y.victim]} | "
                   f"did not happen | {y.outcome.replace('_', ' ')} ({y.casualties}) |")
    out += ["", f"Total casualty weight: {o.total_casualties} → {f.total_casualties} "
            f"({_delta(o.total_casualties, f.total_casualties)})", "",
            "## Seats (original → what if)", "", "| Seat | Casualties | PC | Score | Change |",
            "|---|---|---|---|---|"]
    for r in name:
        was, now = o.scores[r]["total"], f.scores[r]["total"]
        out.append(f"| {name[r]} | {o.casualties.get(r, 0)} → {f.casualties.get(r, 0)} | "
                   f"{o.pc.get(r, 0)} → {f.pc.get(r, 0)} | {was} → {now} | {_delta(was, now)} |")
    out += ["", "## Trust at the end", ""]
    changed = [(a, b) for a in o.trust for b in o.trust[a] if o.trust[a][b] != f.trust[a].get(b)]
    out += [f"- {name[a]} → {name[b]}: {o.trust[a][b]} → {f.trust[a][b]}" for a, b in changed] or [
        "- unchanged"]
    out += ["", "## Original decisions that no longer applied", ""]
    out += [f"- event {s.seq} ({name.get(s.role or '', 'White Cell')}): `{md(s.command)}`: {md(s.reason)}"
            for s in c.skipped] or ["- none"]
    if c.stand_ins:
        out += ["", "## Seats played by a stand-in policy", ""] + [f"- {md(x)}" for x in c.stand_ins]
    out += ["", f"Digests: original `{o.digest}`, fork `{f.digest}`", ""]
    return "\n".join(out) + "\n"
