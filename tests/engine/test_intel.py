"""GAME.md, "Seats and resources" and "Ground truth and intelligence"."""

from __future__ import annotations

import pytest

from game.engine import Act, ActionKind, Phase
from game.engine import events as ev
from game.engine.intel import candidates
from game.engine.rng import Dice
from game.engine.types import Identity, Via

from .helpers import ALPHA, BRAVO, CELL, CHARLIE, Game, first_game, inject, plot, role, scenario

# Seats and resources ---------------------------------------------------------------------------


def test_each_seat_starts_with_the_political_capital_of_its_role() -> None:
    """"political capital (PC, 4–6)" comes from the scenario's role."""
    sc = scenario(roles=[role(ALPHA, political_capital=4), role(BRAVO, political_capital=6),
                         role(CHARLIE, political_capital=5)])
    g = Game(sc)
    assert {r: g.pc(r) for r in (ALPHA, BRAVO, CHARLIE)} == {ALPHA: 4, BRAVO: 6, CHARLIE: 5}


def test_the_security_budget_is_the_roles_and_is_reset_every_turn() -> None:
    """"security budget per turn (SB, 3–6)": each turn starts with the role's full budget; what
    was spent or left over last turn does not carry."""
    sc = scenario(roles=[role(ALPHA), role(BRAVO, security_budget=3), role(CHARLIE)])
    g = Game(sc).to(Phase.RESPONSE, 1)
    assert g.sb(BRAVO) == 3
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_hall"))
    g.by(BRAVO, Act(action=ActionKind.HARDEN, target="bravo_metro"))
    assert g.sb(BRAVO) == 1
    g.to(Phase.INTEL_RECEIVED, 2)
    assert g.sb(BRAVO) == 3


def test_trust_is_the_scenarios_directed_matrix() -> None:
    """"Trust: a directed matrix 0–5 between roles, from the scenario": a→b need not equal b→a,
    and a seat sees its own row only."""
    sc = scenario(trust={ALPHA: {BRAVO: 0, CHARLIE: 5}, BRAVO: {ALPHA: 3, CHARLIE: 2},
                         CHARLIE: {ALPHA: 4, BRAVO: 1}})
    g = Game(sc)
    assert g.trust(ALPHA, BRAVO) == 0 and g.trust(BRAVO, ALPHA) == 3
    assert g.view(BRAVO).trust == {ALPHA: 3, CHARLIE: 2}


# Specificity and candidate targets ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("specificity", "expected"),
    [
        (0, ()),
        (1, ("bravo_arena", "bravo_hall", "bravo_metro", "bravo_parliament")),
        (2, ("bravo_arena", "bravo_hall")),
        (4, ("bravo_hall",)),
    ],
)
def test_the_candidate_list_shrinks_as_specificity_grows(
    specificity: int, expected: tuple[str, ...]
) -> None:
    """"specificity 0–4 (0 nothing, 1 country, 2 city + target class + window, 3 named target,
    4 named perpetrators)"; "specificity 2: every target of the plot's class in its city; 3: the
    true target plus at most one other; 4: the true target and the cell's names"."""
    assert candidates(scenario(), "bravo_hall", specificity) == expected


def test_specificity_three_is_the_true_target_and_at_most_one_other() -> None:
    """"3: the true target plus at most one other" (another of its class in its city first)."""
    listed = candidates(scenario(), "bravo_hall", 3)
    assert "bravo_hall" in listed and len(listed) <= 2
    assert listed == ("bravo_arena", "bravo_hall")
    assert candidates(scenario(), "bravo_parliament", 3) == ("bravo_parliament",)


def test_a_country_list_holds_at_most_six_targets_with_the_true_one_among_them() -> None:
    """"candidate target list (1–6, the true one hidden among them …)": a country with more
    targets than six lists six, always including the true one."""
    many = [{"id": f"b{i}", "name": f"B{i}", "city": "Bravograd", "class": "transport",
             "territory": BRAVO} for i in range(9)]
    sc = scenario(targets=[*many, {"id": "a1", "name": "A1", "city": "Alphaville",
                                   "class": "transport", "territory": ALPHA}],
                  plots=[plot(target="b8")])
    listed = candidates(sc, "b8", 1)
    assert len(listed) == 6 and "b8" in listed


def test_a_scripted_inject_without_a_target_list_gets_the_list_of_its_specificity() -> None:
    """Items arrive from the scenario's scripted injects; an inject that does not list targets
    gets the candidate list its specificity calls for."""
    g = Game(scenario(injects=[inject("i2", specificity=2), inject("i4", specificity=4,
                                                                   identity="named",
                                                                   names=list(CELL))]))
    g.to(Phase.INTEL_RECEIVED)
    assert g.seen(ALPHA, g.item("i2")).targets == ("bravo_arena", "bravo_hall")
    assert g.seen(ALPHA, g.item("i4")).targets == ("bravo_hall",)
    assert g.seen(ALPHA, g.item("i4")).names == CELL


