"""The scenario file format: pydantic models, the single source of truth for what a file may say.

Every number GAME.md leaves open lives in `Tunables`, with GAME.md's value as the default, so that
balance is tuned in data (and by simulation) rather than in code.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

FORMAT_VERSION = 1

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=4000)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a scenario must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Method(StrEnum):
    VENUE_ASSAULT = "venue_assault"
    CROWD_BOMBING = "crowd_bombing"
    MULTI_SITE = "multi_site"
    SMALL_IED = "small_ied"


class SpecialRule(StrEnum):
    """The documented set of special rules (see docs/rules.md for what each one does)."""

    INTERMEDIARY_CHANNEL = "intermediary_channel"
    SCHENGEN_LAG = "schengen_lag"
    COERCIVE_INTERROGATION = "coercive_interrogation"
    BORDER_WATCH = "border_watch"


class Identity(StrEnum):
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


class Source(Strict):
    title: ShortText
    publisher: ShortText | None = None
    url: Annotated[str, StringConstraints(max_length=500)] | None = None
    date: Annotated[str, StringConstraints(max_length=40)] | None = None


class Meta(Strict):
    title: ShortText
    summary: LongText = ""
    author: ShortText = "Duty to Warn project"
    licence: ShortText = "CC-BY-4.0"
    fictional: bool = False
    sources: list[Source] = Field(default_factory=list)


class Objective(Strict):
    kind: ObjectiveKind
    text: ShortText
    role: Slug | None = None
    plot: Slug | None = None
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
    id: Slug
    name: ShortText
    flag: Annotated[str, StringConstraints(max_length=16)] = ""
    collection: dict[Slug, Annotated[int, Field(ge=0, le=6)]] = Field(default_factory=dict)
    security_budget: int = Field(ge=1, le=10)
    political_capital: int = Field(ge=0, le=20)
    special_rules: list[SpecialRule] = Field(default_factory=list)
    objective: Objective | None = None
    briefing: LongText = ""
    decision_maker: bool = True


class Target(Strict):
    id: Slug
    name: ShortText
    city: ShortText
    target_class: Slug = Field(alias="class")
    territory: Slug


class Plot(Strict):
    """Hidden ground truth: only the facilitator sees a plot before the debrief."""

    id: Slug
    actor: ShortText
    target: Slug
    turn: int = Field(ge=1, le=12)
    method: Method
    casualty_weight: int | None = Field(default=None, ge=0, le=100)
    cell: list[ShortText] = Field(default_factory=list, max_length=8)
    region: Slug
    historical: LongText = ""
    fictional: bool = False


class Inject(Strict):
    """A scripted intel item handed to one role at the start of a turn."""

    id: Slug
    turn: int = Field(ge=1, le=12)
    recipient: Slug
    plot: Slug | None = None
    actor: ShortText
    targets: list[Slug] = Field(default_factory=list, max_length=6)
    window: tuple[int, int] | None = None
    window_text: ShortText | None = None
    identity: Identity = Identity.NONE
    names: list[ShortText] = Field(default_factory=list, max_length=8)
    method: Method | None = None
    reliability: Literal["A", "B", "C", "D", "E", "F"] = "C"
    credibility: int = Field(default=3, ge=1, le=6)
    sensitivity: int = Field(default=2, ge=1, le=3)
    no_onward_sharing: bool = False
    specificity: int = Field(ge=0, le=4)
    text: LongText = ""
    reveals_early: bool = False
    fictional: bool = False


class News(Strict):
    turn: int = Field(ge=1, le=12)
    text: LongText
    fictional: bool = False


class Tunables(Strict):
    """Every number of GAME.md that a scenario may change; defaults are GAME.md's."""

    collection_hit: int = Field(default=5, ge=2, le=6)
    decoy_chance: float = Field(default=1 / 3, ge=0, le=1)
    wrong_window_chance: float = Field(default=0.3, ge=0, le=1)
    harden_cost: int = Field(default=1, ge=0, le=6)
    surveil_cost: int = Field(default=1, ge=0, le=6)
    arrest_cost: int = Field(default=2, ge=0, le=6)
    propose_cost: int = Field(default=1, ge=0, le=6)
    advisory_pc: int = Field(default=1, ge=0, le=6)
    alert_fatigue_multiplier: int = Field(default=2, ge=1, le=4)
    harden_true_bonus: int = Field(default=3, ge=0, le=10)
    harden_near_bonus: int = Field(default=1, ge=0, le=10)
    surveil_bonus: int = Field(default=2, ge=0, le=10)
    surveil_max: int = Field(default=4, ge=0, le=20)
    arrest_bonus: int = Field(default=4, ge=0, le=10)
    advisory_bonus: int = Field(default=1, ge=0, le=10)
    advisory_shift_chance: float = Field(default=0.5, ge=0, le=1)
    watchlist_bonus: int = Field(default=1, ge=0, le=10)
    dismissed_warning_malus: int = Field(default=1, ge=0, le=10)
    proposal_prevention: int = Field(default=2, ge=0, le=10)
    foil_at: int = Field(default=10, ge=2, le=30)
    disrupt_at: int = Field(default=8, ge=2, le=30)
    burn_turns: int = Field(default=2, ge=0, le=12)
    burn_low_trust_bonus: int = Field(default=1, ge=0, le=6)
    burn_sanitized_relief: int = Field(default=1, ge=0, le=6)
    blame_divisor: int = Field(default=3, ge=1, le=20)
    exposure_at: int = Field(default=4, ge=1, le=7)
    exposure_pc: int = Field(default=2, ge=0, le=10)
    exposure_trust: int = Field(default=1, ge=0, le=5)
    accurate_warning_trust: int = Field(default=1, ge=0, le=5)
    accurate_warning_min_specificity: int = Field(default=2, ge=0, le=4)
    decoy_acted_trust: int = Field(default=1, ge=0, le=5)
    low_trust: int = Field(default=1, ge=0, le=5)
    provocation_pc: int = Field(default=1, ge=0, le=10)
    duty_missing_pc: int = Field(default=1, ge=0, le=10)
    duty_min_specificity: int = Field(default=2, ge=0, le=4)
    duty_max_credibility: int = Field(default=3, ge=1, le=6)
    score_base: int = Field(default=20, ge=0, le=100)
    source_points: int = Field(default=2, ge=0, le=20)
    sensitive_source_min: int = Field(default=2, ge=1, le=6)
    objective_points: int = Field(default=3, ge=0, le=20)
    threshold_bonus: int = Field(default=3, ge=0, le=20)
    casualty_weights: dict[Method, int] = Field(
        default_factory=lambda: {
            Method.VENUE_ASSAULT: 10,
            Method.CROWD_BOMBING: 7,
            Method.MULTI_SITE: 10,
            Method.SMALL_IED: 2,
        }
    )

    @model_validator(mode="after")
    def _thresholds(self) -> Self:
        if self.disrupt_at > self.foil_at:
            raise ValueError("disrupt_at must not be above foil_at")
        return self


