"""Benchmark of the slate optimizer against CBC (PuLP) and HiGHS (highspy) on the identical model.

Run: ``python bench/optimizer.py`` (all sizes) or ``python bench/optimizer.py --sizes 1000 5000``.

For each seeded instance (Leadership Panel shape, 10 seats; larger body, 40
seats) it times ``optimizer.solve`` in this process (OR-Tools loaded, as the
web app and the queue workers run it) for the proven-optimal first slate, and
for 5 slates differing by 2 seats with replacement costs and rule prices
(``explain``); then it exports the same 0/1 model over the whole pool (seat
count, hard rule parts, soft rule parts with violation variables, objective =
scores - penalties) and solves it with CBC and HiGHS in a subprocess: OR-Tools
and highspy cannot be imported in one process. The optimizer's time includes
its presolve and model building; a MIP solver's time is its solve call only
(not building its model). First slates and MIP solves are the best of 7 runs,
the explained runs and the robustness analysis (200 resamples of a
500-nominee shortlist, score_sd 5) the best of 3; "spread" is (slowest -
fastest) / fastest over those runs. All must agree on the optimal score.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIP_TIME_LIMIT_S = 300.0


REPEATS = 7  # first slates and MIP solves: the best of this many runs (the machine is shared)
LONG_REPEATS = 3  # explained runs and robustness, each several times longer


def _times(action, repeats: int = REPEATS) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def _best_time(action) -> float:
    return min(_times(action))


def _spread(times: list[float]) -> str:
    return f"{(max(times) - min(times)) / min(times) * 100:.0f}%"


# --- the MIP side (runs in a subprocess that never imports ortools) ------------------------


def _solve_cbc(model: dict) -> dict:
    import pulp

    problem = pulp.LpProblem("slate", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{i}", cat="Binary") for i in range(model["n"])]
    slack = []
    problem += pulp.lpSum(x) == model["seats"]
    for i in model["pinned"]:
        problem += x[i] == 1
    for row in model["hard"]:
        total = pulp.lpSum(x[i] for i in row["members"])
        if row["min"]:
            problem += total >= row["min"]
        if row["max"] is not None:
            problem += total <= row["max"]
    for k, row in enumerate(model["soft"]):
        total = pulp.lpSum(x[i] for i in row["members"])
        if row["min"]:
            below = pulp.LpVariable(f"below{k}", lowBound=0)
            problem += total + below >= row["min"]
            slack.append((below, row["penalty"]))
        if row["max"] is not None:
            above = pulp.LpVariable(f"above{k}", lowBound=0)
            problem += total - above <= row["max"]
            slack.append((above, row["penalty"]))
    problem += pulp.lpSum(s * v for s, v in zip(model["scores"], x)) - pulp.lpSum(p * v for v, p in slack)
    seconds = _best_time(lambda: problem.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=MIP_TIME_LIMIT_S)))  # best of 7
    optimal = pulp.LpStatus[problem.status] == "Optimal" and seconds < MIP_TIME_LIMIT_S
    return {"seconds": seconds, "objective": pulp.value(problem.objective), "optimal": optimal}


def _solve_highs(model: dict) -> dict:
    import highspy
    import numpy as np

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", MIP_TIME_LIMIT_S)
    n = model["n"]
    lower = np.zeros(n)
    lower[model["pinned"]] = 1
    costs = [-s for s in model["scores"]]  # HiGHS minimizes
    rows = [(list(range(n)), [1.0] * n, model["seats"], model["seats"])]
    rows += [(r["members"], [1.0] * len(r["members"]), r["min"] or 0, r["max"] if r["max"] is not None else highspy.kHighsInf)
             for r in model["hard"]]  # fmt: skip
    for row in model["soft"]:
        if row["min"]:
            costs.append(row["penalty"])
            rows.append((row["members"] + [len(costs) - 1], [1.0] * (len(row["members"]) + 1), row["min"], highspy.kHighsInf))
        if row["max"] is not None:
            costs.append(row["penalty"])
            rows.append((row["members"] + [len(costs) - 1], [1.0] * len(row["members"]) + [-1.0], -highspy.kHighsInf, row["max"]))
    columns = len(costs)
    upper = np.concatenate([np.ones(n), np.full(columns - n, highspy.kHighsInf)])
    h.addVars(columns, np.concatenate([lower, np.zeros(columns - n)]), upper)
    h.changeColsCost(columns, np.arange(columns, dtype=np.int32), np.array(costs, dtype=float))
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n))
    for indices, values, low, high in rows:
        h.addRow(low, high, len(indices), np.array(indices, dtype=np.int32), np.array(values))
    seconds = _best_time(lambda: (h.clearSolver(), h.run()))
    optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return {"seconds": seconds, "objective": -h.getInfo().objective_function_value, "optimal": optimal}


def _mip_worker(solver: str) -> None:
    model = json.load(sys.stdin)
    answer = _solve_cbc(model) if solver == "cbc" else _solve_highs(model)
    print(json.dumps(answer))


# --- the optimizer side --------------------------------------------------------------------


def _export(problem) -> dict:
    """The whole-pool 0/1 model in a solver-neutral form (indices into the candidate list)."""
    from optimizer.rules import rule_parts

    index = {c.id: i for i, c in enumerate(problem.candidates)}
    excluded = set(problem.excluded)
    rows = [
        {"members": sorted(index[m] for m in p.members if m not in excluded), "min": p.min, "max": p.max,
         "penalty": p.penalty}
        for p in rule_parts(problem)
    ]  # fmt: skip
    return {
        "n": len(problem.candidates),
        "scores": [c.score for c in problem.candidates],
        "seats": problem.seats,
        "pinned": [index[i] for i in problem.pinned],
        "hard": [r for r in rows if r["penalty"] is None],
        "soft": [r for r in rows if r["penalty"] is not None],
    }


def _run_mip(solver: str, model: dict) -> dict:
    run = subprocess.run([sys.executable, __file__, "--mip", solver], input=json.dumps(model), capture_output=True,
                         text=True, cwd=ROOT, timeout=MIP_TIME_LIMIT_S * 3)  # fmt: skip
    if run.returncode:
        raise RuntimeError(f"{solver} failed: {run.stderr[-2000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])  # highspy >= 1.10 prints a banner first


def _timed_solve(problem, repeats: int = REPEATS):
    from optimizer import solve

    results = []
    times = _times(lambda: results.append(solve(problem)), repeats)
    return times, results[0]


def _robustness_row() -> str:
    from dataclasses import replace

    from optimizer.samples import leadership_panel

    problem = leadership_panel(500, seed=500, explain=False, time_limit_s=MIP_TIME_LIMIT_S, robustness=200)
    problem = problem.with_changes(candidates=tuple(replace(c, score_sd=5.0) for c in problem.candidates))
    times, result = _timed_solve(problem, LONG_REPEATS)
    samples = result.robustness.samples if result.robustness else 0
    return (f"robustness: panel-10, 500 nominees, {samples} resamples: {min(times):.2f} s "
            f"(spread {_spread(times)}; target < 10 s)")


def _instances(sizes: list[int]):
    from optimizer.samples import larger_body, leadership_panel

    for name, make in (("panel-10", leadership_panel), ("body-40", larger_body)):
        for size in sizes:
            yield name, size, make(size, seed=size, explain=False, time_limit_s=MIP_TIME_LIMIT_S)


def _format_mip(answer: dict) -> str:
    return f"{answer['seconds']:.2f}" + ("" if answer["optimal"] else " (limit)")


def main() -> None:
    """Solve every instance with all three solvers and print the table."""
    sys.path.insert(0, str(ROOT))
    from optimizer.presolve import Presolver
    from optimizer.rules import rule_parts
    from optimizer.scoring import scoring_for

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--no-robustness", action="store_true", help="skip the robustness line")
    args = parser.parse_args()
    print(f"machine: {__import__('os').cpu_count()} cores; times in seconds; MIP limit {MIP_TIME_LIMIT_S:.0f} s")
    header = ("instance", "pool", "kept", "1st slate", "spread", "CBC", "HiGHS", "1st/best MIP", "5 explained",
              "spread", "5 explained/1st", "agree")  # fmt: skip
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for name, size, problem in _instances(args.sizes):
        parts = rule_parts(problem)
        kept = len(Presolver(problem, scoring_for(problem, parts)).pool())
        first_times, first = _timed_solve(problem.with_changes(slates=1))
        five_times, five = _timed_solve(problem.with_changes(slates=5, min_difference=2, explain=True), LONG_REPEATS)
        model = _export(problem)
        cbc, highs = _run_mip("cbc", model), _run_mip("highs", model)
        score = first.slates[0].score
        agree = all(abs(a["objective"] - score) < 1e-6 for a in (cbc, highs)) and five.slates[0].score == score
        best_mip = min(a["seconds"] for a in (cbc, highs))
        first_time, five_time = min(first_times), min(five_times)
        row = (name, str(size), str(kept), f"{first_time:.2f}", _spread(first_times), _format_mip(cbc),
               _format_mip(highs), f"{first_time / best_mip:.2f}", f"{five_time:.2f}", _spread(five_times),
               f"{five_time / first_time:.1f}",
               "yes" if agree else f"NO ({score} vs {cbc['objective']}, {highs['objective']})")  # fmt: skip
        print(" | ".join(row), flush=True)
    if not args.no_robustness:
        print(_robustness_row(), flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--mip":
        _mip_worker(sys.argv[2])
    else:
        main()