# Collection ---------------------------------------------------------------------------------------


def collecting(seed: int, strength: int = 3, **tunables: object) -> Game:
    sc = scenario(roles=[role(ALPHA, collection={"north": strength}), role(BRAVO), role(CHARLIE)],
                  tunables=dict(tunables))
    return Game(sc, seed=seed).to(Phase.INTEL_RECEIVED)


def collection_dice(g: Game, plot_id: str, role_id: str, strength: int) -> list[int]:
    """The c d6 the engine rolls for this role and plot this turn (its named random stream)."""
    rng = Dice(g.state.seed).stream("collect", g.state.turn, plot_id, role_id)
    return [rng.randint(1, 6) for _ in range(strength)]


@pytest.mark.parametrize("strength", [1, 3, 6])
def test_collection_rolls_c_dice_and_each_five_or_six_is_a_hit(strength: int) -> None:
    """"for every live plot and every role with collection c ≥ 1 in the plot's region, roll c d6;
    each 5+ is a hit. One hit or more gives that role a new item on the plot with specificity
    min(4, hits + 1)"."""
    seen = set()
    for seed in range(1, 60):
        g = collecting(seed, strength)
        hits = sum(d >= 5 for d in collection_dice(g, "p1", ALPHA, strength))
        got = [i for i in g.state.items.values() if i.via is Via.COLLECTION]
        if hits == 0:
            assert got == []
        else:
            (item,) = got
            assert (item.plot, item.originator) == ("p1", ALPHA)
            assert item.specificity == min(4, hits + 1)
            seen.add(item.specificity)
    assert seen == {1: {2}, 3: {2, 3, 4}, 6: {2, 3, 4}}[strength]


def test_the_hit_number_is_a_tunable() -> None:
    """"each 5+ is a hit" — the 5 is the scenario's `collection_hit`."""
    for seed in range(1, 30):
        g = collecting(seed, 3, collection_hit=4)
        hits = sum(d >= 4 for d in collection_dice(g, "p1", ALPHA, 3))
        got = [i.specificity for i in g.state.items.values() if i.via is Via.COLLECTION]
        assert got == ([min(4, hits + 1)] if hits else [])


def test_the_specificity_step_of_collection_is_a_tunable() -> None:
    """"specificity min(4, hits + 1)" — the + 1 is the scenario's `collected_specificity_bonus`
    (at 0 an item has as much specificity as hits, never above 4)."""
    seen = set()
    for seed in range(1, 40):
        g = collecting(seed, 6, collected_specificity_bonus=0)
        hits = sum(d >= 5 for d in collection_dice(g, "p1", ALPHA, 6))
        got = [i.specificity for i in g.state.items.values() if i.via is Via.COLLECTION]
        assert got == ([min(4, hits)] if hits else [])
        seen.update(got)
    assert 1 in seen


def test_a_role_without_strength_in_the_region_collects_nothing() -> None:
    """Collection draws "on plots run from regions where it is strong": strength 0 elsewhere
    gives no dice."""
    sc = scenario(roles=[role(ALPHA, collection={"south": 6}), role(BRAVO), role(CHARLIE)],
                  tunables={"collection_hit": 2})
    g = Game(sc).to(Phase.AFTERMATH, 3)
    assert not [i for i in g.state.items.values() if i.via is Via.COLLECTION]


def test_specificity_four_from_collection_names_the_whole_cell() -> None:
    """"4: the true target and the cell's names" (identity named)."""
    g = first_game(lambda seed: collecting(seed, 6),
                   lambda g: any(i.specificity == 4 for i in g.state.items.values()))
    (item,) = g.state.items.values()
    assert item.targets == ("bravo_hall",)
    assert (item.identity, item.names) == (Identity.NAMED, CELL)


def test_specificity_three_from_collection_names_one_member() -> None:
    """Interpretation: specificity 3 (a named target) carries one cell member's name (identity
    partial); specificity 2 carries none."""
    by_spec = {}
    for seed in range(1, 80):
        for i in collecting(seed, 3).state.items.values():
            by_spec.setdefault(i.specificity, i)
    assert by_spec[3].identity is Identity.PARTIAL and len(by_spec[3].names) == 1
    assert by_spec[3].names[0] in CELL
    assert by_spec[2].identity is Identity.NONE and by_spec[2].names == ()


