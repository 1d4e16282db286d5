"""The bot's logs: JSON lines carrying the game and server ids; `transitions` kept quiet."""

from __future__ import annotations

import io
import json
import logging

import pytest

from bot.logging_setup import configure


@pytest.fixture
def restore_root():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for h in list(root.handlers):
        root.removeHandler(h)
    for h in handlers:
        root.addHandler(h)
    root.setLevel(level)


def test_json_lines_carry_the_game_and_guild_ids(restore_root):
    out = io.StringIO()
    configure("INFO", "json", out)
    log = logging.getLogger("bot.test")
    log.info("game %s: deadline of %s passed", "g42", "sharing")
    log.warning("guild %s: could not answer interaction %s", 77, 5)
    log.info("plain", extra={"game_id": "g1", "guild_id": 9})
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("game %s: firing failed", "g43")
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records[0]["game_id"] == "g42" and records[0]["message"] == "game g42: deadline of sharing passed"
    assert records[0]["level"] == "INFO" and records[0]["logger"] == "bot.test"
    assert records[0]["time"].endswith("Z")
    assert records[1]["guild_id"] == "77" and "game_id" not in records[1]
    assert (records[2]["game_id"], records[2]["guild_id"]) == ("g1", "9")
    assert "ValueError: boom" in records[3]["exc_info"] and records[3]["game_id"] == "g43"


def test_text_lines_and_a_quiet_state_machine(restore_root):
    out = io.StringIO()
    configure("debug", "text", out)
    logging.getLogger("transitions.core").info("entering state")
    logging.getLogger("bot").debug("game %s: armed", "g1")
    text = out.getvalue()
    assert "entering state" not in text
    assert "DEBUG bot: game g1: armed" in text
    assert logging.getLogger("transitions").level == logging.WARNING
