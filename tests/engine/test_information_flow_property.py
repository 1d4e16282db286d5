"""The information-flow rule, checked over thousands of randomized games at every step.

Rule: a seat's view holds exactly the items delivered to that seat, each exactly as `redact` makes
it at the best level delivered (from the first delivery at that level), and no ground truth. Every
event a seat may see carries no id of a plot that has not yet resolved, no decoy flag, no truth
about an item, and no other seat's orders.

Games are seeded loops over scenarios x computer policies x seeds, with some seats played by a
random "human" (shares of anything it holds or not, at any level, ratings, actions, early
'done') and a facilitator who injects items, pauses, resumes and forces phases. The default run
plays DEFAULT_GAMES games; `--soak` (or DTW_FLOW_GAMES=N) plays SOAK_GAMES (10,000) or N.
The oracle is rebuilt from the event stream alone, independently of the state's holdings.
"""

from __future__ import annotations

import dataclasses
import os
import random
from typing import Any

import pytest

from game.ai import POLICIES
from game.engine import (
    Act,
    ActionKind,
    Actor,
    Advance,
    AssignComputer,
    Done,
    Event,
    GameError,
    GameState,
    InjectItem,
    InjectNews,
    JoinSeat,
    Level,
    Pause,
    Rate,
    Rating,
    Resume,
    Share,
    StartGame,
    Viewer,
    create_game,
    event_to_dict,
    replay,
    step,
    view_for,
)
from game.engine import events as ev
from game.engine.intel import degrade
from game.engine.state import ShareOrder
from game.engine.types import SUBMIT_PHASES, Phase, only
from game.engine.views import ItemView, redact
from game.runner import run_computers
from game.scenario.loader import load_scenario

SCENARIOS = ("tutorial", "boston-2013", "kerman-2024", "crocus-2024", "paris-2015")
DEFAULT_GAMES = 400
SOAK_GAMES = 10_000
FACILITATOR = Actor.white_cell("white-cell")
SECRET = "SECRETTEXT"
# An ItemView may carry none of these: they are what an item really is.
TRUTH_FIELDS = {"plot", "focus", "originator", "region", "is_decoy", "decoy"}
# Events that are one seat's own orders: only that seat (and the facilitator) may see them.
ORDERS = {ev.ShareOrdered: lambda e: e.order.sender, ev.DutyLogged: lambda e: e.entry.role,
          ev.ItemRated: lambda e: e.role, ev.ActionTaken: lambda e: e.action.role,
          ev.DutyMissing: lambda e: e.role, ev.ProposalAnswered: lambda e: e.role}


def game_count(config: pytest.Config) -> int:
    env = os.environ.get("DTW_FLOW_GAMES")
    if env:
        return int(env)
    return SOAK_GAMES if config.getoption("--soak", default=False) else DEFAULT_GAMES


