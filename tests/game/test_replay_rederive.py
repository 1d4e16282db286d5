"""`wargame replay` re-derives a log: every event must follow from the game's seed and the
commands the log records, so an edited die, outcome or score fails even with a recomputed digest."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from game.cli import app
from game.engine import (
    Act,
    ActionKind,
    Actor,
    Adjudicate,
    Advance,
    AssignComputer,
    CloseGame,
    Command,
    Done,
    DutyDecision,
    EndGame,
    Event,
    ExtendDeadline,
    GameState,
    InjectItem,
    InjectNews,
    JoinSeat,
    LeaveSeat,
    Level,
    LogDuty,
    Pause,
    Phase,
    Rate,
    Rating,
    Resume,
    Share,
    StartGame,
    Strength,
    Waiver,
    create_game,
    replay,
    state_digest,
    step,
)
from game.eventlog import read_log, verify, write_log
from game.rederive import rederive
from game.runner import play_game, run_computers
from game.scenario import load_scenario
from tests.debrief.games import golden_game

runner = CliRunner()
WC = Actor.white_cell("fac")
ANA = Actor.of("ana")


class Timed:
    """A game driven as the service drives it: every command stamped with the clock's time, the
    computer seats answering at that time."""

    def __init__(self, seed: int) -> None:
        self.events: list[Event] = create_game(game_id="timed", scenario=load_scenario("tutorial"),
                                               seed=seed, facilitator="fac")
        self.state: GameState = replay(self.events)
        self.now = 1_700_000_000.25

    def do(self, actor: Actor, command: Command, *, later: float = 37.5) -> None:
        self.now += later
        new, self.state = step(self.state, actor, replace(command, at=self.now))
        self.events.extend(new)
        self.state, more = run_computers(self.state, at=self.now)
        self.events.extend(more)

    def until(self, turn: int, phase: Phase) -> None:
        while (self.state.turn, self.state.phase) != (turn, phase):
            self.do(ANA, Done())


def timed_game() -> list[Event]:
    """Every kind of command the log can record: seats taken by a person and by computers, shares,
    duty entries, ratings, actions, an adjudication, pause, resume, extensions (running and
    paused), a clock deadline, a forced advance, injects of an item, a decoy and news, a seat left,
    the end and the close."""
    g = Timed(31)
    g.do(ANA, JoinSeat(role="aurelia"))
    g.do(WC, AssignComputer(role="borovia", policy="hawk"))
    g.do(WC, AssignComputer(role="caldera", policy="duty"))
    g.do(WC, StartGame())
    g.until(1, Phase.SHARING)
    g.do(ANA, Share(item=1, to="borovia", level=Level.WARNING, rationale="lives first"))
    g.do(ANA, LogDuty(item=1, decision=DutyDecision.WAIVE, code=Waiver.U, rationale="source"))
    g.do(WC, Pause(), later=61.0)
    g.do(WC, ExtendDeadline(minutes=3))
    g.do(WC, Resume(), later=400.0)
    g.do(WC, ExtendDeadline(minutes=2))
    g.do(Actor.clock(), Advance(phase="sharing", turn=1, deadline=g.state.deadline),
         later=g.state.deadline - g.now)
    g.do(WC, InjectItem(recipient="aurelia", specificity=4, plot="lantern", text="a call"))
    g.do(WC, InjectItem(recipient="aurelia", specificity=2, target="aurel_central_station"))
    g.do(WC, InjectNews(text="Markets fall on rumours"))
    g.do(ANA, Act(action=ActionKind.PROPOSE, text="ask the steppe police"))
    (proposal,) = [a for a in g.state.turn_actions("aurelia") if a.kind is ActionKind.PROPOSE]
    g.do(WC, Adjudicate(action=proposal.id, strength=Strength.STRONG, plot="lantern"))
    g.do(ANA, Act(action=ActionKind.ADVISORY, target="aurel_festival_grounds"))
    g.do(WC, Advance())
    g.until(2, Phase.RESPONSE)
    received = [h.item for h in g.state.holdings["aurelia"].values() if h.sender]
    assert received, "a partner shared something with Aurelia by turn 2"
    g.do(ANA, Rate(item=received[0], rating=Rating.DISCOUNT))
    g.do(WC, Pause())
    g.do(ANA, LeaveSeat())  # while paused, or the computers would play the game out
    g.do(WC, EndGame(reason="out of time"))
    g.do(WC, CloseGame())
    return g.events


@pytest.fixture(scope="module")
def timed() -> list[Event]:
    return timed_game()


def test_a_timed_game_with_every_kind_of_command_re_derives(timed: list[Event]) -> None:
    kinds = {e.type for e in timed}
    assert {"paused", "resumed", "deadline_extended", "phase_forced", "proposal_adjudicated",
            "news_published", "advisory_issued", "game_ended", "game_closed"} <= kinds
    assert any(e.type == "phase_started" and e.deadline for e in timed)  # type: ignore[attr-defined]
    assert any(e.type == "item_rated" for e in timed) and any(e.type == "seat_left" for e in timed)
    assert rederive(timed) == []


def test_the_debriefs_golden_game_and_computer_games_re_derive() -> None:
    assert rederive(golden_game()) == []
    tutorial = load_scenario("tutorial")
    for seed, policy in enumerate(("cooperative", "hawk", "duty", "random")):
        assert rederive(play_game(tutorial, seed, default=policy)[1]) == [], policy


def _demo_log(tmp_path: Path) -> Path:
    out = tmp_path / "demo"
    assert runner.invoke(app, ["demo", "--seed", "7", "--out", str(out), "-q"]).exit_code == 0
    return out / "events.jsonl"


def _edit(log: Path, kind: str, change: dict[str, object], *, redigest: bool) -> int:
    """Change the first `kind` event of the log; with `redigest`, write the digest the edited
    log folds to, as a forger would. Returns the edited event's number."""
    lines = log.read_text().splitlines()
    n = next(i for i, line in enumerate(lines) if json.loads(line)["type"] == kind)
    lines[n] = json.dumps({**json.loads(lines[n]), **change})
    log.write_text("\n".join(lines) + "\n")
    if redigest:
        events, _ = read_log(log)
        write_log(log, events, replay(events))
    return n + 1


