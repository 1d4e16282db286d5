"""The debrief: everything hidden, revealed, as a pure projection of a game's event log.

    d = build_debrief(events)                      # the whole model (versioned: DEBRIEF_FORMAT)
    paths = export_debrief(events, out_dir)        # md, html, json, csv and PNG charts
    paths = export_debrief(events, out_dir, seat="borovia")  # one seat's spoiler-safe replay

`game.debrief.whatif` forks a game at a logged event and replays it with another decision.
"""

from game.debrief.build import build_debrief
from game.debrief.export import debrief_files, export_debrief
from game.debrief.model import DEBRIEF_FORMAT, Debrief
from game.debrief.seat import SeatReplay, seat_replay

__all__ = ["DEBRIEF_FORMAT", "Debrief", "SeatReplay", "build_debrief", "debrief_files",
           "export_debrief", "seat_replay"]
