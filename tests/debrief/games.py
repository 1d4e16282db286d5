"""Games the debrief tests look at, made by driving the engine as the service would."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import (
    Actor,
    Advance,
    AssignComputer,
    Command,
    Done,
    DutyDecision,
    Event,
    GameError,
    GameState,
    InjectItem,
    InjectNews,
    JoinSeat,
    Level,
    LogDuty,
    Phase,
    Share,
    StartGame,
    Waiver,
    create_game,
    replay,
    step,
)
from game.runner import play_game, run_computers
from game.scenario import load_scenario

WC = Actor.white_cell("fac")
ANA = Actor.of("ana")
TRICKY_RATIONALE = "partners | since 1994 <b>bold</b> *not* [a](link)"
TRICKY_NEWS = "=SUM(A1) | leak: <script>alert('x')</script>\nsecond line"


@dataclass
class Driver:
    """A game in progress; every accepted command is followed by the computer seats' replies."""

    state: GameState
    events: list[Event] = field(default_factory=list)

    @classmethod
    def new(cls, seed: int, game_id: str = "golden") -> Driver:
        events = create_game(game_id=game_id, scenario=load_scenario("tutorial"), seed=seed,
                             facilitator="fac")
        return cls(replay(events), list(events))

    def do(self, actor: Actor, command: Command) -> None:
        new, self.state = step(self.state, actor, command)
        self.events.extend(new)
        self.state, more = run_computers(self.state)
        self.events.extend(more)

    def until(self, turn: int, phase: Phase) -> None:
        """Ana finishes every phase until (turn, phase) opens."""
        while (self.state.turn, self.state.phase) != (turn, phase) and not self.state.over:
            self.do(ANA, Done())


def golden_game() -> list[Event]:
    """A human Aurelia against a hawkish Borovia and a cooperative Caldera, with typed text that
    must be escaped, a waiver, a facilitator inject and news, and a phase the facilitator closes
    before Aurelia has logged her duty entries."""
    g = Driver.new(2021)
    g.do(ANA, JoinSeat(role="aurelia"))
    g.do(WC, AssignComputer(role="borovia", policy="hawk"))
    g.do(WC, AssignComputer(role="caldera", policy="cooperative"))
    g.do(WC, StartGame())
    g.until(1, Phase.SHARING)
    g.do(ANA, Share(item=1, to="caldera", level=Level.FULL, rationale=TRICKY_RATIONALE))
    g.do(ANA, Share(item=1, to="borovia", level=Level.WITHHOLD, rationale="they leak"))
    g.do(ANA, LogDuty(item=1, decision=DutyDecision.WAIVE, code=Waiver.U,
                      rationale="protects the steppe source"))
    g.until(2, Phase.SHARING)
    g.do(WC, InjectNews(text=TRICKY_NEWS))
    g.do(WC, InjectItem(recipient="aurelia", specificity=3, plot="lantern",
                        text="An intercepted call names a venue | see annex"))
    g.do(WC, Advance())  # Aurelia has logged nothing for the triggering inject
    g.until(4, Phase.INTEL_RECEIVED)
    return g.events


def computer_game(seed: int, policies: dict[str, str]) -> list[Event]:
    return play_game(load_scenario("tutorial"), seed, policies, game_id=f"g{seed}")[1]


def try_do(g: Driver, actor: Actor, command: Command) -> bool:
    try:
        g.do(actor, command)
    except GameError:
        return False
    return True
