"""Graceful shutdown.

- A real bot process mid-phase (tests/ops/sigterm_bot.py): built as `wargame bot` builds it and
  run by the same `bot.cli.serve` with its SIGTERM handler, its Discord played by simcord inside
  the process. Three players open a game, pass two phases, one orders a share and is done; then
  a second player's Done is held for a second in front of the service, and the test sends
  SIGTERM while it is there. The process must exit 0 within 10 s having answered that move, and
  the SQLite file must hold all three moves, the phase still open (the third player has not
  moved), with a log that replays to the stored state.
- A real `wargame bot` process (the installed entry point's code, run with `python -c`), with a
  token of the right shape, whose Discord API is a local socket that accepts and never answers:
  the process is mid-login when SIGTERM arrives and must exit 0 within 10 s, logging its stop.
  (No test reaches a real Discord gateway: there is none here.)
- The shutdown path on the bot object, in the simulator: waiting timers stop, the service
  closes, and a deadline being fired when the stop comes is let finish.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .conftest import GOOD_TOKEN

ROOT = Path(__file__).resolve().parents[2]
MID_PHASE_BOT = Path(__file__).with_name("sigterm_bot.py")
LAUNCH = ("import sys, discord.http; discord.http.Route.BASE = sys.argv.pop(1); "
          "from game.cli import main; sys.argv[0] = 'wargame'; main()")


def _silent_server() -> tuple[socket.socket, int]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    return server, server.getsockname()[1]


def _first_json_with(proc: subprocess.Popen[str], key: str, lines: list[str]) -> dict:
    """Read the child's output (kept in `lines`) up to its first JSON line that has `key`."""
    for line in iter(proc.stdout.readline, ""):  # type: ignore[union-attr]
        lines.append(line)
        if line.startswith("{") and key in (found := json.loads(line)):
            return found
    raise AssertionError("the bot process ended early:\n" + "".join(lines))


def test_sigterm_mid_phase_exits_cleanly_keeping_every_acknowledged_and_in_flight_move(tmp_path):
    from game.engine import Level, replay, state_digest
    from game.engine.events import SeatSubmitted, ShareOrdered
    from game.service import GameService

    db = tmp_path / "bot.sqlite"
    env = {**os.environ, "DISCORD_TOKEN": GOOD_TOKEN, "DATABASE_URL": f"sqlite:///{db}",
           "WARGAME_LOG_FORMAT": "json", "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(MID_PHASE_BOT)], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    watchdog = threading.Timer(120, proc.kill)  # a hung child fails the test instead of hanging it
    watchdog.start()
    lines: list[str] = []
    try:
        played = _first_json_with(proc, "acknowledged", lines)
        _first_json_with(proc, "in_flight", lines)  # bob's Done is inside the service
        proc.send_signal(signal.SIGTERM)
        start = time.monotonic()
        rest, _ = proc.communicate(timeout=15)
        elapsed = time.monotonic() - start
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
    out = "".join(lines) + rest
    assert played["acknowledged"] == ["Share order recorded: item #1 → 🟩 Caldera: full.",
                                      "You have finished sharing."]
    assert proc.returncode == 0, out
    assert elapsed < 10, f"took {elapsed:.1f} s"
    assert '"message": "stop requested: shutting down"' in out
    assert '"message": "shutting down: waiting for 1 moves in flight"' in out
    last = json.loads(out.strip().splitlines()[-1])
    assert last == {"in_flight_answer": "You have finished sharing.", "exited": "cleanly"}
    assert GOOD_TOKEN not in out
    assert "Traceback" not in out

    with GameService(f"sqlite:///{db}", auto_migrate=False) as service:
        info = service.game_for_channel(played["channel"])
        assert info is not None
        stored = service.events(info.id)
        state = service.state(info.id)
    orders = [e.event.order for e in stored if isinstance(e.event, ShareOrdered)]
    assert [(o.sender, o.item, o.to, o.level) for o in orders] == [
        ("aurelia", 1, "caldera", Level.parse("full"))]
    sharing = [e.event.role for e in stored
               if isinstance(e.event, SeatSubmitted) and e.event.phase.value == "sharing"]
    assert sharing == ["aurelia", "borovia"]  # alice's, and bob's in flight; carol has not moved
    assert state.phase.value == "sharing" and state.seat_of(str(played["alice"])) == "aurelia"
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
    assert state_digest(replay(e.event for e in stored)) == state_digest(state)


def test_sigterm_stops_a_real_bot_process_cleanly_within_ten_seconds(tmp_path):
    server, port = _silent_server()
    env = {**os.environ, "DISCORD_TOKEN": GOOD_TOKEN,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite'}", "WARGAME_LOG_FORMAT": "json",
           "WARGAME_LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, f"http://127.0.0.1:{port}/api/v10", "bot"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        server.settimeout(30)
        conn, _ = server.accept()  # the bot is logging in: it has called the (silent) API
        proc.send_signal(signal.SIGTERM)
        start = time.monotonic()
        out, _ = proc.communicate(timeout=15)
        elapsed = time.monotonic() - start
        conn.close()
    finally:
        server.close()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out
    assert elapsed < 10, f"took {elapsed:.1f} s"
    assert '"message": "stop requested: shutting down"' in out
    assert '"message": "stopped"' in out
    assert GOOD_TOKEN not in out and "Traceback" not in out


async def test_wind_down_stops_waiting_timers_and_lets_a_firing_deadline_finish(tmp_path):
    from bot.client import create_bot
    from game.service import Deadline
    from game.settings import Settings

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    bot = create_bot(database_url=f"sqlite:///{tmp_path / 'b.sqlite'}", settings=settings,
                     clock=lambda: 1000.0, debrief_charts=False)
    waiting = asyncio.create_task(asyncio.sleep(3600))
    finished = asyncio.Event()

    async def firing_body() -> None:
        bot.deadlines.firing.add(asyncio.current_task())  # type: ignore[arg-type]
        await asyncio.sleep(0.2)  # the Advance being committed
        finished.set()

    firing = asyncio.create_task(firing_body())
    await asyncio.sleep(0)
    from bot.deadlines import Timer

    bot.deadlines.timers["a"] = Timer(Deadline("a", "sharing", 1, 2000.0), 1000.0, waiting)
    bot.deadlines.timers["b"] = Timer(Deadline("b", "sharing", 1, 1000.0), 900.0, firing)
    left = await bot.wind_down(timeout=5)
    await asyncio.sleep(0)
    assert left == 0 and finished.is_set()
    assert waiting.cancelled() and not bot.deadlines.timers
    bot.deadlines.arm(Deadline("c", "sharing", 1, 3000.0))
    assert not bot.deadlines.timers, "no timer is armed once the bot is closing"


@pytest.fixture
def simcord_bot(tmp_path):
    from bot.client import create_bot
    from game.settings import Settings

    return create_bot(database_url=f"sqlite:///{tmp_path / 's.sqlite'}",
                      settings=Settings(_env_file=None), debrief_charts=False)  # type: ignore[call-arg]


async def test_closing_the_bot_in_the_simulator_closes_the_service(simcord_env):
    bot = simcord_env.bot
    assert bot.service.live_games() == []
    left = await bot.wind_down(timeout=1)
    assert left == 0 and bot.closing
    await asyncio.to_thread(bot.service.close)
