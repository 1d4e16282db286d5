"""`wargame play`: one human seat in the terminal against computer players.

Reads plain lines from a stream, so a test can drive it with a script of moves.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console

from game.describe import PHASE_HELP, PHASE_TITLES, duty_heading, item_lines, narrate
from game.engine import (
    Actor,
    AssignComputer,
    GameError,
    GameState,
    JoinSeat,
    Phase,
    StartGame,
    Viewer,
    create_game,
    decide,
    replay,
    view_for,
)
from game.engine.events import Event
from game.runner import run_computers
from game.scenario.schema import Scenario
from game.textcmd import HELP, parse_move

ME = "terminal-player"


def setup(scenario: Scenario, role: str, seed: int, policies: dict[str, str]) -> GameState:
    state = replay(create_game(game_id="terminal", scenario=scenario, seed=seed))
    state = replay(decide(state, Actor.of(ME), JoinSeat(role=role)), state)
    for other in scenario.roles:
        if other.id != role:
            cmd = AssignComputer(role=other.id, policy=policies.get(other.id, "cooperative"))
            state = replay(decide(state, Actor.white_cell(), cmd), state)
    return replay(decide(state, Actor.white_cell(), StartGame()), state)


def show(state: GameState, role: str, console: Console) -> None:
    view = view_for(state, Viewer.seat(role))
    console.print(f"\n[bold]Turn {view.turn}/{view.turns} · {PHASE_TITLES[view.phase]}[/] · "
                  f"SB {view.sb} · PC {view.pc}")
    if view.phase in PHASE_HELP:
        console.print(PHASE_HELP[view.phase], highlight=False)
    if view.phase is Phase.BRIEFING:
        console.print(view.briefing, highlight=False, markup=False)
        if view.objective:
            console.print(f"Secret objective: {view.objective}", markup=False)
    for item in view.items:
        if item.received_turn == view.turn:
            console.print("\n".join("  " + line for line in item_lines(item,
                                                                       state.scenario)),
                          markup=False, highlight=False)
    if view.duty_pending:
        console.print(f"{duty_heading(view)}: items {list(view.duty_pending)}")
    if view.to_rate:
        console.print(f"To rate: items {list(view.to_rate)}")


def public_lines(events: list[Event], state: GameState, role: str) -> list[str]:
    """What this seat may read of what just happened (events its visibility allows)."""
    viewer = Viewer.seat(role)
    return [line for e in events if e.visibility.allows(viewer)
            and (line := narrate(e, state)) and not line.startswith("──")]


def play_in_terminal(scenario: Scenario, role: str, seed: int, policies: dict[str, str],
                     stream: TextIO, console: Console) -> GameState:
    state = setup(scenario, role, seed, policies)
    console.print(f"You play {role} in '{scenario.meta.title}' (seed {seed}). Type 'help'.")
    shown = (state.phase, state.turn)
    show(state, role, console)
    for raw in stream:
        line = raw.strip()
        if not line:
            continue
        if line in ("quit", "exit"):
            break
        if line == "help":
            console.print(HELP, markup=False)
            continue
        if line == "status":
            show(state, role, console)
            continue
        try:
            events = decide(state, Actor.of(ME), parse_move(line))
        except GameError as exc:
            console.print(f"refused: {exc.detail or exc.code.value}", markup=False)
            continue
        state = replay(events, state)
        state, more = run_computers(state)
        for text in public_lines(events + more, state, role):
            console.print(f"  {text}", markup=False, highlight=False)
        if state.over:
            break
        if (state.phase, state.turn) != shown:
            shown = (state.phase, state.turn)
            show(state, role, console)
        else:
            console.print("ok", highlight=False)
    if state.scores:
        console.print("Final scores: " + ", ".join(f"{r} {s['total']}"
                                                   for r, s in state.scores.items()))
    else:
        console.print("Game left unfinished.")
    return state
