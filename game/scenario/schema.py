"""The scenario file format: pydantic models, the single source of truth for what a file may say.

Each model checks what it can see by itself; checks that need several parts of a scenario (does
every role named exist, is the trust matrix complete...) live in `checks`, which reports each
problem with its own field path so that the loader can point at the offending line.
Every number GAME.md leaves open lives in `Tunables`, with GAME.md's value as the default.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Any, Literal, Self

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from game.scenario.checks import cross_field_problems, format_loc
from game.scenario.tunables import AdjudicationChances, Deadlines, Tunables
from game.scenario.types import (
    Identity,
    LongText,
    Method,
    ObjectiveKind,
    ShortText,
    Slug,
    SpecialRule,
    Strict,
)

FORMAT_VERSION = 1
MAX_TURNS = 12

__all__ = [
    "FORMAT_VERSION", "AdjudicationChances", "Deadlines", "Identity", "Inject", "Meta", "Method",
    "News", "Objective", "ObjectiveKind", "Plot", "Role", "Scenario", "Source", "SpecialRule",
    "Target", "Tunables",
]  # fmt: skip

Turn = Annotated[int, Field(ge=1, le=MAX_TURNS)]


class Source(Strict):
    """Where a historical fact comes from: the publication and its address."""

    title: ShortText
    publisher: ShortText | None = Field(default=None, description="the publication")
    url: Annotated[str, StringConstraints(max_length=500)] | None = Field(
        default=None, description="the address (https://...)"
    )
    date: Annotated[str, StringConstraints(max_length=40)] | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: Any) -> Any:
        """YAML reads an unquoted 2015-07-21 as a date; authors should not have to quote it."""
        return value.isoformat() if isinstance(value, dt.date) else value


class Meta(Strict):
    """What the scenario is, who wrote it, under which licence, from which sources."""

    title: ShortText
    summary: LongText = Field(default="", description="read to all players before the game")
    author: ShortText = "Duty to Warn project"
    licence: ShortText = "CC-BY-4.0"
    fictional: bool = Field(default=False, description="true for an invented setting")
    turn_length: ShortText = Field(default="one week", description="what one turn stands for")
    facilitator_notes: LongText = Field(default="", description="for the White Cell only")
    sources: list[Source] = Field(default_factory=list)


class Objective(Strict):
    """A secret objective the engine checks at the end; worth `objective_points`."""

    kind: ObjectiveKind
    text: ShortText = Field(description="what the player is told")
    role: Slug | None = Field(default=None, description="the other role it is about")
    plot: Slug | None = Field(default=None, description="the plot it is about")
    value: int | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _needs(self) -> Self:
        needs = {
            ObjectiveKind.PC_AT_LEAST: ("value",),
            ObjectiveKind.NEVER_SHARE_FULL_WITH: ("role",),
            ObjectiveKind.TRUST_FROM_AT_LEAST: ("role", "value"),
            ObjectiveKind.PLOT_STOPPED: ("plot",),
        }.get(self.kind, ())
        missing = [name for name in needs if getattr(self, name) is None]
        if missing:
            raise ValueError(f"objective '{self.kind}' needs {', '.join(missing)}")
        return self


class Role(Strict):
    """A seat: one state's security service."""

    id: Slug
    name: ShortText
    flag: Annotated[str, StringConstraints(max_length=16)] = ""
    collection: dict[Slug, Annotated[int, Field(ge=0, le=6)]] = Field(
        default_factory=dict, description="region -> collection strength (dice per turn)"
    )
    security_budget: int = Field(ge=1, le=10, description="SB per turn (GAME.md: 3-6)")
    political_capital: int = Field(ge=0, le=20, description="starting PC (GAME.md: 4-6)")
    special_rules: list[SpecialRule] = Field(default_factory=list)
    objective: Objective | None = Field(default=None, description="the secret objective")
    briefing: LongText = Field(default="", description="shown to this seat alone")
    decision_maker: bool = True


class Target(Strict):
    """A place a plot may strike, in the territory of the role that is its victim state."""

    id: Slug
    name: ShortText
    city: ShortText
    target_class: Slug = Field(alias="class", description="concert_venue, transport, ...")
    territory: Slug = Field(description="the role whose casualties an attack here counts")


