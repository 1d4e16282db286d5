"""The backends' settings: SQLite's PRAGMAs and IMMEDIATE write transactions, and the settings."""

from __future__ import annotations

import sqlite3
import threading

import pytest
import sqlalchemy as sa

from game.settings import DEFAULT_DATABASE_URL, Settings, get_settings
from game.store.db import is_sqlite, make_engine, read_session, write_session, writer
from game.store.writes import write_tx


def test_sqlite_runs_in_wal_mode_with_full_sync_and_foreign_keys(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        pragma = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                  for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}
    engine.dispose()
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1,
                      "busy_timeout": 30_000}


def test_synchronous_can_be_relaxed_for_throwaway_databases(sqlite_url):
    engine = make_engine(sqlite_url, synchronous="normal")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1
    engine.dispose()
    with pytest.raises(ValueError):
        make_engine(sqlite_url, synchronous="sometimes")


def test_a_write_transaction_takes_the_write_lock_at_begin(sqlite_url, tmp_path):
    """BEGIN IMMEDIATE: a second writer cannot start until the first commits, even if the first
    has only read so far (a deferred BEGIN would let both read seq n, then one fail to write)."""
    engine = make_engine(sqlite_url)
    with write_session(writer(engine)) as session:
        session.execute(sa.text("SELECT 1"))
        _second_writer_is_locked_out(sqlite_url)
    with write_tx(writer(engine)):  # a move's transaction (game.store.writes), before any statement
        _second_writer_is_locked_out(sqlite_url)
    with read_session(engine) as session:  # a reader is never blocked, and takes no write lock
        session.execute(sa.text("SELECT 1"))
        other = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), timeout=0.05,
                                isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("COMMIT")
        other.close()
    engine.dispose()


def _second_writer_is_locked_out(sqlite_url: str) -> None:
    other = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), timeout=0.05,
                            isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.close()


def test_a_second_writer_waits_for_the_first(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE counter (n INTEGER)")
        conn.exec_driver_sql("INSERT INTO counter VALUES (0)")

    def bump() -> None:
        for _ in range(20):
            with write_session(writer(engine)) as session:
                n = session.execute(sa.text("SELECT n FROM counter")).scalar_one()
                session.execute(sa.text("UPDATE counter SET n = :n"), {"n": n + 1})

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT n FROM counter").scalar() == 80  # no lost update
    engine.dispose()


def test_postgres_urls_are_not_sqlite():
    assert is_sqlite("sqlite:///x.sqlite") and is_sqlite("sqlite://")
    assert not is_sqlite("postgresql+psycopg://u:p@localhost:5432/db")


def test_settings_come_from_the_environment(monkeypatch):
    for name in ("DATABASE_URL", "DISCORD_TOKEN", "WARGAME_DEV_GUILD", "WARGAME_SCENARIOS",
                 "WARGAME_FACILITATOR_ROLE", "FACILITATOR_ROLE", "LOG_LEVEL", "WARGAME_LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    assert defaults.database_url == DEFAULT_DATABASE_URL == "sqlite:///./wargame.sqlite"
    assert defaults.facilitator_role == "White Cell" and defaults.discord_token is None
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@db:5432/wargame")
    monkeypatch.setenv("DISCORD_TOKEN", "secret")
    monkeypatch.setenv("WARGAME_DEV_GUILD", "1234")
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    get_settings.cache_clear()
    try:
        settings = get_settings()
        assert settings.database_url.startswith("postgresql+psycopg://")
        assert settings.discord_token is not None
        assert settings.discord_token.get_secret_value() == "secret"
        assert "secret" not in repr(settings)
        assert (settings.dev_guild, settings.log_level) == (1234, "DEBUG")
    finally:
        get_settings.cache_clear()