def test_collection_continues_each_turn_until_the_plot_resolves() -> None:
    """Collection happens "each turn" on every live plot; a resolved plot yields nothing more."""
    sc = scenario(turns=3, roles=[role(ALPHA, collection={"north": 6}), role(BRAVO), role(CHARLIE)],
                  plots=[plot(turn=2)], tunables={"collection_hit": 2})
    g = Game(sc).to(Phase.AFTERMATH, 3)
    turns = sorted({i.turn for i in g.state.items.values()})
    assert 3 not in turns and set(turns) <= {1, 2} and turns


# Admiralty grades -----------------------------------------------------------------------------


def test_collected_items_carry_an_admiralty_grade() -> None:
    """"an Admiralty grade (source reliability A–F, information credibility 1–6)": stronger
    collection gives a more reliable source; more hits, more credible information."""
    grades = {}
    for strength in (1, 3, 6):
        for seed in range(1, 40):
            for i in collecting(seed, strength).state.items.values():
                assert i.reliability in "ABCDEF" and 1 <= i.credibility <= 6
                grades.setdefault(strength, set()).add(i.reliability)
                assert i.credibility == max(1, 4 - (i.specificity - 1))
    assert max(grades[6]) <= min(grades[3]) <= min(grades[1])
    assert grades[6] != grades[1]


def test_an_intel_item_carries_every_field_the_rule_lists() -> None:
    """"An intel item (what players hold): id, originator role, threat actor, candidate target
    list (1–6 …), time window as stated, perpetrator identities (none / partial / named), method,
    an Admiralty grade (source reliability A–F, information credibility 1–6) as stated, source
    sensitivity 1–3, a no-onward-sharing flag, and its specificity 0–4": every collected and
    decoy item of many games, and what its holder's view shows of it."""
    seen_sensitivity: set[int] = set()
    seen_identity: set[Identity] = set()
    ids: list[int] = []
    for seed in range(1, 30):
        g = collecting(seed, 6, decoy_chance=1.0)
        for i in g.state.items.values():
            ids.append(i.id)
            assert i.originator == ALPHA and i.actor in ("Red Hand", "Grey Wolves")
            assert 1 <= len(i.targets) <= 6 and i.window[0] <= i.window[1] and i.window_text
            assert i.identity in Identity and (i.names == ()) is (i.identity is Identity.NONE)
            assert i.reliability in "ABCDEF" and 1 <= i.credibility <= 6
            assert 1 <= i.sensitivity <= 3 and isinstance(i.no_onward_sharing, bool)
            assert 0 <= i.specificity <= 4 and (i.method is None) is (i.specificity < 2)
            seen_sensitivity.add(i.sensitivity)
            seen_identity.add(i.identity)
            mine = g.seen(ALPHA, i.id)  # the holder sees the item as stated
            assert (mine.actor, mine.targets, mine.window_text, mine.sensitivity,
                    mine.specificity, mine.grade) == (i.actor, i.targets, i.window_text,
                                                      i.sensitivity, i.specificity,
                                                      f"{i.reliability}{i.credibility}")
    assert seen_sensitivity == {1, 2, 3} and seen_identity == set(Identity)
    assert len(ids) > 29


# Decoys ---------------------------------------------------------------------------------------------


def test_every_collecting_role_may_receive_a_decoy_each_turn() -> None:
    """"each turn each role with any collection receives a decoy with probability 1/3": at
    probability 1 every collecting role gets one every turn; a role with no collection never."""
    sc = scenario(roles=[role(ALPHA, collection={"south": 1}), role(BRAVO, collection={"east": 2}),
                         role(CHARLIE)], tunables={"decoy_chance": 1.0})
    g = Game(sc).to(Phase.AFTERMATH, 3)
    decoys = [(i.originator, i.turn) for i in g.state.items.values() if i.is_decoy]
    assert sorted(decoys) == sorted((r, t) for r in (ALPHA, BRAVO) for t in (1, 2, 3))


def test_no_decoys_at_probability_zero() -> None:
    """The decoy probability is a tunable; at 0 no decoy is ever made."""
    sc = scenario(roles=[role(ALPHA, collection={"south": 1}), role(BRAVO), role(CHARLIE)])
    g = Game(sc).to(Phase.AFTERMATH, 3)
    assert not [i for i in g.state.items.values() if i.is_decoy]


def test_decoys_happen_about_a_third_of_the_time() -> None:
    """"with probability 1/3" (the default): over many role-turns, near one in three."""
    sc = scenario(turns=12, roles=[role(r, collection={"south": 1}) for r in (ALPHA, BRAVO, CHARLIE)],
                  plots=[], tunables={"decoy_chance": 1 / 3})
    count = 0
    for seed in range(1, 9):
        g = Game(sc, seed=seed).to(Phase.AFTERMATH, 12)
        count += sum(i.is_decoy for i in g.state.items.values())
    assert 0.23 < count / (8 * 12 * 3) < 0.43


