"""Scenario files: schema, loading and validation."""

from game.scenario.loader import ScenarioError, find_scenario, list_scenarios, load_scenario, parse_scenario
from game.scenario.schema import FORMAT_VERSION, Scenario

__all__ = ["FORMAT_VERSION", "Scenario", "ScenarioError", "find_scenario", "list_scenarios",
           "load_scenario", "parse_scenario"]