class Plot(Strict):
    """Hidden ground truth: only the facilitator sees a plot before the debrief."""

    id: Slug
    actor: ShortText = Field(description="the threat actor; also list it in threat_actors")
    target: Slug
    turn: Turn = Field(description="the turn the attack is due")
    method: Method
    casualty_weight: int | None = Field(default=None, ge=0, le=100,
                                        description="overrides the method's weight")
    cell: list[ShortText] = Field(default_factory=list, max_length=8)
    region: Slug = Field(description="the region the plot is run from")
    historical: LongText = Field(default="", description="what really happened, with numbers")
    fictional: bool = False


class Inject(Strict):
    """A scripted intel item handed to one role at the start of a turn."""

    id: Slug
    turn: Turn
    recipient: Slug
    plot: Slug | None = Field(default=None, description="the plot it is about; none: a decoy")
    actor: ShortText
    targets: list[Slug] = Field(default_factory=list, max_length=6,
                                description="candidate targets; empty: worked out from plot")
    window: tuple[Turn, Turn] | None = Field(default=None, description="stated [first, last] turn")
    window_text: ShortText | None = Field(default=None, description='as stated: "48 hours"')
    identity: Identity = Identity.NONE
    names: list[ShortText] = Field(default_factory=list, max_length=8)
    method: Method | None = None
    reliability: Literal["A", "B", "C", "D", "E", "F"] = "C"
    credibility: int = Field(default=3, ge=1, le=6)
    sensitivity: int = Field(default=2, ge=1, le=3)
    no_onward_sharing: bool = False
    specificity: int = Field(ge=0, le=4)
    text: LongText = ""
    reveals_early: bool = Field(default=False,
                                description="true: it may reveal its plot before the plot's turn")
    fictional: bool = False


class News(Strict):
    """A public news event read to everyone at the start of a turn."""

    turn: Turn
    text: LongText
    fictional: bool = False


class Scenario(Strict):
    """A whole scenario file."""

    format_version: int = Field(default=FORMAT_VERSION, ge=1, le=FORMAT_VERSION)
    meta: Meta
    turns: int = Field(ge=1, le=MAX_TURNS)
    roles: list[Role] = Field(min_length=2, max_length=8)
    targets: list[Target] = Field(min_length=1, max_length=60)
    trust: dict[Slug, dict[Slug, Annotated[int, Field(ge=0, le=5)]]] = Field(
        description="truster -> trusted -> 0..5, for every ordered pair of roles"
    )
    duty_to_warn: list[Slug] = Field(default_factory=list,
                                     description="roles bound by the duty to warn")
    plots: list[Plot] = Field(default_factory=list, max_length=12)
    injects: list[Inject] = Field(default_factory=list, max_length=60)
    news: list[News] = Field(default_factory=list, max_length=60)
    threat_actors: list[ShortText] = Field(default_factory=lambda: ["unknown group"],
                                           min_length=1)
    casualty_threshold: int = Field(default=10, ge=0, le=1000)
    tunables: Tunables = Field(default_factory=Tunables)
    deadlines: Deadlines = Field(default_factory=Deadlines)
    discussion_questions: list[LongText] = Field(default_factory=list)

    @model_validator(mode="after")
    def _cross_checks(self, info: ValidationInfo) -> Self:
        """Cross-field checks; the loader defers them to report each with its own location."""
        if isinstance(info.context, dict) and info.context.get("defer_cross_checks"):
            return self
        problems = cross_field_problems(self)
        if problems:
            raise ValueError("; ".join(f"{format_loc(p.loc)}: {p.message}" for p in problems))
        return self

    # Lookups by id: the engine asks these thousands of times per game, so index once per model.
    @cached_property
    def _roles_by_id(self) -> dict[str, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def _targets_by_id(self) -> dict[str, Target]:
        return {t.id: t for t in self.targets}

    @cached_property
    def _plots_by_id(self) -> dict[str, Plot]:
        return {p.id: p for p in self.plots}

    def role(self, role_id: str) -> Role:
        """The role with this id; KeyError if there is none."""
        return self._roles_by_id[role_id]

    def target(self, target_id: str) -> Target:
        """The target with this id; KeyError if there is none."""
        return self._targets_by_id[target_id]

    def plot(self, plot_id: str) -> Plot:
        """The plot with this id; KeyError if there is none."""
        return self._plots_by_id[plot_id]
