"""Settings from the environment (and a `.env` file), after the fastapi full-stack template.

One object, read once: the store, the service and the bot take what they need from it instead of
reading os.environ themselves. The deployment issue adds its own fields here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./wargame.sqlite"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # sqlite:///path.sqlite (default, a file in the working directory) or
    # postgresql+psycopg://user:password@host:5432/dbname
    database_url: str = Field(DEFAULT_DATABASE_URL, validation_alias="DATABASE_URL")
    discord_token: SecretStr | None = Field(None, validation_alias="DISCORD_TOKEN")
    scenarios_dir: Path | None = Field(None, validation_alias="WARGAME_SCENARIOS")
    dev_guild: int | None = Field(None, validation_alias="WARGAME_DEV_GUILD")
    facilitator_role: str = Field(
        "White Cell",
        validation_alias=AliasChoices("WARGAME_FACILITATOR_ROLE", "FACILITATOR_ROLE"),
    )
    log_level: str = Field("INFO", validation_alias=AliasChoices("WARGAME_LOG_LEVEL", "LOG_LEVEL"))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings; tests call `get_settings.cache_clear()` after changing the env."""
    return Settings()  # type: ignore[call-arg]  # (mypy without pydantic's plugin: the aliases)
