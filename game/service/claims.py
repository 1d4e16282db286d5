"""Claims: the database decides which process does a one-off job when several bots share it.

Several bot processes (shards of one bot, see docs/self-hosting.md) each arm a timer for every
live game's deadline, because any of them may be the one left running. Two kinds of job follow
from a deadline, and each must happen once:

- **Firing it** is claimed by the game's row: `fire_deadline` locks the row (`SELECT … FOR
  UPDATE` on PostgreSQL, `BEGIN IMMEDIATE` on SQLite), checks the deadline is still the one due,
  and advances the phase in the same transaction. The first process commits the advance; every
  later one finds the phase over (or the deadline moved) and gets `None`, so only the winner
  announces it. No extra table is needed, and a process that dies mid-fire leaves the deadline
  due for the others (its transaction is rolled back).
- **A reminder** writes nothing to the game, so it is claimed with a row of its own: an INSERT of
  the key `reminder:<game>:<phase>:<turn>:<deadline>` into the `commands` table (the service's
  record of actions taken once, keyed by a unique id) with ON CONFLICT DO NOTHING. The process
  whose insert lands sends the reminder; the others do not. An extended deadline is a new key,
  so it gets its own reminder. (If the winner dies between the claim and the message, that one
  reminder is lost: a reminder is a courtesy, the deadline itself still fires.)
"""

from __future__ import annotations

import os
import socket

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from game.engine import Actor, actor_to_dict
from game.service.types import Deadline
from game.store.models import CommandRow

OWNER = f"{socket.gethostname()}:{os.getpid()}"
_C = CommandRow.__table__  # type: ignore[attr-defined]


def reminder_key(deadline: Deadline) -> str:
    return f"reminder:{deadline.game_id}:{deadline.phase}:{deadline.turn}:{deadline.at:.3f}"


def claim(engine: Engine, *, key: str, game_id: str, job: dict[str, object], now: float,
          owner: str = OWNER) -> bool:
    """True for exactly one caller per `key`, across every process on this database."""
    values = {"id": key[:100], "game_id": game_id, "actor": actor_to_dict(Actor.clock()),
              "command": {**job, "owner": owner}, "accepted": True, "created_at": now}
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    stmt = (insert(_C).values(**values).on_conflict_do_nothing(index_elements=["id"])
            .returning(_C.c.id))
    with engine.begin() as conn:
        return conn.execute(stmt).scalar_one_or_none() is not None


def claim_reminder(engine: Engine, deadline: Deadline, now: float, owner: str = OWNER) -> bool:
    """Whether this process sends the reminder before `deadline` (exactly one process does)."""
    job = {"kind": "reminder", "phase": deadline.phase, "turn": deadline.turn, "at": deadline.at}
    return claim(engine, key=reminder_key(deadline), game_id=deadline.game_id, job=job, now=now,
                 owner=owner)


def claimed_by(engine: Engine, key: str) -> str | None:
    """Who holds `key` (host:pid), or None."""
    with engine.connect() as conn:
        job = conn.execute(sa.select(_C.c.command).where(_C.c.id == key)).scalar_one_or_none()
    return None if job is None else str(job.get("owner"))
