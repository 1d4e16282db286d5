"""Every number of GAME.md that a scenario may change, with GAME.md's value as the default.

Balance is tuned in data (and by simulation), never in code: the engine reads these and nothing
else. `show` lists the ones a scenario changes, so a facilitator sees at a glance how it differs.
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import Field, field_validator, model_validator

from game.scenario.types import Method, Strict


def _default_weights() -> dict[Method, int]:
    return {
        Method.VENUE_ASSAULT: 10,
        Method.CROWD_BOMBING: 7,
        Method.MULTI_SITE: 10,
        Method.SMALL_IED: 2,
    }


class AdjudicationChances(Strict):
    """Chance in percent that a free-form action succeeds, by the facilitator's rating."""

    very_strong: int = Field(default=83, ge=0, le=100)
    strong: int = Field(default=67, ge=0, le=100)
    average: int = Field(default=50, ge=0, le=100)
    weak: int = Field(default=33, ge=0, le=100)
    very_weak: int = Field(default=17, ge=0, le=100)


def _f(default: Any, lo: float, hi: float, text: str) -> Any:
    """A tunable field: default, bounds and a description that ends up in the JSON Schema."""
    return Field(default=default, ge=lo, le=hi, description=text)


class Tunables(Strict):
    """Every number of GAME.md that a scenario may change; defaults are GAME.md's."""

    collection_hit: int = _f(5, 2, 6, "a collection die hits on this or more (d6)")
    collected_specificity_bonus: int = _f(1, 0, 4, "a collected item's specificity is hits + this, "
                                                   "at most 4")
    decoy_chance: float = _f(1 / 3, 0, 1, "chance per turn that a collecting role gets a decoy")
    decoy_specificity_min: int = _f(1, 1, 4, "a decoy's specificity is drawn from this ...")
    decoy_specificity_max: int = _f(3, 1, 4, "... to this")
    wrong_window_chance: float = _f(0.3, 0, 1, "chance an item's stated window is too early")
    harden_cost: int = _f(1, 0, 6, "SB to harden one target")
    surveil_cost: int = _f(1, 0, 6, "SB to surveil one named suspect")
    arrest_cost: int = _f(2, 0, 6, "SB to arrest one named suspect")
    propose_cost: int = _f(1, 0, 6, "SB for a free-form action")
    advisory_pc: int = _f(1, 0, 6, "PC for a public advisory")
    alert_fatigue_multiplier: int = _f(2, 1, 4, "cost factor for acting past every window")
    harden_true_bonus: int = _f(3, 0, 10, "prevention for hardening the true target")
    harden_near_bonus: int = _f(1, 0, 10, "prevention for hardening same class, same city")
    surveil_bonus: int = _f(2, 0, 10, "prevention per surveilled cell member")
    surveil_max: int = _f(4, 0, 20, "cap on prevention from surveillance")
    arrest_bonus: int = _f(4, 0, 10, "prevention per arrested cell member")
    advisory_bonus: int = _f(1, 0, 10, "prevention from a public advisory")
    advisory_shift_chance: float = _f(0.5, 0, 1, "chance Red shifts target or timing")
    advisory_delay_turns: int = _f(1, 1, 12, "turns Red waits when it delays after an advisory")
    watchlist_bonus: int = _f(1, 0, 10, "prevention for a watchlist or border hit")
    dismissed_warning_malus: int = _f(1, 0, 10, "prevention lost when a warning was dismissed")
    proposal_prevention: int = _f(2, 0, 10, "prevention from a successful free-form action")
    foil_at: int = _f(10, 2, 30, "2d6 + prevention at or above this foils the attack")
    disrupt_at: int = _f(8, 2, 30, "... at or above this disrupts it")
    disrupted_casualty_divisor: int = _f(2, 1, 10, "a disrupted attack's weight is divided by this")
    burn_turns: int = _f(2, 0, 12, "turns a burned source gives no collection")
    burn_low_trust_bonus: int = _f(1, 0, 6, "added to the burn threshold at low trust")
    burn_sanitized_relief: int = _f(1, 0, 6, "taken off the burn threshold when sanitized")
    blame_divisor: int = _f(3, 1, 20, "PC lost after a warned attack = casualties / this")
    exposure_at: int = _f(4, 1, 7, "withholding is exposed on a d6 at or above this")
    exposure_pc: int = _f(2, 0, 10, "PC lost by an exposed withholder")
    exposure_trust: int = _f(1, 0, 5, "trust lost toward an exposed withholder")
    accurate_warning_trust: int = _f(1, 0, 5, "trust gained toward an accurate warner")
    accurate_warning_min_specificity: int = _f(2, 0, 4, "specificity a rewarded warning needs")
    decoy_acted_trust: int = _f(1, 0, 5, "trust lost toward the sender of a decoy acted on")
    low_trust: int = _f(1, 0, 5, "trust at or below this is 'low'")
    provocation_pc: int = _f(1, 0, 10, "PC to accept an item from a low-trust sender")
    duty_missing_pc: int = _f(1, 0, 10, "PC per missing duty-to-warn entry")
    duty_min_specificity: int = _f(2, 0, 4, "an item this specific can trigger the duty")
    duty_max_credibility: int = _f(3, 1, 6, "... if its credibility is this or better")
    score_base: int = _f(20, 0, 100, "every seat's starting score")
    source_points: int = _f(2, 0, 20, "points per intact sensitive source")
    sensitive_source_min: int = _f(2, 1, 6, "collection strength that makes a source sensitive")
    objective_points: int = _f(3, 0, 20, "points for a met secret objective")
    threshold_bonus: int = _f(3, 0, 20, "points for all if casualties stay within threshold")
    casualty_weights: dict[Method, Annotated[int, Field(ge=0, le=100)]] = Field(
        default_factory=_default_weights,
        description="abstract casualty weight of each method",
    )
    adjudication_chances: AdjudicationChances = Field(
        default_factory=AdjudicationChances,
        description="success chance of a free-form action by its rating",
    )

    @field_validator("casualty_weights", mode="before")
    @classmethod
    def _complete_weights(cls, value: Any) -> Any:
        """A scenario may change one weight; the methods it leaves out keep GAME.md's."""
        if isinstance(value, dict):
            return {**{m.value: w for m, w in _default_weights().items()}, **value}
        return value

    @model_validator(mode="after")
    def _thresholds(self) -> Self:
        if self.disrupt_at > self.foil_at:
            raise ValueError("disrupt_at must not be above foil_at")
        if self.decoy_specificity_min > self.decoy_specificity_max:
            raise ValueError("decoy_specificity_min must not be above decoy_specificity_max")
        return self


class Deadlines(Strict):
    """Minutes each phase lasts on Discord before it advances on its own."""

    briefing: int = Field(default=5, ge=1, le=240)
    intel_received: int = Field(default=3, ge=1, le=240)
    sharing: int = Field(default=10, ge=1, le=240)
    response: int = Field(default=10, ge=1, le=240)
    aftermath: int = Field(default=5, ge=1, le=240)


def changed_tunables(tunables: Tunables) -> dict[str, tuple[Any, Any]]:
    """name -> (default, scenario's value) for each tunable a scenario changes."""
    default = Tunables().model_dump(mode="json")
    mine = tunables.model_dump(mode="json")
    return {k: (default[k], v) for k, v in mine.items() if default[k] != v}
