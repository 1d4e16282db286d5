"""Forgetting a player: their Discord id replaced by a pseudonym everywhere the store keeps it.

A Discord user id is stored in `games.facilitator_id`, `seats.user_id`, the payloads of events
(`seat_taken.player`, `game_created.facilitator`, and a mention typed into free text) and the
`commands` rows (`actor.player`). `forget_user` rewrites every one of them, in one transaction, to
`forgotten-<random>` (one pseudonym per call, the same in all of that user's games, so a debrief
still tells one anonymous player from another; random rather than a hash of the id, since Discord
ids are few enough to hash them all). Snapshots hold the id inside a folded state: they are
deleted (a cache, rebuilt from the log on the next load). Every game touched is then replayed from
its rewritten log and must fold cleanly; its digest changes, as it should.

A running service keeps states in memory: call `GameService`'s cache drop for each game returned
(the bot's `/game forget-me` does), or run `wargame db forget` while the bot is stopped.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from game.engine import replay, state_digest
from game.store import repo
from game.store.db import write_session, writer
from game.store.models import CommandRow, EventRow, GameRow, SeatRow, SnapshotRow

PREFIX = "forgotten-"


@dataclass
class ForgetReport:
    user_id: str
    pseudonym: str
    games: list[str] = field(default_factory=list)
    events: int = 0
    commands: int = 0
    seats: int = 0
    snapshots: int = 0
    digests: dict[str, str] = field(default_factory=dict)  # game -> digest after the rewrite


def new_pseudonym() -> str:
    return PREFIX + secrets.token_hex(6)


def scrub(value: Any, user_id: str, pseudonym: str) -> Any:
    """`value` (JSON) with every occurrence of `user_id` in a string replaced by `pseudonym`."""
    if isinstance(value, str):
        return value.replace(user_id, pseudonym) if user_id in value else value
    if isinstance(value, dict):
        return {k: scrub(v, user_id, pseudonym) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, user_id, pseudonym) for v in value]
    return value


def _mentions(value: Any, user_id: str) -> bool:
    return user_id in repr(value)


def forget_user(engine: Engine, user_id: str | int, *, pseudonym: str | None = None) -> ForgetReport:
    """Replace `user_id` by a pseudonym in every stored game; replay each game touched."""
    uid = str(user_id).strip()
    if not uid or uid.startswith(PREFIX):
        raise ValueError("a Discord user id is needed")
    report = ForgetReport(user_id=uid, pseudonym=pseudonym or new_pseudonym())
    name = report.pseudonym
    touched: set[str] = set()
    with write_session(writer(engine)) as session:
        for game in session.exec(select(GameRow).where(GameRow.facilitator_id == uid)).all():
            game.facilitator_id = name
            session.add(game)
            touched.add(game.id)
        for seat in session.exec(select(SeatRow).where(SeatRow.user_id == uid)).all():
            seat.user_id = name
            session.add(seat)
            touched.add(seat.game_id)
            report.seats += 1
        like = f"%{uid}%"
        events = session.exec(select(EventRow).where(
            sa.cast(EventRow.payload, sa.Text).like(like))).all()
        for row in events:
            if _mentions(row.payload, uid):
                row.payload = scrub(row.payload, uid, name)
                session.add(row)
                touched.add(row.game_id)
                report.events += 1
        commands = session.exec(select(CommandRow).where(sa.or_(
            sa.cast(CommandRow.actor, sa.Text).like(like),
            sa.cast(CommandRow.command, sa.Text).like(like)))).all()
        for cmd in commands:
            if _mentions(cmd.actor, uid) or _mentions(cmd.command, uid):
                cmd.actor = scrub(cmd.actor, uid, name)
                cmd.command = scrub(cmd.command, uid, name)
                session.add(cmd)
                touched.add(cmd.game_id)
                report.commands += 1
        if touched:
            snaps = session.exec(select(SnapshotRow).where(SnapshotRow.game_id.in_(touched))).all()  # type: ignore[attr-defined]
            for snap in snaps:
                session.delete(snap)
            report.snapshots = len(snaps)
        session.flush()
        report.games = sorted(touched)
        report.digests = dict(_replay_all(session, report.games, uid))
    return report


def _replay_all(session: Session, game_ids: Iterable[str], uid: str) -> Iterable[tuple[str, str]]:
    """Each game's rewritten log folds cleanly, to the games row's seq, with no trace of `uid`;
    any failure raises and rolls the whole rewrite back."""
    for game_id in game_ids:
        game = repo.get_game(session, game_id=game_id)
        stored = repo.load_events(session, game_id=game_id)
        state = replay(e.event for e in stored)
        if game is not None and state.seq != game.seq:
            raise RuntimeError(f"game {game_id}: replay reached seq {state.seq}, not {game.seq}")
        if state.facilitator == uid or any(s.player == uid for s in state.seats.values()):
            raise RuntimeError(f"game {game_id}: the id is still in the replayed state")
        yield game_id, state_digest(state)
