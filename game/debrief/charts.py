"""The debrief's charts as PNG bytes, drawn with matplotlib's Agg canvas.

Figures are built with `matplotlib.figure.Figure` and rendered by `FigureCanvasAgg` directly: no
pyplot, no global backend switch, nothing shared between threads, so the bot may draw charts while
other games run. Role names are drawn without their flag emoji (fonts rarely carry them).
"""

from __future__ import annotations

import io
import math
from collections import defaultdict

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch
from matplotlib.ticker import MaxNLocator

from game.debrief.model import Debrief, Hop
from game.debrief.text import Names

LEVEL_COLOURS = {"full": "#1f4e9c", "sanitized": "#e08a00", "warning": "#c0392b"}
ROLE_COLOURS = ["#3b6fb6", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#b7950b"]
DPI = 110


def png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def all_charts(d: Debrief) -> dict[str, bytes]:
    """Chart key (see text.CHARTS) -> PNG bytes."""
    return {
        "trust": trust_chart(d),
        "casualties": casualties_chart(d),
        "provenance": provenance_chart(d),
        "resources": resources_chart(d),
    }


def trust_chart(d: Debrief) -> bytes:
    """One heatmap per snapshot (start, end of each turn): row = truster, column = trusted."""
    n = Names(d.game)
    roles = [r.id for r in d.game.roles]
    snaps = d.trust
    cols = min(4, len(snaps))
    rows = math.ceil(len(snaps) / cols)
    fig = Figure(figsize=(3.2 * cols + 0.8, 3.0 * rows + 0.6), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False)
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
        short = [n.role(r, flag=False)[:10] for r in roles]
        ax.set_xticks(range(len(roles)), short, rotation=30, fontsize=8)
        ax.set_yticks(range(len(roles)), short, fontsize=8)
        ax.set_title(snap.label, fontsize=10)
    if image is not None:
        fig.colorbar(image, ax=axes, shrink=0.8, label="trust (row trusts column)")
    fig.suptitle("Trust over time", fontsize=13, weight="bold")
    return png(fig)


def casualties_chart(d: Debrief) -> bytes:
    n = Names(d.game)
    roles = [r.id for r in d.game.roles]
    turns = sorted({c.turn for c in d.casualties}) or [1]
    weight = {(c.turn, c.role): c.weight for c in d.casualties}
    fig = Figure(figsize=(8, 3.6), layout="constrained")
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
    ax.set_ylim(0, max(top * 1.2, 1))
    if top == 0:
        ax.text(0.5, 0.5, "no casualties", transform=ax.transAxes, ha="center", fontsize=14,
                color="#555")
    ax.legend(fontsize=8, loc="upper left")
    ax.set_title("Casualty weight per turn and state", fontsize=13, weight="bold")
    return png(fig)


def resources_chart(d: Debrief) -> bytes:
    n = Names(d.game)
    roles = [r.id for r in d.game.roles]
    fig = Figure(figsize=(9, 3.6), layout="constrained")
    pc_ax, sb_ax = fig.subplots(1, 2)
    turns = sorted({r.turn for r in d.resources})
    for k, role in enumerate(roles):
        colour = ROLE_COLOURS[k % len(ROLE_COLOURS)]
        points = {r.turn: r for r in d.resources if r.role == role}
        pc_ax.plot(turns, [points[t].pc for t in turns], marker="o", color=colour,
                   label=n.role(role, flag=False))
        played = [t for t in turns if t > 0]
        width = 0.8 / max(1, len(roles))
        xs = [t - 0.4 + width * (k + 0.5) for t in played]
        sb_ax.bar(xs, [points[t].sb_budget for t in played], width=width, color=colour, alpha=0.25)
        sb_ax.bar(xs, [points[t].sb_spent for t in played], width=width, color=colour)
    pc_ax.set_xticks(turns, ["start" if t == 0 else f"turn {t}" for t in turns])
    pc_ax.set_title("Political capital (end of turn)", fontsize=11)
    pc_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    pc_ax.legend(fontsize=8)
    sb_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    sb_ax.set_xticks([t for t in turns if t > 0], [f"turn {t}" for t in turns if t > 0])
    sb_ax.set_title("Security budget: spent (solid) of budget (pale)", fontsize=11)
    return png(fig)


def provenance_chart(d: Debrief) -> bytes:
    """Roles on a circle; an arrow per sender -> recipient, coloured by the best level shared,
    labelled with the items and turns; under each role, the items it originated."""
    n = Names(d.game)
    roles = [r.id for r in d.game.roles]
    fig = Figure(figsize=(9, 7.5), layout="constrained")
    ax = fig.subplots()
    pos = _circle(roles)
    _arrows(ax, pos, [h for i in d.items for h in i.hops])
    for k, role in enumerate(roles):
        x, y = pos[role]
        ax.add_patch(Circle((x, y), 0.16, color=ROLE_COLOURS[k % len(ROLE_COLOURS)], zorder=3))
        ax.text(x, y, n.role(role, flag=False), ha="center", va="center", color="white",
                fontsize=10, weight="bold", zorder=4)
        mine = [f"#{i.id}" + (" (decoy)" if i.decoy else "") for i in d.items if i.originator == role]
        if mine:
            ax.text(x, y - 0.22, "originated " + ", ".join(mine), ha="center", va="top", fontsize=8,
                    zorder=4, wrap=True)
    for level, colour in LEVEL_COLOURS.items():
        ax.plot([], [], color=colour, linewidth=3, label=level)
    ax.legend(loc="lower right", fontsize=9, title="best level shared")
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.45, 1.35)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Who shared what with whom", fontsize=13, weight="bold")
    return png(fig)


def _circle(roles: list[str]) -> dict[str, tuple[float, float]]:
    step = 2 * math.pi / max(1, len(roles))
    return {r: (math.cos(math.pi / 2 + k * step), math.sin(math.pi / 2 + k * step))
            for k, r in enumerate(roles)}


def _arrows(ax: Axes, pos: dict[str, tuple[float, float]], hops: list[Hop]) -> None:
    order = ["warning", "sanitized", "full"]
    pairs: dict[tuple[str, str], list[Hop]] = defaultdict(list)
    for h in hops:
        pairs[(h.sender, h.to)].append(h)
    rad = 0.3
    for (a, b), group in sorted(pairs.items()):
        best = max(group, key=lambda h: order.index(h.level) if h.level in order else -1).level
        (x1, y1), (x2, y2) = pos[a], pos[b]
        ax.add_patch(FancyArrowPatch(
            (x1, y1), (x2, y2), connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>",
            mutation_scale=18, linewidth=1.5 + 0.8 * min(len(group), 5),
            color=LEVEL_COLOURS.get(best, "#555"), shrinkA=24, shrinkB=24, zorder=2,
        ))  # fmt: skip
        # the middle of arc3's quadratic curve lies half the control offset off the chord
        mx, my = (x1 + x2) / 2 + rad * (y2 - y1) / 2, (y1 + y2) / 2 - rad * (x2 - x1) / 2
        text = "\n".join(sorted({f"#{h.item} {h.level} T{h.turn}" for h in group}))
        ax.text(mx, my, text, ha="center", va="center", fontsize=7, zorder=5,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#999", "alpha": 0.9})
