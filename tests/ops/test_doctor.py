"""`wargame doctor`: one test per misconfiguration; each names what to fix, never the token."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from game.cli import app
from game.ops.doctor import check_heartbeat, diagnose
from game.settings import Settings
from game.store.migrate import head_revision, upgrade

from .conftest import GOOD_TOKEN


def good(db_url: str, **extra: str) -> dict[str, str]:
    return {"DATABASE_URL": db_url, "DISCORD_TOKEN": GOOD_TOKEN, **extra}


def only_problem(report) -> str:  # type: ignore[no-untyped-def]
    assert len(report.problems) == 1, report.problems
    return report.problems[0]


def test_a_good_configuration_is_all_clear(database_url):
    upgrade(database_url)
    report = diagnose(good(database_url), env_file=None)
    assert report.healthy, report.problems
    assert any(head_revision() in note for note in report.ok)


def test_a_new_sqlite_file_is_fine_since_the_bot_migrates_it(tmp_path):
    report = diagnose(good(f"sqlite:///{tmp_path / 'new.sqlite'}"), env_file=None)
    assert report.healthy, report.problems
    assert not (tmp_path / "new.sqlite").exists(), "the doctor must not create the database"


def test_a_missing_token_says_where_to_get_one(sqlite_url):
    problem = only_problem(diagnose({"DATABASE_URL": sqlite_url}, env_file=None))
    assert "DISCORD_TOKEN is not set" in problem and "Reset Token" in problem


def test_a_token_of_the_wrong_shape_is_refused_without_being_shown(sqlite_url):
    secret = "not-a-token-at-all-but-secret-42"
    problem = only_problem(diagnose(good(sqlite_url, DISCORD_TOKEN=secret), env_file=None))
    assert "does not look like a bot token" in problem
    assert secret not in problem and "secret" not in problem


def test_a_token_with_the_bot_prefix_is_refused(sqlite_url):
    problem = only_problem(diagnose(good(sqlite_url, DISCORD_TOKEN=f"Bot {GOOD_TOKEN}"),
                                    env_file=None))
    assert "'Bot '" in problem and GOOD_TOKEN not in problem


def test_a_setting_that_does_not_parse_is_named(sqlite_url):
    report = diagnose(good(sqlite_url, WARGAME_LOG_LEVEL="loud", WARGAME_DEV_GUILD="my server"),
                      env_file=None)
    assert len(report.problems) == 2
    assert any(p.startswith("WARGAME_LOG_LEVEL:") for p in report.problems)
    assert any(p.startswith("WARGAME_DEV_GUILD:") for p in report.problems)
    assert all(GOOD_TOKEN not in p for p in report.problems)


def test_a_setting_that_does_not_parse_does_not_hide_the_other_problems(tmp_path):
    """The list is complete in one run: the bad settings, the shard pair (which pydantic checks
    only once every field parses), and the database, scenarios and token checks that still run
    with the settings that did parse."""
    token = "abc.def-secret"
    report = diagnose({
        "WARGAME_LOG_LEVEL": "loud", "LOG_FORMAT": "xml", "DATABASE_URL": "localhost:5432",
        "WARGAME_SHARD_IDS": "0,7", "WARGAME_SHARD_COUNT": "2", "DISCORD_TOKEN": token,
        "WARGAME_SCENARIOS": str(tmp_path / "nope"),
    }, env_file=None)
    wanted = ["WARGAME_LOG_LEVEL:", "LOG_FORMAT:", "shard ids [7]",
              "DATABASE_URL is not a database URL", "WARGAME_SCENARIOS:",
              "does not look like a bot token"]
    assert len(report.problems) == len(wanted), report.problems
    for text, problem in zip(wanted, report.problems, strict=True):
        assert text in problem
    assert all(token not in p and "secret" not in p for p in report.problems)


def test_with_a_bad_setting_the_good_checks_still_pass(sqlite_url):
    report = diagnose(good(sqlite_url, WARGAME_LOG_FORMAT="xml"), env_file=None)
    assert report.problems == ["WARGAME_LOG_FORMAT: Input should be 'text' or 'json'"]
    assert any(n.startswith("database:") for n in report.ok)
    assert any(n.startswith("scenarios:") for n in report.ok)
    assert "token: present and shaped like a bot token" in report.ok


def test_shard_ids_need_a_shard_count_and_must_be_below_it(sqlite_url):
    alone = only_problem(diagnose(good(sqlite_url, WARGAME_SHARD_IDS="0,1"), env_file=None))
    assert "WARGAME_SHARD_COUNT" in alone
    beyond = only_problem(diagnose(good(sqlite_url, WARGAME_SHARD_IDS="1,4",
                                        WARGAME_SHARD_COUNT="4"), env_file=None))
    assert "[4]" in beyond and GOOD_TOKEN not in beyond
    ok = diagnose(good(sqlite_url, WARGAME_SHARD_IDS="0, 1", WARGAME_SHARD_COUNT="4"),
                  env_file=None)
    assert ok.healthy and "shards: 0,1 of 4" in ok.ok


def test_an_unreachable_database_is_reported_without_its_password():
    url = "postgresql+psycopg://wargame:hunter2secret@127.0.0.1:1/wargame?connect_timeout=2"
    problem = only_problem(diagnose(good(url), env_file=None))
    assert "not reachable" in problem and "hunter2secret" not in problem


def test_a_url_that_is_not_a_database_url_is_refused():
    problem = only_problem(diagnose(good("localhost:5432"), env_file=None))
    assert problem.startswith("DATABASE_URL is not a database URL")


def test_a_sqlite_file_in_a_missing_folder_is_refused(tmp_path):
    problem = only_problem(diagnose(good(f"sqlite:///{tmp_path / 'no' / 'such' / 'w.sqlite'}"),
                                    env_file=None))
    assert problem.startswith("DATABASE_URL: the folder") and "does not exist" in problem


@pytest.mark.parametrize("url", ["postgresql://wargame:hunter2@db:5432/wargame",
                                 "postgres://wargame:hunter2@db:5432/wargame"])
def test_a_postgres_url_without_the_psycopg_driver_says_what_to_write(url):
    problem = only_problem(diagnose(good(url), env_file=None))
    assert "postgresql+psycopg://" in problem and "hunter2" not in problem


def test_a_database_the_game_does_not_support_is_named():
    problem = only_problem(diagnose(good("mysql://wargame:hunter2@db/wargame"), env_file=None))
    assert "only SQLite" in problem and "PostgreSQL" in problem and "hunter2" not in problem


def test_a_postgres_database_without_the_schema_needs_an_upgrade(postgres_url):
    problem = only_problem(diagnose(good(postgres_url), env_file=None))
    assert "has no schema: run `wargame db upgrade`" in problem


def test_a_database_on_an_unknown_revision_is_reported(database_url):
    upgrade(database_url)
    engine = sa.create_engine(database_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    engine.dispose()
    problem = only_problem(diagnose(good(database_url), env_file=None))
    assert "ffff_from_the_future" in problem and "upgrade the game" in problem


def test_a_broken_scenario_in_the_extra_folder_is_named_with_its_line(sqlite_url, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "broken.yaml").write_text("meta:\n  title: 3\nroles: nope\n", encoding="utf-8")
    report = diagnose(good(sqlite_url, WARGAME_SCENARIOS=str(folder)), env_file=None)
    assert report.problems and all("broken.yaml" in p for p in report.problems)


def test_a_missing_scenarios_folder_is_named(sqlite_url, tmp_path):
    problem = only_problem(diagnose(good(sqlite_url, WARGAME_SCENARIOS=str(tmp_path / "nope")),
                                    env_file=None))
    assert problem.startswith("WARGAME_SCENARIOS:") and "not a folder" in problem


def test_the_heartbeat_must_be_fresh(tmp_path):
    beat = tmp_path / "heartbeat"
    settings = Settings(_env_file=None, WARGAME_HEARTBEAT_FILE=str(beat))  # type: ignore[call-arg]
    assert "missing" in check_heartbeat(settings)[0]
    beat.touch()
    assert check_heartbeat(settings) == []
    assert "old" in check_heartbeat(settings, now=beat.stat().st_mtime + 600)[0]


def test_the_command_exits_1_with_a_list_and_0_with_an_all_clear(monkeypatch, sqlite_url):
    secret = "abc.def"
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("DISCORD_TOKEN", secret)
    monkeypatch.setenv("WARGAME_LOG_LEVEL", "chatty")
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "2 things to fix" in result.output and "WARGAME_LOG_LEVEL" in result.output
    assert "does not look like a bot token" in result.output
    assert secret not in result.output

    monkeypatch.setenv("WARGAME_LOG_LEVEL", "info")
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 1 and "does not look like a bot token" in result.output
    assert secret not in result.output

    monkeypatch.setenv("DISCORD_TOKEN", GOOD_TOKEN)
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "all clear" in result.output and GOOD_TOKEN not in result.output


def test_quick_skips_the_token_for_a_health_check(monkeypatch, sqlite_url):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    result = CliRunner().invoke(app, ["doctor", "--quick"])
    assert result.exit_code == 0 and result.output.strip() == "ok"
