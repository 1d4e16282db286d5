"""The balance report as a document, built from summary.json's dictionary alone."""

from __future__ import annotations

from typing import Any

from game.simulate.render import Document

MEASURE_WORDS = {"score": "score", "pc": "PC", "casualties": "casualties", "burned": "burned"}


def num(x: float | None, digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def signed(x: float, digits: int = 2) -> str:
    return f"{x:+.{digits}f}"


def est_abs(e: dict[str, float], digits: int = 2) -> str:
    """`+0.40 [+0.10, +0.70]`"""
    return f"{signed(e['mean'], digits)} [{signed(e['lo'], digits)}, {signed(e['hi'], digits)}]"


def est_rel(e: dict[str, float]) -> str:
    """`-38% [-45%, -30%]`"""
    return f"{e['mean'] * 100:+.0f}% [{e['lo'] * 100:+.0f}%, {e['hi'] * 100:+.0f}%]"


def change(m: dict[str, Any], relative: bool) -> str:
    """A relative change when asked and defined (baseline mean not 0), else an absolute one."""
    if relative and m["rel"] is not None:
        return est_rel(m["rel"])
    return est_abs(m["abs"])


def measure_name(column: str) -> str:
    who, _, what = column.partition(".")
    return f"{MEASURE_WORDS.get(what, what)} ({who})" if who != "total" else f"total {what}"


def build(s: dict[str, Any], engine_profile: str | None = None) -> Document:
    doc = Document(f"Balance report: {s['title']}")
    _header(doc, s)
    _profiles(doc, s)
    if s["effects"]:
        _effects(doc, s)
    if s["dominance"]:
        _dominance(doc, s)
    if s["sensitivity"]:
        _sensitivity(doc, s)
    _method(doc, s)
    if engine_profile:
        doc.add("Where the engine spends its time").para(
            "cProfile of games played in one process, top entries by internal time:").para(
            "```\n" + engine_profile.rstrip() + "\n```")
    return doc


def _header(doc: Document, s: dict[str, Any]) -> None:
    sweep, t = s["sweep"], s["timing"]
    how = "a single profile"
    if sweep["enabled"]:
        how = (f"every combination of {', '.join(s['policies'])} over {', '.join(s['swept_seats'])}"
               f" ({sweep['profiles']} profiles)" if sweep["full"] else
               f"a star-design subset of {sweep['profiles']} of the {sweep['combinations']} "
               f"combinations over {', '.join(s['swept_seats'])} (at most "
               f"{sweep['max_profiles']} profiles: uniform and random base profiles with all their "
               f"one-seat deviations)")
    rate = t["games_per_second"]
    code = f", code `{s['code']}`" if s.get("code") else ""
    doc.add("Run").para(f"Scenario `{s['scenario']}`, {s['date']}{code}. Command: `{s['command']}`").para(
        f"{s['games']} games per profile, seed {s['seed']}; profiles: {how}. Seats not swept "
        f"play the baseline: `{s['baseline']}`.").para(
        f"{t['games']} games in {t['seconds']:.1f} s on {t['jobs']} process(es): "
        f"{num(rate, 0)} games/s ({num(t['games_per_cpu_second'], 0)} per CPU-second)."
    ).para(f"**Verdict.** {s['verdict']}")
    caveat = refusal_caveat(s)
    if caveat:
        doc.sections[-1].para(caveat)


def refusal_caveat(s: dict[str, Any]) -> str | None:
    """Say so when computer players' orders were refused: the seat then skipped the phase."""
    worst = max(s["profiles"], key=lambda p: p["stats"]["total.refused"]["mean"])
    if worst["stats"]["total.refused"]["mean"] == 0:
        return None
    seats = sorted({r for p in s["profiles"] for r in s["roles"]
                    if p["stats"][f"{r}.refused"]["mean"] > 0})
    hit = sum(1 for p in s["profiles"] if p["stats"]["total.refused"]["mean"] > 0)
    return (f"**Caveat.** The engine refused some computer players' orders ({', '.join(seats)}; "
            f"in {hit} of {len(s['profiles'])} profiles; at worst "
            f"{worst['stats']['total.refused']['mean']:.2f} refused orders per game, with "
            f"`{worst['short']}`). The runner replaces a refused order by 'done', so the seat does "
            f"nothing that phase: findings about these seats partly measure that, not the policy. "
            f"The `refused` columns of results.csv count them.")


def _profiles(doc: Document, s: dict[str, Any]) -> None:
    rows, seat_rows = [], []
    for p in s["profiles"]:
        st = p["stats"]
        cas = st["total.casualties"]
        rows.append([p["short"], num(cas["mean"]), num(cas["p5"], 1), num(cas["p95"], 1),
                     *(num(st[f"total.{k}"]["mean"]) for k in
                       ("foiled", "disrupted", "carried_out", "unresolved", "burned", "trust",
                        "refused"))])
        seat_rows.append([p["short"], *(
            f"{num(st[f'{r}.score']['mean'], 1)} / {num(st[f'{r}.pc']['mean'], 1)} / "
            f"{num(st[f'{r}.casualties']['mean'])} / {num(st[f'{r}.burned']['mean'])}"
            for r in s["roles"])])
    sec = doc.add("Outcomes per policy profile")
    sec.chart = "casualties"
    sec.para("Means per game; casualties (casualty weight, as scored) with their 5th and 95th "
             "percentiles. Trust is the mean of the whole trust matrix at the end.")
    sec.table(["profile", "casualties", "p5", "p95", "foiled", "disrupted", "carried out",
               "unresolved", "sources burned", "trust", "orders refused"], rows)
    sec.table(["profile", *(f"{r}: score / PC / casualties / burned" for r in s["roles"])],
              seat_rows, "Per seat, means per game")


def _effects(doc: Document, s: dict[str, Any]) -> None:
    sec = doc.add("Effect of each seat's policy")
    sec.chart = "effects"
    sec.para("Playing the second policy instead of the first at one seat, everything else equal: "
             "averaged over every profile of the other seats that played both, paired on the same "
             "seeds; 95% intervals by the normal approximation over seeds (relative changes by the "
             "delta method). Casualties are relative changes where the first policy's mean is "
             "clearly above zero (its standard error at most a quarter of it), otherwise absolute "
             "changes in casualty weight.")
    for seat in s["swept_seats"]:
        mine = [e for e in s["effects"] if e["seat"] == seat]
        if not mine:
            continue
        sub = doc.add(f"{seat}", level=3)
        columns = list(mine[0]["measures"])
        sub.table(["instead of → play", *map(measure_name, columns)], [
            [f"`{e['baseline']}` → `{e['alternative']}`",
             *(change(e["measures"][c], c.endswith("casualties")) for c in columns)]
            for e in mine])
        for e in mine:
            sub.para(effect_sentence(e))


def effect_sentence(e: dict[str, Any]) -> str:
    """`aurelia `duty` instead of `hawk`: -38% casualties in borovia [...], PC -1.20 [...]`."""
    m, seat = e["measures"], e["seat"]
    places = [c for c in m if c.endswith(".casualties") and not c.startswith("total.")]
    biggest = max(places, key=lambda c: abs(m[c]["abs"]["mean"]))
    where = biggest.split(".")[0]
    return (f"{seat} `{e['alternative']}` instead of `{e['baseline']}`: "
            f"{change(m[biggest], True)} casualties in {where}, "
            f"{change(m['total.casualties'], True)} total casualties, "
            f"PC {est_abs(m[f'{seat}.pc']['abs'])}, score {est_abs(m[f'{seat}.score']['abs'])}.")


def _dominance(doc: Document, s: dict[str, Any]) -> None:
    sec = doc.add("Dominance: is any policy best on every measure at once?")
    sec.para("Measures: the seat's score (higher is better), its casualties (lower), its PC "
             "(higher) and total casualties (lower). A policy is *dominant* for a seat if, in "
             "every context (each choice of the other seats' policies), on every measure, it is "
             "never significantly worse than any other policy, and it is significantly better "
             "than each other policy somewhere. Comparisons are paired on seeds with 95% "
             "normal-approximation intervals, Bonferroni-corrected over all comparisons made for "
             "the seat; a difference whose interval includes zero is a tie. Because corrected "
             "per-context tests can miss a moderate loss, a policy must also lose nothing on "
             "average over the contexts at the uncorrected 95% level; if it does, the seat is "
             "'probably a dilemma'. The check on means averaged over the other seats "
             "(corrected) is shown as a second opinion.")
    sec.para(f"**{s['verdict']}**")
    rows = []
    for d in s["dominance"]:
        avg = d["on_average"]
        rows.append([d["seat"], str(d["contexts"]), d["dominant"] or "none",
                     ", ".join(d["never_worse"]) or "–",
                     "; ".join(f"{p} > {', '.join(q)}" for p, q in d["dominates"].items() if q)
                     or "–", avg["dominant"] or "none"])
    sec.table(["seat", "contexts", "dominant", "never worse", "dominates", "dominant on average"],
              rows)
    for d in s["dominance"]:
        sec.para(d["sentence"])
        for p, loss in d["losses"].items():
            sec.para(f"`{p}` loses to `{loss['other']}` on {measure_name(loss['measure'])} by "
                     f"{abs(loss['by']):.2f} when {loss['context']}.")
        for p, loss in d["unresolved"].items():
            sec.para(f"`{p}` loses to `{loss['other']}` on {measure_name(loss['measure'])} by "
                     f"{abs(loss['by']):.2f} on average over the other seats' policies "
                     f"(uncorrected 95% interval), though in no single context clearly.")
    best = [[seat, measure_name(col), b["best"] if b["best"] == "all equal" else f"`{b['best']}`",
             ", ".join(f"{p} {num(v)}" for p, v in b["means"].items())]
            for seat, by in s["best_on_average"].items() for col, b in by.items()]
    sec.table(["seat", "measure", "best on average", "means by policy"], best,
              "Best policy per measure, averaged over the other seats' policies")


def _sensitivity(doc: Document, s: dict[str, Any]) -> None:
    sens = s["sensitivity"]
    sec = doc.add("Sensitivity to the main tunables")
    sec.chart = "sensitivity"
    sec.para(f"Profile `{sens['profile']}`, {sens['games']} games per variant on the same seeds; "
             "each tunable moved one step down (−) and up (+) with everything else as written. "
             "Change in mean total casualties with a 95% interval (delta method, paired).")
    rows = []
    for r in sens["rows"]:
        down, up, base = r.get("down"), r.get("up"), r["base"]
        rows.append([r["tunable"],
                     f"{_v(down)} / {_v(base)} / {_v(up)}",
                     f"{_c(down)} / {num(base['casualties'])} / {_c(up)}",
                     _rel(down), _rel(up),
                     f"{_f(down, 'foiled')} / {num(base['foiled'])} / {_f(up, 'foiled')}",
                     f"{_f(down, 'pc')} / {num(base['pc'])} / {_f(up, 'pc')}"])
    sec.table(["tunable", "value − / base / +", "casualties − / base / +", "Δ casualties at −",
               "Δ casualties at +", "foiled − / base / +", "mean PC − / base / +"], rows)


def _v(side: dict[str, Any] | None) -> str:
    return "–" if side is None or side["value"] is None else f"{side['value']:g}"


def _c(side: dict[str, Any] | None) -> str:
    return "–" if side is None else num(side["casualties"])


def _f(side: dict[str, Any] | None, key: str) -> str:
    return "–" if side is None else num(side[key])


def _rel(side: dict[str, Any] | None) -> str:
    if side is None:
        return "–"
    if side["casualties_rel"] is not None:
        return est_rel(side["casualties_rel"])
    return est_abs(side["casualties_change"])


def _method(doc: Document, s: dict[str, Any]) -> None:
    doc.add("Method").para(
        "Every profile plays the same seeds: game i is seeded from the run's seed and i alone, "
        "so results do not depend on the number of processes, and two profiles are compared game "
        "by game (common random numbers). `results.csv` has one row per game; every number here "
        "is recomputed from it into `summary.json`. Any game can be replayed with "
        "`wargame demo --seed SEED --policy ROLE=POLICY ...`.").para(
        f"Intervals: {s['method']['intervals']}.")
