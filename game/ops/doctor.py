"""`wargame doctor`: check a configuration without connecting to Discord.

Each check returns the problems it found, each phrased as what to fix; an empty list is a pass.
Nothing here prints or logs the token: a malformed one is described by its shape only.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import AliasChoices, ValidationError

from game.settings import Settings

# A bot token is three base64url parts separated by dots: the bot's id, a timestamp, an HMAC.
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")
HEARTBEAT_STALE = 120.0


def _env_names() -> dict[str, tuple[str, ...]]:
    """Each setting -> the environment names it answers to, the documented one first (read from
    Settings, so that a new setting needs no second list here)."""
    names: dict[str, tuple[str, ...]] = {}
    for setting, info in Settings.model_fields.items():
        alias = info.validation_alias
        names[setting] = (tuple(map(str, alias.choices)) if isinstance(alias, AliasChoices)
                        else (str(alias or setting),))
    return names


ENV_NAMES = _env_names()
ALIASES = {setting: names[0] for setting, names in ENV_NAMES.items()}  # setting -> its variable
_FIELD_OF = {name: setting for setting, names in ENV_NAMES.items() for name in names}


@dataclass
class Report:
    """What passed (short notes) and what to fix."""

    ok: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def settings_for_checks(overrides: Mapping[str, Any] | None = None, *,
                        env_file: str | None = ".env") -> tuple[Settings | None, list[str]]:
    """The settings and what does not parse. Where a setting is wrong, the rest are still read
    (the wrong ones at their defaults) so that the other checks run and the list of what to fix
    is complete in one pass rather than one problem per run."""
    patched = dict(overrides or {})
    problems: list[str] = []
    for _ in range(len(ALIASES) + 1):  # each failed round resets at least one setting: bounded
        try:
            return Settings(_env_file=env_file, **patched), problems  # type: ignore[call-arg]
        except ValidationError as exc:  # a later round sees what the first could not (shards)
            problems += [p for p in map(_describe, _errors(exc)) if p not in problems]
            resets = _defaults_for(exc)
            if not resets or resets.items() <= patched.items():
                break
            patched.update(resets)
    return None, problems


def _errors(exc: ValidationError) -> list[Any]:
    return list(exc.errors(include_input=False, include_url=False))


def _describe(error: Any) -> str:
    name = ".".join(str(p) for p in error["loc"])
    where = ALIASES.get(name, name) if name else "settings"
    return f"{where}: {error['msg'].removeprefix('Value error, ')}"


def _defaults_for(exc: ValidationError) -> dict[str, Any]:
    """Environment names -> defaults for the settings an error names; an error about several
    settings at once (the shard pair) resets the shards."""
    resets: dict[str, Any] = {}
    for error in _errors(exc):
        loc = error["loc"]
        if not loc:
            resets.update(WARGAME_SHARD_IDS=None, WARGAME_SHARD_COUNT=None)
            continue
        alias = str(loc[0])
        name = _FIELD_OF.get(alias, alias)
        if name in Settings.model_fields:
            resets[alias] = Settings.model_fields[name].default
    return resets


def check_token(settings: Settings) -> list[str]:
    token = settings.token
    if not token:
        return ["DISCORD_TOKEN is not set: Discord Developer Portal → your application → Bot → "
                "Reset Token, then put it in DISCORD_TOKEN"]
    if token.lower().startswith("bot "):
        return ["DISCORD_TOKEN starts with 'Bot ': give the token alone"]
    if not TOKEN_RE.match(token):
        parts = token.count(".") + 1
        return [f"DISCORD_TOKEN does not look like a bot token (expected three base64url parts "
                f"separated by dots; it has {parts} part{'s' if parts != 1 else ''} of "
                f"{len(token)} characters in all): copy it again from the portal's Bot page"]
    return []


def check_database(url: str) -> tuple[list[str], list[str]]:
    """(notes, problems): reachable, and migrated to this code's head revision."""
    from game.store import migrate
    from game.store.db import is_sqlite, make_engine

    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        return [], ["DATABASE_URL is not a database URL (e.g. sqlite:///./wargame.sqlite or "
                    "postgresql+psycopg://user:password@host:5432/wargame)"]
    shown = parsed.render_as_string(hide_password=True)
    wrong_kind = _unsupported(parsed)
    if wrong_kind:
        return [], [f"DATABASE_URL ({shown}): {wrong_kind}"]
    sqlite = is_sqlite(url)
    if sqlite and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
        if not path.exists():
            folder = path.parent if str(path.parent) else Path(".")
            if not folder.is_dir() or not os.access(folder, os.W_OK):
                return [], [f"DATABASE_URL: the folder {folder} of the SQLite file does not exist "
                            "or is not writable"]
            return [f"database: {path} will be created and migrated on first start"], []
    head = migrate.head_revision()
    try:
        engine = make_engine(url)
    except Exception as exc:  # a missing driver, a bad option
        return [], [f"DATABASE_URL ({shown}): {_first_line(exc)}"]
    try:
        current = migrate.current_revision(engine)
    except Exception as exc:
        return [], [f"database {shown} is not reachable: {_first_line(exc)}"]
    finally:
        engine.dispose()
    if current == head:
        return [f"database: reachable, schema at {head}"], []
    if current is None and sqlite:
        return [f"database: reachable; the bot migrates it on first start (to {head})"], []
    if current is None:
        return [], [f"database {shown} has no schema: run `wargame db upgrade`"]
    if current not in _known_revisions():
        return [], [f"database {shown} is at revision {current}, newer than this version knows "
                    f"({head}): upgrade the game"]
    return [], [f"database {shown} is at revision {current}, not {head}: run `wargame db upgrade`"]


