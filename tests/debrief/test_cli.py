"""`wargame demo`, `wargame debrief` and `wargame whatif`, driven as a facilitator would."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from game.cli import app
from game.engine import Actor, AssignComputer, StartGame
from game.eventlog import read_log
from game.settings import get_settings

runner = CliRunner()
FULL = {"debrief.md", "debrief.html", "debrief.json", "timeline.csv", "decisions.csv", "trust.png",
        "casualties.png", "provenance.png", "resources.png"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = runner.invoke(app, ["demo", "--seed", "5", "--out", str(out), "-q",
                                 "--policy", "aurelia=hawk"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def database(monkeypatch, sqlite_url):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    get_settings.cache_clear()
    yield sqlite_url
    get_settings.cache_clear()


def test_the_demo_writes_the_full_debrief_beside_its_log(demo):
    assert {p.name for p in demo.iterdir()} >= FULL
    assert json.loads((demo / "debrief.json").read_text())["game"]["seed"] == 5


def test_debrief_of_a_log_file(demo, tmp_path):
    result = runner.invoke(app, ["debrief", str(demo / "events.jsonl"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} == FULL


def test_debrief_of_one_seat(demo, tmp_path):
    result = runner.invoke(app, ["debrief", str(demo / "events.jsonl"), "--out", str(tmp_path),
                                 "--seat", "borovia"])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} == {"replay-borovia.md", "replay-borovia.html",
                                                     "replay-borovia.json"}
    bad = runner.invoke(app, ["debrief", str(demo / "events.jsonl"), "--out", str(tmp_path),
                              "--seat", "atlantis"])
    assert bad.exit_code == 2 and "no seat 'atlantis'" in bad.output


def test_debrief_of_a_stored_game_by_id(database, tmp_path):
    from game.service import GameService

    wc = Actor.white_cell("fac")
    with GameService(database) as service:
        service.create_game(guild_id=None, channel_id=None, scenario="tutorial",
                            facilitator_id="fac", seed=3, game_id="stored-game")
        for role in ("aurelia", "borovia", "caldera"):
            service.handle("stored-game", wc, AssignComputer(role=role, policy="duty"))
        service.handle("stored-game", wc, StartGame())
    result = runner.invoke(app, ["debrief", "stored-game", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "debrief.json").read_text())
    assert data["game"]["game_id"] == "stored-game" and data["scores"]


def test_debrief_of_an_unknown_game_says_so(database, tmp_path):
    result = runner.invoke(app, ["debrief", "no-such-game", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "neither an events.jsonl file nor a game in the database" in result.output


def _sharing_starts(log) -> int:
    events, _ = read_log(log)
    return next(n for n, e in enumerate(events, start=1)
                if e.type == "phase_started" and e.phase.value == "sharing") + 1


def test_whatif_writes_a_comparison_beside_the_original(demo):
    at = _sharing_starts(demo / "events.jsonl")
    result = runner.invoke(app, ["whatif", str(demo / "events.jsonl"), "--at", str(at),
                                 "--as", "aurelia", "--command", "share 1 to borovia full"])
    assert result.exit_code == 0, result.output
    folder = demo / f"whatif-{at}-aurelia"
    assert {"comparison.md", "comparison.json", "events.jsonl"} <= {p.name for p in folder.iterdir()}
    c = json.loads((folder / "comparison.json").read_text())
    assert c["command"] == "share 1 to borovia full" and c["at"] == at
    ok = runner.invoke(app, ["replay", str(folder / "events.jsonl")])
    assert ok.exit_code == 0, ok.output


def test_whatif_with_the_same_decision_says_nothing_changed(demo, tmp_path):
    log = demo / "events.jsonl"
    events, _ = read_log(log)
    first = next(n for n, e in enumerate(events, start=1) if e.type == "share_ordered")
    order = events[first - 1].order
    move = f"share {order.item} to {order.to} {order.level.label} {order.rationale}"
    result = runner.invoke(app, ["whatif", str(log), "--at", str(first), "--as", order.sender,
                                 "--command", move, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "identical to the original" in result.output


def test_whatif_refusals_are_one_clear_line(demo, tmp_path):
    log = str(demo / "events.jsonl")
    bad = runner.invoke(app, ["whatif", log, "--at", "3", "--as", "aurelia", "--command",
                              "share 1 to borovia loudly", "--out", str(tmp_path)])
    assert bad.exit_code == 2 and "level: full, sanitized, warning, withhold" in bad.output
    late = runner.invoke(app, ["whatif", log, "--at", "100000", "--as", "aurelia", "--command",
                               "done", "--out", str(tmp_path)])
    assert late.exit_code == 2 and "there is no event 100000" in late.output
    assert "Traceback" not in bad.output + late.output
