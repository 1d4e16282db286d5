"""Service fixtures: a migrated database per backend, a service on it, and a manual clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from game.scenario import Scenario, load_scenario
from game.service import GameService
from game.store.migrate import upgrade

from .helpers import Clock


@pytest.fixture(scope="session")
def tutorial() -> Scenario:
    return load_scenario("tutorial")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def migrated_url(database_url: str) -> str:
    upgrade(database_url)
    return database_url


@pytest.fixture
def make_service(migrated_url: str, clock: Clock) -> Iterator[Callable[..., GameService]]:
    """Services on the test database (several model several processes); all closed afterwards."""
    made: list[GameService] = []

    def make(**kwargs: object) -> GameService:
        kwargs.setdefault("clock", clock)
        service = GameService(migrated_url, auto_migrate=False, **kwargs)  # type: ignore[arg-type]
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()


@pytest.fixture
def service(make_service: Callable[..., GameService]) -> GameService:
    return make_service()
