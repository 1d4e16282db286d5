"""The provenance graph: who shared what with whom, as roles on a circle joined by arrows.

Each role is a coloured name tag (the tag grows with the name, so no name is cut); beside it, the
items it originated. Each sender -> recipient arrow is coloured by the best level shared and
labelled with the items and turns; labels are placed along their own arrow where they hide no
other label (`chart_layout`), which matters from five roles on, when every diagonal crosses the
middle of the circle.
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from game.debrief.chart_layout import extent, place
from game.debrief.model import Debrief, Hop
from game.debrief.text import Names

LEVEL_COLOURS = {"full": "#1f4e9c", "sanitized": "#e08a00", "warning": "#c0392b"}
LEVEL_ORDER = ["warning", "sanitized", "full"]
RAD = 0.25  # curvature of the arrows: A->B and B->A bow to opposite sides
IDS_PER_LINE = 6
SPOTS = (0.5, 0.4, 0.6, 0.32, 0.68, 0.25, 0.75, 0.2, 0.8)
NUDGES = (0.0, 0.07, -0.07, 0.14, -0.14, 0.22, -0.22, 0.3, -0.3)
CHARS_PER_SQ_INCH = 6.0  # label text density beyond which the figure grows


def provenance_figure(d: Debrief, role_colours: list[str]) -> Figure:
    """The whole chart, laid out and ready to save."""
    n = Names(d.game)
    roles = [r.id for r in d.game.roles]
    pos = _circle(roles)
    low = min(y for _, y in pos.values()) - 0.55  # room under the lowest roles for their labels
    unit = 3.2 if len(roles) >= 5 else 2.65  # inches per unit of the circle's radius
    width, height = 3.5 * unit / 0.98, (1.4 - low) * unit / 0.86
    pairs = _pairs(d)
    grow = max(1.0, math.sqrt(_text_volume(d, pairs) / (CHARS_PER_SQ_INCH * width * height)))
    fig = Figure(figsize=(width * grow, height * grow))
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.07, 0.98, 0.86))
    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(low, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Who shared what with whom", fontsize=14, weight="bold")
    fig.canvas.draw()  # fixes the axes' geometry, so that text can be measured in pixels
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    tags = _name_tags(ax, n, roles, pos, role_colours)
    taken = [extent(t, renderer) for t in tags.values()]
    for role in roles:
        _originated(ax, d, role, pos[role], tags[role], taken, renderer)
    _arrows(ax, pos, tags, pairs, taken, renderer)
    _legend(ax)
    return fig


def _text_volume(d: Debrief, pairs: dict[tuple[str, str], list[Hop]]) -> int:
    """Characters of label text the chart will carry: the arrows' labels and the items
    originated."""
    return sum(len(_hop_label(g)) for g in pairs.values()) + 12 * len(d.items)


def _pairs(d: Debrief) -> dict[tuple[str, str], list[Hop]]:
    """sender, recipient -> the hops between them."""
    pairs: dict[tuple[str, str], list[Hop]] = defaultdict(list)
    for h in (h for i in d.items for h in i.hops):
        pairs[(h.sender, h.to)].append(h)
    return pairs


def _circle(roles: list[str]) -> dict[str, tuple[float, float]]:
    step = 2 * math.pi / max(1, len(roles))
    return {r: (math.cos(math.pi / 2 + k * step), math.sin(math.pi / 2 + k * step))
            for k, r in enumerate(roles)}


def _name_tags(ax: Axes, n: Names, roles: list[str], pos: dict[str, tuple[float, float]],
               colours: list[str]) -> dict[str, Text]:
    """Each role's name in a rounded box of its colour, centred on its point of the circle."""
    tags = {}
    for k, role in enumerate(roles):
        name = "\n".join(textwrap.wrap(n.role(role, flag=False), 14)) or role
        tags[role] = ax.text(
            *pos[role], name, ha="center", va="center", color="white", fontsize=10,
            weight="bold", zorder=6, multialignment="center",
            bbox={"boxstyle": "round,pad=0.5", "fc": colours[k % len(colours)], "ec": "none"},
        )  # fmt: skip
    return tags


