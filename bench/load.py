"""Durability and latency under load: gunicorn on loopback, 50 concurrent nominees doing the real flow.

    python bench/load.py [--users 50] [--seconds 30] [--workers 4] [--pg postgresql+psycopg://...]

Each simulated nominee asks for a sign-in link, reads it from the outbox (in the database, as
the mail sender would), uses it, saves a draft, then uploads a CV and submits. Each run goes
twice: undisturbed, then with the server killed by SIGKILL in the middle and restarted (clients
retry a step whose connection failed). At the end the database is compared with what the server
accepted: lost (accepted, not submitted in the database) and duplicates (one nominee, several
nominations). It prints accepted, in the database, lost, duplicates, the whole flow's p50/p95/p99
and the same server's rate on a bare endpoint. SQLite runs in WAL mode; ``--pg URL`` adds a run
on that (empty) PostgreSQL database. A script that prints figures, not a test.
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selection import create_app  # noqa: E402
from selection.demo import leadership_panel_call, minimal_pdf  # noqa: E402
from selection.extensions import db  # noqa: E402
from selection.models import Nomination, NominationStatus, Nominee, OutboxMessage, utcnow  # noqa: E402

SLUG = "lp-load"
PDF = minimal_pdf(["A CV under load"])
LINK = re.compile(r"https?://[^/\s]+(/my/sign-in/\S+)")
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
CREATION_TOKEN = re.compile(r'name="creation_token"[^>]*value="([^"]+)"')  # the new form's one-time token
RETRY_FOR_S = 60.0
# Generous limits: the point is durability and speed, not the abuse limits (one client address).
LIMITS = {"SIGN_IN_LINK_REQUESTS_PER_CLIENT": "100000 per hour", "SIGN_IN_LINK_REQUESTS_PER_ADDRESS": "100 per hour",
          "MAIL_SEND_AFTER_REQUEST": "false", "RATELIMIT_ENABLED": "false",
          "SESSION_COOKIE_SECURE": "false"}  # plain HTTP on loopback, as `selection demo` serves


def form_fields(name: str, email: str) -> dict[str, str]:
    """A complete self-nomination."""
    return {"nomination_kind": "self", "name": name, "title": "Minister of Digital Affairs",
            "organization": "Ministry of Digital Affairs", "position_level": "minister",
            "eligibility_declared": "y", "email": email, "nationality": "ZA", "residence": "ZA", "gender": "woman",
            "biography": "A biography written under load.", "motivation": "A motivation written under load.",
            "availability_confirmed": "y", "languages": "English", "links": "", "data_consent": "y",
            "no_remuneration_declared": "y"}


@dataclass
class Tally:
    """What the clients saw."""

    accepted: dict[str, int] = field(default_factory=dict)  # e-mail -> nomination id
    flows: list[float] = field(default_factory=list)  # seconds per whole flow
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Server:
    """gunicorn serving the app on a free loopback port, in its own process group."""

    def __init__(self, env: dict[str, str], workers: int, log: Path) -> None:
        self.env, self.workers = env, workers
        self.log = log.open("ab")  # gunicorn's output: a file, so no pipe outlives this script
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start and wait until it answers."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
             "--worker-class", "gthread", "--threads", "4", "--timeout", "60", "--log-level", "warning",
             "selection:create_app()"],
            env=self.env, cwd=ROOT, start_new_session=True, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/favicon.ico", timeout=10).status_code == 200:
                    return
            except requests.RequestException:  # not listening yet, or the workers still booting
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once: no graceful anything."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        """Stop it properly."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def prepare(env: dict[str, str], uri: str) -> None:
    """Upgrade the schema and open the call."""
    os.environ.update(env)
    app = create_app()
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        if uri.startswith("sqlite:"):
            with db.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=WAL")
        leadership_panel_call(SLUG, utcnow())
        db.session.commit()
        db.engine.dispose()


def link_for(email: str, uri: str) -> str | None:
    """The path of the latest sign-in link mailed to ``email``, read from the outbox."""
    app = _reader(uri)
    with app.app_context():
        from sqlalchemy import select

        message = db.session.execute(select(OutboxMessage).where(OutboxMessage.recipient == email)
                                     .order_by(OutboxMessage.id.desc())).scalars().first()
        db.session.remove()
    match = LINK.search(message.body_text) if message else None
    return match.group(1) if match else None


