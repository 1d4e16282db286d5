"""GAME.md, "sharing — simultaneous, secret orders: for each held item and each other role, one of
full / sanitized / warning / withhold"."""

from __future__ import annotations

from game.engine import Done, Phase, Share
from game.engine import events as ev
from game.engine.errors import Code
from game.engine.types import Identity, Level, Via

from .helpers import ALPHA, BRAVO, CELL, CHARLIE, Game, inject, role, scenario

NAMED = inject("named", specificity=4, identity="named", names=list(CELL), reliability="B",
               credibility=2, sensitivity=3, method="venue_assault", window=[1, 2],
               window_text="within two weeks")


def shared(level: Level, item: dict | None = None, **kw: object) -> tuple[Game, int]:
    """Alpha shares the item with Bravo at `level`; the game is then in the response phase."""
    g = Game(scenario(injects=[item or NAMED], **kw)).to(Phase.SHARING)
    item_id = g.state.next_item - 1
    g.by(ALPHA, Share(item=item_id, to=BRAVO, level=level, rationale="why not"))
    g.to(Phase.RESPONSE)
    return g, item_id


def test_full_passes_everything() -> None:
    """"full: everything passes, the grade and identities too"."""
    g, item = shared(Level.FULL)
    mine, theirs = g.seen(ALPHA, item), g.seen(BRAVO, item)
    assert theirs.level is Level.FULL and theirs.sender == ALPHA and theirs.via is Via.SHARE
    for field in ("actor", "country", "city", "target_class", "targets", "window", "window_text",
                  "identity", "names", "method", "reliability", "credibility", "sensitivity",
                  "specificity", "text"):
        assert getattr(theirs, field) == getattr(mine, field), field
    assert theirs.names == CELL and theirs.grade == "B2"


def test_sanitized_removes_source_and_identities_loses_one_specificity_and_shows_grade_f() -> None:
    """"sanitized: source and identities removed, specificity −1, grade shown as F"; the candidate
    list widens to the one of the lower specificity."""
    g, item = shared(Level.SANITIZED)
    theirs = g.seen(BRAVO, item)
    assert theirs.level is Level.SANITIZED
    assert theirs.specificity == 3
    assert theirs.identity is Identity.NONE and theirs.names == ()
    assert theirs.sensitivity is None and theirs.text == ""
    assert theirs.reliability == "F"
    assert theirs.targets == ("bravo_arena", "bravo_hall")
    assert (theirs.actor, theirs.window) == ("Red Hand", (1, 2))


def test_a_warning_carries_actor_place_class_and_window_only() -> None:
    """"warning (a duty-to-warn notice): threat actor, target class and window only" — with the
    country and city (Interpretation: a warning that does not say where is no warning)."""
    g, item = shared(Level.WARNING)
    theirs = g.seen(BRAVO, item)
    assert theirs.level is Level.WARNING
    assert (theirs.actor, theirs.country, theirs.city, theirs.target_class) == (
        "Red Hand", BRAVO, "Bravograd", "concert_venue")
    assert (theirs.window, theirs.window_text) == ((1, 2), "within two weeks")
    assert theirs.targets == () and theirs.names == () and theirs.method is None
    assert theirs.sensitivity is None and theirs.text == "" and theirs.grade == "F6"


def test_withhold_passes_nothing() -> None:
    """"withhold": the other role receives nothing."""
    g, item = shared(Level.WITHHOLD)
    assert g.state.held(BRAVO, item) is None
    assert not [e for e in g.events(ev.ItemDelivered) if e.sender == ALPHA]


def test_shares_are_delivered_when_the_sharing_phase_closes() -> None:
    """Orders are secret and simultaneous: nothing arrives until the sharing phase closes."""
    g = Game(scenario(injects=[NAMED])).to(Phase.SHARING)
    g.by(ALPHA, Share(item=1, to=BRAVO, level=Level.FULL))
    assert g.state.held(BRAVO, 1) is None
    g.by(ALPHA, Done())
    g.by(BRAVO, Done())
    assert g.state.held(BRAVO, 1) is None
    g.by(CHARLIE, Done())
    assert g.state.held(BRAVO, 1) is not None


def test_a_later_order_for_the_same_item_and_role_replaces_the_earlier() -> None:
    """One decision per held item and other role: the last order given stands."""
    g = Game(scenario(injects=[NAMED])).to(Phase.SHARING)
    g.by(ALPHA, Share(item=1, to=BRAVO, level=Level.FULL))
    g.by(ALPHA, Share(item=1, to=BRAVO, level=Level.WITHHOLD))
    g.to(Phase.RESPONSE)
    assert g.state.held(BRAVO, 1) is None


def test_a_share_is_clamped_to_the_level_one_holds() -> None:
    """A seat can pass on no more than it holds: "full" on a sanitized copy passes the sanitized
    copy, and a warning stays a warning."""
    g, item = shared(Level.SANITIZED)
    g.to(Phase.SHARING, 2)
    g.by(BRAVO, Share(item=item, to=CHARLIE, level=Level.FULL))
    assert g.state.shares[(BRAVO, item, CHARLIE)].level is Level.SANITIZED
    g.to(Phase.RESPONSE, 2)
    theirs = g.seen(CHARLIE, item)
    assert theirs.level is Level.SANITIZED and theirs.names == () and theirs.specificity == 3


