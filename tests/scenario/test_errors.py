"""Every kind of mistake is reported as PATH:LINE:COL: field.path: message, never a traceback.

One broken file per kind of error; each test names the line the author must look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import ScenarioError, check_file, load_scenario, parse_scenario

BASE = """\
format_version: 1
meta:
  title: Test
  fictional: true
turns: 3
threat_actors: [Red Group]
roles:
  - id: blue
    name: Blue
    collection: {north: 2}
    security_budget: 3
    political_capital: 4
    objective: {kind: sources_intact, text: Keep your sources.}
  - id: green
    name: Green
    collection: {north: 1}
    security_budget: 3
    political_capital: 4
targets:
  - {id: hall, name: Hall, city: Capital, class: concert_venue, territory: green}
  - {id: metro, name: Metro, city: Capital, class: transport, territory: green}
trust:
  blue: {green: 2}
  green: {blue: 1}
duty_to_warn: [blue]
plots:
  - id: night
    actor: Red Group
    target: hall
    turn: 3
    method: venue_assault
    cell: [Ana Petrova]
    region: north
injects:
  - id: first
    turn: 1
    recipient: blue
    plot: night
    actor: Red Group
    window: [1, 2]
    specificity: 2
"""


def write(tmp_path: Path, text: str | bytes, name: str = "broken.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def errors(path: Path) -> list[str]:
    return [str(e) for e in check_file(path).errors]


def the_error(path: Path) -> str:
    found = errors(path)
    assert len(found) == 1, found
    return found[0]


def test_the_base_file_is_valid(tmp_path: Path) -> None:
    assert errors(write(tmp_path, BASE)) == []


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = BASE.replace("turns: 3", "turns: 3: 4")
    msg = the_error(write(tmp_path, text))
    assert msg.startswith(f"{tmp_path / 'broken.yaml'}:{line_of(text, 'turns: 3: 4')}:")
    assert "YAML syntax: mapping values are not allowed here" in msg


def test_an_unclosed_bracket_is_reported_where_the_parser_finds_it(tmp_path: Path) -> None:
    """PyYAML notices an unclosed `[` on the line after it: the message points there."""
    text = BASE.replace("  title: Test", "  title: [Test")
    msg = the_error(write(tmp_path, text))
    assert msg.startswith(f"{tmp_path / 'broken.yaml'}:{line_of(text, 'title: [Test') + 1}:")
    assert "YAML syntax" in msg and "flow sequence" in msg


def test_wrong_type_points_at_the_key(tmp_path: Path) -> None:
    text = BASE.replace("turns: 3", "turns: three")
    msg = the_error(write(tmp_path, text))
    assert f"broken.yaml:{line_of(text, 'turns: three')}:1: turns: " in msg
    assert "integer" in msg


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    text = BASE.replace("    security_budget: 3\n    political_capital: 4\n    objective",
                        "    security_budget: 3\n    politcal_capital: 4\n    objective")
    msg = the_error(write(tmp_path, text))  # once: not also as a missing political_capital
    line = line_of(text, "politcal_capital")
    assert f":{line}:5: roles[0].politcal_capital: unknown key 'politcal_capital'; did you " \
           "mean 'political_capital'?" in msg


def test_missing_key_points_at_the_enclosing_mapping(tmp_path: Path) -> None:
    text = BASE.replace("    name: Green\n", "")
    msg = the_error(write(tmp_path, text))
    assert f":{line_of(text, 'id: green')}:" in msg
    assert "roles[1].name: missing required key 'name'" in msg


def test_unknown_special_rule_suggests_the_known_one(tmp_path: Path) -> None:
    text = BASE.replace("    name: Green\n", "    name: Green\n    special_rules: [schengen_lagg]\n")
    msg = the_error(write(tmp_path, text))
    assert f":{line_of(text, 'schengen_lagg')}:" in msg
    assert "roles[1].special_rules[0]" in msg and "did you mean 'schengen_lag'?" in msg


def test_bad_id_explains_the_pattern(tmp_path: Path) -> None:
    text = BASE.replace("  - id: night", "  - id: Night Plot")
    msg = the_error(write(tmp_path, text))
    assert "plots[0].id: 'Night Plot' is not a valid id" in msg


def test_unknown_role_is_located_and_suggested(tmp_path: Path) -> None:
    text = BASE.replace("class: transport, territory: green", "class: transport, territory: gren")
    msg = the_error(write(tmp_path, text))
    assert f":{line_of(text, 'territory: gren')}:" in msg
    assert "targets[1].territory: unknown role 'gren'; did you mean 'green'?" in msg


def test_incomplete_trust_matrix(tmp_path: Path) -> None:
    text = BASE.replace("  green: {blue: 1}", "  green: {}")
    msg = the_error(write(tmp_path, text))
    assert f":{line_of(text, 'green: {}')}:3: trust.green: missing trust toward 'blue'" in msg


def test_plot_target_must_be_a_known_target(tmp_path: Path) -> None:
    text = BASE.replace("    target: hall", "    target: hal")
    msg = the_error(write(tmp_path, text))
    assert f":{line_of(text, 'target: hal')}:" in msg
    assert "plots[0].target: unknown target 'hal'; did you mean 'hall'?" in msg


def test_inject_turn_must_be_within_the_game(tmp_path: Path) -> None:
    text = BASE.replace("  - id: first\n    turn: 1", "  - id: first\n    turn: 4").replace(
        "window: [1, 2]", "window: [4, 4]")
    found = errors(write(tmp_path, text))
    assert any(f":{line_of(text, 'turn: 4')}:5: injects[0].turn: turn 4 is after the last turn (3)"
               in e for e in found), found


def test_inject_may_not_reveal_a_plot_early_unless_marked(tmp_path: Path) -> None:
    text = BASE.replace("    specificity: 2", "    specificity: 1\n    identity: partial\n"
                        "    names: [Ana Petrova]")
    msg = the_error(write(tmp_path, text))
    assert f":{line_of(text, '- id: first')}:" in msg
    assert "reveals plot 'night' (names 'Ana Petrova')" in msg and "reveals_early: true" in msg
    marked = text.replace("    specificity: 1\n", "    specificity: 1\n    reveals_early: true\n")
    assert errors(write(tmp_path, marked, "marked.yaml")) == []


def test_objective_needs_its_parameters(tmp_path: Path) -> None:
    text = BASE.replace("{kind: sources_intact, text: Keep your sources.}",
                        "{kind: pc_at_least, text: Keep PC.}")
    msg = the_error(write(tmp_path, text))
    assert f":{line_of(text, 'pc_at_least')}:" in msg
    assert "roles[0].objective: objective 'pc_at_least' needs value" in msg


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    text = BASE.replace("turns: 3\n", "turns: 3\nturns: 4\n")
    msg = the_error(write(tmp_path, text))
    assert f":{line_of(text, 'turns: 4')}:1: turns: duplicate key 'turns' (first written on line " \
           f"{line_of(text, 'turns: 3')})" in msg


def test_not_utf8(tmp_path: Path) -> None:
    raw = BASE.replace("title: Test", "title: T\udcffest").encode("utf-8", "surrogateescape")
    msg = the_error(write(tmp_path, raw))
    assert f"broken.yaml:{line_of(BASE, 'title: Test')}:" in msg and "not UTF-8" in msg


def test_newer_format_is_refused_clearly(tmp_path: Path) -> None:
    text = BASE.replace("format_version: 1", "format_version: 99")
    msg = the_error(write(tmp_path, text))
    assert "broken.yaml:1:1: format_version: format_version 99 is newer than this game" in msg


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    msg = the_error(write(tmp_path, "- just\n- a list\n"))
    assert "broken.yaml:1:1: a scenario must be a mapping" in msg


def test_empty_file(tmp_path: Path) -> None:
    msg = the_error(write(tmp_path, ""))
    assert "broken.yaml" in msg and "mapping" in msg


def test_historical_scenario_needs_sources(tmp_path: Path) -> None:
    text = BASE.replace("  fictional: true\n", "")
    msg = the_error(write(tmp_path, text))
    assert "meta.sources: a historical scenario" in msg and f":{line_of(text, 'meta:')}:" in msg


def test_load_raises_scenario_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, BASE.replace("turns: 3", "turns: 0"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(str(path))
    assert info.value.path == str(path)
    assert str(path) in str(info.value) and "turns" in str(info.value)
    assert info.value.problems and info.value.problems[0].position is not None


def test_parse_scenario_names_the_given_path() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario("meta: {}\n", "inline.yaml")
    assert all(m.startswith("inline.yaml:") for m in info.value.messages)


def test_missing_file_and_unknown_name(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="no such file"):
        load_scenario(str(tmp_path / "nope.yaml"))
    with pytest.raises(ScenarioError, match="no such scenario"):
        load_scenario("no-such-scenario")
