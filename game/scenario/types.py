"""Building blocks of the scenario format: constrained strings, the strict base model and enums.

Kept apart from `schema` so that checks, error reporting and the models can all import them
without import cycles, and so that the enums an author may type are listed in one place.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=4000)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a scenario must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Method(StrEnum):
    """How a plot attacks; each method has an abstract casualty weight in the tunables."""

    VENUE_ASSAULT = "venue_assault"
    CROWD_BOMBING = "crowd_bombing"
    MULTI_SITE = "multi_site"
    SMALL_IED = "small_ied"


class SpecialRule(StrEnum):
    """The documented set of special rules (docs/scenario-authoring.md says what each one does)."""

    INTERMEDIARY_CHANNEL = "intermediary_channel"
    SCHENGEN_LAG = "schengen_lag"
    COERCIVE_INTERROGATION = "coercive_interrogation"
    BORDER_WATCH = "border_watch"


class Identity(StrEnum):
    """How much of the cell an item names: nothing, some of it, or all of it."""

    NONE = "none"
    PARTIAL = "partial"
    NAMED = "named"


class ObjectiveKind(StrEnum):
    """Secret objectives the engine can check by itself at the end of the game."""

    NO_CASUALTIES = "no_casualties"
    SOURCES_INTACT = "sources_intact"
    PC_AT_LEAST = "pc_at_least"
    NEVER_SHARE_FULL_WITH = "never_share_full_with"
    TRUST_FROM_AT_LEAST = "trust_from_at_least"
    PLOT_STOPPED = "plot_stopped"
    NO_MISSING_DUTY_ENTRIES = "no_missing_duty_entries"