def test_a_role_keeps_the_best_copy_it_received() -> None:
    """Levels are ordered full > sanitized > warning: a worse copy never replaces a better one."""
    g, item = shared(Level.FULL)
    g.to(Phase.SHARING, 2)
    g.by(CHARLIE, Done())
    g.by(ALPHA, Share(item=item, to=BRAVO, level=Level.WARNING))
    g.to(Phase.RESPONSE, 2)
    assert g.seen(BRAVO, item).level is Level.FULL


def test_no_onward_sharing_forbids_recipients_to_pass_the_item_on() -> None:
    """"a no-onward-sharing flag": the originator may share it; whoever received it may not pass
    it on at any level (`no_onward_sharing`), though withholding is always allowed."""
    caveat = {**NAMED, "no_onward_sharing": True}
    g, item = shared(Level.FULL, caveat)
    assert g.seen(BRAVO, item).no_onward_sharing
    g.to(Phase.SHARING, 2)
    for level in (Level.FULL, Level.SANITIZED, Level.WARNING):
        assert g.refusal(BRAVO, Share(item=item, to=CHARLIE, level=level)) is Code.NO_ONWARD_SHARING
    g.by(BRAVO, Share(item=item, to=CHARLIE, level=Level.WITHHOLD))
    g.by(ALPHA, Share(item=item, to=CHARLIE, level=Level.FULL))


def test_no_onward_sharing_survives_sanitizing() -> None:
    """The caveat travels with every copy, sanitized or warning alike."""
    g, item = shared(Level.SANITIZED, {**NAMED, "no_onward_sharing": True})
    g.to(Phase.SHARING, 2)
    assert g.refusal(BRAVO, Share(item=item, to=CHARLIE, level=Level.SANITIZED)) is (
        Code.NO_ONWARD_SHARING)


def test_one_cannot_share_with_oneself_or_an_unknown_role() -> None:
    """Orders go to "each other role"."""
    g = Game(scenario(injects=[NAMED])).to(Phase.SHARING)
    assert g.refusal(ALPHA, Share(item=1, to=ALPHA, level=Level.FULL)) is Code.SELF_SHARE
    assert g.refusal(ALPHA, Share(item=1, to="delta", level=Level.FULL)) is Code.UNKNOWN_ROLE


def test_one_can_share_only_items_one_holds() -> None:
    """Orders are "for each held item": an item one does not hold is `unknown_item`."""
    g = Game(scenario(injects=[NAMED])).to(Phase.SHARING)
    assert g.refusal(BRAVO, Share(item=1, to=CHARLIE, level=Level.FULL)) is Code.UNKNOWN_ITEM
    assert g.refusal(ALPHA, Share(item=99, to=CHARLIE, level=Level.FULL)) is Code.UNKNOWN_ITEM


def test_a_rationale_goes_with_the_order() -> None:
    """"Each decision may carry a one-line rationale: it goes to the debrief" (kept on the order,
    at most 500 characters)."""
    g = Game(scenario(injects=[NAMED])).to(Phase.SHARING)
    g.by(ALPHA, Share(item=1, to=BRAVO, level=Level.WARNING, rationale="  they must know  "))
    assert g.state.shares[(ALPHA, 1, BRAVO)].rationale == "they must know"
    assert g.refusal(ALPHA, Share(item=1, to=BRAVO, level=Level.FULL, rationale="x" * 501)) is (
        Code.INVALID_ARGUMENT)


def test_sharing_orders_are_secret() -> None:
    """"simultaneous, secret orders": an order is visible to its sender alone; the delivery to its
    recipient alone."""
    g, _item = shared(Level.FULL)
    ordered = g.one(ev.ShareOrdered)
    delivered = g.one(ev.ItemDelivered, lambda e: e.sender == ALPHA)
    assert ordered.visibility.seats == (ALPHA,) and not ordered.visibility.public
    assert delivered.visibility.seats == (BRAVO,) and not delivered.visibility.public
    assert g.view(CHARLIE).my_shares == () and g.view(BRAVO).my_shares == ()
    assert [o.to for o in g.view(ALPHA).my_shares] == [BRAVO]


def test_intermediary_channel_messages_arrive_one_phase_late_with_a_worse_grade() -> None:
    """"`intermediary_channel`: messages to and from one role arrive one phase late with the grade
    one step worse": not when sharing closes but when the attack opens (too late to act on this
    turn), graded one step worse on both scales."""
    sc_roles = [role(ALPHA), role(BRAVO, special_rules=["intermediary_channel"]), role(CHARLIE)]
    g = Game(scenario(roles=sc_roles, injects=[NAMED])).to(Phase.SHARING)
    g.by(ALPHA, Share(item=1, to=BRAVO, level=Level.FULL))
    g.by(ALPHA, Share(item=1, to=CHARLIE, level=Level.FULL))
    g.to(Phase.RESPONSE)
    assert g.state.held(BRAVO, 1) is None and g.state.held(CHARLIE, 1) is not None
    g.to(Phase.AFTERMATH)
    late = g.one(ev.ItemDelivered, lambda e: e.holder == BRAVO)
    opened = next(i for i, e in enumerate(g.log)
                  if isinstance(e, ev.PhaseStarted) and e.phase is Phase.ATTACK)
    assert g.log.index(late) > opened
    assert g.seen(BRAVO, 1).grade == "C3" and g.seen(CHARLIE, 1).grade == "B2"
