"""Golden files: the Markdown and JSON debrief of one known game, reviewed once and kept.

The game (tests/debrief/games.py: tutorial, seed 2021, a scripted human Aurelia against computer
seats, a facilitator inject, news and an early close) is fixed, so its debrief only changes when
the rules or the debrief change. After such a change on purpose, regenerate and review the diff:

    UPDATE_GOLDEN=1 /tmp/venv/bin/python -m pytest tests/debrief/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from game.debrief import DEBRIEF_FORMAT, build_debrief
from game.debrief.export import debrief_json
from game.debrief.markdown import render_markdown
from tests.debrief.games import golden_game

GOLDEN = Path(__file__).parent / "golden"
HOW = ("the debrief of the golden game changed. If the rules or the debrief changed on purpose, "
       "regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/debrief/test_golden.py` and review "
       "the diff of tests/debrief/golden/ before committing it.")


@pytest.fixture(scope="module")
def debrief():
    return build_debrief(golden_game())


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: {HOW}"
    wanted = path.read_text(encoding="utf-8")
    if text != wanted:
        diff = "".join(list(difflib.unified_diff(wanted.splitlines(True), text.splitlines(True),
                                                 f"golden/{name}", "now", n=1))[:60])
        pytest.fail(f"{HOW}\n\n{diff}")


def test_markdown_matches_the_golden_file(debrief):
    _check("debrief.md", render_markdown(debrief))


def test_json_matches_the_golden_file(debrief):
    _check("debrief.json", debrief_json(debrief))


def test_the_golden_json_says_its_format_and_round_trips(debrief):
    data = json.loads(debrief_json(debrief))
    assert data["format"] == DEBRIEF_FORMAT
    assert type(debrief).model_validate(data) == debrief


def test_the_debrief_is_the_same_every_time():
    """Pure projection: the same log gives byte-identical exports."""
    a, b = build_debrief(golden_game()), build_debrief(golden_game())
    assert render_markdown(a) == render_markdown(b) and debrief_json(a) == debrief_json(b)
