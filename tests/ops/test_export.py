"""`wargame export --all --out DIR`: every stored game's log, verifiable by `wargame replay`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from game.cli import app
from game.engine import state_digest
from game.service import GameService
from game.store.migrate import upgrade
from tests.service.helpers import Clock, new_game, seat_and_start


def test_export_all_writes_every_game_and_an_index_that_replay_verifies(database_url, tmp_path):
    upgrade(database_url)
    with GameService(database_url, auto_migrate=False, clock=Clock()) as service:
        lobby = new_game(service, channel=1, seed=3)
        playing = new_game(service, channel=2, seed=4)
        seat_and_start(service, playing, computers=("aurelia", "borovia", "caldera"))
        digests = {g: state_digest(service.state(g)) for g in (lobby, playing)}
        seqs = {g: service.state(g).seq for g in (lobby, playing)}

    out = tmp_path / "backup"
    result = CliRunner().invoke(app, ["export", "--all", "--out", str(out),
                                      "--database-url", database_url])
    assert result.exit_code == 0, result.output
    assert "exported 2 of 2 games" in result.output

    index = json.loads((out / "index.json").read_text())
    assert {g["id"] for g in index["games"]} == {lobby, playing}
    for entry in index["games"]:
        assert entry["state_digest"] == digests[entry["id"]]
        assert entry["events"] == seqs[entry["id"]]
        replayed = CliRunner().invoke(app, ["replay", str(out / entry["file"])])
        assert replayed.exit_code == 0, replayed.output
        said = " ".join(replayed.output.split())  # rich wraps lines at the terminal's width
        assert "replay to the recorded digest" in said


def test_export_without_all_says_so(tmp_path):
    result = CliRunner().invoke(app, ["export", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--all" in result.output


def test_the_index_hides_the_database_password(tmp_path, sqlite_url):
    upgrade(sqlite_url)
    from game.ops.export import _safe

    assert "pw" not in _safe("postgresql+psycopg://u:pw@h/db")
    CliRunner().invoke(app, ["export", "--all", "--out", str(tmp_path / "o"),
                             "--database-url", sqlite_url])
    assert json.loads((tmp_path / "o" / "index.json").read_text())["games"] == []
