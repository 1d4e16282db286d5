"""Database URL fixtures for any test that needs a real database.

`database_url` runs a test once per backend, each time on a fresh, empty database:
- SQLite always (a new file in the test's tmp_path);
- PostgreSQL when WARGAME_TEST_POSTGRES_URL is set (a new schema per test, dropped afterwards).
Without that variable the PostgreSQL runs skip, saying how to start a server, except under CI=true
where a missing PostgreSQL is a failure: CI must never pass by skipping its database tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

POSTGRES_ENV = "WARGAME_TEST_POSTGRES_URL"
HOW_TO = f'set {POSTGRES_ENV}, e.g. run: eval "$(bash .ci/postgres.sh start)"'


def postgres_base_url() -> str:
    """The server's URL, or skip (fail under CI=true)."""
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true but PostgreSQL is missing: {HOW_TO}")
    pytest.skip(f"PostgreSQL tests skipped: {HOW_TO}")


@pytest.fixture
def sqlite_url(tmp_path: os.PathLike[str]) -> str:
    return f"sqlite:///{os.path.join(tmp_path, 'wargame.sqlite')}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on the test server, first on the search_path of every connection."""
    base = postgres_base_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, poolclass=NullPool)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database on each backend in turn."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--soak", action="store_true", default=False,
                     help="long runs: 500 soak games, 10,000 information-flow games")
