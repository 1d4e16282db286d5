"""The benchmark runs end to end and writes every figure; the live games it builds are exact.

Timings are not asserted: they depend on the machine (docs/performance.md has the figures).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` is a folder of the repository, not an installed package
    sys.path.insert(0, str(ROOT))

from bench import population  # noqa: E402
from bench.bot_moves import slash_of  # noqa: E402
from bench.cli import FIGURES  # noqa: E402
from bench.moves import percentile  # noqa: E402
from game.engine import Act, ActionKind, Done, Level, Share, state_digest  # noqa: E402
from game.service import GameService  # noqa: E402
from game.store import snapshot  # noqa: E402


def test_every_figure_is_written_to_the_json_file(tmp_path):
    out = tmp_path / "figures.json"
    subprocess.run([sys.executable, "-m", "bench", "--smoke", "--json", str(out), "--dir",
                    str(tmp_path)], cwd=ROOT, check=True, capture_output=True, timeout=600)
    data = json.loads(out.read_text())
    assert list(data["figures"]) == list(FIGURES)
    assert all(data["figures"][name] is not None for name in FIGURES), data["figures"]
    assert data["context"]["mode"] == "smoke"
    assert data["extra"]["sqlite"] == {"journal_mode": "wal", "synchronous": "FULL"}
    assert set(data["figures"]["rest_calls_per_phase"]) >= {"channel_posts_max",
                                                            "dm_posts_per_seat_max"}


def test_copied_live_games_are_the_templates_under_new_ids(tmp_path):
    """A copy recovers to its template's state with only the game id and the human's id changed,
    and its snapshot reads back under its digest."""
    templates = population.play(tmp_path / "templates.sqlite", templates=3)
    live = population.build(tmp_path / "live.sqlite", templates, games=5)
    with GameService(live.url) as service:
        service.recover()
        for n, game_id in enumerate(live.games):
            template = templates.ids[n % len(templates.ids)]
            expected = templates.states[template]
            seat = expected.seats[live.role]
            expected = dataclasses.replace(expected, game_id=game_id, seats={
                **expected.seats, live.role: dataclasses.replace(seat, player=live.humans[game_id])})
            assert state_digest(service.state(game_id)) == state_digest(expected)
    with sqlite3.connect(live.path) as con:
        rows = con.execute("SELECT state, digest FROM snapshots").fetchall()
    assert rows
    for text, digest in rows:
        snapshot.decode(text, live.scenario, digest)


def test_orders_become_the_slash_commands_a_player_would_type():
    assert slash_of(Share(item=3, to="borovia", level=Level.SANITIZED)) == (
        "intel share", {"item": 3, "to": "borovia", "level": "sanitized"})
    assert slash_of(Act(action=ActionKind.HARDEN, target="hall")) == (
        "act", {"action": "harden", "target": "hall"})
    assert slash_of(Done()) == ("done", {})


def test_percentiles_interpolate_between_ranks():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.5
    assert percentile(values, 99) == 99.01
    assert percentile([4.0], 99) == 4.0


def test_faster_init_builds_the_same_records_as_the_dataclass_init():
    """game.engine.records swaps the __init__ of the engine's frozen records for a cheaper one:
    same signature, same defaults, same records (checked on every event and state record of a
    whole game, and on the defaults)."""
    import inspect

    from game.engine import events, state, types, views
    from game.runner import play_game
    from game.scenario import load_scenario

    changed = [c for m in (state, events, views, types) for c in vars(m).values()
               if isinstance(c, type) and hasattr(c.__init__, "dataclass_init")]
    assert {state.Item, state.Holding, state.GameState, events.ItemDelivered, views.ItemView,
            types.Viewer} <= set(changed)
    for cls in changed:
        ours = inspect.signature(cls.__init__).parameters.values()
        theirs = inspect.signature(cls.__init__.dataclass_init).parameters.values()
        assert [(p.name, p.kind) for p in ours] == [(p.name, p.kind) for p in theirs]
        factories = {f.name for f in dataclasses.fields(cls)
                     if f.default_factory is not dataclasses.MISSING}
        assert [p.default for p in ours if p.name not in factories] == [
            p.default for p in theirs if p.name not in factories]
    final, log = play_game(load_scenario("tutorial"), 3, game_id="records")
    records = [*log, *final.items.values(), *final.seats.values(), *final.deliveries,
               *(h for held in final.holdings.values() for h in held.values())]
    for record in records:
        cls = type(record)
        values = {f.name: getattr(record, f.name) for f in dataclasses.fields(cls)}
        theirs = object.__new__(cls)
        cls.__init__.dataclass_init(theirs, **values)
        assert cls(**values) == theirs == record
    assert state.Seat(role="x") == _dataclass_made(state.Seat, role="x")
    assert state.GameState(game_id="g", seed=1, scenario=None) == _dataclass_made(
        state.GameState, game_id="g", seed=1, scenario=None)


def _dataclass_made(cls, **values):
    made = object.__new__(cls)
    cls.__init__.dataclass_init(made, **values)
    return made
