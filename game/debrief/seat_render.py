# ruff: noqa: E501  -- the template below is markup, not code
"""The per-seat replay as Markdown and as a self-contained HTML page (same look as the debrief)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, StrictUndefined

from game.debrief.html_template import STYLE
from game.debrief.seat import SeatReplay
from game.debrief.text import md

SEAT_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ r.role_name }}: {{ r.title }}</title><style>{{ style }}</style></head>
<body>
<h1>{{ r.role_name }}: {{ r.title }}</h1>
<p class="meta">The game as {{ r.role_name }} saw it, turn by turn: nothing another seat did in
secret, nothing of the ground truth. Game {{ r.game_id }} · replay format {{ r.format }}</p>
<h2 class="first-section">Briefing</h2>
<p>{{ r.briefing or '—' }}</p>
{% if r.objective %}<p><strong>Secret objective:</strong> {{ r.objective }}</p>{% endif %}
{% if r.bound %}<p>Your service is bound by the duty to warn.</p>{% endif %}
{% for p in r.phases %}
{% if p.phase == 'intel_received' or loop.first %}<h2>{{ 'Turn ' ~ p.turn if p.turn else 'Before the first turn' }}</h2>{% endif %}
<h3>{{ p.title }}</h3>
{% if p.sb is not none %}<p class="meta">SB {{ p.sb }} · PC {{ p.pc }}{% if p.trust %} · trust: {% for k, v in p.trust.items() %}{{ r.seats.get(k, k) }} {{ v }}{{ ', ' if not loop.last }}{% endfor %}{% endif %}</p>{% endif %}
{% if p.log %}<ul>{% for line in p.log %}<li>{{ line }}</li>{% endfor %}</ul>{% endif %}
{% for item in p.items %}<blockquote><strong>{{ item.title }}</strong><br>{% for line in item.lines %}{{ line }}<br>{% endfor %}</blockquote>{% endfor %}
{% endfor %}
{% if r.scores %}<h2>Final scores</h2><table><tr><th>Seat</th><th class="num">Total</th></tr>
{% for k, s in r.scores.items() %}<tr><td>{{ r.seats.get(k, k) }}</td><td class="num">{{ s.total }}</td></tr>{% endfor %}</table>{% endif %}
</body></html>
"""


@lru_cache(maxsize=1)
def _template():  # type: ignore[no-untyped-def]
    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True)
    return env.from_string(SEAT_TEMPLATE)


def render_seat_html(r: SeatReplay) -> str:
    return str(_template().render(r=r, style=STYLE))


def render_seat_markdown(r: SeatReplay) -> str:
    out = [f"# {md(r.role_name)}: {md(r.title)}", "",
           f"The game as {md(r.role_name)} saw it, turn by turn: nothing another seat did in secret, "
           f"nothing of the ground truth. Game `{r.game_id}` · replay format {r.format}", "",
           "## Briefing", "", md(r.briefing) or "—", ""]
    if r.objective:
        out += [f"**Secret objective:** {md(r.objective)}", ""]
    if r.bound:
        out += ["Your service is bound by the duty to warn.", ""]
    for n, p in enumerate(r.phases):
        if p.phase == "intel_received" or n == 0:
            out += [f"## Turn {p.turn}" if p.turn else "## Before the first turn", ""]
        out += [f"### {p.title}", ""]
        if p.sb is not None:
            trust = ", ".join(f"{md(r.seats.get(k, k))} {v}" for k, v in p.trust.items())
            out += [f"SB {p.sb} · PC {p.pc}" + (f" · trust: {trust}" if trust else ""), ""]
        out += [f"- {md(line)}" for line in p.log]
        for item in p.items:
            out += ["", f"> **{md(item.title)}**  "]
            out += [f"> {md(line)}  " for line in item.lines]
        out.append("")
    if r.scores:
        out += ["## Final scores", "", "| Seat | Total |", "|---|---|"]
        out += [f"| {md(r.seats.get(k, k))} | {s.get('total', 0)} |" for k, s in r.scores.items()]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