_READERS: dict[str, object] = {}
_READERS_LOCK = threading.Lock()  # 50 threads building the app at once trip CPython 3.11's compiler


def _reader(uri: str):
    with _READERS_LOCK:
        if uri not in _READERS:
            _READERS[uri] = create_app({"SQLALCHEMY_DATABASE_URI": uri})
        return _READERS[uri]


def retrying(step):
    """Run one HTTP step, retrying while the server is down (killed and restarting)."""
    deadline = time.monotonic() + RETRY_FOR_S
    while True:
        try:
            return step()
        except (requests.ConnectionError, requests.Timeout):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def token_of(response: requests.Response) -> str:
    match = CSRF.search(response.text)
    if not match:
        raise RuntimeError(f"no CSRF token at {response.url} ({response.status_code})")
    return match.group(1)


def one_flow(base: str, uri: str, email: str, tally: Tally) -> None:
    """A nominee's whole flow, from asking for a link to the submitted nomination."""
    started = time.monotonic()
    web = requests.Session()
    page = retrying(lambda: web.get(base + "/my/sign-in", timeout=30))
    retrying(lambda: web.post(base + "/my/sign-in", data={"email": email, "csrf_token": token_of(page)}, timeout=30))
    path = None
    for _ in range(50):
        path = link_for(email, uri)
        if path:
            break
        time.sleep(0.1)
    if path is None:
        raise RuntimeError(f"no sign-in link for {email}")
    confirm = retrying(lambda: web.get(base + path, timeout=30))
    retrying(lambda: web.post(base + path, data={"csrf_token": token_of(confirm)}, timeout=30))
    form_url = f"{base}/calls/{SLUG}/nominate/government"
    form = retrying(lambda: web.get(form_url, timeout=30))
    fields = form_fields(email.split("@")[0], email)
    once = CREATION_TOKEN.search(form.text)  # sent like every hidden field, as a browser does
    draft = retrying(lambda: web.post(form_url, data={**fields, "save_draft": "x", "csrf_token": token_of(form),
                                                      "creation_token": once.group(1) if once else ""},
                                      allow_redirects=False, timeout=30))
    match = re.search(r"/nominations/(\d+)", draft.headers.get("Location", ""))
    if draft.status_code != 302 or not match:
        raise RuntimeError(f"draft refused: {draft.status_code} {draft.headers.get('Location', '')}")
    nomination_id = int(match.group(1))
    edit_url = f"{base}/nominations/{nomination_id}/edit"
    edit = retrying(lambda: web.get(edit_url, timeout=30))
    submitted = retrying(lambda: web.post(
        edit_url, data={**fields, "submit_nomination": "x", "csrf_token": token_of(edit)},
        files={"cv": ("cv.pdf", PDF, "application/pdf")}, allow_redirects=False, timeout=30))
    if submitted.status_code != 302:
        raise RuntimeError(f"submission refused: {submitted.status_code}")
    with tally.lock:
        tally.accepted[email] = nomination_id
        tally.flows.append(time.monotonic() - started)


def submitter(base: str, uri: str, index: int, until: float, tally: Tally, run: str) -> None:
    """Keep doing flows, each with a new nominee, until the time is up."""
    count = 0
    while time.monotonic() < until:
        email = f"load-{run}-{index:03d}-{count:04d}@nominees.example.net"
        count += 1
        try:
            one_flow(base, uri, email, tally)
        except Exception as error:  # noqa: BLE001  (a failed flow is counted, the load goes on)
            with tally.lock:
                tally.failures.append(f"{email}: {error}")


def bare_rate(base: str, users: int, seconds: float = 5.0) -> float:
    """Requests per second on /favicon.ico with ``users`` concurrent clients."""
    done = [0]
    lock = threading.Lock()
    until = time.monotonic() + seconds

    def hammer() -> None:
        web = requests.Session()
        while time.monotonic() < until:
            web.get(base + "/favicon.ico", timeout=30)
            with lock:
                done[0] += 1

    with ThreadPoolExecutor(users) as pool:
        list(pool.map(lambda _i: hammer(), range(users)))
    return done[0] / seconds


