"""GameService: the one door through which every change to a game passes.

    handle(game_id, actor, command) = lock the game -> load its state -> engine.decide ->
        computer seats reply (game.runner) -> append every event in ONE transaction -> return.

Nothing is shown to anyone before the transaction has committed, so what the bot announces is
always in the log. Writers of one game are serialised twice: a lock per game in this process, and
the database across processes (PostgreSQL: `SELECT ... FOR UPDATE` on the games row; SQLite:
`BEGIN IMMEDIATE`). If a writer still slips past (the unique `(game_id, seq)` key fires, or the
database reports a lock timeout or serialisation failure) the attempt is rolled back and redone on a
fresh state a bounded number of times: never a lost update, never a duplicate event.

A client-supplied `command_id` (a Discord interaction id) makes a command idempotent: the same id
again returns the first outcome (the same events, or the same rejection) and writes nothing new.
"""

from __future__ import annotations

import logging
import secrets
import threading
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from game.engine import (
    Actor,
    Advance,
    Code,
    Command,
    Event,
    GameError,
    GameState,
    actor_to_dict,
    command_to_dict,
    create_game,
    replay,
    step,
)
from game.engine.events import SeatLeft, SeatTaken
from game.runner import run_computers
from game.scenario import Scenario, load_scenario
from game.service import loading
from game.service.queries import Queries
from game.service.support import NewGame, check_storable, opt_id, retrying, seat_rows, stamp
from game.service.types import HandleResult
from game.store import repo
from game.store.models import GameRow
from game.store.writes import CommandOutcome, GameRecord, WriteTx

if TYPE_CHECKING:
    from game.service.aio import AsyncGameService

log = logging.getLogger(__name__)

# What a late or superseded timer may meet; fire_deadline treats all of them as "nothing to do".
QUIET_CLOCK_CODES = frozenset(
    {Code.STALE_STATE, Code.GAME_OVER, Code.GAME_PAUSED, Code.WRONG_PHASE, Code.NO_GAME}
)


