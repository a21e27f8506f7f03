"""Server time and SQL statements of every staff page, the API and the exports at two sizes.

    python bench/web.py [--sizes 500 5000] [--repeat 3] [--only export] [--instance DIR]

Seeds the demo and one closed call per size (`selection demo --scale N`, kept in the
instance folder so a second run starts at once), then requests each page through the test
client, signed in with the role that uses it: best-of-N server time, the statements sent
to the database, the response size, and the growth factor from the smallest to the largest
size. Exports also report the peak Python memory (tracemalloc). "My assignments" lists the
reviewer's work in every call seeded (the scale calls share the demo's reviewers). The balanced reviewer
assignment is timed on the largest call's nominations, three reviewers each, planning only.
A script that prints figures, not a test.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy import event, select  # noqa: E402

from selection import create_app  # noqa: E402
from selection.demo import STAFF, seed, seed_scale_calls  # noqa: E402
from selection.demo.scale import scale_slug  # noqa: E402
from selection.extensions import db  # noqa: E402
from selection.models import Call, Nomination, Role, StakeholderGroup, User  # noqa: E402
from selection.workflow.users import find_user, issue_api_token  # noqa: E402


@dataclass(frozen=True)
class Probe:
    """One request to measure: who makes it, and how (``{slug}`` and ``{nomination}`` filled in)."""

    label: str
    role: str
    method: str
    path: str
    memory: bool = False


PROBES = [
    Probe("review list, filtered, merit, page 2", "secretariat", "GET",
          "/review/calls/{slug}/nominations?status=under_review&sort=merit&order=desc&page=2"),
    Probe("review list, search", "secretariat", "GET", "/review/calls/{slug}/nominations?q=institute"),
    Probe("review dashboard", "secretariat", "GET", "/review/calls/{slug}"),
    Probe("shortlist", "secretariat", "GET", "/review/calls/{slug}/shortlist"),
    Probe("outcome notices", "secretariat", "GET", "/review/calls/{slug}/notices"),
    Probe("one nomination (review page)", "secretariat", "GET", "/review/nominations/{nomination}"),
    Probe("reviewer: my assignments", "reviewer", "GET", "/review/my-assignments"),
    Probe("Secretariat's list", "secretariat", "GET", "/secretariat/calls/{slug}/nominations"),
    Probe("API: list nominations", "api", "GET", "/api/v1/calls/{slug}/nominations"),
    Probe("API: one nomination", "api", "GET", "/api/v1/nominations/{nomination}"),
    Probe("API: a call's reviews", "api", "GET", "/api/v1/calls/{slug}/reviews"),
    Probe("API: the shortlist", "api", "GET", "/api/v1/calls/{slug}/shortlist"),
    Probe("admin: call overview", "admin", "GET", "/admin/calls/{slug}"),
    Probe("admin: deadlines", "admin", "GET", "/admin/calls/{slug}/deadlines"),
    Probe("decision workspace", "decider", "GET", "/decide/calls/{slug}"),
    Probe("hand-made slate editor", "decider", "GET", "/decide/calls/{slug}/decision"),
    Probe("propose slates (the POST)", "decider", "POST", "/decide/calls/{slug}/runs"),
    Probe("export CSV", "secretariat", "GET", "/review/calls/{slug}/export.csv", memory=True),
    Probe("export Excel", "secretariat", "GET", "/review/calls/{slug}/export.xlsx", memory=True),
]


def make_app(instance: str) -> Flask:
    """The app on a SQLite database in ``instance`` (kept between runs)."""
    os.environ["SELECTION_INSTANCE_PATH"] = instance
    # Exports are measured as the request that makes them, not as a job handed to the queue.
    app = create_app({"MAIL_SEND_AFTER_REQUEST": False, "EXPORT_BACKGROUND_OVER": 10**9})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
    return app


def seed_sizes(app: Flask, sizes: list[int]) -> dict[str, str]:
    """Seed the demo and the calls at scale; returns each staff e-mail's password."""
    with app.app_context():
        started = time.perf_counter()
        passwords = {account.email: account.password for account in seed()}
        seed_scale_calls(sizes)
        print(f"seeded in {time.perf_counter() - started:.1f} s")
        return passwords


def signed_in(app: Flask, email: str, password: str) -> FlaskClient:
    """A test client signed in with a staff password."""
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token})
    if response.status_code not in (302, 303):
        raise SystemExit(f"could not sign in as {email}")
    return client


def api_token(app: Flask, email: str) -> str:
    """A fresh bearer token for a staff user."""
    with app.app_context():
        token = issue_api_token(find_user(email), None)
        db.session.commit()
        return token


