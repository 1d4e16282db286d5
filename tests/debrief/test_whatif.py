"""Counterfactuals: fork a logged game, change one decision, replay the rest with the same seed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.debrief.compare import compare, render_comparison
from game.debrief.script import ScriptError, reconstruct
from game.debrief.whatif import WhatIfError, fork
from game.engine import Act, Done, Level, LogDuty, Phase, Rate, Share, replay, state_digest, step
from game.engine import events as ev
from tests.debrief.games import computer_game, golden_game

HAWKS = {"aurelia": "hawk", "borovia": "cooperative", "caldera": "hawk"}


@pytest.fixture(scope="module")
def golden():
    return golden_game()


DECISIONS = (Share, LogDuty, Rate, Act, Done)


def _seat_moves(events, every: int):
    return [m for m in reconstruct(events) if isinstance(m.command, DECISIONS)][::every]


@pytest.mark.parametrize("game", ["golden", "computers"])
def test_replacing_a_decision_with_itself_reproduces_the_original_digest(game, golden):
    """Whatever the decision (a share, a duty entry, a rating, an action, 'done'), a human's or a
    computer's, forking with the very same decision gives back the very same game."""
    events = golden if game == "golden" else computer_game(5, HAWKS)
    original = state_digest(replay(events))
    for move in _seat_moves(events, 4):
        result = fork(events, at=move.seq, role=move.role, command=move.command)
        assert state_digest(result.state) == original, move
        assert result.events == list(events) and result.skipped == []


def test_replaying_computers_orders_verbatim_also_reproduces_the_game():
    events = computer_game(9, HAWKS)
    move = _seat_moves(events, 7)[3]
    result = fork(events, at=move.seq, role=move.role, command=move.command, computers="replay")
    assert state_digest(result.state) == state_digest(replay(events))


def test_the_script_rebuilds_forced_advances_and_facilitator_moves(golden):
    kinds = {type(m.command).__name__ for m in reconstruct(golden)}
    assert {"Advance", "InjectNews", "InjectItem", "JoinSeat", "AssignComputer", "Share",
            "LogDuty", "Rate", "Act", "Done"} <= kinds


def test_a_log_the_rules_cannot_reproduce_is_refused_with_its_event_number(golden):
    n, rolled = next((n, e) for n, e in enumerate(golden) if isinstance(e, ev.AttackRolled))
    tampered = [*golden[:n], replace(rolled, dice=(6, 6)), *golden[n + 1:]]
    with pytest.raises(ScriptError, match=r"event \d+ .*"):
        reconstruct(tampered)


def _first_of(events, phase: Phase, turn: int) -> int:
    return next(n for n, e in enumerate(events, start=1)
                if isinstance(e, ev.PhaseStarted) and (e.phase, e.turn) == (phase, turn)) + 1


def test_a_decision_the_engine_refuses_at_that_point_says_why_and_what_to_do(golden):
    at = _first_of(golden, Phase.RESPONSE, 1)
    with pytest.raises(WhatIfError, match=r"refuses 'share 1 to borovia full'.*wrong_phase"):
        fork(golden, at=at, role="aurelia", command=Share(item=1, to="borovia", level=Level.FULL))
    with pytest.raises(WhatIfError, match="no event 9999"):
        fork(golden, at=9999, role="aurelia", command=Done())


def _lantern_fork(seed: int):
    """Aurelia (hawk) withholds from Borovia; what if she shared her freshest item on the
    Vostograd plot in full, in the sharing phase before the attack?"""
    events = computer_game(seed, HAWKS)
    fresh = [e.item for e in events if isinstance(e, ev.ItemCreated) and e.item.plot == "lantern"
             and e.item.originator == "aurelia" and e.item.turn >= 2 and e.item.window[1] >= 3]
    if not fresh:
        return None
    command = Share(item=fresh[-1].id, to="borovia", level=Level.FULL)
    result = fork(events, at=_first_of(events, Phase.SHARING, 3), role="aurelia", command=command)
    before = next(e for e in events if isinstance(e, ev.AttackResolved) and e.plot == "lantern")
    after = next(e for e in result.events if isinstance(e, ev.AttackResolved) and e.plot == "lantern")
    return before.casualties, after.casualties


