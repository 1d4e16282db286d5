"""Words shared by the renderers: names for ids, and escaping for Markdown and spreadsheets.

Anything a person typed (rationales, free-form actions, facilitator news, player names) goes through
`md` before it lands in Markdown, so that a `|` cannot split a table cell, a newline cannot end a
row, and `<script>` stays text; and through `cell` before it lands in a CSV, so that a spreadsheet
does not run "=..." as a formula.
"""

from __future__ import annotations

import re

from game.debrief.model import GameInfo

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
CHARTS = {
    "trust": ("trust.png", "Trust over time"),
    "casualties": ("casualties.png", "Casualty weight per turn and state"),
    "provenance": ("provenance.png", "Who shared what with whom"),
    "resources": ("resources.png", "Political capital and security budget over time"),
}


def md(text: str | None) -> str:
    """Plain text made safe for a Markdown paragraph or table cell."""
    if not text:
        return ""
    one_line = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", one_line)


def cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text, never evaluates."""
    if isinstance(value, int | float):
        return str(value)
    text = "" if value is None else str(value)
    text = " ".join(text.splitlines())
    return "'" + text if text.startswith(_FORMULA) else text


def label(value: str | None) -> str:
    return (value or "").replace("_", " ")


class Names:
    """Display names for the ids a debrief uses, from its own GameInfo."""

    def __init__(self, game: GameInfo) -> None:
        self._roles = {r.id: f"{r.flag} {r.name}".strip() for r in game.roles}
        self._plain = {r.id: r.name for r in game.roles}
        self._targets = {t.id: t.name for t in game.targets}

    def role(self, role: str | None, *, flag: bool = True) -> str:
        if role is None:
            return "—"
        if role == "facilitator":
            return "White Cell"
        return (self._roles if flag else self._plain).get(role, role)

    def target(self, target: str | None) -> str:
        if not target:
            return ""
        return self._targets.get(target, target)

    def roles(self, roles: tuple[str, ...] | list[str]) -> str:
        return ", ".join(self.role(r) for r in roles)


def signed(value: int) -> str:
    return f"{value:+d}"
