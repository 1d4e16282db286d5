"""A database full of live games, built quickly and exactly as the service would have written it.

Playing 10,000 games through `GameService.handle` one command at a time would take minutes, so a
few dozen *template* games are played through the real service (every row it writes is the
service's own), each stopped at a different point of the game, and then copied under new game ids,
channels and player ids with plain SQL. What changes in a copy is only those ids: the events'
JSON has them substituted, and each copy's snapshot is the template's snapshot with its ids
replaced in the stored values, packed again (so its digest is right). Nothing else in a game
depends on its id.

Every game is a solo game of the 5-role historical scenario: one human seat (the first role), four
computer players, the human part-way through the game.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.players import HumanScript
from game.engine import (
    Actor,
    AssignComputer,
    Done,
    GameError,
    GameState,
    JoinSeat,
    StartGame,
    create_game,
    replay,
    step,
)
from game.runner import run_computers
from game.scenario import Scenario, load_scenario
from game.service import GameService
from game.store import snapshot as snap
from game.store.migrate import upgrade

SCENARIO = "crocus-2024"
T0 = 1_800_000_000.0
GUILD = "500000000000000001"
FACILITATOR = "500000000000000002"
WHITE_CELL = Actor.white_cell(FACILITATOR)
_TEMPLATE_USER = 700_000_000_000_000_000
_COPY_USER = 800_000_000_000_000_000
_CHANNEL = 600_000_000_000_000_000
_GAME_COLUMNS = ("id, guild_id, channel_id, scenario, seed, phase, facilitator_id, created_at, "
                 "ended_at, seq, deadline, deadline_phase, deadline_turn")
_EVENT_COLUMNS = "game_id, seq, type, visibility, payload, command_id, created_at"


@dataclass(frozen=True)
class Population:
    url: str
    path: Path
    scenario: Scenario
    role: str  # the human's seat in every game
    games: tuple[str, ...]
    humans: dict[str, str]  # game id -> the human's user id
    events: int  # rows in the events table
    build_s: float


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def human_moves(scenario: Scenario, seed: int, role: str) -> int:
    """How many commands the scripted human sends in a whole solo game with this seed."""
    state = replay(create_game(game_id="count", scenario=scenario, seed=seed))
    _, state = step(state, Actor.of("human"), JoinSeat(role=role))
    for other in scenario.roles[1:]:
        _, state = step(state, WHITE_CELL, AssignComputer(role=other.id, policy="cooperative"))
    _, state = step(state, WHITE_CELL, StartGame())
    state, _ = run_computers(state)
    script, moves = HumanScript(role), 0
    while (command := script.next(state)) is not None:
        moves += 1
        try:
            _, state = step(state, Actor.of("human"), command)
        except GameError:
            _, state = step(state, Actor.of("human"), Done())
        state, _ = run_computers(state)
    return moves


def play_templates(service: GameService, scenario_name: str, templates: int, seed: int) -> list[str]:
    """`templates` solo games through the service, template k stopped k/templates of the way in."""
    scenario = load_scenario(scenario_name)
    role = scenario.roles[0].id
    ids = []
    for k in range(templates):
        game_id, user = f"tmpl{k:04d}", str(_TEMPLATE_USER + k)
        service.create_game(guild_id=GUILD, channel_id=str(_CHANNEL - 1 - k), scenario=scenario,
                            scenario_name=scenario_name, facilitator_id=FACILITATOR,
                            seed=seed + k, game_id=game_id)
        service.handle(game_id, Actor.of(user), JoinSeat(role=role))
        for other in scenario.roles[1:]:
            service.handle(game_id, WHITE_CELL, AssignComputer(role=other.id, policy="cooperative"))
        state = service.handle(game_id, WHITE_CELL, StartGame()).state
        script = HumanScript(role)
        for _ in range(k * human_moves(scenario, seed + k, role) // templates):
            command = script.next(state)
            if command is None:
                break
            try:
                state = service.handle(game_id, Actor.of(user), command).state
            except GameError:
                state = service.handle(game_id, Actor.of(user), Done()).state
        ids.append(game_id)
    return ids


@dataclass(frozen=True)
class Templates:
    """Template games played through the service, in a database of their own."""

    path: Path
    scenario_name: str
    ids: tuple[str, ...]
    states: dict[str, GameState]
    build_s: float


def play(path: Path, *, templates: int = 24, scenario_name: str = SCENARIO,
         seed: int = 1) -> Templates:
    """`templates` solo games played through `GameService` into a SQLite file at `path`."""
    started = time.perf_counter()
    for p in _files(path):
        p.unlink(missing_ok=True)
    with GameService(sqlite_url(path), synchronous="OFF", clock=lambda: T0) as service:
        ids = play_templates(service, scenario_name, templates, seed)
        states = {g: service.state(g) for g in ids}
    return Templates(path=path, scenario_name=scenario_name, ids=tuple(ids), states=states,
                     build_s=time.perf_counter() - started)


def build(path: Path, templates: Templates, *, games: int) -> Population:
    """A SQLite file at `path` holding `games` live solo games, copies of the templates."""
    started = time.perf_counter()
    for p in _files(path):
        p.unlink(missing_ok=True)
    scenario = load_scenario(templates.scenario_name)
    upgrade(sqlite_url(path))
    humans = _copy(templates.path, path, list(templates.ids), templates.states, games)
    with sqlite3.connect(path) as con:
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    return Population(url=sqlite_url(path), path=path, scenario=scenario,
                      role=scenario.roles[0].id, games=tuple(humans), humans=humans, events=events,
                      build_s=time.perf_counter() - started)


def remove(path: Path) -> None:
    for p in _files(path):
        p.unlink(missing_ok=True)


def _files(path: Path) -> list[Path]:
    """A SQLite database's files (WAL mode adds two)."""
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm")]


