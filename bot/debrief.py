"""The debrief files for a finished game: the event log and what `game.debrief` makes of it.

The log (`events.jsonl`, with the final state's digest so anyone can replay and check it) is
always attached; the Markdown, HTML, JSON, CSV (and, unless turned off, PNG charts) come from
`game.debrief.export_debrief`. If that package is missing, a minimal Markdown summary stands in.
"""

from __future__ import annotations

import io
import logging
import tempfile
from pathlib import Path

import discord

from game.describe import outcome_line, role_name
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


def minimal_summary(state: GameState) -> str:
    """A stand-in when the debrief package is unavailable: outcomes and scores in Markdown."""
    sc = state.scenario
    lines = [f"# Debrief: {sc.meta.title}", "", f"Game `{state.game_id}`, seed {state.seed}.", "",
             "## Plots", ""]
    lines += [f"- {outcome_line(p, sc)}" for p in state.plots.values()]
    lines += ["", "## Scores", ""]
    lines += [f"- {role_name(sc, r)}: {s.get('total', 0)}" for r, s in (state.scores or {}).items()]
    return "\n".join(lines) + "\n"


def debrief_payload(events: list[StoredEvent], state: GameState, *, charts: bool
                    ) -> dict[str, bytes]:
    """File name -> bytes, the most useful first. Blocking: run it in a thread."""
    files: dict[str, bytes] = {"events.jsonl": log_bytes(events, state)}
    try:
        from game.debrief import debrief_files, export_debrief
    except ImportError:
        files["debrief.md"] = minimal_summary(state).encode()
        return files
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
