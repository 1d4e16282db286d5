"""The debrief as Markdown: readable as plain text, in a Git forge, or pasted into a document.

Charts are referenced by file name (they are written beside `debrief.md`). Every piece of text a
person typed goes through `md()`; generated text is built from ids and numbers.
"""

from __future__ import annotations

from game.debrief.model import Debrief, ItemRecord, PlotReport, RoleAudit, TrustSnapshot
from game.debrief.text import CHARTS, Names, label, md, signed

Lines = list[str]


def render_markdown(d: Debrief, *, charts: bool = True) -> str:
    n = Names(d.game)
    out: Lines = []
    for section in (_header, _glance, _seats, _plots, _provenance, _decisions, _audit, _trust,
                    _resources, _burns, _scores, _questions, _after_action, _timeline):
        section(d, n, out, charts)
    return "\n".join(out).rstrip() + "\n"


def _table(out: Lines, head: list[str], rows: list[list[object]]) -> None:
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "|".join("---" for _ in head) + "|")
    for row in rows:
        out.append("| " + " | ".join(str(c) for c in row) + " |")
    out.append("")


def _chart(out: Lines, key: str, charts: bool) -> None:
    if charts:
        name, title = CHARTS[key]
        out += [f"![{title}]({name})", ""]


def _header(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    g = d.game
    ended = f"ended: {md(g.end_reason)}" if g.end_reason else f"not over (phase {g.phase})"
    out += [f"# Debrief: {md(g.title)}", "",
            f"Game `{g.game_id}` · seed {g.seed} · {g.turns_played} of {g.turns} turns played · "
            f"{ended} · {g.events} events · debrief format {d.format}", "",
            f"State digest: `{g.state_digest}`", ""]
    if g.summary:
        out += [f"> {md(g.summary)}", ""]
    if g.sources:
        out += ["Sources: " + "; ".join(md(s) for s in g.sources), ""]


def _outcome(p: PlotReport) -> str:
    return label(p.outcome) if p.outcome else "not reached"


def _glance(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    g = d.game
    out += ["## At a glance", ""]
    _table(out, ["Plot", "Threat actor", "Target", "Victim", "Turn", "Outcome", "Casualty weight"],
           [[f"`{p.id}`", md(p.actor), md(n.target(p.target)), n.role(p.victim), p.turn,
             f"**{_outcome(p)}**", f"{p.casualties} of {p.weight}"] for p in d.plots])
    met = "at or below" if g.total_casualties <= g.casualty_threshold else "above"
    out += [f"Total casualty weight {g.total_casualties}: {met} the scenario's threshold of "
            f"{g.casualty_threshold}.", ""]
    if d.scores:
        _table(out, ["Seat", "Score"], [[n.role(r), s.get("total", 0)] for r, s in d.scores.items()])
    for key in ("casualties", "resources", "trust", "provenance"):
        _chart(out, key, charts)


def _seats(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## Seats", ""]
    _table(out, ["Seat", "Player", "Controller", "Duty to warn", "Secret objective"],
           [[n.role(r.id), md(r.player) or "—", md(r.controller), "bound" if r.bound else "—",
             md(r.objective)] for r in d.game.roles])


def _plots(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## 1. The plots and how each resolved", ""]
    for p in d.plots:
        _plot(p, n, out)


def _plot(p: PlotReport, n: Names, out: Lines) -> None:
    out += [f"### Plot `{p.id}`: {md(p.actor)}, {label(p.method)} on {md(n.target(p.target))} "
            f"(turn {p.turn})", ""]
    out.append(f"- Victim state: {n.role(p.victim)} · cell: {md(', '.join(p.cell)) or '—'} · "
               f"run from: {label(p.region)}")
    if (p.planned_target, p.planned_turn) != (p.target, p.turn):
        out.append(f"- Planned: {md(n.target(p.planned_target))} in turn {p.planned_turn}")
    for a in p.adaptations:
        out.append(f"- Red adapted in turn {a.turn}: {md(a.reason)} (now {md(n.target(a.target))}, "
                   f"turn {a.fires})")
    out.append(f"- Outcome: **{_outcome(p)}**, casualty weight {p.casualties} of {p.weight}")
    if p.roll:
        r = p.roll
        mods = "".join(f"; {md(m.label)} {signed(m.value)}" for m in r.modifiers)
        out.append(f"- Roll: 2d6 = {r.dice[0]} + {r.dice[1]} = {sum(r.dice)}{mods}; total **{r.total}** "
                   f"(foiled at {r.foil_at}+, disrupted at {r.disrupt_at}–{r.foil_at - 1})")
    out.append(f"- Items about this plot: {', '.join(f'#{i}' for i in p.items) or 'none'}")
    if p.historical:
        out.append(f"- What really happened: {md(p.historical)}")
    w = p.warning
    victim = n.role(p.victim)
    if w.first_turn is None:
        out.append(f"- **First moment {victim} could have been warned**: never (no other service "
                   "held anything about it that it could pass on)")
    else:
        out.append(f"- **First moment {victim} could have been warned**: the sharing phase of turn "
                   f"{w.first_turn}, by {n.roles(sorted({o.holder for o in w.first}))}")
        out += [f"  - {md(o.summary)}" for o in w.first]
    if w.first_delivery:
        h = w.first_delivery
        rated = f", {h.rating}" if h.rating else ", never rated"
        out.append(f"- First warning that reached {victim}: turn {h.turn}, item #{h.item} from "
                   f"{n.role(h.sender)} ({h.level}, specificity {h.specificity}{rated})")
    if w.victim_knew_turn is not None:
        out.append(f"- {victim} first held anything about it in turn {w.victim_knew_turn}")
    out.append("")
    if w.opportunities:
        _table(out, ["Turn", "Holder", "Item", "Held as", "Specificity", "Order to victim", "Duty",
                     "Reached victim"],
               [[o.turn, n.role(o.holder), f"#{o.item}", o.level, o.specificity, o.order or "—",
                 o.duty or "—",
                 f"{o.delivered_level} (turn {o.delivered_turn})" if o.delivered_turn else "no"]
                for o in w.opportunities])


def _provenance(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## 2. Who knew what, and when", ""]
    for item in d.items:
        _item(item, n, out)


def _item(i: ItemRecord, n: Names, out: Lines) -> None:
    truth = "a decoy" if i.decoy else f"plot `{i.plot}`"
    out += [f"### Item #{i.id}: {truth}", ""]
    out.append(f"- Origin: {n.role(i.originator)}, turn {i.turn}, {label(i.via)}; about "
               f"{md(n.target(i.focus))} ({n.role(i.country)})")
    out.append(f"- {md(i.actor)} · specificity {i.specificity} · grade {i.grade} · "
               f"source sensitivity {i.sensitivity} · identity {i.identity}"
               + (" · no onward sharing" if i.no_onward_sharing else ""))
    wrong = " — **the stated window closed before the attack**" if i.window_wrong else ""
    out.append(f"- Window as stated: \"{md(i.window_text)}\" (turns {i.window[0]}–{i.window[1]}){wrong}")
    if i.targets:
        out.append("- Candidate targets: " + ", ".join(md(n.target(t)) for t in i.targets))
    if i.names:
        out.append("- Names: " + md(", ".join(i.names)))
    if i.text:
        out.append(f"- Text: {md(i.text)}")
    out.append("")
    if i.hops:
        _table(out, ["Turn", "From", "To", "Level", "Specificity seen", "Rated"],
               [[h.turn, n.role(h.sender), n.role(h.to), h.level + (" (degraded)" if h.degraded else ""),
                 h.specificity, h.rating or "—"] for h in i.hops])
    else:
        out += ["Never shared.", ""]


def _decisions(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## 3. Decisions by turn and seat", ""]
    turns = sorted({x.turn for x in d.decisions})
    for turn in turns:
        out += [f"### Turn {turn}", ""]
        here = [x for x in d.decisions if x.turn == turn]
        for role in [r.id for r in d.game.roles] + ["facilitator"]:
            mine = [x for x in here if x.role == role]
            if not mine:
                continue
            out += [f"#### {n.role(role)}", ""]
            _table(out, ["Event", "Phase", "Decision", "Cost", "Rationale"],
                   [[x.seq, label(x.phase), md(x.summary), _cost(x.sb, x.pc), md(x.rationale) or "—"]
                    for x in mine])


def _cost(sb: int, pc: int) -> str:
    parts = [f"{sb} SB" if sb else "", f"{pc} PC" if pc else ""]
    return " ".join(p for p in parts if p) or "—"


def _audit(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## 4. Duty-to-warn audit", ""]
    if not d.audit:
        out += ["No service in this scenario is bound by a duty to warn.", ""]
    for a in d.audit:
        _role_audit(a, n, out)


def _role_audit(a: RoleAudit, n: Names, out: Lines) -> None:
    out += [f"### {n.role(a.role)}: {a.warned} warned, {a.waived} waived, {a.missing} missing "
            f"(PC lost: {a.pc_lost})", ""]
    if not a.entries:
        out += ["No item triggered the duty.", ""]
        return
    _table(out, ["Item", "Turn", "Threat to", "Specificity", "Entry", "Rationale", "Reached it",
                 "Truth"],
           [[f"#{e.item}", e.turn, n.role(e.victim), e.specificity,
             e.status + (f" ({e.code})" if e.code else ""), md(e.rationale) or "—",
             f"{e.delivered.level} (turn {e.delivered.turn})" if e.delivered else "no",
             "decoy" if e.decoy else f"`{e.plot}`"] for e in a.entries])


def _matrix(s: TrustSnapshot, n: Names, out: Lines) -> None:
    roles = list(s.matrix)
    out += [f"**{s.label.capitalize()}** (row trusts column)", ""]
    _table(out, ["", *(n.role(r) for r in roles)],
           [[n.role(a), *(s.matrix[a].get(b, "—") if a != b else "·" for b in roles)] for a in roles])


def _trust(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## 5. Trust over time", ""]
    for snapshot in d.trust:
        _matrix(snapshot, n, out)
    if d.trust_changes:
        _table(out, ["Event", "Turn", "Truster", "Trusted", "Change", "Now", "Why"],
               [[t.seq, t.turn, n.role(t.truster), n.role(t.trusted), signed(t.delta), t.value,
                 md(t.reason)] for t in d.trust_changes])


def _resources(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## 6. Political capital and budget", ""]
    _table(out, ["Turn", "Seat", "PC at end", "SB budget", "SB spent"],
           [[r.turn or "start", n.role(r.role), r.pc, r.sb_budget or "—", r.sb_spent or "—"]
            for r in d.resources])
    if d.pc_changes:
        _table(out, ["Event", "Turn", "Seat", "PC", "Why"],
               [[c.seq, c.turn, n.role(c.role), signed(c.delta), md(c.reason)] for c in d.pc_changes])


def _burns(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## 7. Burned sources", ""]
    burned = [b for b in d.burns if b.burned]
    if not burned:
        out += ["No source was burned.", ""]
    else:
        _table(out, ["Event", "Turn", "Source of", "Region", "Dark until", "Item", "Acted on by",
                     "Roll ≤ threshold"],
               [[b.seq, b.turn, n.role(b.originator), label(b.region), f"turn {b.until}", f"#{b.item}",
                 n.role(b.actor), f"{b.roll} ≤ {b.threshold}"] for b in burned])
    held = [b for b in d.burns if not b.burned]
    if held:
        out += ["Checks the sources survived: " + "; ".join(
            f"item #{b.item} of {n.role(b.originator)} in turn {b.turn} (roll {b.roll} > {b.threshold})"
            for b in held), ""]


def _scores(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## 8. Scores", ""]
    if not d.scores:
        out += ["The game has not ended: no final scores yet.", ""]
        return
    parts = [k for k in next(iter(d.scores.values())) if k != "total"]
    _table(out, ["Seat", *(label(p) for p in parts), "Total"],
           [[n.role(r), *(s.get(p, 0) for p in parts), f"**{s.get('total', 0)}**"]
            for r, s in d.scores.items()])


def _questions(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## 9. Discussion questions", ""]
    out += [f"{k}. {md(q)}" for k, q in enumerate(d.questions, start=1)] or ["(none in the scenario)"]
    out.append("")


def _after_action(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    a = d.after_action
    out += ["## 10. After-action review", "",
            "Pre-filled from the log in the spirit of HSEEP; the facilitator completes it with the "
            "players. Numbers in brackets are event numbers in the timeline.", "",
            "### Strengths", ""]
    out += [f"- {md(o.text)}{_evidence(o.evidence)}" for o in a.strengths] or ["- (none observed)"]
    out += ["", "### Areas for improvement", ""]
    for o in a.improvements:
        out.append(f"- {md(o.text)}{_evidence(o.evidence)}")
        out.append(f"  - Recommendation: {md(o.recommendation)}")
    if not a.improvements:
        out.append("- (none observed)")
    out += ["", "### Improvement plan", ""]
    _table(out, ["Issue", "Corrective action", "Capability", "Responsible", "Due"],
           [[md(c.issue), md(c.action), md(c.capability), md(c.responsible), md(c.due)]
            for c in a.corrective_actions] or [["", "", "", "", ""]])
    out += ["### Facilitator's notes", "", md(a.facilitator_notes) or "_(to be completed)_", ""]


def _evidence(seqs: tuple[int, ...]) -> str:
    return f" [{', '.join(str(s) for s in seqs)}]" if seqs else ""


def _timeline(d: Debrief, n: Names, out: Lines, charts: bool) -> None:
    out += ["## Appendix: timeline", ""]
    _table(out, ["#", "Turn", "Phase", "Event", "Seen by"],
           [[r.seq, r.turn, label(r.phase), md(r.text), md(r.visibility)] for r in d.timeline])
