"""Exports: one call, one folder. `debrief_files` makes the files' contents (pure); `export_debrief`
writes them. The Discord bot calls `export_debrief(events, out_dir, seat=...)` and attaches what it
returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game.debrief.build import build_debrief
from game.debrief.fold import as_events
from game.debrief.html import render_html
from game.debrief.markdown import render_markdown
from game.debrief.model import Debrief
from game.debrief.seat import seat_replay
from game.debrief.seat_render import render_seat_html, render_seat_markdown
from game.debrief.tables import decisions_csv, timeline_csv
from game.debrief.text import CHARTS

Files = dict[str, str | bytes]


def debrief_json(d: Debrief) -> str:
    return d.model_dump_json(indent=2) + "\n"


def full_files(events: Iterable[Any], *, charts: bool = True) -> Files:
    """File name -> content for the facilitator's debrief."""
    d = build_debrief(events)
    images: dict[str, bytes] = {}
    if charts:
        from game.debrief.charts import all_charts  # matplotlib loads only when charts are wanted

        images = all_charts(d)
    files: Files = {
        "debrief.md": render_markdown(d, charts=charts),
        "debrief.html": render_html(d, images),
        "debrief.json": debrief_json(d),
        "timeline.csv": timeline_csv(d),
        "decisions.csv": decisions_csv(d),
    }
    files.update({CHARTS[key][0]: png for key, png in images.items()})
    return files


def seat_files(events: Iterable[Any], seat: str) -> Files:
    """File name -> content for one seat's spoiler-safe replay."""
    r = seat_replay(events, seat)
    return {
        f"replay-{seat}.md": render_seat_markdown(r),
        f"replay-{seat}.html": render_seat_html(r),
        f"replay-{seat}.json": r.model_dump_json(indent=2) + "\n",
    }


def debrief_files(events: Iterable[Any], *, seat: str | None = None, charts: bool = True) -> Files:
    events = as_events(events)
    return seat_files(events, seat) if seat else full_files(events, charts=charts)


def write_files(files: Files, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in files.items():
        path = out_dir / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            # CSV for spreadsheets: a byte-order mark tells Excel it is UTF-8
            path.write_text(content, encoding="utf-8-sig" if name.endswith(".csv") else "utf-8",
                            newline="")
        paths.append(path)
    return paths


def export_debrief(events: Iterable[Any], out_dir: Path, *, seat: str | None = None) -> list[Path]:
    """Write the full debrief (or, with `seat`, that seat's spoiler-safe replay) into `out_dir`
    and return the paths written. `events`: engine events, or stored rows carrying `.event`."""
    return write_files(debrief_files(events, seat=seat), Path(out_dir))