def _copy(
    source: Path,
    target: Path,
    template_ids: list[str],
    states: dict[str, GameState],
    games: int,
) -> dict[str, str]:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=OFF")  # a bulk load: durability is the benchmark's, later
    by_template = {g: _rows(src, g) for g in template_ids}
    snapshots = {g: _snapshot_state(src, g, states[g]) for g in template_ids}
    src.close()
    humans = {}
    dst.execute("BEGIN")
    for n in range(games):
        template = template_ids[n % len(template_ids)]
        game_id, user = f"game{n:06d}", str(_COPY_USER + n)
        old_user = str(_TEMPLATE_USER + template_ids.index(template))
        humans[game_id] = user

        def swap(text: str, template: str = template, game_id: str = game_id,
                 old_user: str = old_user, user: str = user) -> str:
            return text.replace(f'"{template}"', f'"{game_id}"').replace(f'"{old_user}"', f'"{user}"')

        game, seats, events = by_template[template]
        dst.execute(f"INSERT INTO games ({_GAME_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (game_id, game[1], str(_CHANNEL + n), *game[3:]))
        dst.executemany("INSERT INTO seats (game_id, role, user_id, controller) VALUES (?,?,?,?)",
                        [(game_id, r, user if u == old_user else u, c) for _, r, u, c in seats])
        dst.executemany(f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
                        [(game_id, seq, t, vis, swap(payload), cmd, at)
                         for _, seq, t, vis, payload, cmd, at in events])
        base = snapshots[template]
        if base is not None:
            seq, fmt, key, created, data = base
            text = snap.pack(_swap_ids(data, {template: game_id, old_user: user}))
            dst.execute("INSERT INTO snapshots (game_id, seq, format, scenario_key, digest, state, "
                        "created_at) VALUES (?,?,?,?,?,?,?)",
                        (game_id, seq, fmt, key, snap.text_digest(text), text, created))
    dst.execute("COMMIT")
    dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dst.close()
    return humans


def _rows(con: sqlite3.Connection, game_id: str) -> tuple[tuple, list[tuple], list[tuple]]:  # type: ignore[type-arg]
    game = con.execute(f"SELECT {_GAME_COLUMNS} FROM games WHERE id = ?", (game_id,)).fetchone()
    seats = con.execute("SELECT game_id, role, user_id, controller FROM seats WHERE game_id = ?",
                        (game_id,)).fetchall()
    events = con.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE game_id = ? ORDER BY seq",
                         (game_id,)).fetchall()
    return game, seats, events


def _snapshot_state(
    con: sqlite3.Connection, game_id: str, current: GameState
) -> tuple[int, str, str, float, Any] | None:
    """The template's snapshot row, its state as the plain nested values the snapshot codec
    stores (a copy swaps the ids in them and packs them again)."""
    row = con.execute("SELECT seq, format, scenario_key, created_at, state, digest FROM snapshots "
                      "WHERE game_id = ?", (game_id,)).fetchone()
    if row is None:
        return None
    seq, fmt, key, created, text, digest = row
    snap.decode(text, current.scenario, digest)  # a snapshot the service can read
    return seq, fmt, key, created, snap.unpack(text)


def _swap_ids(value: Any, ids: dict[str, str]) -> Any:
    """`value` (plain nested values) with every string that is a key of `ids` replaced."""
    if isinstance(value, str):
        return sys.intern(ids[value]) if value in ids else value
    if isinstance(value, tuple):
        return tuple(_swap_ids(v, ids) for v in value)
    if isinstance(value, frozenset):
        return frozenset(_swap_ids(v, ids) for v in value)
    if isinstance(value, dict):
        return {_swap_ids(k, ids): _swap_ids(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap_ids(v, ids) for v in value]
    return value
