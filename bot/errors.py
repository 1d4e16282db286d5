"""Refusals in words: the one place where a `GameError` code becomes what a player reads.

Every code the engine or service can raise has a line here (a test checks that none is missing);
the engine's `detail` is added when it names the specific thing (an item, a role, a cost).
"""

from __future__ import annotations

from bot.text import clean
from game.engine import Code, GameError

APOLOGY = "Sorry — something went wrong on our side. It has been logged; please try again."

WORDS: dict[Code, str] = {
    Code.NO_GAME: "There is no such game.",
    Code.GAME_EXISTS: "This channel already has a game. Close it with `/game close` first.",
    Code.GAME_OVER: "The game is over; `/game debrief` has the whole story.",
    Code.NOT_FACILITATOR: "Only a facilitator (Manage Server or the White Cell role) can do that.",
    Code.NOT_YOUR_SEAT: "You do not hold a seat in this game. Take one with `/game join`.",
    Code.GAME_PAUSED: "The game is paused; wait for the facilitator to resume it.",
    Code.WRONG_PHASE: "That move does not belong to this phase.",
    Code.ALREADY_SUBMITTED: "You have already finished this phase.",
    Code.STALE_STATE: "The game moved on in the meantime; look again and retry.",
    Code.UNKNOWN_ROLE: "There is no such role in this scenario.",
    Code.SEAT_TAKEN: "Someone else already holds that seat.",
    Code.ALREADY_SEATED: "You already hold a seat in this game.",
    Code.NO_PLAYERS: "Nobody has taken a seat yet.",
    Code.UNKNOWN_ITEM: "You hold no such item.",
    Code.UNKNOWN_TARGET: "There is no such target.",
    Code.UNKNOWN_SUSPECT: "None of your items names that person.",
    Code.UNKNOWN_ACTION: "There is no such proposed action.",
    Code.UNKNOWN_PLOT: "There is no such plot.",
    Code.SELF_SHARE: "You cannot share with yourself.",
    Code.NO_ONWARD_SHARING: "That item is marked no onward sharing.",
    Code.NOT_BOUND: "Your service is not bound by a duty to warn.",
    Code.NOT_TRIGGERING: "That item does not meet the duty-to-warn trigger.",
    Code.WAIVER_NEEDS_REASON: "A waiver needs a reason: U, T or I.",
    Code.NOT_RECEIVED: "You can only rate items other services sent you.",
    Code.ALREADY_RATED: "You have already rated that item.",
    Code.NOT_YOUR_TERRITORY: "That target is not on your territory.",
    Code.NOT_ENOUGH_BUDGET: "Not enough security budget for that.",
    Code.NOT_ENOUGH_PC: "Not enough political capital for that.",
    Code.DUPLICATE_ACTION: "You have already done that this turn.",
    Code.ALREADY_ARRESTED: "That person is already in custody.",
    Code.ALREADY_ADJUDICATED: "That proposal has already been adjudicated.",
    Code.INVALID_ARGUMENT: "That is not a valid choice.",
}

# Codes whose engine detail says something the fixed words cannot (a cost, a limit, a phase).
WITH_DETAIL = frozenset({Code.NOT_ENOUGH_BUDGET, Code.NOT_ENOUGH_PC, Code.INVALID_ARGUMENT,
                         Code.WRONG_PHASE, Code.NO_ONWARD_SHARING, Code.ALREADY_SEATED})


class Refusal(Exception):
    """A request the bot itself turns down before it reaches the game (no game here, several
    games to choose from...): the message is already in words."""


def say(error: GameError | Refusal) -> str:
    """One short, friendly line for a refusal (the engine's detail may quote user text: escaped)."""
    if isinstance(error, Refusal):
        return str(error)
    words = WORDS.get(error.code, "That cannot be done now.")
    if error.code in WITH_DETAIL and error.detail:
        return f"{words} ({clean(error.detail, limit=200)})"
    return words
