"""Logging for `wargame bot`: readable lines or one JSON object per line, with the game and the
server each record is about.

The bot's log calls already start with "game %s: ..." or "guild %s: ..." (see bot/ and
game/service); `ContextFilter` lifts those ids into `record.game_id` / `record.guild_id`, and code
may also pass them with `extra={"game_id": ..., "guild_id": ...}`. The JSON formatter writes them
as fields so that a collector can filter one game's story out of a busy bot.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any, TextIO

CONTEXT_FIELDS = ("game_id", "guild_id")
_PREFIXES = {"game %s": "game_id", "guild %s": "guild_id"}
QUIET = {"transitions": logging.WARNING, "discord.gateway": logging.INFO,
         "sqlalchemy.engine": logging.WARNING, "alembic": logging.INFO}


class ContextFilter(logging.Filter):
    """Copy the game or guild id named by the message's leading "game %s" / "guild %s"."""

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.msg
        if isinstance(msg, str) and isinstance(record.args, tuple) and record.args:
            for prefix, attr in _PREFIXES.items():
                if msg.startswith(prefix) and not hasattr(record, attr):
                    setattr(record, attr, str(record.args[0]))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, game_id, guild_id,
    and the traceback as `exc_info` when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in CONTEXT_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                out[field] = str(value)
        if record.exc_info:
            out["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            out["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(out, ensure_ascii=False)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(level: str = "INFO", fmt: str = "text", stream: TextIO | None = None) -> logging.Handler:
    """Install one handler on the root logger (replacing earlier ones) and quiet chatty loggers."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name, quiet in QUIET.items():
        logging.getLogger(name).setLevel(max(quiet, root.level))
    return handler
