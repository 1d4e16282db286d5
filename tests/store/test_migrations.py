"""Alembic migrations: the schema they build is the models' schema, on both backends, from any
working directory, once even when several processes start together."""

from __future__ import annotations

import multiprocessing
import tomllib
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel

from game.store import models  # noqa: F401
from game.store.migrate import (
    MIGRATIONS_DIR,
    alembic_config,
    current_revision,
    head_revision,
    is_current,
    upgrade,
)

TABLES = {"games", "seats", "events", "commands", "snapshots", "alembic_version"}
ROOT = Path(__file__).resolve().parents[2]


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_builds_every_table_once(database_url):
    assert current_revision(database_url) is None
    upgrade(database_url)
    assert _tables(database_url) == TABLES
    assert current_revision(database_url) == head_revision() and is_current(database_url)
    upgrade(database_url)  # a second run is a no-op
    assert _tables(database_url) == TABLES


def test_the_migrations_build_the_models_schema(database_url):
    upgrade(database_url)
    engine = sa.create_engine(database_url, poolclass=NullPool)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_downgrade_to_base_removes_everything(database_url):
    upgrade(database_url)
    command.downgrade(alembic_config(database_url), "base")
    assert _tables(database_url) == {"alembic_version"}


def test_migrations_run_from_any_working_directory(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    upgrade("sqlite:///./relative.sqlite")
    assert (elsewhere / "relative.sqlite").exists()
    assert _tables(f"sqlite:///{elsewhere / 'relative.sqlite'}") == TABLES


def _upgrade_in_child(url: str) -> None:
    upgrade(url)


def test_processes_starting_together_migrate_once(database_url):
    """Two bot replicas, or a restart racing `wargame db upgrade`: both succeed, one migrates."""
    ctx = multiprocessing.get_context("fork")
    children = [ctx.Process(target=_upgrade_in_child, args=(database_url,)) for _ in range(4)]
    for child in children:
        child.start()
    for child in children:
        child.join(60)
    assert [c.exitcode for c in children] == [0, 0, 0, 0]
    assert _tables(database_url) == TABLES and is_current(database_url)


def test_the_migrations_ship_in_the_package():
    """pyproject's package-data must carry every file Alembic needs at run time."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["game"]
    package = ROOT / "game"
    needed = [p for p in MIGRATIONS_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert {p.name for p in needed} >= {"alembic.ini", "env.py", "script.py.mako"}
    missing = [p for p in needed
               if not any(p.relative_to(package).match(pattern) or
                          _glob_match(package, pattern, p) for pattern in patterns)]
    assert missing == []


def _glob_match(package: Path, pattern: str, path: Path) -> bool:
    return path in set(package.glob(pattern))
