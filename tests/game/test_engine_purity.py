"""The engine is pure: no Discord, no database, no asyncio, no clock, no global random."""

import ast
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
    return names


def test_engine_imports_neither_discord_nor_database_nor_asyncio_nor_clock():
    offenders = {
        f"{p.name}: {name}"
        for p in ENGINE.rglob("*.py")
        for name in _imports(p)
        if name.split(".")[0] in FORBIDDEN or name in FORBIDDEN
    }
    assert offenders == set()


def test_engine_uses_no_global_random_source():
    """Randomness comes from the game's seed only: `random` is used only to build seeded streams."""
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "random"):
                assert node.attr in {"Random"}, f"{path.name} calls random.{node.attr}"
