"""The debrief files for a finished game: the event log and what `game.debrief` makes of it.

The log (`events.jsonl`, with the final state's digest so anyone can replay and check it) is
always attached; the Markdown, HTML, JSON, CSV (and, unless turned off, PNG charts) come from
`game.debrief`, the same exports as `wargame debrief`.
"""

from __future__ import annotations

import io
import logging
import tempfile
from pathlib import Path

import discord

from game.debrief import debrief_files, export_debrief
from game.engine import GameState
from game.eventlog import dump_lines
from game.service import StoredEvent

log = logging.getLogger("bot.debrief")
MAX_FILES = 10
MAX_BYTES = 8 * 1024 * 1024  # stay under the smallest upload limit (10 MiB) with room to spare
PREFERRED = ("debrief.md", "events.jsonl", "debrief.html", "decisions.csv", "timeline.csv",
             "debrief.json")


def log_bytes(events: list[StoredEvent], state: GameState) -> bytes:
    return ("\n".join(dump_lines([e.event for e in events], state)) + "\n").encode()


def debrief_payload(events: list[StoredEvent], state: GameState, *, charts: bool
                    ) -> dict[str, bytes]:
    """File name -> bytes, the most useful first. Blocking: run it in a thread."""
    files: dict[str, bytes] = {"events.jsonl": log_bytes(events, state)}
    if charts:
        with tempfile.TemporaryDirectory() as tmp:
            for path in export_debrief(events, Path(tmp)):
                files[path.name] = path.read_bytes()
    else:
        for name, content in debrief_files(events, charts=False).items():
            files[name] = content if isinstance(content, bytes) else content.encode()
    return files


def attachments(files: dict[str, bytes]) -> list[discord.File]:
    """At most 10 files under the upload limit, preferred files first."""
    order = [n for n in PREFERRED if n in files] + sorted(n for n in files if n not in PREFERRED)
    chosen: list[discord.File] = []
    total = 0
    for name in order:
        size = len(files[name])
        if len(chosen) == MAX_FILES or total + size > MAX_BYTES:
            log.info("debrief: %s left out (limits)", name)
            continue
        chosen.append(discord.File(io.BytesIO(files[name]), filename=name))
        total += size
    return chosen
