"""The debrief's sections, read as a facilitator would: one fact of the golden game per test."""

from __future__ import annotations

import csv
import io
import re
from types import SimpleNamespace

import pytest

from game.debrief import build_debrief, debrief_files, export_debrief
from game.debrief.html import render_html
from game.debrief.markdown import render_markdown
from game.engine import events as ev
from game.engine import replay
from tests.debrief.games import TRICKY_NEWS, TRICKY_RATIONALE, golden_game


@pytest.fixture(scope="module")
def events():
    return golden_game()


@pytest.fixture(scope="module")
def d(events):
    return build_debrief(events)


def plot(d, plot_id):
    return next(p for p in d.plots if p.id == plot_id)


def test_first_moment_the_victim_could_have_been_warned(d):
    """Aurelia held the inject about the Vostograd plot from turn 1's sharing phase, withheld it
    from Borovia and waived her duty (U): that is the first moment, and what was done with it."""
    w = plot(d, "lantern").warning
    assert w.first_turn == 1
    first = {o.item: o for o in w.first}
    assert first[1].holder == "aurelia" and first[1].order == "withhold"
    assert first[1].duty == "waive U" and first[1].delivered_turn is None


def test_every_attack_shows_the_dice_and_modifiers_that_decided_it(d):
    for p in d.plots:
        r = p.roll
        assert r is not None and r.total == sum(r.dice) + sum(m.value for m in r.modifiers)
        wanted = "foiled" if r.total >= r.foil_at else (
            "disrupted" if r.total >= r.disrupt_at else "carried_out")
        assert p.outcome == wanted


def test_every_hop_between_roles_is_listed_with_level_and_turn(d, events):
    shares = [e for e in events if isinstance(e, ev.ItemDelivered) and e.sender is not None]
    hops = [h for i in d.items for h in i.hops]
    assert sorted((h.sender, h.to, h.item, h.level, h.turn) for h in hops) == sorted(
        (e.sender, e.holder, e.item, e.level.label, e.turn) for e in shares)


def test_duty_audit_warned_waived_or_missing(d):
    """Aurelia waived (U) item 1 with a reason, and logged nothing when the facilitator closed
    turn 2's sharing phase early: each missing entry cost 1 PC."""
    audit = next(a for a in d.audit if a.role == "aurelia")
    waived = next(e for e in audit.entries if e.item == 1)
    assert (waived.status, waived.code, waived.rationale) == ("waived", "U", "protects the steppe source")
    missing = [e for e in audit.entries if e.status == "missing"]
    assert missing and all(e.pc_cost == 1 for e in missing)
    assert audit.pc_lost == len(missing) and audit.missing == len(missing)


def test_decisions_carry_their_rationale_by_seat_and_turn(d):
    share = next(x for x in d.decisions if x.kind == "share" and x.role == "aurelia" and x.to == "caldera")
    assert (share.turn, share.phase, share.rationale) == (1, "sharing", TRICKY_RATIONALE)
    facilitator = {x.choice for x in d.decisions if x.role == "facilitator"}
    assert {"news", "inject", "advance"} <= facilitator
    assert {x.role for x in d.decisions} >= {"aurelia", "borovia", "caldera"}


def test_trust_pc_and_scores_agree_with_the_engine(d, events):
    final = replay(events)
    assert d.trust[0].label == "start"
    assert [s.turn for s in d.trust] == [0, 1, 2, 3]
    assert d.trust[-1].matrix == {a: dict(sorted(row.items())) for a, row in sorted(final.trust.items())}
    last = {r.role: r.pc for r in d.resources if r.turn == 3}
    assert last == {r: s.pc for r, s in final.seats.items()}
    assert d.scores == final.scores
    assert sum(c.weight for c in d.casualties) == sum(final.casualties.values())


def test_after_action_is_prefilled_from_the_log(d):
    texts = [o.text for o in d.after_action.improvements]
    assert any("reached 🟥 Borovia in turn 3 and was dismissed; the attack came in turn 3" in t
               for t in texts)
    assert any("closed before 🟦 Aurelia had submitted" in t for t in texts)
    assert len(d.after_action.corrective_actions) == len(d.after_action.improvements)
    assert all(c.responsible == "" and c.due == "" for c in d.after_action.corrective_actions)
    assert d.questions and d.questions[0].startswith("Aurelia's first report")


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row))


def test_typed_text_cannot_break_a_markdown_table(d):
    md = render_markdown(d)
    lines = md.splitlines()
    for n, line in enumerate(lines):
        if line.startswith("|---"):
            header = _cells(lines[n - 1])
            k = n + 1
            while k < len(lines) and lines[k].startswith("|"):
                assert _cells(lines[k]) == header, lines[k]
                k += 1
    assert "<script>" not in md and "<b>" not in md


def test_typed_text_is_escaped_in_html(d):
    html = render_html(d)
    assert "<script>" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(" in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_csv_files_are_spreadsheet_safe(events):
    files = debrief_files(events, charts=False)
    timeline = list(csv.reader(io.StringIO(files["timeline.csv"])))
    assert timeline[0][:3] == ["seq", "turn", "phase"] and len(timeline) == len(events) + 1
    decisions = list(csv.DictReader(io.StringIO(files["decisions.csv"])))
    news = next(r for r in decisions if r["choice"] == "news")
    assert news["rationale"].startswith("'=SUM(A1)")  # shown as text, never run as a formula
    assert "\n" not in news["rationale"] and TRICKY_NEWS.splitlines()[1] in news["rationale"]


def test_export_writes_one_folder_and_returns_the_paths(events, tmp_path):
    paths = export_debrief(events, tmp_path / "out")
    names = {p.name for p in paths}
    assert names == {"debrief.md", "debrief.html", "debrief.json", "timeline.csv", "decisions.csv",
                     "trust.png", "casualties.png", "provenance.png", "resources.png"}
    assert all(p.exists() and p.parent == tmp_path / "out" for p in paths)
    assert (tmp_path / "out" / "trust.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "out" / "timeline.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    html = (tmp_path / "out" / "debrief.html").read_text()
    assert html.count("data:image/png;base64,") == 4 and "<link" not in html and "src=\"http" not in html


def test_stored_events_are_accepted_as_they_come_from_the_store(events):
    """The bot passes rows from the store: anything carrying the engine event as `.event`."""
    rows = [SimpleNamespace(seq=n, event=e) for n, e in enumerate(events, start=1)]
    assert build_debrief(rows) == build_debrief(events)


def test_a_seat_that_does_not_exist_is_a_clear_error(events, tmp_path):
    with pytest.raises(ValueError, match="no seat 'atlantis'"):
        export_debrief(events, tmp_path, seat="atlantis")


def test_a_game_still_in_progress_has_a_debrief_without_scores(events):
    d = build_debrief(events[:60])
    assert d.scores is None and d.game.end_reason is None
    assert "no final scores yet" in render_markdown(d)
