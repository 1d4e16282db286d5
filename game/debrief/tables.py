"""The spreadsheet exports: `timeline.csv` (one row per event) and `decisions.csv`.

UTF-8 with a byte-order mark so that Excel reads flags and accents right; every cell through
`text.cell`, so that no typed text starting with "=" becomes a formula.
"""

from __future__ import annotations

import csv
import io

from game.debrief.model import Debrief
from game.debrief.text import Names, cell

TIMELINE_COLUMNS = ["seq", "turn", "phase", "type", "visibility", "roles", "text"]
DECISION_COLUMNS = ["seq", "turn", "phase", "role", "role_name", "kind", "item", "to", "level",
                    "choice", "code", "target", "sb", "pc", "summary", "rationale"]


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[cell(v) for v in row] for row in rows])
    return buf.getvalue()


def timeline_csv(d: Debrief) -> str:
    return _csv(TIMELINE_COLUMNS, [
        [r.seq, r.turn, r.phase, r.type, r.visibility, ";".join(r.roles), r.text]
        for r in d.timeline
    ])  # fmt: skip


def decisions_csv(d: Debrief) -> str:
    names = Names(d.game)
    return _csv(DECISION_COLUMNS, [
        [x.seq, x.turn, x.phase, x.role, names.role(x.role, flag=False), x.kind, x.item, x.to,
         x.level, x.choice, x.code, x.target, x.sb, x.pc, x.summary, x.rationale]
        for x in d.decisions
    ])  # fmt: skip