def test_a_decoy_is_shaped_like_a_real_item_but_points_at_no_live_plot() -> None:
    """"shaped like a real item of specificity 1–3 but pointing at no live plot": it has no plot,
    its focus is a target no live plot is after, and its fields are those of a real item.
    (Interpretation: at specificity 1 or 2 its candidate list, like any item's, is the whole
    country or the city's class and may happen to include a live target.)"""
    sc = scenario(roles=[role(ALPHA, collection={"south": 1}), role(BRAVO), role(CHARLIE)],
                  plots=[plot(turn=3), plot("p2", target="alpha_station", turn=3)],
                  tunables={"decoy_chance": 1.0})
    for seed in range(1, 25):
        g = Game(sc, seed=seed).to(Phase.INTEL_RECEIVED)
        (d,) = [i for i in g.state.items.values() if i.is_decoy]
        assert d.plot is None and d.focus not in {"bravo_hall", "alpha_station"}
        assert 1 <= d.specificity <= 3 and d.focus in d.targets
        assert d.targets == candidates(sc, d.focus, d.specificity)
        assert d.actor in sc.threat_actors and d.reliability in "ABCDEF"
        view = g.seen(ALPHA, d.id)
        assert not hasattr(view, "plot") and not hasattr(view, "is_decoy")


def test_a_decoys_specificity_range_is_a_tunable() -> None:
    """"a decoy … of specificity 1–3" — the range is the scenario's `decoy_specificity_min` and
    `decoy_specificity_max`."""
    sc = scenario(roles=[role(ALPHA, collection={"south": 1}), role(BRAVO), role(CHARLIE)],
                  tunables={"decoy_chance": 1.0, "decoy_specificity_min": 3,
                            "decoy_specificity_max": 3})
    for seed in range(1, 12):
        g = Game(sc, seed=seed).to(Phase.INTEL_RECEIVED)
        (d,) = [i for i in g.state.items.values() if i.is_decoy]
        assert d.specificity == 3 and d.targets == candidates(sc, d.focus, 3)


# Stated window -----------------------------------------------------------------------------------


def test_a_stated_window_normally_covers_the_attack() -> None:
    """"an item states a window": when it is right, the plot fires within it."""
    sc = scenario(turns=4, roles=[role(ALPHA, collection={"north": 6}), role(BRAVO), role(CHARLIE)],
                  plots=[plot(turn=4)], tunables={"collection_hit": 2, "wrong_window_chance": 0})
    g = Game(sc).to(Phase.AFTERMATH, 4)
    windows = [i.window for i in g.state.items.values()]
    assert windows and all(lo <= 4 <= hi for lo, hi in windows)


def test_a_wrong_window_ends_before_the_plot_fires() -> None:
    """"with probability 0.3 the stated window is wrong and the plot fires later than stated (the
    Moscow case)": at probability 1, every item collected before the attack's turn states a window
    that ends before it."""
    sc = scenario(turns=4, roles=[role(ALPHA, collection={"north": 6}), role(BRAVO), role(CHARLIE)],
                  plots=[plot(turn=4)], tunables={"collection_hit": 2, "wrong_window_chance": 1})
    g = Game(sc).to(Phase.AFTERMATH, 4)
    early = [i for i in g.state.items.values() if i.turn < 4]
    assert early and all(i.window[1] < 4 for i in early)
    assert all(i.window_text == "within days" for i in early)


def test_wrong_windows_happen_about_three_times_in_ten() -> None:
    """"with probability 0.3" (the default)."""
    sc = scenario(turns=4, roles=[role(ALPHA, collection={"north": 6}), role(BRAVO), role(CHARLIE)],
                  plots=[plot(turn=4)], tunables={"collection_hit": 2, "wrong_window_chance": 0.3})
    wrong = total = 0
    for seed in range(1, 40):
        g = Game(sc, seed=seed).to(Phase.INTEL_RECEIVED, 3)
        for i in g.state.items.values():
            total += 1
            wrong += i.window[1] < 4
    assert 0.18 < wrong / total < 0.42


def test_a_seats_new_items_arrive_privately() -> None:
    """"intel_received — each seat privately receives its new items": the delivery is visible to
    that seat alone, and the item itself (with its truth) to the facilitator alone."""
    g = Game(scenario(injects=[inject("i1")])).to(Phase.INTEL_RECEIVED)
    created = g.one(ev.ItemCreated)
    delivered = g.one(ev.ItemDelivered)
    assert not created.visibility.public and created.visibility.seats == ()
    assert delivered.visibility.seats == (ALPHA,) and not delivered.visibility.public
