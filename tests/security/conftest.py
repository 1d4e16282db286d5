"""The bot tests' fixtures (a real service on SQLite, the real bot, simcord's Discord), shared.

tests/bot/conftest.py is loaded under another name so that its fixtures (`table`, `make_bot`, ...)
and its guard against swallowed UI errors apply here too; `dtw_helpers` is importable.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BOT_TESTS = Path(__file__).resolve().parent.parent / "bot"
if str(BOT_TESTS) not in sys.path:
    sys.path.insert(0, str(BOT_TESTS))

_spec = importlib.util.spec_from_file_location("dtw_bot_fixtures", BOT_TESTS / "conftest.py")
assert _spec and _spec.loader
_fixtures = importlib.util.module_from_spec(_spec)
sys.modules["dtw_bot_fixtures"] = _fixtures
_spec.loader.exec_module(_fixtures)

db_url = _fixtures.db_url
settings = _fixtures.settings
make_bot = _fixtures.make_bot
simcord_bot = _fixtures.simcord_bot
table = _fixtures.table
fail_on_swallowed_ui_errors = _fixtures.fail_on_swallowed_ui_errors
Table = _fixtures.Table