def _originated(ax: Axes, d: Debrief, role: str, xy: tuple[float, float], tag: Text,
                taken: list[Bbox], renderer: RendererBase) -> None:
    """'originated #1, #4 (decoy)...' just outside the role's tag: below it for the roles in
    the lower part of the circle, above it for the others (or the other side if that is free)."""
    mine = [f"#{i.id}" + (" (decoy)" if i.decoy else "") for i in d.items if i.originator == role]
    if not mine:
        return
    text = "\n".join(textwrap.wrap("originated " + ", ".join(mine), 34))
    x, y = xy
    label = ax.text(x, y, text, fontsize=8.5, zorder=6, color="#222", ha="center", va="center",
                    multialignment="center",
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85})
    inv = ax.transData.inverted()
    own, box = extent(label, renderer), extent(tag, renderer)
    (_, y0), (_, y1) = inv.transform([(own.x0, own.y0), (own.x1, own.y1)])
    (_, bottom), (_, top) = inv.transform([(box.x0, box.y0), (box.x1, box.y1)])
    half = (y1 - y0) / 2
    below, above = (x, bottom - half), (x, top + half)
    place(label, [below, above] if y <= 0.2 else [above, below], taken, renderer)


def _arrows(ax: Axes, pos: dict[str, tuple[float, float]], tags: dict[str, Text],
            pairs: dict[tuple[str, str], list[Hop]], taken: list[Bbox],
            renderer: RendererBase) -> None:
    labels = []
    for (a, b), group in sorted(pairs.items()):
        best = max(group, key=lambda h: LEVEL_ORDER.index(h.level) if h.level in LEVEL_ORDER
                   else -1).level
        ax.add_patch(FancyArrowPatch(
            pos[a], pos[b], connectionstyle=f"arc3,rad={RAD}", arrowstyle="-|>",
            mutation_scale=18, linewidth=1.2 + 0.6 * min(len(group), 5),
            color=LEVEL_COLOURS.get(best, "#555"), patchA=tags[a].get_bbox_patch(),
            patchB=tags[b].get_bbox_patch(), shrinkA=2, shrinkB=2, zorder=2,
        ))  # fmt: skip
        labels.append((len(group), pos[a], pos[b], _hop_label(group), best))
    for _, start, end, text, best in sorted(labels, key=lambda x: -x[0]):  # the biggest first
        label = ax.text(0, 0, text, ha="center", va="center", fontsize=8, zorder=5,
                        bbox={"boxstyle": "round,pad=0.25", "fc": "white", "alpha": 0.95,
                              "ec": LEVEL_COLOURS.get(best, "#999"), "lw": 1.2})
        place(label, _spots(start, end), taken, renderer)


def _hop_label(group: list[Hop]) -> str:
    """'full #2 #3 #9' (several lines if long) and the turns: 'T1-T2'."""
    lines = []
    for level in reversed(LEVEL_ORDER):
        ids = sorted({h.item for h in group if h.level == level})
        chunks = [ids[k:k + IDS_PER_LINE] for k in range(0, len(ids), IDS_PER_LINE)]
        for k, chunk in enumerate(chunks):
            lines.append((f"{level} " if k == 0 else "") + " ".join(f"#{i}" for i in chunk))
    turns = sorted({h.turn for h in group})
    lines.append(f"T{turns[0]}" + (f"–T{turns[-1]}" if len(turns) > 1 else ""))
    return "\n".join(lines)


def _spots(start: tuple[float, float], end: tuple[float, float]) -> list[tuple[float, float]]:
    """Points along arc3's quadratic curve from start to end (nudged sideways too)."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    cx, cy = (x1 + x2) / 2 + RAD * dy, (y1 + y2) / 2 - RAD * dx
    length = math.hypot(dx, dy) or 1.0
    nx, ny = dy / length, -dx / length
    out = []
    for nudge in NUDGES:
        for t in SPOTS:
            bx = (1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t**2 * x2
            by = (1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t**2 * y2
            out.append((bx + nudge * nx, by + nudge * ny))
    return out


def _legend(ax: Axes) -> None:
    """Under the drawing, where no label goes (the image is cropped to what is drawn)."""
    handles = [ax.plot([], [], color=c, linewidth=3, label=level)[0]
               for level, c in LEVEL_COLOURS.items()]
    ax.legend(handles=handles, loc="upper center", ncols=3, fontsize=9, frameon=False,
              title="best level shared", title_fontsize=9, bbox_to_anchor=(0.5, 0.0))