class GameService(Queries):
    """Sync core, safe to call from many threads; `service.aio` is the asyncio face of it."""

    max_attempts = 8
    snapshot_every = 32

    @property
    def aio(self) -> AsyncGameService:
        from game.service.aio import AsyncGameService

        if not isinstance(self._aio, AsyncGameService):
            self._aio = AsyncGameService(self)
        return self._aio

    # Creating a game ---------------------------------------------------------------------------

    def create_game(
        self,
        *,
        guild_id: int | str | None,
        channel_id: int | str | None,
        scenario: str | Scenario,
        facilitator_id: int | str | None,
        seed: int | None = None,
        game_id: str | None = None,
        command_id: str | None = None,
        scenario_name: str | None = None,
    ) -> HandleResult:
        """A new game in the lobby (GameCreated at seq 1). A channel holds one live game: a second
        is refused with GAME_EXISTS until the first is closed. `scenario` is a name or path for
        `load_scenario` (which raises ScenarioError), or a Scenario named by `scenario_name`.
        """
        loaded = load_scenario(scenario) if isinstance(scenario, str) else scenario
        name = scenario if isinstance(scenario, str) else (scenario_name or loaded.meta.title)
        new = NewGame(
            game_id=game_id or uuid.uuid4().hex[:16],
            guild_id=opt_id(guild_id), channel_id=opt_id(channel_id),
            facilitator_id=opt_id(facilitator_id), scenario=loaded, scenario_name=name[:200],
            seed=seed if seed is not None else secrets.randbits(31),
        )  # fmt: skip
        with self._game_lock(new.game_id):
            return self._retrying(new.game_id, lambda: self._create(new, command_id))

    def _create(self, new: NewGame, command_id: str | None) -> HandleResult:
        now = self._now()
        with self._write() as tx:
            prior = tx.command(command_id=command_id) if command_id else None
            if prior is not None:
                return self._repeat(tx, prior, tx.game(game_id=prior.game_id))
            if tx.game(game_id=new.game_id) is not None:
                raise GameError(Code.GAME_EXISTS, f"there is already a game {new.game_id}")
            if new.channel_id and repo.live_game_for_channel(tx.session, channel_id=new.channel_id):
                raise GameError(Code.GAME_EXISTS, "this channel already has a game; close it first")
            events = create_game(game_id=new.game_id, scenario=new.scenario, seed=new.seed,
                                 facilitator=new.facilitator_id)
            state = replay(events)
            row = new.row(now)
            tx.session.add(row)
            tx.session.flush()
            stored = tx.append_events(game_id=row.id, first_seq=1, events=events,
                                      command_id=command_id, now=now)
            self._project(tx, row, state, events, now)
            repo.save_seats(tx.session, game_id=row.id, seats=seat_rows(state))
            result = HandleResult(row.id, tuple(stored), state)
            if command_id is not None:
                actor = actor_to_dict(Actor.white_cell(new.facilitator_id))
                self._record(tx, command_id, row.id, actor, new.command(), result=result)
        self._cache.put(state)
        return result

    # Commands ----------------------------------------------------------------------------------

    def handle(
        self,
        game_id: str,
        actor: Actor,
        command: Command,
        expected_seq: int | None = None,
        command_id: str | None = None,
    ) -> HandleResult:
        """Apply `command` for `actor` and return the events it caused, computer seats' replies
        included, once they are committed. A refusal raises GameError and writes no event (with a
        command_id the refusal is remembered, so that a repeat gets the same answer).

        `expected_seq` is the seq of the state the actor saw; if the game has moved on since, the
        command is refused with STALE_STATE (the bot shows the new state and lets them retry).
        """
        return self._handle(game_id, actor, command, expected_seq, command_id, None)

    def fire_deadline(
        self, game_id: str, phase: str, turn: int, now: float | None = None
    ) -> HandleResult | None:
        """The clock's Advance for a deadline that has passed; None if there is nothing to do.

        A timer may be late or superseded: the phase is over (the engine says STALE_STATE), the
        game is paused, over or gone, or the facilitator moved the deadline. All are quiet no-ops;
        the bot re-arms its timers from `deadlines()` or polls `due_deadlines()`.
        """
        now = self._now() if now is None else now
        advance = Advance(phase=phase, turn=turn, at=now)
        try:
            return self._handle(game_id, Actor.clock(), advance, None, None, due_at=now)
        except GameError as exc:
            if exc.code not in QUIET_CLOCK_CODES:
                raise
            log.debug("game %s: deadline %s/%d not fired: %s", game_id, phase, turn, exc)
            return None

    def _handle(
        self,
        game_id: str,
        actor: Actor,
        command: Command,
        expected_seq: int | None,
        command_id: str | None,
        due_at: float | None,
    ) -> HandleResult:
        command = stamp(command, self._now)
        check_storable(command)
        with self._game_lock(game_id):
            return self._retrying(game_id, lambda: self._attempt(
                game_id, actor, command, expected_seq, command_id, due_at))  # fmt: skip

    def _attempt(
        self,
        game_id: str,
        actor: Actor,
        command: Command,
        expected_seq: int | None,
        command_id: str | None,
        due_at: float | None,
    ) -> HandleResult:
        refusal: GameError | None = None
        with self._write() as tx:
            row = tx.game(game_id=game_id, lock=True)
            if row is None:
                raise GameError(Code.NO_GAME, f"there is no game {game_id}")
            prior = tx.command(command_id=command_id) if command_id else None
            if prior is not None:
                return self._repeat(tx, prior, row)
            if expected_seq is not None and expected_seq != row.seq:
                raise GameError(Code.STALE_STATE, f"the game has moved on (seq {row.seq})")
            if due_at is not None and (row.deadline is None or row.deadline > due_at):
                raise GameError(Code.STALE_STATE, "that deadline was moved or cleared")
            state = self._state_in(tx, row)
            try:
                events, folded = step(state, actor, command)
            except GameError as exc:
                if command_id is None:
                    raise
                refusal = exc
                self._record(tx, command_id, game_id, actor_to_dict(actor),
                             command_to_dict(command), refusal=exc)
            else:
                result = self._apply(tx, row, state, folded, events, command_id, command.at)
                if command_id is not None:
                    self._record(tx, command_id, game_id, actor_to_dict(actor),
                                 command_to_dict(command), result=result)
        if refusal is not None:
            raise refusal
        self._cache.put(result.state)
        return result

    def _apply(
        self,
        tx: WriteTx,
        row: GameRow | GameRecord,
        state: GameState,
        folded: GameState,
        events: list[Event],
        command_id: str | None,
        at: float | None,
    ) -> HandleResult:
        """Let computer seats reply to the command's events (`folded` is `state` with them; the
        replies are at the command's time, so that a replay of the log is exact) and write all of
        it, with a snapshot now and then."""
        now = self._now()
        new, replies = run_computers(folded, at)
        events = events + replies
        stored = tx.append_events(game_id=row.id, first_seq=row.seq + 1, events=events,
                                  command_id=command_id, now=now)
        self._project(tx, row, new, events, now)
        crossed = new.seq // self.snapshot_every > state.seq // self.snapshot_every
        if crossed or (new.over and not state.over):
            tx.save_snapshot(values=loading.snapshot_values(new, now))
        return HandleResult(row.id, tuple(stored), new)

    def _project(
        self,
        tx: WriteTx,
        row: GameRow | GameRecord,
        state: GameState,
        events: Sequence[Event],
        now: float,
    ) -> None:
        """Copy onto the games and seats rows what queries need, in the events' transaction."""
        values: dict[str, Any] = {
            "phase": state.phase.value, "seq": state.seq, "deadline": state.deadline,
            "deadline_phase": state.phase.value if state.deadline is not None else None,
            "deadline_turn": state.turn if state.deadline is not None else None,
        }  # fmt: skip
        if state.over and row.ended_at is None:
            values["ended_at"] = now
        tx.update_game(game_id=row.id, values=values)
        if any(isinstance(e, (SeatTaken, SeatLeft)) for e in events):
            repo.save_seats(tx.session, game_id=row.id, seats=seat_rows(state))

    def _repeat(
        self, tx: WriteTx, prior: CommandOutcome, row: GameRecord | None
    ) -> HandleResult:
        """A command id seen before: its first outcome again, and nothing written."""
        if row is None or prior.game_id != row.id:
            raise GameError(Code.INVALID_ARGUMENT, "that command id was used for another game")
        if not prior.accepted:
            raise GameError(Code(prior.code or Code.INVALID_ARGUMENT), prior.detail or "")
        first, last = prior.first_seq or 1, prior.last_seq or 0
        events = repo.load_events(tx.session, game_id=row.id, after_seq=first - 1, upto_seq=last)
        return HandleResult(row.id, tuple(events), self._state_in(tx, row), duplicate=True)

    def _record(
        self,
        tx: WriteTx,
        command_id: str,
        game_id: str,
        actor: dict[str, Any],
        command: dict[str, Any],
        *,
        result: HandleResult | None = None,
        refusal: GameError | None = None,
    ) -> None:
        seqs = [e.seq for e in result.events] if result else []
        tx.insert_command(values=dict(
            id=command_id, game_id=game_id, actor=actor, command=command,
            accepted=refusal is None, code=refusal.code.value if refusal else None,
            detail=refusal.detail if refusal else None,
            first_seq=seqs[0] if seqs else None, last_seq=seqs[-1] if seqs else None,
            created_at=self._now(),
        ))  # fmt: skip

    # Locks, retries, time ------------------------------------------------------------------------

    def _retrying(self, game_id: str, attempt: Callable[[], HandleResult]) -> HandleResult:
        return retrying(attempt, attempts=self.max_attempts,
                        on_retry=lambda: self._cache.drop(game_id))

    def _game_lock(self, game_id: str) -> threading.Lock:
        with self._locks_guard:
            lock = self._locks.get(game_id)
            if lock is None:
                lock = self._locks[game_id] = threading.Lock()
            return lock

    def _now(self) -> float:
        return float(self.clock())
