"""The `wargame` command line, driven as a user would (through typer's runner)."""

import json

from typer.testing import CliRunner

from game.cli import app

runner = CliRunner()


def test_demo_writes_the_log_and_a_summary(tmp_path):
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--seed", "5", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Turn 1" in result.output and "digest:" in result.output
    summary = json.loads((out / "summary.json").read_text())
    assert summary["seed"] == 5 and summary["scenario"] == "tutorial"
    assert {s["role"] for s in summary["seats"]} == {"aurelia", "borovia", "caldera"}
    assert summary["turns_played"] == 3
    assert set(summary["scores"]) == {"aurelia", "borovia", "caldera"}
    assert len(summary["state_digest"]) == 64
    lines = (out / "events.jsonl").read_text().splitlines()
    assert json.loads(lines[0])["type"] == "game_created"
    assert json.loads(lines[-1])["state_digest"] == summary["state_digest"]


def test_replay_accepts_an_intact_log_and_rejects_a_tampered_one(tmp_path):
    out = tmp_path / "demo"
    assert runner.invoke(app, ["demo", "--seed", "9", "--out", str(out), "-q"]).exit_code == 0
    log = out / "events.jsonl"
    ok = runner.invoke(app, ["replay", str(log)])
    assert ok.exit_code == 0 and "ok:" in ok.output
    text = log.read_text()
    assert '"seed":9' in text.replace(" ", "")
    log.write_text(text.replace('"seed": 9', '"seed": 10', 1).replace('"seed":9', '"seed":10', 1))
    bad = runner.invoke(app, ["replay", str(log)])
    assert bad.exit_code == 1
    assert "differs from the recorded" in bad.output


def test_replay_of_a_broken_file_says_where_without_a_traceback(tmp_path):
    log = tmp_path / "broken.jsonl"
    log.write_text('{"type": "game_created"}\nnot json\n')
    result = runner.invoke(app, ["replay", str(log)])
    assert result.exit_code == 2
    assert "broken.jsonl:1" in result.output
    assert "Traceback" not in result.output


def test_unknown_scenario_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["demo", "--scenario", "atlantis", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "atlantis: no such scenario" in result.output


def test_play_in_the_terminal_from_stdin_lines():
    moves = "\n".join(["help", "done", "done", "share 1 to borovia warning", "warn 1 lives first",
                       "share 99 to caldera full", "done", "done", "done"] + ["done"] * 20)
    result = runner.invoke(app, ["play", "--seat", "aurelia", "--seed", "4"], input=moves + "\n")
    assert result.exit_code == 0, result.output
    assert "Turn 1/3" in result.output
    assert "refused: you hold no item 99" in result.output
    assert "Final scores:" in result.output


def test_play_rejects_an_unknown_seat():
    result = runner.invoke(app, ["play", "--seat", "atlantis"])
    assert result.exit_code == 2 and "no role 'atlantis'" in result.output