def _unsupported(parsed: sa.URL) -> str | None:
    """What to write instead, for a URL of a database or a driver the game does not ship with
    (`postgresql://` means psycopg2 to SQLAlchemy, which is not installed: a common slip)."""
    backend, _, driver = parsed.drivername.partition("+")  # without loading the driver
    if backend not in ("sqlite", "postgresql", "postgres"):
        return ("only SQLite (sqlite:///path/wargame.sqlite) and PostgreSQL "
                "(postgresql+psycopg://user:password@host:5432/wargame) are supported")
    if backend != "sqlite" and (backend, driver) != ("postgresql", "psycopg"):
        return "write postgresql+psycopg://… (psycopg 3 is the driver the game installs)"
    return None


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from game.store.migrate import alembic_config

    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def check_scenarios(settings: Settings) -> tuple[list[str], list[str]]:
    from game.scenario.loader import check_file, list_scenarios

    extra = settings.scenarios_dir
    if extra is not None and not extra.is_dir():
        return [], [f"WARGAME_SCENARIOS: {extra} is not a folder"]
    files = list_scenarios(extra)
    problems: list[str] = []
    for path in files:
        checked = check_file(path)
        problems.extend(f"scenario {e}" for e in checked.errors)
    if not files:
        problems.append("no scenario found: the shipped scenarios are missing from the install")
    return [f"scenarios: {len(files)} checked"] if not problems else [], problems


def check_heartbeat(settings: Settings, now: float | None = None) -> list[str]:
    path = settings.heartbeat_file
    if path is None:
        return []
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
    except OSError:
        return [f"heartbeat {path} is missing: the bot is not running (or not ready yet)"]
    if age > HEARTBEAT_STALE:
        return [f"heartbeat {path} is {age:.0f} s old: the bot's event loop is stuck or stopped"]
    return []


def diagnose(overrides: Mapping[str, Any] | None = None, *, env_file: str | None = ".env",
             quick: bool = False) -> Report:
    """Every check; `quick` (a container health check) skips the scenarios and the token's shape
    and adds the heartbeat."""
    report = Report()
    settings, problems = settings_for_checks(overrides, env_file=env_file)
    report.problems += problems
    if settings is None:
        return report
    notes, problems = check_database(settings.database_url)
    report.ok += notes
    report.problems += problems
    if quick:
        report.problems += check_heartbeat(settings)
        return report
    notes, problems = check_scenarios(settings)
    report.ok += notes
    report.problems += problems
    token = check_token(settings)
    report.problems += token
    if not token:
        report.ok.append("token: present and shaped like a bot token")
    if settings.sharded:
        ids = settings.shard_ids or list(range(settings.shard_count or 1))
        report.ok.append(f"shards: {','.join(map(str, ids))} of {settings.shard_count}")
    return report


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__