def test_warning_the_victim_in_full_before_the_attack_saves_lives_over_200_seeds():
    """Same seeds, same dice: only the shared item differs. The victim (a cooperative computer
    seat) hardens the named targets and watches the named suspects, so casualties fall."""
    pairs = [p for seed in range(200) if (p := _lantern_fork(seed)) is not None]
    assert len(pairs) >= 80
    before, after = sum(b for b, _ in pairs), sum(a for _, a in pairs)
    better = sum(a < b for b, a in pairs)
    worse = sum(a > b for b, a in pairs)
    assert after < 0.8 * before, (before, after)  # 425 -> 260 when written
    assert better > 2 * max(worse, 1), (better, worse)  # 28 better, 5 worse (a public advisory
    # may make Red switch to the other concert venue)


def test_the_comparison_sets_original_and_fork_side_by_side(golden):
    at = _first_of(golden, Phase.SHARING, 3)
    command = Share(item=11, to="borovia", level=Level.FULL, rationale="what if | <i>")
    result = fork(golden, at=at, role="aurelia", command=command)
    c = compare(golden, result, at=at, command=command)
    assert not c.identical and c.original.digest != c.fork.digest
    assert set(c.fork.scores) == {"aurelia", "borovia", "caldera"}
    text = render_comparison(c, result.state)
    assert "share 11 to borovia full what if \\| \\<i\\>" in text
    assert "| `lantern` | 3 | Vostograd Concert Hall |" in text


def test_a_game_on_the_clock_is_rebuilt_with_its_deadlines():
    """The log holds deadlines, not the clock that set them: the script works the clock out
    (phase openings, a pause, a resume, an extension and a deadline that expired)."""
    from game.engine import Actor, Advance, AssignComputer, ExtendDeadline, JoinSeat, Pause, Resume, StartGame
    from game.runner import run_computers
    from tests.debrief.games import ANA, WC, Driver

    g = Driver.new(11, game_id="clock")
    clock = iter(range(1_000, 100_000, 37))

    def do(actor, command):
        at = float(next(clock))
        new, g.state = step(g.state, actor, replace(command, at=at))
        g.events.extend(new)
        g.state, more = run_computers(g.state, at)
        g.events.extend(more)

    do(ANA, JoinSeat(role="caldera"))
    for role in ("aurelia", "borovia"):
        do(WC, AssignComputer(role=role, policy="duty"))
    do(WC, StartGame())
    do(ANA, Done())
    do(WC, Pause())
    do(WC, ExtendDeadline(minutes=5))
    do(WC, Resume())
    do(WC, ExtendDeadline(minutes=2))
    do(ANA, Done())
    do(Actor.clock(), Advance(phase=g.state.phase.value, turn=g.state.turn))
    while not g.state.over:
        do(ANA, Done())
    assert any(getattr(e, "deadline", None) for e in g.events)
    moves = reconstruct(g.events)
    assert sum(m.command.at is not None for m in moves) > 5
    share = next(m for m in moves if isinstance(m.command, Done) and m.role == "caldera" and m.turn == 2)
    result = fork(g.events, at=share.seq, role="caldera", command=Done())
    assert state_digest(result.state) == state_digest(replay(g.events))


def test_recorded_decisions_follow_their_item_when_the_fork_renumbers_items():
    """A public advisory may make Red delay: the fork then collects an extra item, every later
    item gets a new number, and the recorded orders about those items still reach the same items."""
    from game.engine import ActionKind

    advisory = Act(action=ActionKind.ADVISORY, target="solano_ferry_terminal")
    policies = {"aurelia": "duty", "borovia": "cooperative", "caldera": "cooperative"}
    for seed in range(60):
        events = computer_game(seed, policies)
        at = _first_of(events, Phase.RESPONSE, 1)
        result = fork(events, at=at, role="caldera", command=advisory, computers="replay")
        moved = {old: new for old, new in result.items.items() if old != new}
        if moved:
            break
    else:
        pytest.fail("no seed in 0..59 renumbers items after an advisory: pick another change")
    assert result.skipped == []
    orig = {e.item.id: e.item for e in events if isinstance(e, ev.ItemCreated)}
    fork_items = {e.item.id: e.item for e in result.events if isinstance(e, ev.ItemCreated)}
    back = {new: old for old, new in moved.items()}
    shares = [e.order for e in result.events
              if isinstance(e, ev.ShareOrdered) and e.order.item in back]
    assert shares and all(fork_items[o.item].plot == orig[back[o.item]].plot for o in shares)
