"""Parse moves typed as text ("share 3 to russia full because ..."): the terminal game and
`wargame whatif --command` speak the same little language."""

from __future__ import annotations

from game.engine.commands import Act, Command, Done, LogDuty, Rate, Share
from game.engine.errors import Code, GameError
from game.engine.types import ActionKind, DutyDecision, Level, Rating, Waiver

HELP = """moves:
  share ITEM [to] ROLE full|sanitized|warning|withhold [rationale...]
  warn ITEM [rationale...]            waive ITEM U|T|I [rationale...]
  rate ITEM accept|discount|dismiss [rationale...]
  harden TARGET    surveil NAME...    arrest NAME...    advisory TARGET    propose TEXT...
  done"""


def _int(word: str) -> int:
    try:
        return int(word.lstrip("#"))
    except ValueError:
        raise GameError(Code.INVALID_ARGUMENT, f"'{word}' is not an item number") from None


def _enum(kind: type, word: str, what: str):  # type: ignore[no-untyped-def]
    try:
        return kind(word.lower()) if kind is not Waiver else Waiver(word.upper())
    except ValueError:
        options = ", ".join(str(m.value) for m in kind)
        raise GameError(Code.INVALID_ARGUMENT, f"{what} must be one of {options}") from None


def parse_move(text: str) -> Command:
    words = text.split()
    if not words:
        raise GameError(Code.INVALID_ARGUMENT, "empty move")
    verb, args = words[0].lower(), words[1:]
    try:
        if verb == "done":
            return Done()
        if verb == "share":
            if len(args) > 1 and args[1].lower() == "to":
                args = [args[0], *args[2:]]
            level = Level.parse(args[2]) if args[2].upper() in Level.__members__ else None
            if level is None:
                raise GameError(Code.INVALID_ARGUMENT, "level: full, sanitized, warning, withhold")
            return Share(item=_int(args[0]), to=args[1].lower(), level=level,
                         rationale=" ".join(args[3:]))
        if verb == "warn":
            return LogDuty(item=_int(args[0]), decision=DutyDecision.WARN,
                           rationale=" ".join(args[1:]))
        if verb == "waive":
            return LogDuty(item=_int(args[0]), decision=DutyDecision.WAIVE,
                           code=_enum(Waiver, args[1], "reason"), rationale=" ".join(args[2:]))
        if verb == "rate":
            return Rate(item=_int(args[0]), rating=_enum(Rating, args[1], "rating"),
                        rationale=" ".join(args[2:]))
        if verb in {k.value for k in ActionKind}:
            kind = ActionKind(verb)
            rest = " ".join(args)
            if kind is ActionKind.PROPOSE:
                return Act(action=kind, text=rest)
            return Act(action=kind, target=rest)
    except IndexError:
        raise GameError(Code.INVALID_ARGUMENT, f"'{verb}' needs more words; try 'help'") from None
    raise GameError(Code.INVALID_ARGUMENT, f"unknown move '{verb}'; try 'help'")