def in_database(uri: str, run: str) -> tuple[set[str], int]:
    """Nominees of this run with a submitted nomination, and how many nominees have several."""
    app = _reader(uri)
    with app.app_context():
        from sqlalchemy import func, select

        rows = db.session.execute(
            select(Nominee.email, func.count(Nomination.id), func.sum(
                (Nomination.status == NominationStatus.SUBMITTED).cast(db.Integer)))
            .join(Nomination, Nomination.nominee_id == Nominee.id)
            .where(Nominee.email.like(f"load-{run}-%")).group_by(Nominee.email)).all()
        db.session.remove()
    submitted = {email for email, _count, done in rows if done}
    return submitted, sum(1 for _e, count, _d in rows if count > 1)


def run_once(server: Server, uri: str, users: int, seconds: float, run: str, kill: bool) -> dict[str, object]:
    """One load run; with ``kill``, SIGKILL the server halfway and restart it."""
    tally = Tally()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=submitter, args=(server.url, uri, i, until, tally, run)) for i in range(users)]
    for thread in threads:
        thread.start()
    if kill:
        time.sleep(seconds / 2)
        server.kill()
        time.sleep(1.0)
        server.start()
    for thread in threads:
        thread.join()
    submitted, duplicates = in_database(uri, run)
    lost = set(tally.accepted) - submitted
    flows = sorted(tally.flows)
    quantiles = statistics.quantiles(flows, n=100) if len(flows) >= 2 else [float("nan")] * 99
    return {"run": run, "accepted": len(tally.accepted), "in_db": len(submitted), "lost": len(lost),
            "duplicates": duplicates, "failed": len(tally.failures), "p50": quantiles[49], "p95": quantiles[94],
            "p99": quantiles[98], "sample_failure": tally.failures[0] if tally.failures else ""}


def bench(label: str, uri: str, args: argparse.Namespace, instance: Path) -> list[dict[str, object]]:
    """Both runs (undisturbed, killed) and the bare rate on one database."""
    env = {**os.environ, "SELECTION_INSTANCE_PATH": str(instance), "SELECTION_SQLALCHEMY_DATABASE_URI": uri,
           "SELECTION_SQLALCHEMY_ENGINE_OPTIONS": '{"pool_pre_ping": true, "connect_args": %s}'
           % ('{"timeout": 30}' if uri.startswith("sqlite:") else "{}"),
           **{f"SELECTION_{key}": value for key, value in LIMITS.items()}}
    prepare(env, uri)
    server = Server(env, args.workers, instance / "gunicorn.log")
    try:
        server.start()
        rows = [run_once(server, uri, args.users, args.seconds, f"{label}-steady", kill=False),
                run_once(server, uri, args.users, args.seconds, f"{label}-killed", kill=True)]
        rate = bare_rate(server.url, args.users)
    finally:
        server.stop()
    for row in rows:
        row["db"], row["bare_rps"] = label, rate
    return rows


def print_table(rows: list[dict[str, object]]) -> None:
    """The figures, one line per run."""
    print(f"{'run':<16} {'accepted':>8} {'in db':>6} {'lost':>5} {'dupl.':>5} {'failed':>6} "
          f"{'p50 s':>6} {'p95 s':>6} {'p99 s':>6} {'bare req/s':>10}")
    for row in rows:
        print(f"{row['run']:<16} {row['accepted']:>8} {row['in_db']:>6} {row['lost']:>5} {row['duplicates']:>5} "
              f"{row['failed']:>6} {row['p50']:>6.2f} {row['p95']:>6.2f} {row['p99']:>6.2f} {row['bare_rps']:>10.0f}")
    for row in rows:
        if row["sample_failure"]:
            print(f"  {row['run']}: e.g. {row['sample_failure'][:200]}")


def main() -> None:
    """Parse the options, run SQLite (and PostgreSQL when given), print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--pg", help="an empty PostgreSQL database, e.g. postgresql+psycopg://u@127.0.0.1:5432/db")
    parser.add_argument("--skip-sqlite", action="store_true", help="only the PostgreSQL run")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="selection-load-") as folder:
        sqlite_instance = Path(folder) / "sqlite"
        if not args.skip_sqlite:
            rows += bench("sqlite", f"sqlite:///{sqlite_instance / 'load.sqlite'}", args, sqlite_instance)
        if args.pg:
            rows += bench("postgresql", args.pg, args, Path(folder) / "pg")
    print_table(rows)


if __name__ == "__main__":
    main()
