"""The bot tests' fixtures, shared (see tests/security/conftest.py); `--soak` is in tests/conftest.py."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

BOT_TESTS = Path(__file__).resolve().parent.parent / "bot"
if str(BOT_TESTS) not in sys.path:
    sys.path.insert(0, str(BOT_TESTS))

_spec = importlib.util.spec_from_file_location("dtw_bot_fixtures", BOT_TESTS / "conftest.py")
assert _spec and _spec.loader
_fixtures = sys.modules.get("dtw_bot_fixtures") or importlib.util.module_from_spec(_spec)
if "dtw_bot_fixtures" not in sys.modules:
    sys.modules["dtw_bot_fixtures"] = _fixtures
    _spec.loader.exec_module(_fixtures)



@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """On /dev/shm where there is one: the soak measures the bot, not the disk's fsync."""
    shm = Path("/dev/shm")
    where = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() else tmp_path
    yield f"sqlite:///{where / 'soak.sqlite'}"
    if where != tmp_path:
        shutil.rmtree(where, ignore_errors=True)


settings = _fixtures.settings
make_bot = _fixtures.make_bot
simcord_bot = _fixtures.simcord_bot
fail_on_swallowed_ui_errors = _fixtures.fail_on_swallowed_ui_errors

