# ruff: noqa: E501  -- template markup, not code: breaking its lines would only add whitespace
"""The debrief page's template and stylesheet (kept in Python so the package needs no data files).

Rendered by `html.py` with autoescaping on: every value is escaped unless marked safe, and nothing
a person typed is ever marked safe.
"""

STYLE = """
:root { --ink:#1d2430; --muted:#5b6473; --line:#d5dae1; --band:#f3f5f8; --good:#1e7b3c;
        --bad:#a8322a; --accent:#1f4e9c; }
* { box-sizing: border-box; }
body { font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif,
       "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
       color: var(--ink); margin: 0 auto; max-width: 1200px; padding: 1.5rem 2rem 4rem; }
h1 { font-size: 2rem; margin: .2rem 0 .4rem; }
h2 { font-size: 1.5rem; border-bottom: 3px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2.5rem; }
h3 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; }
h4 { font-size: 1.05rem; margin: 1rem 0 .3rem; color: var(--muted); }
.meta { color: var(--muted); font-size: .95rem; }
.digest { font-family: ui-monospace, monospace; font-size: .8rem; word-break: break-all; }
blockquote { margin: 1rem 0; padding: .6rem 1rem; background: var(--band);
             border-left: 4px solid var(--accent); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.2rem; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.outcome-foiled { color: var(--good); font-weight: 700; }
.outcome-disrupted { color: #b36b00; font-weight: 700; }
.outcome-carried_out { color: var(--bad); font-weight: 700; }
.first { background: #fff6d6; border: 1px solid #e8c65a; padding: .5rem .8rem; margin: .6rem 0; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.charts figure.wide { grid-column: 1 / -1; }
figure { margin: 0; }
figure img { width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: .85rem; }
ul.obs li { margin: .3rem 0; }
.rec { color: var(--muted); }
nav { background: var(--band); padding: .6rem 1rem; font-size: .9rem; }
nav a { margin-right: .9rem; color: var(--accent); text-decoration: none; }
.empty { color: var(--muted); font-style: italic; }
.fill { min-height: 6rem; border: 1px dashed var(--line); padding: .5rem; }
@media print {
  body { font-size: 11pt; max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-before: page; }
  h2.first-section { break-before: auto; }
  table, figure, .first { break-inside: avoid; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  figure img { max-height: 9.5in; object-fit: contain; }
}
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Debrief: {{ d.game.title }}</title>
<style>{{ style }}</style>
</head>
<body>
{% macro outcome(p) -%}
<span class="outcome-{{ p.outcome or 'pending' }}">{{ (p.outcome or 'not reached') | label }}</span>
{%- endmacro %}
{% macro chart(key, wide=False) -%}
{% if charts.get(key) %}<figure{% if wide %} class="wide"{% endif %}><img alt="{{ titles[key] }}" src="{{ charts[key] }}">
<figcaption>{{ titles[key] }}</figcaption></figure>{% endif %}
{%- endmacro %}
<header>
<h1>Debrief: {{ d.game.title }}</h1>
<p class="meta">Game {{ d.game.game_id }} · seed {{ d.game.seed }} · {{ d.game.turns_played }} of
{{ d.game.turns }} turns played ·
{% if d.game.end_reason %}ended: {{ d.game.end_reason }}{% else %}not over ({{ d.game.phase }}){% endif %}
· {{ d.game.events }} events · debrief format {{ d.format }}</p>
<p class="meta digest">State digest {{ d.game.state_digest }}</p>
{% if d.game.summary %}<blockquote>{{ d.game.summary }}</blockquote>{% endif %}
</header>
<nav>
<a href="#glance">At a glance</a><a href="#plots">Plots</a><a href="#provenance">Who knew what</a>
<a href="#decisions">Decisions</a><a href="#audit">Duty to warn</a><a href="#trust">Trust</a>
<a href="#resources">PC &amp; budget</a><a href="#burns">Sources</a><a href="#scores">Scores</a>
<a href="#questions">Questions</a><a href="#aar">After action</a><a href="#timeline">Timeline</a>
</nav>

<h2 id="glance" class="first-section">At a glance</h2>
<table><tr><th>Plot</th><th>Threat actor</th><th>Target</th><th>Victim</th><th class="num">Turn</th>
<th>Outcome</th><th class="num">Casualty weight</th></tr>
{% for p in d.plots %}<tr><td>{{ p.id }}</td><td>{{ p.actor }}</td><td>{{ p.target | target }}</td>
<td>{{ p.victim | role }}</td><td class="num">{{ p.turn }}</td><td>{{ outcome(p) }}</td>
<td class="num">{{ p.casualties }} of {{ p.weight }}</td></tr>{% endfor %}
</table>
<p>Total casualty weight {{ d.game.total_casualties }}:
{{ 'at or below' if d.game.total_casualties <= d.game.casualty_threshold else 'above' }}
the scenario's threshold of {{ d.game.casualty_threshold }}.</p>
{% if d.scores %}<p>Scores: {% for r, s in d.scores.items() %}{{ r | role }} <strong>{{ s.total }}</strong>{{ ' · ' if not loop.last }}{% endfor %}</p>{% endif %}
<div class="charts">{{ chart('casualties') }}{{ chart('resources') }}{{ chart('trust', True) }}{{ chart('provenance', True) }}</div>

<h3>Seats</h3>
<table><tr><th>Seat</th><th>Player</th><th>Controller</th><th>Duty to warn</th><th>Secret objective</th></tr>
{% for r in d.game.roles %}<tr><td>{{ r.id | role }}</td><td>{{ r.player or '—' }}</td><td>{{ r.controller }}</td>
<td>{{ 'bound' if r.bound else '—' }}</td><td>{{ r.objective }}</td></tr>{% endfor %}
</table>

<h2 id="plots">1. The plots and how each resolved</h2>
{% for p in d.plots %}
<h3>{{ p.id }}: {{ p.actor }}, {{ p.method | label }} on {{ p.target | target }} (turn {{ p.turn }})</h3>
<p>Victim state {{ p.victim | role }} · cell {{ p.cell | join(', ') or '—' }} · run from {{ p.region | label }}
{% if (p.planned_target, p.planned_turn) != (p.target, p.turn) %}· planned: {{ p.planned_target | target }} in turn {{ p.planned_turn }}{% endif %}</p>
{% for a in p.adaptations %}<p>Red adapted in turn {{ a.turn }}: {{ a.reason }} (now {{ a.target | target }}, turn {{ a.fires }}).</p>{% endfor %}
<p>Outcome: {{ outcome(p) }}, casualty weight {{ p.casualties }} of {{ p.weight }}.
{% if p.roll %}Roll: 2d6 = {{ p.roll.dice[0] }} + {{ p.roll.dice[1] }}{% for m in p.roll.modifiers %}; {{ m.label }} {{ m.value | signed }}{% endfor %};
total <strong>{{ p.roll.total }}</strong> (foiled at {{ p.roll.foil_at }}+, disrupted at {{ p.roll.disrupt_at }}–{{ p.roll.foil_at - 1 }}).{% endif %}</p>
<p>Items about this plot: {% for i in p.items %}#{{ i }}{{ ', ' if not loop.last }}{% else %}none{% endfor %}.</p>
{% if p.historical %}<p>What really happened: {{ p.historical }}</p>{% endif %}
<div class="first"><strong>First moment {{ p.victim | role }} could have been warned:</strong>
{% if p.warning.first_turn is none %}never (no other service held anything about it that it could pass on).
{% else %}the sharing phase of turn {{ p.warning.first_turn }}.
<ul>{% for o in p.warning.first %}<li>{{ o.summary }}</li>{% endfor %}</ul>{% endif %}
{% if p.warning.first_delivery %}{% set h = p.warning.first_delivery %}First warning that reached it: turn {{ h.turn }},
item #{{ h.item }} from {{ h.sender | role }} ({{ h.level }}, specificity {{ h.specificity }}, {{ h.rating or 'never rated' }}). {% endif %}
{% if p.warning.victim_knew_turn is not none %}It first held anything about it in turn {{ p.warning.victim_knew_turn }}.{% endif %}
</div>
{% if p.warning.opportunities %}<table><tr><th class="num">Turn</th><th>Holder</th><th>Item</th><th>Held as</th>
<th class="num">Specificity</th><th>Order to victim</th><th>Duty</th><th>Reached victim</th></tr>
{% for o in p.warning.opportunities %}<tr><td class="num">{{ o.turn }}</td><td>{{ o.holder | role }}</td>
<td>#{{ o.item }}</td><td>{{ o.level }}</td><td class="num">{{ o.specificity }}</td><td>{{ o.order or '—' }}</td>
<td>{{ o.duty or '—' }}</td><td>{% if o.delivered_turn %}{{ o.delivered_level }} (turn {{ o.delivered_turn }}){% else %}no{% endif %}</td></tr>{% endfor %}
</table>{% endif %}
{% endfor %}

<h2 id="provenance">2. Who knew what, and when</h2>
{% for i in d.items %}
<h3>Item #{{ i.id }}: {{ 'a decoy' if i.decoy else 'plot ' ~ i.plot }}</h3>
<p>Origin {{ i.originator | role }}, turn {{ i.turn }}, {{ i.via }}; about {{ i.focus | target }} ({{ i.country | role }}) ·
{{ i.actor }} · specificity {{ i.specificity }} · grade {{ i.grade }} · source sensitivity {{ i.sensitivity }} ·
identity {{ i.identity }}{% if i.no_onward_sharing %} · no onward sharing{% endif %}<br>
Window as stated: “{{ i.window_text }}” (turns {{ i.window[0] }}–{{ i.window[1] }}){% if i.window_wrong %} — <strong>the stated window closed before the attack</strong>{% endif %}
{% if i.targets %}<br>Candidate targets: {% for t in i.targets %}{{ t | target }}{{ ', ' if not loop.last }}{% endfor %}{% endif %}
{% if i.names %}<br>Names: {{ i.names | join(', ') }}{% endif %}</p>
{% if i.text %}<blockquote>{{ i.text }}</blockquote>{% endif %}
{% if i.hops %}<table><tr><th class="num">Turn</th><th>From</th><th>To</th><th>Level</th><th class="num">Specificity seen</th><th>Rated</th></tr>
{% for h in i.hops %}<tr><td class="num">{{ h.turn }}</td><td>{{ h.sender | role }}</td><td>{{ h.to | role }}</td>
<td>{{ h.level }}{{ ' (degraded)' if h.degraded }}</td><td class="num">{{ h.specificity }}</td><td>{{ h.rating or '—' }}</td></tr>{% endfor %}
</table>{% else %}<p class="empty">Never shared.</p>{% endif %}
{% endfor %}

<h2 id="decisions">3. Decisions by turn and seat</h2>
{% for turn, groups in decisions %}<h3>Turn {{ turn }}</h3>
{% for role, rows in groups %}<h4>{{ role | role }}</h4>
<table><tr><th class="num">Event</th><th>Phase</th><th>Decision</th><th>Cost</th><th>Rationale</th></tr>
{% for x in rows %}<tr><td class="num">{{ x.seq }}</td><td>{{ x.phase | label }}</td><td>{{ x.summary }}</td>
<td>{{ cost(x) }}</td><td>{{ x.rationale or '—' }}</td></tr>{% endfor %}</table>
{% endfor %}{% endfor %}

<h2 id="audit">4. Duty-to-warn audit</h2>
{% for a in d.audit %}<h3>{{ a.role | role }}: {{ a.warned }} warned, {{ a.waived }} waived, {{ a.missing }} missing (PC lost {{ a.pc_lost }})</h3>
{% if a.entries %}<table><tr><th>Item</th><th class="num">Turn</th><th>Threat to</th><th class="num">Specificity</th><th>Entry</th>
<th>Rationale</th><th>Reached it</th><th>Truth</th></tr>
{% for e in a.entries %}<tr><td>#{{ e.item }}</td><td class="num">{{ e.turn }}</td><td>{{ e.victim | role }}</td>
<td class="num">{{ e.specificity }}</td><td>{{ e.status }}{% if e.code %} ({{ e.code }}){% endif %}</td><td>{{ e.rationale or '—' }}</td>
<td>{% if e.delivered %}{{ e.delivered.level }} (turn {{ e.delivered.turn }}){% else %}no{% endif %}</td>
<td>{{ 'decoy' if e.decoy else e.plot }}</td></tr>{% endfor %}</table>
{% else %}<p class="empty">No item triggered the duty.</p>{% endif %}
{% else %}<p class="empty">No service in this scenario is bound by a duty to warn.</p>{% endfor %}

<h2 id="trust">5. Trust over time</h2>
{% for s in d.trust %}<h4>{{ s.label | capitalize }} (row trusts column)</h4>
<table><tr><th></th>{% for b in s.matrix %}<th class="num">{{ b | role }}</th>{% endfor %}</tr>
{% for a, row in s.matrix.items() %}<tr><th>{{ a | role }}</th>{% for b in s.matrix %}<td class="num">{{ '·' if a == b else row.get(b, '—') }}</td>{% endfor %}</tr>{% endfor %}
</table>{% endfor %}
{% if d.trust_changes %}<table><tr><th class="num">Event</th><th class="num">Turn</th><th>Truster</th><th>Trusted</th>
<th class="num">Change</th><th class="num">Now</th><th>Why</th></tr>
{% for t in d.trust_changes %}<tr><td class="num">{{ t.seq }}</td><td class="num">{{ t.turn }}</td><td>{{ t.truster | role }}</td>
<td>{{ t.trusted | role }}</td><td class="num">{{ t.delta | signed }}</td><td class="num">{{ t.value }}</td><td>{{ t.reason }}</td></tr>{% endfor %}
</table>{% endif %}

<h2 id="resources">6. Political capital and budget</h2>
<table><tr><th>Turn</th><th>Seat</th><th class="num">PC at end</th><th class="num">SB budget</th><th class="num">SB spent</th></tr>
{% for r in d.resources %}<tr><td>{{ r.turn or 'start' }}</td><td>{{ r.role | role }}</td><td class="num">{{ r.pc }}</td>
<td class="num">{{ r.sb_budget or '—' }}</td><td class="num">{{ r.sb_spent or '—' }}</td></tr>{% endfor %}
</table>
{% if d.pc_changes %}<table><tr><th class="num">Event</th><th class="num">Turn</th><th>Seat</th><th class="num">PC</th><th>Why</th></tr>
{% for c in d.pc_changes %}<tr><td class="num">{{ c.seq }}</td><td class="num">{{ c.turn }}</td><td>{{ c.role | role }}</td>
<td class="num">{{ c.delta | signed }}</td><td>{{ c.reason }}</td></tr>{% endfor %}</table>{% endif %}

<h2 id="burns">7. Burned sources</h2>
{% set burned = d.burns | selectattr('burned') | list %}
{% if burned %}<table><tr><th class="num">Event</th><th class="num">Turn</th><th>Source of</th><th>Region</th><th>Dark until</th>
<th>Item</th><th>Acted on by</th><th>Roll ≤ threshold</th></tr>
{% for b in burned %}<tr><td class="num">{{ b.seq }}</td><td class="num">{{ b.turn }}</td><td>{{ b.originator | role }}</td>
<td>{{ b.region | label }}</td><td>turn {{ b.until }}</td><td>#{{ b.item }}</td><td>{{ b.actor | role }}</td>
<td>{{ b.roll }} ≤ {{ b.threshold }}</td></tr>{% endfor %}</table>
{% else %}<p class="empty">No source was burned.</p>{% endif %}

<h2 id="scores">8. Scores</h2>
{% if d.scores %}{% set parts = (d.scores.values() | first).keys() | reject('equalto', 'total') | list %}
<table><tr><th>Seat</th>{% for p in parts %}<th class="num">{{ p | label }}</th>{% endfor %}<th class="num">Total</th></tr>
{% for r, s in d.scores.items() %}<tr><td>{{ r | role }}</td>{% for p in parts %}<td class="num">{{ s.get(p, 0) }}</td>{% endfor %}
<td class="num"><strong>{{ s.total }}</strong></td></tr>{% endfor %}</table>
{% else %}<p class="empty">The game has not ended: no final scores yet.</p>{% endif %}

<h2 id="questions">9. Discussion questions</h2>
{% if d.questions %}<ol>{% for q in d.questions %}<li>{{ q }}</li>{% endfor %}</ol>
{% else %}<p class="empty">(none in the scenario)</p>{% endif %}

<h2 id="aar">10. After-action review</h2>
<p class="meta">Pre-filled from the log in the spirit of HSEEP; the facilitator completes it with the
players. Numbers in brackets are event numbers in the timeline.</p>
<h3>Strengths</h3>
<ul class="obs">{% for o in d.after_action.strengths %}<li>{{ o.text }}{% if o.evidence %} [{{ o.evidence | join(', ') }}]{% endif %}</li>
{% else %}<li class="empty">(none observed)</li>{% endfor %}</ul>
<h3>Areas for improvement</h3>
<ul class="obs">{% for o in d.after_action.improvements %}<li>{{ o.text }}{% if o.evidence %} [{{ o.evidence | join(', ') }}]{% endif %}
<br><span class="rec">Recommendation: {{ o.recommendation }}</span></li>
{% else %}<li class="empty">(none observed)</li>{% endfor %}</ul>
<h3>Improvement plan</h3>
<table><tr><th>Issue</th><th>Corrective action</th><th>Capability</th><th>Responsible</th><th>Due</th></tr>
{% for c in d.after_action.corrective_actions %}<tr><td>{{ c.issue }}</td><td>{{ c.action }}</td><td>{{ c.capability }}</td>
<td>{{ c.responsible }}</td><td>{{ c.due }}</td></tr>{% else %}<tr><td colspan="5">&nbsp;</td></tr>{% endfor %}
</table>
<h3>Facilitator's notes</h3>
<div class="fill">{{ d.after_action.facilitator_notes }}</div>

<h2 id="timeline">Appendix: timeline</h2>
<table><tr><th class="num">#</th><th class="num">Turn</th><th>Phase</th><th>Event</th><th>Seen by</th></tr>
{% for r in d.timeline %}<tr><td class="num">{{ r.seq }}</td><td class="num">{{ r.turn }}</td><td>{{ r.phase | label }}</td>
<td>{{ r.text }}</td><td>{{ r.visibility }}</td></tr>{% endfor %}
</table>
</body>
</html>
"""