class Oracle:
    """What each seat has been delivered, read from the events it was allowed to see."""

    def __init__(self) -> None:
        self.delivered: dict[tuple[str, int], ev.ItemDelivered] = {}
        self.unresolved: set[str] = set()
        self.public: set[str] = set()
        self.verified: dict[tuple[str, int], tuple[ev.ItemDelivered, ItemView]] = {}
        self.events = 0

    def see(self, event: Event, roles: tuple[str, ...]) -> None:
        self.events += 1
        if isinstance(event, ev.GameCreated):
            sc = event.scenario
            self.unresolved = {p.id for p in sc.plots}
            # A plot id that is also a public name (a target, a role) cannot be told apart.
            self.public = {t.id for t in sc.targets} | {r.id for r in sc.roles}
        if isinstance(event, ev.AttackResolved):
            self.unresolved.discard(event.plot)
        if isinstance(event, ev.ItemDelivered):
            assert event.visibility.seats == (event.holder,) and not event.visibility.public, event
            assert event.level > Level.WITHHOLD, event
            key = (event.holder, event.item)
            old = self.delivered.get(key)
            if old is None or event.level > old.level:
                self.delivered[key] = event
        for role in roles:
            if event.visibility.allows(Viewer.seat(role)):
                self.check_event(event, role)

    def check_event(self, event: Event, role: str) -> None:
        owner = ORDERS.get(type(event))
        if owner is not None:
            assert owner(event) == role, (role, event)
        assert not isinstance(event, (ev.ItemCreated, ev.ProposalAdjudicated, ev.AttackRolled,
                                      ev.RedAdapted, ev.GameCreated)), (role, event)
        payload = event_to_dict(event)
        for key, value in _leaves(payload):
            assert key not in {"decoy", "is_decoy", "focus"}, (role, key, event)
            assert key != "originator" or value == role, (role, event)  # only its own source
            if key == "plot":
                assert value is None or value not in self.unresolved, (role, event)
            if isinstance(value, str) and value not in self.public:
                assert value not in self.unresolved, (role, key, value, event)
                assert SECRET not in value or _secret_allowed(event), (role, event)

    def check_views(self, state: GameState, roles: tuple[str, ...] | set[str]) -> None:
        for role in roles:
            view = view_for(state, Viewer.seat(role))
            assert view.truth is None
            assert all(not s.controller.startswith("ai:") for s in view.seats)
            assert all(o.outcome is not None for o in view.outcomes)
            got = {v.id: v for v in view.items}
            mine = {i: d for (r, i), d in self.delivered.items() if r == role}
            assert set(got) == set(mine), (role, sorted(got), sorted(mine))
            for item_id, seen in got.items():
                d = mine[item_id]
                done = self.verified.get((role, item_id))
                if done is not None and done[0] is d and done[1] == seen:
                    continue  # this very view was already checked against this delivery
                truth = state.items[item_id]
                expected = redact(state, degrade(truth) if d.degraded else truth, d.level,
                                  sender=d.sender, via=d.via, turn=d.turn)
                assert seen == expected, (role, item_id)
                _check_level(seen, truth)
                self.verified[(role, item_id)] = (d, seen)
            for action in view.my_actions:
                assert action.role == role
            for order in view.my_shares:
                assert order.sender == role
            for delivery in view.sent:
                assert delivery.sender == role
        observer = view_for(state, Viewer.observer())
        assert observer.items == () and observer.truth is None and observer.role is None


assert not TRUTH_FIELDS & {f.name for f in dataclasses.fields(ItemView)}


def _check_level(seen: ItemView, truth: Any) -> None:
    """Independent of `redact`: what each level must never show."""
    if seen.level is not Level.FULL:
        assert seen.text == "" and seen.names == () and seen.sensitivity is None
        assert seen.reliability == "F"
    if seen.level is Level.WARNING:
        assert seen.targets == () and seen.method is None


def _secret_allowed(event: Event) -> bool:
    """Injected text travels only inside an item (by id) or as public news."""
    return isinstance(event, ev.NewsPublished)


def _leaves(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, str(k))
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _leaves(v, key)
    else:
        yield key, value


