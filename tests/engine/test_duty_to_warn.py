"""GAME.md, "Duty to warn": a bound role must log Warn or Waive, with a reason code, for every item
it holds that meets the trigger; every missing entry costs 1 PC at the audit."""

from __future__ import annotations

import pytest

from game.engine import Done, DutyDecision, LogDuty, Phase, Share, Waiver
from game.engine import events as ev
from game.engine.errors import Code
from game.engine.types import Level

from .helpers import ALPHA, BRAVO, CHARLIE, Game, inject, plot, scenario

# Specific (2+), credible (credibility 3 or better), impending (window not passed), against Bravo.
THREAT = inject("threat", specificity=2, credibility=3, window=[1, 2])


def bound_game(*injects: dict, **kw: object) -> Game:
    return Game(scenario(injects=list(injects or [THREAT]), **kw)).to(Phase.SHARING)


def test_a_specific_credible_impending_threat_to_another_state_triggers_the_duty() -> None:
    """"trigger: credible and specific information of an impending threat of intentional
    killing … directed at a person or group of people". Interpretation, made countable:
    specificity ≥ 2, credibility ≤ 3, a stated window that has not passed, against another
    state's people."""
    g = bound_game()
    assert g.view(ALPHA).duty_pending == (g.item("threat"),)
    assert g.view(ALPHA).bound


@pytest.mark.parametrize(
    ("why", "changes", "turn"),
    [
        ("vague: specificity 1", {"specificity": 1}, 1),
        ("not credible: credibility 4", {"credibility": 4}, 1),
        ("not impending: the window has passed", {"window": [1, 1]}, 2),
    ],
)
def test_an_item_that_misses_the_trigger_needs_no_entry(why: str, changes: dict, turn: int) -> None:
    """Only items that meet the trigger need an entry; logging one for another item is
    `not_triggering`."""
    g = Game(scenario(injects=[{**THREAT, **changes}])).to(Phase.SHARING, turn)
    item = g.item("threat")
    assert g.view(ALPHA).duty_pending == (), why
    assert g.refusal(ALPHA, LogDuty(item=item, decision=DutyDecision.WARN)) is Code.NOT_TRIGGERING


def test_a_threat_to_the_bound_states_own_people_is_not_a_duty_to_warn_another() -> None:
    """Interpretation: the duty is to warn another state; a threat on one's own territory calls
    for one's own response, not an entry."""
    g = bound_game(inject("home", specificity=3, credibility=2, targets=["alpha_station"],
                          plot=None))
    assert g.view(ALPHA).duty_pending == ()


def test_only_bound_roles_log_duty_entries() -> None:
    """"the scenario says which roles are bound by it": another role's entry is `not_bound`."""
    g = bound_game(inject("threat_c", recipient=CHARLIE, specificity=2, credibility=3))
    item = g.item("threat_c")
    assert g.view(CHARLIE).duty_pending == () and not g.view(CHARLIE).bound
    assert g.refusal(CHARLIE, LogDuty(item=item, decision=DutyDecision.WARN)) is Code.NOT_BOUND


@pytest.mark.parametrize("code", list(Waiver))
def test_a_waiver_with_a_reason_code_is_recorded(code: Waiver) -> None:
    """"waiver codes: U …; T …; I …": a Waive entry with any of them satisfies the duty."""
    g = bound_game()
    item = g.item("threat")
    g.by(ALPHA, LogDuty(item=item, decision=DutyDecision.WAIVE, code=code, rationale="sources"))
    entry = g.state.duty[(ALPHA, item)]
    assert (entry.decision, entry.code, entry.rationale) == (DutyDecision.WAIVE, code, "sources")
    assert g.view(ALPHA).duty_pending == ()


def test_a_waiver_without_a_reason_code_is_refused() -> None:
    """"log Warn or Waive with a reason code": a waiver without U, T or I is
    `waiver_needs_reason`."""
    g = bound_game()
    assert g.refusal(ALPHA, LogDuty(item=g.item("threat"), decision=DutyDecision.WAIVE)) is (
        Code.WAIVER_NEEDS_REASON)


def test_a_warn_delivers_a_warning_notice_to_the_threatened_state() -> None:
    """A Warn entry is a duty-to-warn notice: when sharing closes the threatened state receives
    the item at warning level from the bound role, without any share order."""
    g = bound_game()
    item = g.item("threat")
    g.by(ALPHA, LogDuty(item=item, decision=DutyDecision.WARN))
    g.to(Phase.RESPONSE)
    notice = g.seen(BRAVO, item)
    assert (notice.level, notice.sender) == (Level.WARNING, ALPHA)
    assert g.state.held(CHARLIE, item) is None


def test_a_warn_never_lowers_what_the_bound_state_chose_to_share() -> None:
    """The notice is at least a warning: a full share to the threatened state stays full."""
    g = bound_game()
    item = g.item("threat")
    g.by(ALPHA, LogDuty(item=item, decision=DutyDecision.WARN))
    g.by(ALPHA, Share(item=item, to=BRAVO, level=Level.FULL))
    g.to(Phase.RESPONSE)
    assert g.seen(BRAVO, item).level is Level.FULL
    assert len([e for e in g.events(ev.ItemDelivered) if e.holder == BRAVO]) == 1


