"""Settings from the environment (and a `.env` file), after the fastapi full-stack template.

One object, read once: the store, the service and the bot take what they need from it instead of
reading os.environ themselves. `deploy/.env.example` lists every variable with a comment, and
`wargame doctor` checks a configuration without connecting to Discord.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./wargame.sqlite"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # sqlite:///path.sqlite (default, a file in the working directory) or
    # postgresql+psycopg://user:password@host:5432/dbname
    database_url: str = Field(DEFAULT_DATABASE_URL, validation_alias="DATABASE_URL")
    # The bot's password: SecretStr so that it never appears in a repr, a log or an error.
    discord_token: SecretStr | None = Field(None, validation_alias="DISCORD_TOKEN")
    scenarios_dir: Path | None = Field(None, validation_alias="WARGAME_SCENARIOS")
    dev_guild: int | None = Field(None, validation_alias="WARGAME_DEV_GUILD")
    facilitator_role: str = Field(
        "White Cell",
        validation_alias=AliasChoices("WARGAME_FACILITATOR_ROLE", "FACILITATOR_ROLE"),
    )
    log_level: str = Field("INFO", validation_alias=AliasChoices("WARGAME_LOG_LEVEL", "LOG_LEVEL"))
    # "text" (one readable line per record) or "json" (one JSON object per line, for a collector).
    log_format: Literal["text", "json"] = Field(
        "text", validation_alias=AliasChoices("WARGAME_LOG_FORMAT", "LOG_FORMAT"))
    # Sharding: this process runs the shards `shard_ids` (e.g. "0,1") of `shard_count`.
    shard_ids: Annotated[list[int] | None, NoDecode] = Field(
        None, validation_alias="WARGAME_SHARD_IDS")
    shard_count: int | None = Field(None, validation_alias="WARGAME_SHARD_COUNT", ge=1)
    # A file the running bot touches every HEARTBEAT_EVERY seconds (a container health check).
    heartbeat_file: Path | None = Field(None, validation_alias="WARGAME_HEARTBEAT_FILE")

    @field_validator("log_level", mode="before")
    @classmethod
    def _level(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().upper()
            if value not in LOG_LEVELS:
                raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return value

    @field_validator("log_format", mode="before")
    @classmethod
    def _format(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _shard_ids(cls, value: Any) -> Any:
        """"0,1" from the environment; a list from code."""
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not parts:
                return None
            try:
                return [int(p) for p in parts]
            except ValueError:
                raise ValueError("must be shard numbers separated by commas, e.g. 0,1") from None
        return value

    @field_validator("dev_guild", "shard_count", "scenarios_dir", "heartbeat_file",
                     "discord_token", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _shards(self) -> Settings:
        if self.shard_ids is not None:
            if self.shard_count is None:
                raise ValueError("WARGAME_SHARD_IDS needs WARGAME_SHARD_COUNT")
            bad = [i for i in self.shard_ids if not 0 <= i < self.shard_count]
            if bad:
                raise ValueError(f"shard ids {bad} are not below WARGAME_SHARD_COUNT "
                                 f"({self.shard_count})")
            if len(set(self.shard_ids)) != len(self.shard_ids):
                raise ValueError("WARGAME_SHARD_IDS repeats a shard")
        return self

    @property
    def token(self) -> str:
        """The token's text (empty if unset), for the one place that logs in with it."""
        return self.discord_token.get_secret_value().strip() if self.discord_token else ""

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings; tests call `get_settings.cache_clear()` after changing the env."""
    return Settings()  # type: ignore[call-arg]  # (mypy without pydantic's plugin: the aliases)
