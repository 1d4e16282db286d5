"""Balance simulation: thousands of computer-played games of a scenario, and what they show.

    wargame simulate tutorial --games 1000 --sweep --jobs 2

`play` plays one game cheaply and flattens it into a row; `profiles` chooses which policy plays
which seat; `pool` plays a batch over processes, reproducibly; `analysis`, `dominance` and
`sensitivity` turn rows into findings; `summary`, `report`, `render`, `charts` and `output` write
results.csv, summary.json, report.md and report.html. See docs/balance.md.
"""
