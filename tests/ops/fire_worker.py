"""One of several processes racing on one database: fire every due deadline, claim every
reminder and press Done for the human seat, in its own order. Prints a JSON report."""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from game.engine import Actor, Done, GameError
from game.service import GameService
from game.service.claims import claim_reminder


def main(url: str, now: float, name: str, go: str, with_moves: bool) -> None:
    service = GameService(url, auto_migrate=False, clock=lambda: now, synchronous="NORMAL")
    deadlines = service.recover()
    rng = random.Random(name)
    rng.shuffle(deadlines)
    Path(f"{go}.{name}").touch()  # recovered: ready to race
    while not Path(go).exists():
        time.sleep(0.005)
    fired, reminded, moves = [], [], {}
    for d in deadlines:
        key = [d.game_id, d.phase, d.turn]
        if claim_reminder(service.engine, d, now, owner=name):
            reminded.append(key)
        order = ["fire", "move"] if rng.random() < 0.5 else ["move", "fire"]
        if not with_moves:
            order = ["fire"]
        for step in order:
            if step == "fire":
                if service.fire_deadline(d.game_id, d.phase, d.turn, now) is not None:
                    fired.append(key)
            else:
                cid = f"done-{d.game_id}-{name}"
                try:
                    result = service.handle(d.game_id, Actor.of("u1"), Done(), command_id=cid)
                    moves[cid] = [e.seq for e in result.events]
                except GameError as exc:
                    moves[cid] = exc.code.value
    service.close()
    print(json.dumps({"fired": fired, "reminded": reminded, "moves": moves}))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5] == "moves")
