"""Read-only questions the bot asks: which game is in this channel, where is this user seated,
what happened since seq n, which deadlines are due; and recovery after a restart.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from game.engine import Code, GameError, GameState
from game.service import loading
from game.service.base import ServiceBase
from game.service.types import Deadline, GameInfo, deadline_of
from game.store import repo
from game.store.repo import StoredEvent

log = logging.getLogger(__name__)


def _id(value: int | str) -> str:
    """Discord ids arrive as ints; the store keeps every id as a string."""
    return str(value)


class Queries(ServiceBase):
    def state(self, game_id: str) -> GameState:
        """The game's current state (cached); GameError(NO_GAME) if there is no such game."""
        with self._read() as session:
            row = repo.get_game(session, game_id=game_id)
            if row is None:
                raise GameError(Code.NO_GAME, f"there is no game {game_id}")
            return self._state_at(session, row)

    def game(self, game_id: str) -> GameInfo | None:
        with self._read() as session:
            row = repo.get_game(session, game_id=game_id)
            return GameInfo.of(row) if row else None

    def game_for_channel(self, channel_id: int | str) -> GameInfo | None:
        """The channel's game that is not closed (at most one), or None."""
        with self._read() as session:
            row = repo.live_game_for_channel(session, channel_id=_id(channel_id))
            return GameInfo.of(row) if row else None

    def games_for_guild(self, guild_id: int | str, *, live_only: bool = True) -> list[GameInfo]:
        with self._read() as session:
            rows = repo.games_for_guild(session, guild_id=_id(guild_id), live_only=live_only)
            return [GameInfo.of(r) for r in rows]

    def seat_of(self, game_id: str, user_id: int | str) -> str | None:
        """The role `user_id` holds in the game, or None."""
        with self._read() as session:
            return repo.seat_of(session, game_id=game_id, user_id=_id(user_id))

    def games_for_user(self, user_id: int | str) -> list[tuple[GameInfo, str]]:
        """(game, role) for each game not closed where the user holds a seat: DMs have no channel."""
        with self._read() as session:
            pairs = repo.seats_of_user(session, user_id=_id(user_id))
            return [(GameInfo.of(g), role) for g, role in pairs]

    def events(self, game_id: str, after_seq: int = 0) -> list[StoredEvent]:
        """The stored events after `after_seq`, in order; route each by `.visibility`."""
        with self._read() as session:
            return repo.load_events(session, game_id=game_id, after_seq=after_seq)

    def live_games(self) -> list[GameInfo]:
        with self._read() as session:
            return [GameInfo.of(r) for r in repo.live_games(session)]

    def due_deadlines(self, now: float | None = None) -> list[Deadline]:
        """Deadlines that have passed (earliest first): fire each with `fire_deadline`."""
        now = self.clock() if now is None else now
        with self._read() as session:
            rows = repo.due_deadlines(session, now=now)
            return [d for d in map(deadline_of, rows) if d is not None]

    def deadlines(self) -> list[Deadline]:
        """Every armed deadline of a live game, earliest first (what a timer should wait for)."""
        with self._read() as session:
            return [d for d in map(deadline_of, repo.armed_deadlines(session)) if d is not None]

    def recover(self, *, warm: bool = True) -> list[Deadline]:
        """After a start: rebuild the live games' states into the cache (`warm`) and return the
        deadlines to re-arm. Without `warm` states load on first use instead (a big deployment
        starts at once; each game costs a few milliseconds when first touched).
        """
        start = time.perf_counter()
        with self._read() as session, _collector_paused():
            rows = repo.live_games(session)
            if warm:
                expected = {r.id: r.seq for r in rows}
                for state in loading.rebuild_many(session, [r.id for r in rows]):
                    if state.seq != expected[state.game_id]:
                        log.error("game %s: log has seq %d, games row says %d", state.game_id,
                                  state.seq, expected[state.game_id])
                    self._cache.put(state)
            deadlines = [d for d in map(deadline_of, rows) if d is not None]
        log.info("recovered %d live games (%d deadlines) in %.2f s", len(rows), len(deadlines),
                 time.perf_counter() - start)
        return sorted(deadlines, key=lambda d: d.at)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the states are built. They are long-lived and hold
    no reference cycles, and its passes over the growing cache are otherwise about 40% of a
    10,000-game recovery. Reference counting frees everything else meanwhile as usual.

    Afterwards everything alive is moved to the collector's permanent generation (`gc.freeze`):
    otherwise the first collections after the pause walk every object of every recovered state
    (a million objects for a thousand games), and they run inside whichever move comes next,
    adding tens to hundreds of milliseconds to it. Frozen objects are still freed by reference
    counting when a move replaces a state; they are only left out of the cycle searches."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
