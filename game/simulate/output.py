"""The files a run leaves behind: results.csv, summary.json, report.md and report.html."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np

from game.simulate import charts, render, report
from game.simulate.analysis import Results
from game.simulate.run import Sensitivity

FIXED = ("profile", "game", "seed")


def value(x: float) -> str:
    """Integers as integers, other numbers with 12 significant digits."""
    return str(int(x)) if float(x).is_integer() else format(x, ".12g")


def write_results(path: Path, results: Results) -> None:
    """One row per game: profile, game index, seed, then every column of `Columns`."""
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow([*FIXED, *results.columns.names])
        for k, profile in enumerate(results.profiles):
            label = profile.label
            for g, seed in enumerate(results.seeds):
                out.writerow([label, g, int(seed), *map(value, results.values[k, g])])


def write_sensitivity(path: Path, results: Results, sensitivity: Sensitivity) -> None:
    """The sensitivity games, in the same shape: the variant (`base` or `tunable-`/`tunable+`)
    in the first column, so the sensitivity table can be recomputed like the rest."""
    base, runs = sensitivity
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["variant", "game", "seed", *results.columns.names])
        for key, rows in [("base", base), *((k, r) for k, (_, r) in runs.items())]:
            for g, row in enumerate(rows):
                out.writerow([key, g, int(results.seeds[g]), *map(value, row)])


def read_results(path: Path) -> tuple[list[str], dict[str, np.ndarray]]:
    """results.csv (or sensitivity.csv) back as (column names, first column -> (games, columns)
    array)."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        by_profile: dict[str, list[list[float]]] = {}
        for row in rows:
            by_profile.setdefault(row[0], []).append([float(x) for x in row[len(FIXED):]])
    return header[len(FIXED):], {k: np.asarray(v) for k, v in by_profile.items()}


def write_all(folder: Path, results: Results, summary: dict[str, Any],
              sensitivity: Sensitivity | None = None, engine_profile: str | None = None
              ) -> list[Path]:
    """Every output file of a run; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / n for n in ("results.csv", "summary.json", "report.md", "report.html")]
    write_results(paths[0], results)
    if sensitivity is not None:
        paths.append(folder / "sensitivity.csv")
        write_sensitivity(paths[-1], results, sensitivity)
    paths[1].write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    doc = report.build(summary, engine_profile)
    paths[2].write_text(render.to_markdown(doc), encoding="utf-8")
    paths[3].write_text(render.to_html(doc, charts.charts(summary)), encoding="utf-8")
    if engine_profile:
        paths.append(folder / "engine_profile.txt")
        paths[-1].write_text(engine_profile, encoding="utf-8")
    return paths