class Deadlines(Strict):
    """Minutes each phase lasts on Discord before it advances on its own."""

    briefing: int = Field(default=5, ge=1, le=240)
    intel_received: int = Field(default=3, ge=1, le=240)
    sharing: int = Field(default=10, ge=1, le=240)
    response: int = Field(default=10, ge=1, le=240)
    aftermath: int = Field(default=5, ge=1, le=240)


SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class Scenario(Strict):
    format_version: int = Field(default=FORMAT_VERSION, ge=1, le=FORMAT_VERSION)
    meta: Meta
    turns: int = Field(ge=1, le=12)
    roles: list[Role] = Field(min_length=2, max_length=8)
    targets: list[Target] = Field(min_length=1, max_length=60)
    trust: dict[Slug, dict[Slug, Annotated[int, Field(ge=0, le=5)]]]
    duty_to_warn: list[Slug] = Field(default_factory=list)
    plots: list[Plot] = Field(default_factory=list, max_length=12)
    injects: list[Inject] = Field(default_factory=list, max_length=60)
    news: list[News] = Field(default_factory=list, max_length=60)
    threat_actors: list[ShortText] = Field(default_factory=lambda: ["unknown group"])
    casualty_threshold: int = Field(default=10, ge=0, le=1000)
    tunables: Tunables = Field(default_factory=Tunables)
    deadlines: Deadlines = Field(default_factory=Deadlines)
    discussion_questions: list[LongText] = Field(default_factory=list)

    @model_validator(mode="after")
    def _cross_checks(self) -> Self:
        errors = list(_cross_field_errors(self))
        if errors:
            raise ValueError("; ".join(errors))
        return self

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def target(self, target_id: str) -> Target:
        return next(t for t in self.targets if t.id == target_id)