class Game:
    """One randomized game, checked after every command."""

    def __init__(self, scenario_name: str, seed: int) -> None:
        self.rng = random.Random(seed)
        scenario = load_scenario(scenario_name)
        self.oracle = Oracle()
        events = create_game(game_id=f"g{seed}", scenario=scenario, seed=seed)
        self.roles = tuple(r.id for r in scenario.roles)
        self.state = self._fold(None, events)
        self.humans: dict[str, str] = {}
        for role in self.state.roles:
            if self.rng.random() < 0.4:
                self.humans[role] = f"player-{role}"
                self.do(Actor.of(self.humans[role]), JoinSeat(role=role))
            else:
                self.do(FACILITATOR, AssignComputer(role=role, policy=self.rng.choice(POLICIES)))
        self.do(FACILITATOR, StartGame())

    def _fold(self, state: GameState | None, events: list[Event]) -> GameState:
        for event in events:
            self.oracle.see(event, self.roles)
        return replay(events, state) if state is not None else replay(events)

    def do(self, actor: Actor, command: Any) -> bool:
        try:
            events, _ = step(self.state, actor, command)
        except GameError:
            return False
        self.state = self._fold(self.state, events)
        self.check(events)
        return True

    def check(self, events: list[Event]) -> None:
        """After every command: the views of the seats that saw one of its events; every seat's
        when a phase starts or the game ends (a view that changed without an event it may see
        is caught there, and the next time that seat is checked)."""
        if any(isinstance(e, (ev.PhaseStarted, ev.GameEnded)) for e in events):
            self.oracle.check_views(self.state, self.roles)
            return
        touched = {r for e in events for r in e.visibility.seats}
        self.oracle.check_views(self.state, touched)

    def computers(self) -> None:
        before = self.state
        _, events = run_computers(self.state)
        if events:
            self.state = self._fold(before, events)
            self.check(events)

    def play(self) -> GameState:
        for _ in range(400):
            if self.state.over:
                return self.state
            self.computers()
            if self.state.over:
                return self.state
            self.white_cell()
            for role, player in self.humans.items():
                self.human(role, player)
        raise AssertionError("game did not end")

    def final_check(self) -> None:
        self.oracle.check_views(self.state, self.roles)

    def white_cell(self) -> None:
        r = self.rng.random()
        s = self.state
        if s.phase is Phase.PAUSED:
            self.do(FACILITATOR, Resume())
        elif r < 0.05:
            self.do(FACILITATOR, Pause())
        elif r < 0.15:
            plots = [p.id for p in s.scenario.plots]
            targets = [t.id for t in s.scenario.targets]
            plot = self.rng.choice(plots) if self.rng.random() < 0.5 else None
            self.do(FACILITATOR, InjectItem(
                recipient=self.rng.choice(s.roles), specificity=self.rng.randint(0, 4), plot=plot,
                target=None if plot else self.rng.choice(targets), text=f"{SECRET} {plot or ''}"))
        elif r < 0.18:
            self.do(FACILITATOR, InjectNews(text="public bulletin"))
        elif r < 0.25:
            self.do(FACILITATOR, Advance())

    def human(self, role: str, player: str) -> None:
        s = self.state
        if s.phase not in SUBMIT_PHASES or s.seats[role].submitted:
            return
        actor = Actor.of(player)
        view = view_for(s, Viewer.seat(role))
        others = [r for r in s.roles if r != role]
        if s.phase is Phase.SHARING:
            for item in view.items:
                if self.rng.random() < 0.6:
                    self.do(actor, Share(item=item.id, to=self.rng.choice(others),
                                         level=self.rng.choice(list(Level))))
            self.do(actor, Share(item=self.rng.randint(1, 40), to=self.rng.choice(others),
                                 level=Level.FULL))  # often not held: refused
        elif s.phase is Phase.RESPONSE:
            for item_id in view.to_rate:
                self.do(actor, Rate(item=item_id, rating=self.rng.choice(list(Rating))))
            if view.places and self.rng.random() < 0.5:
                kind = self.rng.choice(list(ActionKind))
                self.do(actor, Act(action=kind, target=self.rng.choice(view.places).id,
                                   text="a plan"))
        self.do(actor, Done())
        # A seat that is not this one may never act for it.
        assert not self.do(Actor.of("stranger"), Done())


def run_games(count: int) -> int:
    checked = 0
    for n in range(count):
        scenario = SCENARIOS[n % len(SCENARIOS)]
        game = Game(scenario, seed=n)
        final = game.play()
        assert final.over
        game.final_check()
        checked += game.oracle.events
    return checked


def test_every_view_and_visible_event_respects_the_information_flow_rule(
        request: pytest.FixtureRequest) -> None:
    count = game_count(request.config)
    events = run_games(count)
    print(f"information flow: {count} games, {events} events checked")
    assert events > count * 50


def test_the_oracle_catches_a_leak() -> None:
    """The checker itself: a seat shown an item it never received is caught."""
    game = Game("tutorial", seed=1)
    while not game.state.items and not game.state.over:
        game.computers()
        game.do(FACILITATOR, Advance())
    holder, held = next((r, h) for r, h in game.state.holdings.items() if h)
    item_id = next(iter(held))
    other = next(r for r in game.state.roles if item_id not in game.state.holdings[r])
    leaked = dataclasses.replace(game.state, holdings={**game.state.holdings,
                                                        other: {**game.state.holdings[other],
                                                                item_id: held[item_id]}})
    with pytest.raises(AssertionError):
        game.oracle.check_views(leaked, game.roles)
    forged = ev.ShareOrdered(order=ShareOrder(sender=holder, item=item_id, to=other,
                                                 level=Level.FULL),
                             visibility=only(other))
    with pytest.raises(AssertionError):
        game.oracle.check_event(forged, other)
