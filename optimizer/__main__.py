"""Command line: ``python -m optimizer solve|validate|why-not PROBLEM.json``.

A malformed file or an invalid problem prints one line naming the field and exits 2.
``validate`` exits 1 when the slate breaks a hard rule, 0 otherwise. ``why-not``
prints why a candidate is on no slate (``--json``: the JSON of ``absence_to_json``).
"""

from __future__ import annotations

import argparse
import json
import sys

from .absence import absence_text, absence_to_json, explain_absence
from .problem import Problem
from .result import load_problem, result_to_json, violation_to_json
from .solver import solve
from .validate import validate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m optimizer", description="Propose and check slates.")
    commands = parser.add_subparsers(dest="command", required=True)
    solve_cmd = commands.add_parser("solve", help="print the result JSON of a problem file")
    solve_cmd.add_argument("problem", help="problem JSON file")
    solve_cmd.add_argument("--slates", type=int, help="number of slates (overrides the file)")
    solve_cmd.add_argument("--time-limit", type=float, help="seconds (overrides time_limit_s)")
    solve_cmd.add_argument("--workers", type=int, help="CP-SAT workers (default: the machine's cores)")
    solve_cmd.add_argument("--no-explain", action="store_true", help="skip the replacement costs")
    validate_cmd = commands.add_parser("validate", help="list the rules a slate breaks")
    validate_cmd.add_argument("problem", help="problem JSON file")
    validate_cmd.add_argument("--members", required=True, help="comma-separated candidate ids")
    why_cmd = commands.add_parser("why-not", help="why a candidate is on no slate")
    why_cmd.add_argument("problem", help="problem JSON file")
    why_cmd.add_argument("--candidate", required=True, help="the candidate's id")
    why_cmd.add_argument("--json", action="store_true", help="print JSON instead of sentences")
    return parser


def _overridden(problem: Problem, args: argparse.Namespace) -> Problem:
    changes = {
        "slates": args.slates,
        "time_limit_s": args.time_limit,
        "workers": args.workers,
        "explain": False if args.no_explain else None,
    }
    return problem.with_changes(**{key: value for key, value in changes.items() if value is not None})


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        problem = load_problem(args.problem)
        if args.command == "solve":
            problem = _overridden(problem, args)
        if args.command == "why-not":
            absence = explain_absence(problem, args.candidate)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.command == "why-not":
        print(json.dumps(absence_to_json(absence), indent=2, ensure_ascii=False) if args.json
              else "\n".join(absence_text(problem, absence)))  # fmt: skip
        return 0
    if args.command == "solve":
        print(json.dumps(result_to_json(solve(problem)), indent=2, ensure_ascii=False))
        return 0
    members = [m.strip() for m in args.members.split(",") if m.strip()]
    violations = validate(problem, members)
    report = {"valid": not any(v.hard for v in violations), "violations": [violation_to_json(v) for v in violations]}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if report["valid"] else 1


if __name__ == "__main__":
    sys.exit(main())
