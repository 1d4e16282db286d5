"""The HTML debrief opens in a real browser and shows its charts.

Headless Chromium takes a screenshot of debrief.html as written by `export_debrief`, and of the same
page without charts; the charts are there when the first is far more colourful than the second
(the page itself is black text on white). Skipped when Chromium is missing, except under CI=true,
where it must run: install it with `apt-get update && apt-get install -y chromium`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from game.debrief import build_debrief, export_debrief
from game.debrief.html import render_html
from tests.debrief.games import golden_game

INSTALL = "apt-get update && apt-get install -y chromium"
WIDTH, HEIGHT = 1280, 2400


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true but Chromium is missing; install it with: {INSTALL}")
    pytest.skip(f"Chromium is not installed; to run this test: {INSTALL}")


def screenshot(page: Path, out: Path, profile: Path) -> Image.Image:
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
           f"--screenshot={out}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert out.exists(), f"no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"
    return Image.open(out).convert("RGB")


def colourful(image: Image.Image) -> float:
    """Share of pixels with a clearly saturated colour (charts, not text)."""
    hsv = np.asarray(image.resize((WIDTH // 4, HEIGHT // 4)).convert("HSV"))
    saturated = (hsv[..., 1] > 90) & (hsv[..., 2] > 60)
    return float(saturated.mean())


def test_the_html_debrief_renders_its_charts_in_chromium(tmp_path):
    events = golden_game()
    export_debrief(events, tmp_path / "debrief")
    page = tmp_path / "debrief" / "debrief.html"
    bare = tmp_path / "bare.html"
    bare.write_text(render_html(build_debrief(events)), encoding="utf-8")

    shot = screenshot(page, tmp_path / "shot.png", tmp_path / "profile-a")
    plain = screenshot(bare, tmp_path / "plain.png", tmp_path / "profile-b")

    assert shot.size == (WIDTH, HEIGHT)
    with_charts, without = colourful(shot), colourful(plain)
    assert with_charts > 0.02, f"only {with_charts:.1%} of the page is coloured: no charts?"
    assert with_charts > 4 * without, (with_charts, without)
    keep = os.environ.get("DEBRIEF_SCREENSHOT")
    if keep:  # to look at it: DEBRIEF_SCREENSHOT=/tmp/debrief.png pytest tests/debrief -k chromium
        shutil.copy(tmp_path / "shot.png", keep)