def test_a_waive_delivers_nothing() -> None:
    """A waiver records the decision not to warn: the threatened state receives nothing."""
    g = bound_game()
    item = g.item("threat")
    g.by(ALPHA, LogDuty(item=item, decision=DutyDecision.WAIVE, code=Waiver.U))
    g.to(Phase.RESPONSE)
    assert g.state.held(BRAVO, item) is None


def test_each_missing_entry_costs_one_pc_at_the_audit() -> None:
    """"every missing entry costs 1 PC at the audit" (when the sharing phase closes)."""
    g = bound_game(THREAT, {**THREAT, "id": "threat2", "text": "threat2"})
    before = g.pc(ALPHA)
    g.by(ALPHA, LogDuty(item=g.item("threat"), decision=DutyDecision.WARN))
    assert g.pc(ALPHA) == before
    g.to(Phase.RESPONSE)
    (missing,) = g.events(ev.DutyMissing)
    assert (missing.item, missing.pc_cost) == (g.item("threat2"), 1)
    assert g.pc(ALPHA) == before - 1
    assert g.state.missing_duty[ALPHA] == 1
    assert missing.visibility.seats == (ALPHA,)


def test_a_missing_entry_is_audited_once() -> None:
    """An item is audited once: the same missing entry is not charged again next turn, even if the
    item still triggers."""
    g = bound_game()
    g.to(Phase.RESPONSE, 1)
    after_first = g.pc(ALPHA)
    g.to(Phase.SHARING, 2)
    assert g.view(ALPHA).duty_pending == (g.item("threat"),)
    g.to(Phase.RESPONSE, 2)
    assert g.pc(ALPHA) == after_first
    assert len(g.events(ev.DutyMissing)) == 1


def test_a_bound_seat_that_never_submits_is_still_audited() -> None:
    """Advance with missing orders: the bound seat withholds, and each missing entry still costs
    1 PC."""
    from game.engine import Advance

    g = bound_game()
    before = g.pc(ALPHA)
    g.fac(Advance())
    assert g.pc(ALPHA) == before - 1
    assert g.state.held(BRAVO, g.item("threat")) is None


def test_received_items_trigger_the_duty_too() -> None:
    """"for every item it holds that meets the trigger": items received from others count, from
    the next sharing phase on."""
    g = bound_game(inject("c_threat", recipient=CHARLIE, specificity=3, credibility=2,
                          window=[1, 2]))
    item = g.item("c_threat")
    g.by(CHARLIE, Share(item=item, to=ALPHA, level=Level.FULL))
    g.to(Phase.SHARING, 2)
    assert g.view(ALPHA).duty_pending == (item,)


def test_duty_entries_are_private_and_belong_to_the_sharing_phase() -> None:
    """An entry is part of the secret sharing orders: visible to its author alone, and only during
    the sharing phase (`wrong_phase` otherwise)."""
    g = bound_game()
    item = g.item("threat")
    (logged,) = g.by(ALPHA, LogDuty(item=item, decision=DutyDecision.WARN, rationale="ICD 191"))
    assert logged.visibility.seats == (ALPHA,)
    assert [e.item for e in g.view(ALPHA).my_duty] == [item]
    g.by(ALPHA, Done())
    assert g.refusal(ALPHA, LogDuty(item=item, decision=DutyDecision.WARN)) is Code.ALREADY_SUBMITTED
    g.to(Phase.RESPONSE)
    assert g.refusal(ALPHA, LogDuty(item=item, decision=DutyDecision.WARN)) is Code.WRONG_PHASE


def test_a_warn_through_an_intermediary_arrives_late_too() -> None:
    """A duty-to-warn notice is a message like any other: through an intermediary channel it
    arrives one phase late (as Washington's warning to Tehran did)."""
    from .helpers import role

    roles = [role(ALPHA), role(BRAVO, special_rules=["intermediary_channel"]), role(CHARLIE)]
    g = bound_game(roles=roles, plots=[plot(turn=1)])
    item = g.item("threat")
    g.by(ALPHA, LogDuty(item=item, decision=DutyDecision.WARN))
    g.to(Phase.RESPONSE)
    assert g.state.held(BRAVO, item) is None
    g.to(Phase.AFTERMATH)
    assert g.state.held(BRAVO, item).level is Level.WARNING


def test_the_duty_to_warn_outranks_a_no_onward_sharing_caveat() -> None:
    """Interpretation: a bound role that received an item marked no-onward-sharing may not share it
    on, but its duty to warn still applies — a Warn entry sends the threatened state the notice
    (actor, place, class and window: nothing of the partner's source)."""
    caveat = inject("caveat", recipient=CHARLIE, specificity=3, credibility=2, window=[1, 3],
                    no_onward_sharing=True)
    g = bound_game(caveat)
    item = g.item("caveat")
    g.by(CHARLIE, Share(item=item, to=ALPHA, level=Level.FULL))
    g.to(Phase.SHARING, 2)
    assert g.refusal(ALPHA, Share(item=item, to=BRAVO, level=Level.WARNING)) is (
        Code.NO_ONWARD_SHARING)
    g.by(ALPHA, LogDuty(item=item, decision=DutyDecision.WARN))
    g.to(Phase.RESPONSE, 2)
    assert (g.seen(BRAVO, item).level, g.seen(BRAVO, item).sender) == (Level.WARNING, ALPHA)
