"""Placing chart labels so that none hides another: measure each one, try candidate spots, keep
the first that is free.

Charts are projected in a classroom; a label half-covered by another (or cut at the figure's
edge) is a label nobody can read. Matplotlib does not avoid collisions by itself, so the charts
measure every text in display pixels once the figure's geometry is fixed and place greedily.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

PAD_PX = 3.0
TOUCH_PX = 0.5


def extent(artist: Text, renderer: RendererBase) -> Bbox:
    """The pixels a text covers, its box (if it has one) included, padded a little."""
    box = artist.get_bbox_patch()
    if box is not None:
        artist.update_bbox_position_size(renderer)
        found = Bbox.union([artist.get_window_extent(renderer), box.get_window_extent(renderer)])
    else:
        found = artist.get_window_extent(renderer)
    return found.expanded(1.0, 1.0).padded(PAD_PX)


def overlap(a: Bbox, b: Bbox) -> float:
    """Area (px²) shared by two boxes; 0 when they only touch (within a rounding error) or are
    apart."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > TOUCH_PX and h > TOUCH_PX else 0.0


def crowding(box: Bbox, taken: Iterable[Bbox]) -> float:
    return sum(overlap(box, other) for other in taken)


def place(text: Text, candidates: Sequence[tuple[float, float]], taken: list[Bbox],
          renderer: RendererBase) -> Bbox:
    """Move `text` (in data coordinates) to the first candidate where it overlaps nothing in
    `taken`, or else to the least crowded one; record and return the box it then covers."""
    best: tuple[float, Bbox, tuple[float, float]] | None = None
    for xy in candidates:
        text.set_position(xy)
        box = extent(text, renderer)
        score = crowding(box, taken)
        if best is None or score < best[0]:
            best = (score, box, xy)
        if score == 0:
            break
    assert best is not None, "place() needs at least one candidate"
    text.set_position(best[2])
    taken.append(best[1])
    return best[1]


def collisions(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of visible texts in `fig` that overlap, and texts cut off at the figure's edge.

    Used by the tests (and handy when changing a chart): an empty list means every label reads.
    """
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    fig.draw(renderer)
    texts = [t for t in _drawn_texts(fig) if t.get_visible() and t.get_text().strip()]
    boxes = [(t.get_text(), extent(t, renderer).padded(-PAD_PX)) for t in texts]
    out = [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:]
           if overlap(ba, bb) > 0]
    page = fig.bbox
    out += [(a, "(cut off at the edge)") for a, box in boxes
            if box.x0 < page.x0 - 1 or box.x1 > page.x1 + 1
            or box.y0 < page.y0 - 1 or box.y1 > page.y1 + 1]
    return out


def _drawn_texts(fig: Figure) -> list[Text]:
    """The texts a saved figure shows: its own, each axes' texts and titles, the tick labels of
    the axes that are switched on, and the legends' (findobj would also return spare ticks)."""
    out: list[Text] = list(fig.texts)
    legends = list(fig.legends)
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        out += [*ax.texts, ax.title]
        if ax.axison:
            out += [*_in_view(ax, "x"), *_in_view(ax, "y"), ax.xaxis.label, ax.yaxis.label]
        legend = ax.get_legend()
        if legend is not None:
            legends.append(legend)
    for legend in legends:
        out += [*legend.get_texts(), legend.get_title()]
    return out


def _in_view(ax: Axes, which: str) -> list[Text]:
    """Tick labels matplotlib will draw: those of ticks inside the view limits (it keeps spare
    ticks beyond them, which it never draws)."""
    axis = ax.xaxis if which == "x" else ax.yaxis
    lo, hi = sorted(axis.get_view_interval())
    span = (hi - lo) * 1e-9
    return [label for loc, label in zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=False)
            if lo - span <= loc <= hi + span]
