"""Plays a fixed list of moves into a SQLite game and acknowledges each one after handle() returned.

test_crash.py kills this player with SIGKILL at random moments and starts it again from the first
move not yet acknowledged; moves that were committed but not acknowledged are sent again with the
same command id and must come back as duplicates. It runs forked from the test (cheap, so the test
can afford many kills) and as a real interpreter:

    python tests/service/crash_player.py DATABASE_URL MOVES.json START   # one command id a line
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from game.ai import play
from game.engine import (
    Actor,
    Advance,
    AssignComputer,
    Command,
    GameError,
    InjectNews,
    JoinSeat,
    StartGame,
    SubmitOrders,
    Viewer,
    actor_from_dict,
    actor_to_dict,
    command_from_dict,
    command_to_dict,
    view_for,
)
from game.engine.rng import Dice
from game.engine.types import SUBMIT_PHASES
from game.service import GameService

GAME_ID = "crash"
CREATE = "create"
T0 = 1_800_000_000.0
FACILITATOR = Actor.white_cell("900")
HUMAN = ("aurelia", "u1")
HUMAN_EVERY = 16  # one seat move among this many facilitator bulletins: a long game


@dataclass(frozen=True, slots=True)
class Move:
    command_id: str
    actor: Actor
    command: Command

    def to_json(self) -> dict[str, object]:
        return {"id": self.command_id, "actor": actor_to_dict(self.actor),
                "command": command_to_dict(self.command)}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Move:
        return cls(str(data["id"]), actor_from_dict(data["actor"]),  # type: ignore[arg-type]
                   command_from_dict(data["command"]))  # type: ignore[arg-type]


def create(service: GameService) -> None:
    service.create_game(guild_id=1, channel_id=2, scenario="tutorial", facilitator_id="900",
                        seed=17, game_id=GAME_ID, command_id=CREATE)


def apply(service: GameService, move: Move) -> None:
    with contextlib.suppress(GameError):  # a refusal is an outcome too: recorded, and repeated
        service.handle(GAME_ID, move.actor, move.command, command_id=move.command_id)


def plan(service: GameService) -> list[Move]:
    """Play a whole game once, choosing each move from the state, and return the moves: replayed
    in the same order they must lead to the same game (every command carries its own time)."""
    create(service)
    role, user = HUMAN
    moves = [Move("join", Actor.of(user), JoinSeat(role=role, at=T0)),
             *(Move(f"ai-{r}", FACILITATOR, AssignComputer(role=r, policy="cooperative", at=T0))
               for r in ("borovia", "caldera")),
             Move("start", FACILITATOR, StartGame(at=T0))]
    for move in moves:
        apply(service, move)
    state = service.state(GAME_ID)
    n = 0
    while not state.over:
        at = T0 + 60 * (n + 1)
        move = Move(f"m{n}", FACILITATOR, InjectNews(text=f"bulletin {n}", at=at))
        if n % HUMAN_EVERY == HUMAN_EVERY - 1:
            move = _seat_move(state, n, at)
        apply(service, move)
        moves.append(move)
        state = service.state(GAME_ID)
        n += 1
    return moves


def _seat_move(state, n: int, at: float) -> Move:  # type: ignore[no-untyped-def]
    role, user = HUMAN
    if state.phase not in SUBMIT_PHASES or state.seats[role].submitted:
        return Move(f"m{n}", FACILITATOR, Advance(at=at))
    orders = play("cooperative", view_for(state, Viewer.seat(role)),
                  Dice(state.seed).stream("crash", n))
    command = SubmitOrders(shares=orders.shares, duties=orders.duties, ratings=orders.ratings,
                           actions=orders.actions, at=at)
    return Move(f"m{n}", Actor.of(user), command)


def run(url: str, moves: list[Move], start: int, ack_fd: int) -> None:
    """Play moves[start:], writing each command id to `ack_fd` once handle() has returned."""
    service = GameService(url)  # migrates on start, like the bot: a kill may land there too
    if start == 0:
        create(service)
        os.write(ack_fd, f"{CREATE}\n".encode())
    for move in moves[start:]:
        apply(service, move)
        os.write(ack_fd, f"{move.command_id}\n".encode())
    service.close()


def main(argv: list[str]) -> None:
    url, moves_file, start = argv
    moves = [Move.from_json(m) for m in json.loads(Path(moves_file).read_text())]
    run(url, moves, int(start), sys.stdout.fileno())


if __name__ == "__main__":
    main(sys.argv[1:])
