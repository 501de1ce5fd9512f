"""The disclosure gate over a national table: 153 LAs, 18 indicators.

Builds a national quarter (synthetic returns for every English LA, fixed seed), benchmarks it,
then times the gate on exports naming one LA with the other 152 concealed: the default
distribution design (its half counts are 152 anonymous entries per table), the halves design
(152 concealed rows in each of the 19 tables) and the naive design. For each, the public-data
intruder solves 19 assignment problems of 152 × 152, and the collecting recipient's worst set of
6 known LAs is chosen greedily (8 candidates tried per step). The export is made as tartan
makes it (tartan.disclosure.release.gated_export): when only quartiles that pin an authority
fail, they are withheld and the gate judges a second time, so "gate" below is both judgements.

    .venv/bin/python benchmarks/disclosure_gate.py
"""

from __future__ import annotations

import time

from tartan.benchmark.table import quarterly_benchmark, shipped_reference
from tartan.demo.synthetic import synthetic_returns
from tartan.disclosure.knowledge import published_knowledge
from tartan.disclosure.release import gated_export
from tartan.observations import observation_frame
from tartan.periods import Period

LAST = Period.parse("2024-25 Q4")


def main() -> None:
    ref = shipped_reference()
    codes = [la.code for la in ref.register.current()]
    made = synthetic_returns(codes, LAST, 4)
    observations = observation_frame(
        (r.la_code, r.period.label, item, float(value), None, "synthetic", False)
        for r in made
        for item, value in r.figures.items()
    )
    table = quarterly_benchmark(observations, ref, periods=[LAST])
    print(
        f"national table: {table['la_code'].n_unique()} LAs, {table['indicator'].n_unique()} indicators, {table.height:,} rows"
    )
    start = time.perf_counter()
    knowledge = published_knowledge(LAST, codes)
    print(
        f"intruder's knowledge (published figures, bands, populations): {time.perf_counter() - start:.2f} s"
    )
    for design in ("distribution", "halves", "naive"):
        start = time.perf_counter()
        export, _, decision = gated_export(
            table, "845", LAST.label, codes, "Ofsted", design, "", knowledge
        )
        took = time.perf_counter() - start
        withheld = sum(1 for cell in export.cells if cell.text == "withheld")
        print(
            f"{design:>12}: {len(export.cells):,} cells, {len(export.rows()):,} concealed rows, "
            f"{withheld} quartiles withheld; build and gate {took:.2f} s; "
            f"{'allowed' if decision.allowed else 'refused'}; "
            + ", ".join(
                f"{name} intruder {score['share']:.3f} of {score['entries']} (limit {score['allowed']:.3f})"
                for name, score in decision.scores["intruders"].items()
            )
        )
    print("target: build and gate under 2 s")


if __name__ == "__main__":
    main()
