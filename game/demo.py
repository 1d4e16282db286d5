"""`wargame demo`: a whole game played by computer players, told turn by turn, written to disk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console

from game.debrief import export_debrief
from game.describe import narrate
from game.engine import GameState, Outcome, replay, state_digest
from game.engine import events as ev
from game.eventlog import write_log
from game.runner import play_game
from game.scenario.schema import Scenario


def default_policies(scenario: Scenario) -> dict[str, str]:
    """Bound services follow the duty to warn; the others alternate hawk and cooperative."""
    out: dict[str, str] = {}
    others = ["hawk", "cooperative"]
    for n, role in enumerate(scenario.roles):
        out[role.id] = "duty" if role.id in scenario.duty_to_warn else others[n % 2]
    return out


def summarize(state: GameState, events: list[ev.Event], scenario_name: str,
              policies: dict[str, str]) -> dict[str, Any]:
    attacks = [
        {"plot": e.plot, "turn": e.turn, "target": e.target, "victim": e.victim,
         "outcome": e.outcome.value, "casualties": e.casualties}
        for e in events if isinstance(e, ev.AttackResolved)
    ]  # fmt: skip
    return {
        "game_id": state.game_id,
        "scenario": scenario_name,
        "title": state.scenario.meta.title,
        "seed": state.seed,
        "seats": [{"role": r, "policy": p} for r, p in policies.items()],
        "turns_played": state.turn,
        "attacks": attacks,
        "casualties": sum(a["casualties"] for a in attacks),
        "foiled": sum(a["outcome"] == Outcome.FOILED.value for a in attacks),
        "scores": state.scores,
        "trust": state.trust,
        "events": len(events),
        "state_digest": state_digest(state),
    }


def run_demo(scenario: Scenario, scenario_name: str, seed: int, policies: dict[str, str],
             folder: Path, game_id: str, console: Console | None) -> dict[str, Any]:
    state, events = play_game(scenario, seed, policies, game_id=game_id)
    if console is not None:
        tell(events, console)
    folder.mkdir(parents=True, exist_ok=True)
    write_log(folder / "events.jsonl", events, state)
    export_debrief(events, folder)  # debrief.md/html/json, timeline.csv, decisions.csv, charts
    summary = summarize(state, events, scenario_name, policies)
    (folder / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    return summary


def tell(events: list[ev.Event], console: Console) -> None:
    """The omniscient account: every event that has something to say, in order."""
    state: GameState | None = None
    for event in events:
        state = replay([event], state)
        line = narrate(event, state)
        if line is None:
            continue
        if line.startswith("──"):
            console.print(f"\n[bold cyan]{line}[/]")
        elif line.startswith("ATTACK"):
            console.print(f"[bold red]{line}[/]", highlight=False)
        else:
            console.print(f"  {line}", highlight=False, markup=False)
