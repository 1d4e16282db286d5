"""The report's charts, drawn with matplotlib from summary.json's dictionary, as data: URIs so
that report.html is one self-contained file."""

from __future__ import annotations

import base64
import io
from typing import Any

MAX_PROFILES = 40  # beyond this the casualty chart shows the 20 best and the 20 worst


def charts(s: dict[str, Any]) -> dict[str, str]:
    """chart key -> PNG data URI; empty if matplotlib is missing (the HTML then has no charts)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt  # noqa: F401
    except ImportError:  # pragma: no cover
        return {}
    out = {"casualties": _png(_casualties(s))}
    if s["effects"]:
        out["effects"] = _png(_effects(s))
    if s["sensitivity"] and s["sensitivity"]["rows"]:
        out["sensitivity"] = _png(_sensitivity(s))
    return out


def _png(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def _casualties(s: dict[str, Any]) -> Any:
    """Mean total casualties per profile with a 5th–95th percentile bar, best at the top."""
    import matplotlib.pyplot as plt

    rows = sorted(s["profiles"], key=lambda p: -p["stats"]["total.casualties"]["mean"])
    title = s["title"]
    if len(rows) > MAX_PROFILES:
        title += f" (the {MAX_PROFILES // 2} lowest and highest of {len(rows)} profiles)"
        rows = rows[:MAX_PROFILES // 2] + rows[-MAX_PROFILES // 2:]
    means = [p["stats"]["total.casualties"]["mean"] for p in rows]
    lo = [m - p["stats"]["total.casualties"]["p5"] for m, p in zip(means, rows, strict=True)]
    hi = [p["stats"]["total.casualties"]["p95"] - m for m, p in zip(means, rows, strict=True)]
    fig, ax = plt.subplots(figsize=(9, 0.3 * len(rows) + 1.2))
    ax.barh(range(len(rows)), means, xerr=[lo, hi], color="#7a9cc6", ecolor="#555", capsize=2)
    ax.set_yticks(range(len(rows)), [p["short"] for p in rows], fontsize=7)
    ax.set_xlabel("total casualties per game (mean, 5th–95th percentile)")
    ax.set_title(title)
    return fig


def _effects(s: dict[str, Any]) -> Any:
    """Per seat: change in total casualties and in the seat's own PC, with 95% intervals."""
    import matplotlib.pyplot as plt

    seats = [seat for seat in s["swept_seats"] if any(e["seat"] == seat for e in s["effects"])]
    fig, axes = plt.subplots(len(seats), 2, figsize=(10, 1.2 + 2.2 * len(seats)), squeeze=False)
    for row, seat in enumerate(seats):
        mine = [e for e in s["effects"] if e["seat"] == seat]
        labels = [f"{e['baseline']}→{e['alternative']}" for e in mine]
        for col, column in enumerate(("total.casualties", f"{seat}.pc")):
            ax = axes[row][col]
            est = [e["measures"][column]["abs"] for e in mine]
            ax.errorbar([e["mean"] for e in est], range(len(est)), fmt="o", color="#a33",
                        xerr=[[e["mean"] - e["lo"] for e in est], [e["hi"] - e["mean"] for e in est]])
            ax.axvline(0, color="#888", lw=0.8)
            ax.set_yticks(range(len(est)), labels, fontsize=7)
            what = "total casualties" if col == 0 else "own PC"
            ax.set_title(f"{seat}: change in {what}", fontsize=9)
    fig.tight_layout()
    return fig


def _sensitivity(s: dict[str, Any]) -> Any:
    """Tornado: change in mean casualties for each tunable one step down and up."""
    import matplotlib.pyplot as plt

    rows = s["sensitivity"]["rows"]
    base = rows[0]["base"]["casualties"]

    def delta(r: dict[str, Any], side: str) -> float:
        return r[side]["casualties"] - base if side in r else 0.0

    rows = sorted(rows, key=lambda r: max(abs(delta(r, "down")), abs(delta(r, "up"))))
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(rows) + 1.2))
    y = range(len(rows))
    ax.barh(y, [delta(r, "down") for r in rows], color="#6a9", label="one step down")
    ax.barh(y, [delta(r, "up") for r in rows], color="#c96", alpha=0.8, label="one step up")
    ax.set_yticks(y, [r["tunable"] for r in rows], fontsize=8)
    ax.axvline(0, color="#555", lw=0.8)
    ax.set_xlabel(f"change in mean total casualties (base {base:.2f})")
    ax.legend(fontsize=8)
    return fig