def first_nomination(app: Flask, slug: str) -> int:
    """The id of a shortlisted-or-not nomination in the middle of the call."""
    with app.app_context():
        ids = db.session.execute(select(Nomination.id).join(Call).where(Call.slug == slug)
                                 .order_by(Nomination.id)).scalars().all()
        return ids[len(ids) // 2]


def measure(app: Flask, request: Callable[[], object], repeat: int, memory: bool) -> tuple[float, int, int, float]:
    """Best server time in ms, statements of one request, bytes answered, peak MB (if asked)."""
    statements: list[int] = []
    listener = lambda *args: statements.append(1)  # noqa: E731
    best, size, peak = float("inf"), 0, 0.0
    with app.app_context():
        engine = db.engine
    # Memory is traced on one extra, untimed attempt: tracing slows Python down severalfold.
    for attempt in range(repeat + (1 if memory else 0)):
        traced = memory and attempt == repeat
        statements.clear()
        event.listen(engine, "before_cursor_execute", listener)
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        response = request()
        body = response.get_data() if hasattr(response, "get_data") else b""  # a streamed body is read here
        elapsed = (time.perf_counter() - started) * 1000
        if traced:
            peak = max(peak, tracemalloc.get_traced_memory()[1] / 2**20)
            tracemalloc.stop()
        event.remove(engine, "before_cursor_execute", listener)
        status = getattr(response, "status_code", 200)
        if status >= 400:
            raise SystemExit(f"{status} from the request being measured")
        size = len(body)
        if not traced:
            best = min(best, elapsed)
    return best, len(statements), size, peak


def run(sizes: list[int], repeat: int, instance: str, only: str = "") -> None:
    """Seed, measure every probe (or those whose label contains ``only``) at every size, and
    print the table."""
    app = make_app(instance)
    passwords = seed_sizes(app, sizes)
    emails = {"admin": STAFF[0][0], "secretariat": STAFF[1][0], "reviewer": STAFF[2][0], "decider": STAFF[4][0]}
    clients = {role: signed_in(app, email, passwords[email]) for role, email in emails.items()}
    token = api_token(app, emails["secretariat"])
    results: dict[str, list[tuple[float, int, int, float]]] = {}
    for probe in [p for p in PROBES if only.lower() in p.label.lower()]:
        for size in sizes:
            slug = scale_slug(size)
            path = probe.path.format(slug=slug, nomination=first_nomination(app, slug))
            if probe.role == "api":
                client = app.test_client()
                call = lambda: client.get(path, headers={"Authorization": f"Bearer {token}"})  # noqa: E731
            elif probe.method == "POST":
                call = proposal(clients[probe.role], path, slug)
            else:
                client = clients[probe.role]
                call = lambda: client.get(path)  # noqa: E731
            results.setdefault(probe.label, []).append(measure(app, call, repeat, probe.memory))
            ms, sql, size_bytes, peak = results[probe.label][-1]
            print(f"  {probe.label} at {size:,}: {ms:,.0f} ms, {sql} statements, {size_bytes:,} bytes"
                  + (f", peak {peak:.1f} MB" if probe.memory else ""), flush=True)
    results["balanced assignment, 3 each (plan)"] = [time_assignment(app, size) for size in sizes]
    print_table(sizes, results)


def proposal(client: FlaskClient, path: str, slug: str) -> Callable[[], object]:
    """The POST that proposes slates, measured alone: the solve is not handed to the job queue."""
    from selection.services import jobs

    jobs.dispatch = lambda run_id: None
    page = client.get(f"/decide/calls/{slug}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return lambda: client.post(path, data={"csrf_token": token, "slates": 2, "min_difference": 1, "time_limit_s": 5})


def time_assignment(app: Flask, size: int) -> tuple[float, int, int, float]:
    """Plan a balanced assignment of every nomination of the call to three of the reviewers."""
    from selection.workflow.assignment import balanced_assignment

    with app.app_context():
        rows = db.session.execute(select(Nomination.id, StakeholderGroup.name).select_from(Nomination)
                                  .join(Call, Call.id == Nomination.call_id)
                                  .join(StakeholderGroup, StakeholderGroup.id == Nomination.group_id)
                                  .where(Call.slug == scale_slug(size))).all()
        reviewers = [u.id for u in db.session.execute(select(User)).scalars() if u.has_role(Role.REVIEWER)]
    nominations, area = [n for n, _group in rows], dict(rows)
    started = time.perf_counter()
    plan = balanced_assignment(nominations, reviewers, 3, area=area)  # as the review dashboard plans it
    elapsed = (time.perf_counter() - started) * 1000
    print(f"assignment at {size:,}: {len(nominations):,} nominations x 3 over {len(reviewers)} reviewers, "
          f"{len(plan.pairs):,} pairs, cap {plan.cap}, {elapsed:,.0f} ms" + (f"; {plan.problems[0]}" if plan.problems else ""))
    return elapsed, 0, len(plan.pairs), 0.0


def print_table(sizes: list[int], results: dict[str, list[tuple[float, int, int, float]]]) -> None:
    """One row per page: ms / statements at each size, the growth factors, memory for exports."""
    head = " | ".join(f"{size:,}: ms / SQL" for size in sizes)
    print(f"| page | {head} | growth ms | growth SQL | peak MB |")
    print("| --- | " + " | ".join("---" for _ in sizes) + " | --- | --- | --- |")
    for label, rows in results.items():
        cells = " | ".join(f"{ms:,.0f} / {sql}" for ms, sql, _size, _mem in rows)
        growth_ms = rows[-1][0] / rows[0][0] if rows[0][0] else float("nan")
        growth_sql = rows[-1][1] / rows[0][1] if rows[0][1] else 1.0
        memory = " / ".join(f"{mem:.0f}" for *_rest, mem in rows) if any(r[3] for r in rows) else ""
        print(f"| {label} | {cells} | x{growth_ms:.1f} | x{growth_sql:.1f} | {memory} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="measure only the pages whose label contains this "
                        "(e.g. export); the assignment is always planned")
    parser.add_argument("--instance", default=os.path.join(tempfile.gettempdir(), "selection-bench-web"))
    args = parser.parse_args()
    run(sorted(args.sizes), args.repeat, args.instance, args.only)


if __name__ == "__main__":
    main()
