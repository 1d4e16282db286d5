"""Typed rejections: a stable code for every way a command can be refused.

Codes are part of the interface (the bot maps each one to words in one place), so they never change
meaning. They are checked in a fixed order: game state first, then who is asking, then the phase,
then the command's own arguments.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    NO_GAME = "no_game"
    GAME_EXISTS = "game_exists"
    GAME_OVER = "game_over"
    NOT_FACILITATOR = "not_facilitator"
    NOT_YOUR_SEAT = "not_your_seat"
    GAME_PAUSED = "game_paused"
    WRONG_PHASE = "wrong_phase"
    ALREADY_SUBMITTED = "already_submitted"
    STALE_STATE = "stale_state"
    UNKNOWN_ROLE = "unknown_role"
    SEAT_TAKEN = "seat_taken"
    ALREADY_SEATED = "already_seated"
    NO_PLAYERS = "no_players"
    UNKNOWN_ITEM = "unknown_item"
    UNKNOWN_TARGET = "unknown_target"
    UNKNOWN_SUSPECT = "unknown_suspect"
    UNKNOWN_ACTION = "unknown_action"
    UNKNOWN_PLOT = "unknown_plot"
    SELF_SHARE = "self_share"
    NO_ONWARD_SHARING = "no_onward_sharing"
    NOT_BOUND = "not_bound"
    NOT_TRIGGERING = "not_triggering"
    WAIVER_NEEDS_REASON = "waiver_needs_reason"
    NOT_RECEIVED = "not_received"
    ALREADY_RATED = "already_rated"
    NOT_YOUR_TERRITORY = "not_your_territory"
    NOT_ENOUGH_BUDGET = "not_enough_budget"
    NOT_ENOUGH_PC = "not_enough_pc"
    DUPLICATE_ACTION = "duplicate_action"
    ALREADY_ARRESTED = "already_arrested"
    ALREADY_ADJUDICATED = "already_adjudicated"
    INVALID_ARGUMENT = "invalid_argument"


class GameError(Exception):
    """A command the rules refuse. `code` is stable; `detail` is a short hint for humans."""

    def __init__(self, code: Code, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code.value}: {detail}" if detail else code.value)


def clean_text(text: str, what: str, *, limit: int) -> str:
    """Free text as the log may keep it: trimmed, within `limit`, and without control characters
    (a NUL cannot be stored in PostgreSQL's JSONB; other controls only garble what others read).
    Newlines and tabs are kept; zero-width and bidirectional marks are the renderer's to escape."""
    if len(text) > limit:
        raise GameError(Code.INVALID_ARGUMENT, f"the {what} is longer than {limit} characters")
    if text.isascii() and text.isprintable():  # the usual case, checked in C: nothing to refuse
        return text.strip()
    if any((ord(ch) < 32 and ch not in "\n\t") or ord(ch) == 127 or 0xD800 <= ord(ch) <= 0xDFFF
           for ch in text):
        raise GameError(Code.INVALID_ARGUMENT, f"the {what} contains control characters")
    return text.strip()
