"""Each cross-field check of `checks.py` has its own broken file: the message names the file, the
line of the offending key (of the enclosing mapping when the key the fix needs is absent) and
what is wrong. The checks not already covered in test_errors.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scenario.test_errors import BASE, errors, line_of, write

# (name, replace this, with this, the line to point at, words of the message)
CASES = [
    ("duty_to_warn names an unknown role", "duty_to_warn: [blue]", "duty_to_warn: [bleu]",
     "duty_to_warn: [bleu]", "duty_to_warn[0]: unknown role 'bleu'; did you mean 'blue'?"),
    ("inject recipient is an unknown role", "    recipient: blue", "    recipient: blu",
     "recipient: blu", "injects[0].recipient: unknown role 'blu'; did you mean 'blue'?"),
    ("trust row for an unknown role", "  green: {blue: 1}", "  green: {blue: 1}\n  grey: {blue: 1}",
     "grey: {blue: 1}", "trust.grey: unknown role 'grey'"),
    ("a role rates its own trust", "  blue: {green: 2}", "  blue: {green: 2, blue: 5}",
     "blue: {green: 2, blue: 5}", "trust.blue.blue: a role does not rate its own trust"),
    ("trust toward an unknown role", "  blue: {green: 2}", "  blue: {green: 2, gren: 1}",
     "gren: 1", "trust.blue.gren: unknown role 'gren'; did you mean 'green'?"),
    ("a whole trust row is missing", "  green: {blue: 1}\n", "",
     "trust:", "trust: missing row for role 'green'"),
    ("duplicate ids", "  - {id: metro, name: Metro", "  - {id: hall, name: Metro",
     "id: hall, name: Metro", "targets[1].id: id 'hall' is used twice in targets"),
    ("plot turn after the last turn", "    turn: 3\n    method", "    turn: 5\n    method",
     "turn: 5", "plots[0].turn: turn 5 is after the last turn (3)"),
    ("plot actor not in threat_actors", "    actor: Red Group\n    target", "    actor: Red Grp\n"
     "    target", "actor: Red Grp", "plots[0].actor: 'Red Grp' is not in threat_actors"),
    ("a cell member twice", "cell: [Ana Petrova]", "cell: [Ana Petrova, Ana Petrova]",
     "cell: [Ana Petrova, Ana Petrova]", "plots[0].cell: a name is listed twice"),
    ("inject about an unknown plot", "    plot: night", "    plot: nite", "plot: nite",
     "injects[0].plot: unknown plot 'nite'; did you mean 'night'?"),
    ("inject lists an unknown target", "    window: [1, 2]", "    window: [1, 2]\n"
     "    targets: [hal]", "targets: [hal]", "injects[0].targets[0]: unknown target 'hal'"),
    ("identity without names", "    specificity: 2", "    specificity: 2\n    identity: partial",
     "- id: first", "injects[0].names: identity 'partial' needs at least one name"),
    ("names without identity", "    specificity: 2", "    specificity: 2\n    names: [Someone]",
     "- id: first", "injects[0].identity: the item names people"),
    ("window ends before it starts", "window: [1, 2]", "window: [2, 1]", "window: [2, 1]",
     "injects[0].window: the window starts (2) after it ends (1)"),
    ("window starts before the item arrives", "    turn: 1\n    recipient", "    turn: 2\n"
     "    recipient", "window: [1, 2]", "the window starts in turn 1, before the item arrives"),
    ("too many targets for the specificity", "    specificity: 2", "    specificity: 3\n"
     "    reveals_early: true\n    targets: [hall, metro, hall]", "targets: [hall, metro, hall]",
     "an item of specificity 3 lists at most 2 target(s), not 3"),
    ("a decoy names a real cell member", "    plot: night\n", "    identity: partial\n"
     "    names: [Ana Petrova]\n", "- id: first",
     "names 'Ana Petrova' of plot 'night' but is not linked to it; add plot: night"),
    ("news after the last turn", "injects:", "news:\n  - {turn: 4, text: Late news}\ninjects:",
     "turn: 4, text: Late news", "news[0].turn: turn 4 is after the last turn (3)"),
    ("objective about an unknown role", "{kind: sources_intact, text: Keep your sources.}",
     "{kind: never_share_full_with, role: gren, text: Never.}", "never_share_full_with",
     "roles[0].objective.role: unknown role 'gren'; did you mean 'green'?"),
    ("objective about the role itself", "{kind: sources_intact, text: Keep your sources.}",
     "{kind: never_share_full_with, role: blue, text: Never.}", "never_share_full_with",
     "roles[0].objective.role: an objective about another role cannot name its own"),
    ("objective about an unknown plot", "{kind: sources_intact, text: Keep your sources.}",
     "{kind: plot_stopped, plot: nigth, text: Stop it.}", "plot_stopped",
     "roles[0].objective.plot: unknown plot 'nigth'; did you mean 'night'?"),
    ("a source with neither publisher nor url", "  fictional: true\n",
     "  fictional: true\n  sources:\n    - title: A book\n", "- title: A book",
     "meta.sources[0]: a source needs a publisher or a url"),
    ("a decoy specificity range upside down", "turns: 3\n", "turns: 3\ntunables:\n"
     "  decoy_specificity_min: 3\n  decoy_specificity_max: 2\n", "tunables:",
     "decoy_specificity_min must not be above decoy_specificity_max"),
]


@pytest.mark.parametrize(("old", "new", "at", "words"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_cross_field_check(tmp_path: Path, old: str, new: str, at: str, words: str) -> None:
    assert old in BASE
    text = BASE.replace(old, new, 1)
    found = errors(write(tmp_path, text))
    where = f"{tmp_path / 'broken.yaml'}:{line_of(text, at)}:"
    assert any(e.startswith(where) and words in e for e in found), (where, words, found)