def test_edited_dice_fail_the_replay_though_the_digest_is_unchanged(tmp_path: Path) -> None:
    """The dice of an attack are not part of the state: before re-deriving, this edit passed."""
    log = _demo_log(tmp_path)
    digest_before = json.loads(log.read_text().splitlines()[-1])["state_digest"]
    n = _edit(log, "attack_rolled", {"dice": [1, 1]}, redigest=False)
    events, _ = read_log(log)
    assert state_digest(replay(events)) == digest_before  # the fold alone cannot tell
    result = runner.invoke(app, ["replay", str(log)])
    assert result.exit_code == 1
    assert f"event {n} (attack_rolled): the log says dice is [1, 1]" in result.output
    assert "Traceback" not in result.output


def test_an_edited_outcome_with_a_recomputed_digest_fails(tmp_path: Path) -> None:
    log = _demo_log(tmp_path)
    n = _edit(log, "attack_resolved", {"outcome": "carried_out", "casualties": 9}, redigest=True)
    events, checkpoints = read_log(log)
    assert checkpoints[-1].digest == state_digest(replay(events))  # the forger's digest holds
    result = runner.invoke(app, ["replay", str(log)])
    assert result.exit_code == 1
    assert (f"event {n} (attack_resolved): the log says outcome is 'carried_out', but the seed "
            "and the commands before it give 'foiled'") in result.output


def test_edited_scores_fail(tmp_path: Path) -> None:
    log = _demo_log(tmp_path)
    events, _ = read_log(log)
    scores = {role: {**s, "total": 99} for role, s in events[-1].scores.items()}  # type: ignore[attr-defined]
    n = _edit(log, "game_ended", {"scores": scores}, redigest=True)
    _, problems = verify(*read_log(log))
    assert problems and problems[0].startswith(f"event {n} (game_ended): the log says scores")


def test_an_inserted_event_follows_from_no_command(tmp_path: Path) -> None:
    log = _demo_log(tmp_path)
    lines = log.read_text().splitlines()
    n = next(i for i, line in enumerate(lines) if json.loads(line)["type"] == "trust_changed")
    lines.insert(n, lines[n])
    log.write_text("\n".join(lines) + "\n")
    _, problems = verify(*read_log(log))
    assert problems[0] == (f"event {n + 2} (trust_changed) follows from no command: the engine "
                           "does not derive it from what comes before it")


def test_a_dropped_derived_event_is_caught(tmp_path: Path) -> None:
    """Removing the blame or the burn that a command caused leaves the engine's derivation ahead
    of the log."""
    log = _demo_log(tmp_path)
    lines = [line for line in log.read_text().splitlines()
             if json.loads(line)["type"] != "attack_rolled"]
    log.write_text("\n".join(lines) + "\n")
    _, problems = verify(*read_log(log))
    assert problems and "where the engine derives attack_rolled" in problems[0]


def test_a_recorded_command_the_engine_refuses_is_caught(tmp_path: Path) -> None:
    """An order edited into one the rules forbid (sharing an item one does not hold)."""
    log = _demo_log(tmp_path)
    order = next(json.loads(line)["order"] for line in log.read_text().splitlines()
                 if json.loads(line)["type"] == "share_ordered")
    n = _edit(log, "share_ordered", {"order": {**order, "item": 999}}, redigest=False)
    _, problems = verify(*read_log(log))
    assert problems[0] == f"event {n} (share_ordered): the engine refuses the command it records " \
                          "(unknown_item)"


def test_a_log_that_does_not_start_with_a_game_is_refused(timed: list[Event]) -> None:
    assert rederive(timed[1:]) == ["the log does not begin with the creation of a game"]
