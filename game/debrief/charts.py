"""The debrief's charts as PNG bytes, drawn with matplotlib's Agg canvas.

Figures are built with `matplotlib.figure.Figure` and rendered by `FigureCanvasAgg` directly: no
pyplot, no global backend switch, nothing shared between threads, so the bot may draw charts while
other games run. Role names are drawn without their flag emoji (fonts rarely carry them).
"""

from __future__ import annotations

import io
import math
import textwrap

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from game.debrief.model import Debrief
from game.debrief.provenance_chart import provenance_figure
from game.debrief.text import Names

ROLE_COLOURS = ["#3b6fb6", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b"]
DPI = 110


def png(fig: Figure, *, tight: bool = False) -> bytes:
    """PNG bytes; `tight` crops the empty margin of a chart laid out on generous axes."""
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None},
                bbox_inches="tight" if tight else None, pad_inches=0.15)
    return buf.getvalue()


def all_figures(d: Debrief) -> dict[str, Figure]:
    """Chart key -> the laid-out figure (the tests check these for overlapping labels)."""
    return {
        "trust": trust_figure(d),
        "casualties": casualties_figure(d),
        "provenance": provenance_figure(d, ROLE_COLOURS),
        "resources": resources_figure(d),
    }


def all_charts(d: Debrief) -> dict[str, bytes]:
    """Chart key (see text.CHARTS) -> PNG bytes of the figures `all_figures` lays out (the
    provenance graph is cropped to what it draws)."""
    return {key: png(fig, tight=key == "provenance") for key, fig in all_figures(d).items()}


def trust_figure(d: Debrief) -> Figure:
    """One heatmap per snapshot (start, end of each turn): row = truster, column = trusted.

    Panels fill rows evenly (5 snapshots: 3 + 2, not 4 + 1) and grow with the number of roles;
    role names are written in full (wrapped, never cut)."""
    n = Names(d.game)
    roles = [r.id for r in d.game.roles]
    snaps = d.trust
    rows = math.ceil(len(snaps) / 4)
    cols = math.ceil(len(snaps) / rows)
    side = 1.4 + 0.7 * len(roles)
    fig = Figure(figsize=(side * cols + 1.2, side * rows + 0.6), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False)
    names = [_wrapped(n.role(r, flag=False)) for r in roles]
    image = None
    for k, ax in enumerate(axes.flat):
        if k >= len(snaps):
            ax.set_visible(False)
            continue
        snap = snaps[k]
        grid = [[snap.matrix.get(a, {}).get(b, math.nan) if a != b else math.nan for b in roles]
                for a in roles]
        image = ax.imshow(grid, cmap="RdYlGn", vmin=0, vmax=5)
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                if not math.isnan(v):
                    ax.text(j, i, f"{v:.0f}", ha="center", va="center", fontsize=12, weight="bold")
        ax.set_xticks(range(len(roles)), names, fontsize=7.5)
        ax.set_yticks(range(len(roles)), names, fontsize=8)
        ax.set_title(snap.label, fontsize=10)
    if image is not None:
        fig.colorbar(image, ax=axes, shrink=0.8, label="trust (row trusts column)")
    fig.suptitle("Trust over time", fontsize=13, weight="bold")
    return fig


def _wrapped(name: str, width: int = 11) -> str:
    return "\n".join(textwrap.wrap(name, width)) or name


def casualties_figure(d: Debrief) -> Figure:
    n = Names(d.game)
    roles = [r.id for r in d.game.roles]
    turns = sorted({c.turn for c in d.casualties}) or [1]
    weight = {(c.turn, c.role): c.weight for c in d.casualties}
    fig = Figure(figsize=(9, 3.6), layout="constrained")
    ax = fig.subplots()
    width = 0.8 / max(1, len(roles))
    for k, role in enumerate(roles):
        xs = [t - 0.4 + width * (k + 0.5) for t in turns]
        ax.bar(xs, [weight.get((t, role), 0) for t in turns], width=width,
               color=ROLE_COLOURS[k % len(ROLE_COLOURS)], label=n.role(role, flag=False))
    ax.set_xticks(turns, [f"turn {t}" for t in turns])
    ax.set_ylabel("casualty weight")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    top = max([c.weight for c in d.casualties] + [0])
    ax.set_ylim(0, max(top * 1.15, 1))
    if top == 0:
        ax.text(0.5, 0.5, "no casualties", transform=ax.transAxes, ha="center", fontsize=14,
                color="#555")
    fig.legend(fontsize=8, loc="outside right upper")  # beside the bars, never over them
    ax.set_title("Casualty weight per turn and state", fontsize=13, weight="bold")
    return fig


def resources_figure(d: Debrief) -> Figure:
    """PC lines (drawn widest first, so that seats with equal PC stay visible as nested lines)
    and SB bars; one legend for both, outside the plots."""
    n = Names(d.game)
    roles = [r.id for r in d.game.roles]
    fig = Figure(figsize=(10.5, 3.8), layout="constrained")
    pc_ax, sb_ax = fig.subplots(1, 2)
    turns = sorted({r.turn for r in d.resources})
    played = [t for t in turns if t > 0]
    width = 0.8 / max(1, len(roles))
    for k, role in enumerate(roles):
        colour = ROLE_COLOURS[k % len(ROLE_COLOURS)]
        points = {r.turn: r for r in d.resources if r.role == role}
        nest = len(roles) - 1 - k
        pc_ax.plot(turns, [points[t].pc for t in turns], marker="o", color=colour,
                   linewidth=1.8 + 1.1 * nest, markersize=4 + 2.2 * nest, zorder=2 + k)
        xs = [t - 0.4 + width * (k + 0.5) for t in played]
        sb_ax.bar(xs, [points[t].sb_budget for t in played], width=width, color=colour, alpha=0.25)
        sb_ax.bar(xs, [points[t].sb_spent for t in played], width=width, color=colour)
    pc_ax.set_xticks(turns, ["start" if t == 0 else f"turn {t}" for t in turns])
    pc_ax.set_title("Political capital (end of turn)", fontsize=11)
    pc_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    pc_ax.margins(y=0.12)
    sb_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    sb_ax.set_xticks(played, [f"turn {t}" for t in played])
    sb_ax.set_title("Security budget: spent (solid) of budget (pale)", fontsize=11)
    keys = [Line2D([], [], color=ROLE_COLOURS[k % len(ROLE_COLOURS)], marker="o", linewidth=2)
            for k in range(len(roles))]
    fig.legend(keys, [n.role(r, flag=False) for r in roles], fontsize=8, loc="outside right upper")
    return fig
