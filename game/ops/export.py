"""`wargame export --all --out DIR`: a backup of every stored game, readable without the database.

Each game becomes `DIR/<game id>/events.jsonl` (the whole log, ending with a checkpoint line that
records the digest of the replayed state, so `wargame replay` can verify it), and `DIR/index.json`
lists the games with their scenario, guild, channel, phase, event count and digest.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlmodel import col, select

from game.engine import replay, state_digest
from game.eventlog import write_log
from game.store import repo
from game.store.db import make_engine, read_session
from game.store.models import GameRow


@dataclass(frozen=True)
class Exported:
    id: str
    scenario: str
    guild_id: str | None
    channel_id: str | None
    phase: str
    created_at: float
    ended_at: float | None
    events: int
    state_digest: str | None
    file: str | None
    error: str | None = None


def export_all(database_url: str, out: Path) -> list[Exported]:
    """Write every game's log under `out` and the index; returns the index entries."""
    out.mkdir(parents=True, exist_ok=True)
    engine = make_engine(database_url)
    entries: list[Exported] = []
    try:
        with read_session(engine) as session:
            rows = list(session.exec(select(GameRow).order_by(col(GameRow.created_at))))
            for row in rows:
                entries.append(_export_one(session, row, out))
    finally:
        engine.dispose()
    index = {"exported_at": time.time(), "database": _safe(database_url),
             "games": [asdict(e) for e in entries]}
    (out / "index.json").write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    return entries


def _export_one(session, row: GameRow, out: Path) -> Exported:  # type: ignore[no-untyped-def]
    base = dict(id=row.id, scenario=row.scenario, guild_id=row.guild_id, channel_id=row.channel_id,
                phase=row.phase, created_at=row.created_at, ended_at=row.ended_at)
    try:
        events = [e.event for e in repo.load_events(session, game_id=row.id)]
        state = replay(events)
    except Exception as exc:  # one broken game must not stop the backup of the others
        return Exported(**base, events=0, state_digest=None, file=None,  # type: ignore[arg-type]
                        error=f"{type(exc).__name__}: {str(exc)[:200]}")
    folder = out / _safe_name(row.id)
    folder.mkdir(parents=True, exist_ok=True)
    write_log(folder / "events.jsonl", events, state)
    return Exported(**base, events=len(events), state_digest=state_digest(state),  # type: ignore[arg-type]
                    file=f"{folder.name}/events.jsonl")


def _safe_name(game_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in game_id) or "game"


def _safe(url: str) -> str:
    import sqlalchemy as sa

    return sa.make_url(url).render_as_string(hide_password=True)
