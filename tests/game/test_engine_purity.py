"""The engine is pure: no Discord, no database, no asyncio, no clock, no global random."""

import ast
import subprocess
import sys
from pathlib import Path

import game.engine

ENGINE = Path(game.engine.__file__).parent
FORBIDDEN = {"discord", "sqlmodel", "sqlalchemy", "asyncio", "time", "datetime", "threading.Timer"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _offenders(folder: Path) -> set[str]:
    return {
        f"{p.name}: {name}"
        for p in folder.rglob("*.py")
        for name in _imports(p)
        if name.split(".")[0] in FORBIDDEN or name in FORBIDDEN
    }


def test_engine_imports_neither_discord_nor_database_nor_asyncio_nor_clock():
    assert list(ENGINE.rglob("*.py"))  # the check looks at real files
    assert _offenders(ENGINE) == set()


def test_the_import_check_catches_each_forbidden_import(tmp_path):
    """The checker itself: every way of importing a forbidden module is found."""
    lines = ["import asyncio", "import discord.ext.commands", "from sqlmodel import Session",
             "from sqlalchemy.orm import Session", "import time as clock",
             "from datetime import datetime", "from threading import Timer",
             "import json  # allowed", "from threading import local  # allowed"]
    for n, line in enumerate(lines):
        (tmp_path / f"m{n}.py").write_text(line + "\n")
    found = {o.split(":")[0] for o in _offenders(tmp_path)}
    assert found == {f"m{n}.py" for n in range(7)}


def test_importing_the_engine_loads_no_discord_database_or_asyncio():
    """At run time too, through everything the engine imports (the scenario schema, pydantic,
    transitions): a fresh interpreter that imports game.engine has none of them loaded. (`time`
    and `datetime` are loaded by pydantic itself, so for the clock the source check above is the
    test.)"""
    code = ("import sys, game.engine; print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'discord', 'sqlmodel', 'sqlalchemy', 'asyncio'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_engine_uses_no_global_random_source():
    """Randomness comes from the game's seed only: `random` is used only to build seeded streams."""
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "random"):
                assert node.attr in {"Random"}, f"{path.name} calls random.{node.attr}"
