"""The debrief model: everything a facilitator reveals after a game, as plain frozen records.

It is a projection of the event log (see `build.build_debrief`), versioned by `DEBRIEF_FORMAT` so
that a stored `debrief.json` says which shape it has. Roles, plots and targets are referred to by
their scenario ids; renderers look names up in `GameInfo`. Bump the format when a field changes
meaning or disappears (adding a field with a default does not need a bump).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

DEBRIEF_FORMAT = 1


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RoleInfo(Record):
    id: str
    name: str
    flag: str = ""
    player: str | None = None
    controller: str = "vacant"
    bound: bool = False
    objective: str = ""


class TargetInfo(Record):
    id: str
    name: str
    city: str
    target_class: str
    territory: str


class GameInfo(Record):
    game_id: str
    seed: int
    title: str
    summary: str = ""
    fictional: bool = False
    turns: int
    turns_played: int
    phase: str
    end_reason: str | None = None
    casualty_threshold: int
    total_casualties: int
    roles: tuple[RoleInfo, ...]
    targets: tuple[TargetInfo, ...]
    facilitator_notes: str = ""
    sources: tuple[str, ...] = ()
    events: int
    state_digest: str


# The plots and how each resolved -------------------------------------------------------------


class Modifier(Record):
    label: str
    value: int


class Roll(Record):
    """2d6 + prevention against the scenario's thresholds: the arithmetic behind an outcome."""

    dice: tuple[int, int]
    modifiers: tuple[Modifier, ...]
    total: int
    foil_at: int
    disrupt_at: int


class Adaptation(Record):
    seq: int
    turn: int
    target: str
    fires: int
    reason: str


class Hop(Record):
    """One copy of an item reaching a role from another, and what the recipient made of it."""

    seq: int
    turn: int
    sender: str
    to: str
    item: int
    level: str
    degraded: bool = False
    specificity: int
    rating: str | None = None
    rating_pc: int = 0


class Opportunity(Record):
    """A sharing phase in which a role other than the victim held an item about a plot."""

    turn: int
    holder: str
    item: int
    level: str
    specificity: int
    order: str | None = None  # the holder's last order toward the victim for this item
    duty: str | None = None  # "warn", "waive U"...
    delivered_turn: int | None = None
    delivered_level: str | None = None
    summary: str


class WarningWindow(Record):
    """'The first moment its victim could have been warned', by whom, and what was done."""

    first_turn: int | None = None
    first: tuple[Opportunity, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    first_delivery: Hop | None = None
    victim_knew_turn: int | None = None


class PlotReport(Record):
    id: str
    actor: str
    method: str
    cell: tuple[str, ...]
    region: str
    planned_target: str
    planned_turn: int
    target: str
    turn: int
    victim: str
    weight: int
    outcome: str | None = None  # None: the game ended before the plot's turn
    casualties: int = 0
    roll: Roll | None = None
    adaptations: tuple[Adaptation, ...] = ()
    items: tuple[int, ...] = ()
    warning: WarningWindow
    historical: str = ""


# Provenance ------------------------------------------------------------------------------------


class ItemRecord(Record):
    id: int
    seq: int
    turn: int
    originator: str
    via: str
    plot: str | None
    decoy: bool
    actor: str
    focus: str
    country: str
    targets: tuple[str, ...]
    specificity: int
    grade: str
    sensitivity: int
    window: tuple[int, int]
    window_text: str
    window_wrong: bool = False  # the stated window closed before the plot fired
    identity: str
    names: tuple[str, ...] = ()
    method: str | None = None
    no_onward_sharing: bool = False
    text: str = ""
    hops: tuple[Hop, ...] = ()


# Decisions and the duty-to-warn audit ----------------------------------------------------------


class Decision(Record):
    """One choice a seat (or the facilitator) made, with its rationale where it gave one."""

    seq: int
    turn: int
    phase: str
    role: str  # a role id, or "facilitator"
    kind: str  # share, duty, rating, action, adjudication, facilitator
    item: int | None = None
    to: str | None = None
    level: str | None = None
    choice: str | None = None  # warn/waive, accept/discount/dismiss, harden/arrest...
    code: str | None = None
    target: str | None = None
    sb: int = 0
    pc: int = 0
    rationale: str = ""
    summary: str


class AuditEntry(Record):
    role: str
    item: int
    status: str  # warned, waived, missing
    turn: int
    code: str | None = None
    rationale: str = ""
    victim: str
    delivered: Hop | None = None
    specificity: int
    plot: str | None = None
    decoy: bool = False
    pc_cost: int = 0


class RoleAudit(Record):
    role: str
    entries: tuple[AuditEntry, ...]
    warned: int
    waived: int
    missing: int
    pc_lost: int


# Over time ----------------------------------------------------------------------------------------


class TrustSnapshot(Record):
    label: str
    turn: int
    matrix: dict[str, dict[str, int]]


class TrustChange(Record):
    seq: int
    turn: int
    truster: str
    trusted: str
    delta: int
    value: int
    reason: str


class ResourcePoint(Record):
    """A role's political capital at the end of a turn, and what it spent of its budget."""

    turn: int
    role: str
    pc: int
    sb_budget: int
    sb_spent: int


class PCChange(Record):
    seq: int
    turn: int
    role: str
    delta: int
    reason: str


class Burn(Record):
    seq: int
    turn: int
    originator: str
    region: str
    until: int
    item: int
    actor: str
    roll: int
    threshold: int
    burned: bool


class CasualtyPoint(Record):
    turn: int
    role: str
    weight: int


class MissedSubmission(Record):
    """A phase closed (by the facilitator or the clock) before these seats had submitted."""

    seq: int
    turn: int
    phase: str
    roles: tuple[str, ...]


# After action ---------------------------------------------------------------------------------


class Observation(Record):
    text: str
    turn: int | None = None
    roles: tuple[str, ...] = ()
    evidence: tuple[int, ...] = ()  # event seqs behind the observation
    recommendation: str = ""


class CorrectiveAction(Record):
    issue: str
    action: str
    capability: str
    responsible: str = ""
    due: str = ""


class AfterAction(Record):
    """HSEEP-style after-action report, pre-filled from the log for the facilitator to finish."""

    strengths: tuple[Observation, ...] = ()
    improvements: tuple[Observation, ...] = ()
    corrective_actions: tuple[CorrectiveAction, ...] = ()
    facilitator_notes: str = ""


class TimelineRow(Record):
    seq: int
    turn: int
    phase: str
    type: str
    visibility: str
    roles: tuple[str, ...]
    text: str


class Debrief(Record):
    format: int = DEBRIEF_FORMAT
    game: GameInfo
    plots: tuple[PlotReport, ...]
    items: tuple[ItemRecord, ...]
    decisions: tuple[Decision, ...]
    audit: tuple[RoleAudit, ...]
    trust: tuple[TrustSnapshot, ...]
    trust_changes: tuple[TrustChange, ...]
    resources: tuple[ResourcePoint, ...]
    pc_changes: tuple[PCChange, ...]
    burns: tuple[Burn, ...]
    casualties: tuple[CasualtyPoint, ...]
    missed_submissions: tuple[MissedSubmission, ...] = ()
    scores: dict[str, dict[str, int]] | None = None
    questions: tuple[str, ...] = ()
    after_action: AfterAction
    timeline: tuple[TimelineRow, ...]