def _cross_field_errors(s: Scenario) -> list[str]:
    """Checks that need more than one field; each message names what is wrong and where."""
    errors: list[str] = []
    roles = [r.id for r in s.roles]
    role_set = set(roles)
    targets = {t.id: t for t in s.targets}
    plots = {p.id: p for p in s.plots}
    for dup in {r for r in roles if roles.count(r) > 1}:
        errors.append(f"roles: role '{dup}' is defined twice")
    for t in s.targets:
        if t.territory not in role_set:
            errors.append(f"targets.{t.id}.territory: unknown role '{t.territory}'")
    for truster in roles:
        row = s.trust.get(truster)
        if row is None:
            errors.append(f"trust.{truster}: missing row for role '{truster}'")
            continue
        for other in roles:
            if other != truster and other not in row:
                errors.append(f"trust.{truster}.{other}: missing trust value")
        for other in row:
            if other not in role_set or other == truster:
                errors.append(f"trust.{truster}.{other}: not another role of this scenario")
    for extra in set(s.trust) - role_set:
        errors.append(f"trust.{extra}: unknown role '{extra}'")
    for bound in s.duty_to_warn:
        if bound not in role_set:
            errors.append(f"duty_to_warn: unknown role '{bound}'")
    for p in s.plots:
        if p.target not in targets:
            errors.append(f"plots.{p.id}.target: unknown target '{p.target}'")
        if p.turn > s.turns:
            errors.append(f"plots.{p.id}.turn: turn {p.turn} is after the last turn ({s.turns})")
    for i in s.injects:
        errors.extend(_inject_errors(s, i, role_set, targets, plots))
    for n in s.news:
        if n.turn > s.turns:
            errors.append(f"news: turn {n.turn} is after the last turn ({s.turns})")
    for r in s.roles:
        obj = r.objective
        if obj and obj.role and obj.role not in role_set:
            errors.append(f"roles.{r.id}.objective.role: unknown role '{obj.role}'")
        if obj and obj.plot and obj.plot not in plots:
            errors.append(f"roles.{r.id}.objective.plot: unknown plot '{obj.plot}'")
    return errors


def _inject_errors(
    s: Scenario,
    i: Any,
    role_set: set[str],
    targets: dict[str, Target],
    plots: dict[str, Plot],
) -> list[str]:
    where = f"injects.{i.id}"
    errors: list[str] = []
    if i.recipient not in role_set:
        errors.append(f"{where}.recipient: unknown role '{i.recipient}'")
    if i.turn > s.turns:
        errors.append(f"{where}.turn: turn {i.turn} is after the last turn ({s.turns})")
    for t in i.targets:
        if t not in targets:
            errors.append(f"{where}.targets: unknown target '{t}'")
    if i.plot is not None:
        plot = plots.get(i.plot)
        if plot is None:
            errors.append(f"{where}.plot: unknown plot '{i.plot}'")
        elif i.specificity >= 3 and i.turn < plot.turn - 1 and not i.reveals_early:
            errors.append(
                f"{where}: names plot '{plot.id}' at specificity {i.specificity} in turn {i.turn}, "
                f"before its turn ({plot.turn}); mark it reveals_early: true if that is intended"
            )
    if i.identity is not Identity.NONE and not i.names:
        errors.append(f"{where}.names: identity '{i.identity}' needs at least one name")
    if i.window is not None and i.window[0] > i.window[1]:
        errors.append(f"{where}.window: start after end")
    return errors

