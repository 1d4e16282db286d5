"""The debrief as one self-contained HTML page: inline CSS, charts embedded as base64 PNG.

It opens from a file, a USB stick or an e-mail attachment with no network, reads well projected
(large type, high contrast) and prints cleanly (a print stylesheet breaks pages between sections).
Jinja2 escapes every value: rationales, free-form actions, news and player names stay text.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from functools import lru_cache

from jinja2 import DictLoader, Environment, StrictUndefined, Template, pass_context
from jinja2.runtime import Context

from game.debrief.html_template import STYLE, TEMPLATE
from game.debrief.model import Debrief, Decision
from game.debrief.text import CHARTS, Names, label, signed


@pass_context
def _role(ctx: Context, role: str | None) -> str:
    names: Names = ctx["names"]
    return names.role(role)


@pass_context
def _target(ctx: Context, target: str | None) -> str:
    names: Names = ctx["names"]
    return names.target(target)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """One environment for every render: filters read this debrief's names from the context."""
    env = Environment(loader=DictLoader({"debrief.html": TEMPLATE}), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(role=_role, target=_target, label=label, signed=signed)
    return env


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_html(d: Debrief, charts: Mapping[str, bytes] | None = None) -> str:
    template: Template = _environment().get_template("debrief.html")
    return template.render(
        d=d, style=STYLE, charts={k: data_uri(v) for k, v in (charts or {}).items()},
        titles={k: title for k, (_, title) in CHARTS.items()}, decisions=_grouped(d),
        cost=_cost, names=Names(d.game),
    )  # fmt: skip


def _grouped(d: Debrief) -> list[tuple[int, list[tuple[str, list[Decision]]]]]:
    order = [r.id for r in d.game.roles] + ["facilitator"]
    out = []
    for turn in sorted({x.turn for x in d.decisions}):
        here = [x for x in d.decisions if x.turn == turn]
        groups = [(role, [x for x in here if x.role == role]) for role in order]
        out.append((turn, [(role, rows) for role, rows in groups if rows]))
    return out


def _cost(x: Decision) -> str:
    parts = [f"{x.sb} SB" if x.sb else "", f"{x.pc} PC" if x.pc else ""]
    return " ".join(p for p in parts if p) or "—"
