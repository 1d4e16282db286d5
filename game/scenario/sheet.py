"""The facilitator's briefing sheet for one scenario: everything, ground truth included.

Rendered with rich for the terminal (`wargame scenario show NAME`). Kept out of the CLI module so
the bot or an exporter could reuse the same renderables.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from game.scenario.schema import Inject, Role, Scenario
from game.scenario.tunables import Deadlines, changed_tunables


def briefing_sheet(s: Scenario, name: str) -> Group:
    return Group(*_sections(s, name))


def _sections(s: Scenario, name: str) -> Iterator[RenderableType]:
    m = s.meta
    kind = "fictional" if m.fictional else "historical"
    yield Panel(Text(m.summary or "(no summary)"),
                title=f"[b]{m.title}[/b]  ({name}, format {s.format_version})",
                subtitle=f"{kind} · {s.turns} turns of {m.turn_length} · {len(s.roles)} roles · "
                         f"by {m.author} · {m.licence}")
    if m.facilitator_notes:
        yield Panel(Text(m.facilitator_notes), title="Notes for the White Cell")
    if m.sources:
        yield _heading("Sources")
        for src in m.sources:
            bits = [src.title, src.publisher or "", src.date or "", src.url or ""]
            yield Text("  • " + " — ".join(b for b in bits if b))
    yield _roles(s)
    yield _objectives(s)
    yield _trust(s)
    yield _targets(s)
    yield _plots(s)
    yield _injects(s)
    if s.news:
        yield _heading("News")
        for n in sorted(s.news, key=lambda n: n.turn):
            yield Text(f"  turn {n.turn}: {n.text}" + (" (fictional)" if n.fictional else ""))
    yield _numbers(s)
    yield _heading("Briefings (each seat sees its own)")
    for r in s.roles:
        yield Panel(Text(r.briefing or "(none)"), title=f"{r.flag} {r.name}".strip())
    yield _heading("Discussion questions for the debrief")
    for i, q in enumerate(s.discussion_questions, 1):
        yield Text(f"  {i}. {q}")


def _heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def _objective(r: Role) -> str:
    o = r.objective
    if o is None:
        return "—"
    about = ", ".join(str(x) for x in (o.role, o.plot, o.value) if x is not None)
    return f"{o.kind.value}({about}): {o.text}" if about else f"{o.kind.value}: {o.text}"


def _roles(s: Scenario) -> Table:
    t = Table(title="Roles", title_justify="left", show_lines=True)
    for col in ("role", "SB", "PC", "collection", "special rules", "duty"):
        t.add_column(col)
    for r in s.roles:
        coll = ", ".join(f"{k} {v}" for k, v in r.collection.items()) or "—"
        rules = ", ".join(x.value for x in r.special_rules) or "—"
        t.add_row(f"{r.flag} {r.name} ({r.id})", str(r.security_budget),
                  str(r.political_capital), coll, rules,
                  "bound" if r.id in s.duty_to_warn else "")
    return t


def _objectives(s: Scenario) -> Group:
    return Group(_heading("Secret objectives"),
                 *(Text(f"  {r.id}: {_objective(r)}") for r in s.roles))


def _trust(s: Scenario) -> Table:
    ids = [r.id for r in s.roles]
    t = Table(title="Trust (row trusts column, 0-5)", title_justify="left")
    t.add_column("")
    for i in ids:
        t.add_column(i, justify="center")
    for a in ids:
        t.add_row(a, *("·" if a == b else str(s.trust.get(a, {}).get(b, "?")) for b in ids))
    return t


def _targets(s: Scenario) -> Table:
    t = Table(title="Targets", title_justify="left")
    for col in ("id", "name", "city", "class", "victim state"):
        t.add_column(col)
    for x in s.targets:
        t.add_row(x.id, x.name, x.city, x.target_class, x.territory)
    return t


def _plots(s: Scenario) -> Group:
    weights = s.tunables.casualty_weights
    t = Table(title="Plots (ground truth)", title_justify="left", show_lines=True)
    for col in ("plot", "actor", "target", "turn", "method", "weight", "cell", "region"):
        t.add_column(col)
    for p in s.plots:
        weight = p.casualty_weight if p.casualty_weight is not None else weights[p.method]
        t.add_row(p.id + (" (fictional)" if p.fictional else ""), p.actor, p.target,
                  str(p.turn), p.method.value, str(weight), ", ".join(p.cell) or "—", p.region)
    notes = [Text(f"  {p.id}: {p.historical}") for p in s.plots if p.historical]
    return Group(t, *notes)


def _inject_lines(i: Inject) -> Text:
    window = i.window_text or "—"
    if i.window:
        window += f" (turns {i.window[0]}-{i.window[1]})"
    flags = [f for f, on in (("reveals early", i.reveals_early), ("no onward sharing",
             i.no_onward_sharing), ("fictional", i.fictional)) if on]
    who = f"{i.identity.value}: {', '.join(i.names)}" if i.names else i.identity.value
    head = (f"  turn {i.turn} · {i.id} → {i.recipient} · plot {i.plot or '— (decoy)'} · "
            f"specificity {i.specificity} · targets {', '.join(i.targets) or '(from the plot)'} · "
            f"window {window} · identity {who} · grade {i.reliability}{i.credibility} · "
            f"sensitivity {i.sensitivity}" + (f" · {', '.join(flags)}" if flags else ""))
    return Text(head + (f"\n      {i.text}" if i.text else ""))


def _injects(s: Scenario) -> Group:
    lines = [_inject_lines(i) for i in sorted(s.injects, key=lambda i: (i.turn, i.id))]
    return Group(_heading("Scripted injects"), *(lines or [Text("  none")]))


def _numbers(s: Scenario) -> Group:
    rows = [Text(f"  casualty threshold: {s.casualty_threshold}")]
    for name, (default, value) in changed_tunables(s.tunables).items():
        rows.append(Text(f"  tunables.{name}: {value} (default {default})"))
    base = Deadlines().model_dump()
    for name, value in s.deadlines.model_dump().items():
        if base[name] != value:
            rows.append(Text(f"  deadlines.{name}: {value} min (default {base[name]})"))
    if len(rows) == 1:
        rows.append(Text("  every tunable and deadline at GAME.md's default"))
    return Group(_heading("Numbers that differ from the defaults"), *rows)
