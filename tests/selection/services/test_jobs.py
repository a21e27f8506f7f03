"""The background runner: the in-process thread pool, and RQ over a real Redis on loopback."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
from redis import Redis
from rq import Queue, SimpleWorker

from selection.extensions import db
from selection.services.jobs import QUEUE_NAME, dispatch
from selection.slates import outcome_of
from selection.models import SlateRun, SlateRunStatus
from selection.workflow.decision import propose
from tests.selection.factories import FAST, decider, shortlisted_call


def _queued_run() -> int:
    call, _ = shortlisted_call()
    run = propose(call, decider(), FAST).run
    db.session.commit()
    return run.id


def test_thread_pool_runs_the_solve_in_the_background(app, app_ctx):
    run_id = _queued_run()
    future = dispatch(run_id)
    future.result()
    db.session.expire_all()
    run = db.session.get(SlateRun, run_id)
    assert run.status == SlateRunStatus.DONE and run.slates_found == 3 and run.finished_at is not None


REDIS_SERVER = shutil.which("redis-server")
# Without Debian's redis-server the queue tests are reported as skipped with the reason,
# except in CI (SELECTION_REQUIRE_SERVICES=1), where a missing server must fail the run.
requires_redis = pytest.mark.skipif(
    REDIS_SERVER is None and os.environ.get("SELECTION_REQUIRE_SERVICES") != "1",
    reason="no redis-server: install Debian's redis-server package",
)


def test_progress_is_written_to_the_run_as_slates_are_found(app, app_ctx, monkeypatch):
    import selection.services.jobs as jobs

    seen: list[tuple[int, float | None]] = []
    record = jobs.record_progress

    def spy(run: SlateRun, progress) -> None:
        record(run, progress)
        db.session.expire_all()
        stored = db.session.get(SlateRun, run.id)
        seen.append((stored.slates_found, stored.best_score))
        assert stored.status == SlateRunStatus.RUNNING

    monkeypatch.setattr(jobs, "record_progress", spy)
    run_id = _queued_run()
    dispatch(run_id).result()
    run = db.session.get(SlateRun, run_id)
    assert [count for count, _ in seen] == [1, 2, 3]
    assert all(score == run.result["slates"][0]["score"] for _, score in seen)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    """A real redis-server on loopback, started for this test and stopped after it."""
    server = REDIS_SERVER
    assert server, "redis-server is required here (Debian package redis-server)"
    port = _free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    connection = Redis(port=port)
    for _ in range(200):
        try:
            connection.ping()
            break
        except Exception:
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait()


@requires_redis
def test_rq_queue_runs_the_solve_on_a_worker(app, app_ctx, redis_url):
    app.config.update(SLATE_QUEUE="rq", REDIS_URL=redis_url)
    run_id = _queued_run()
    job = dispatch(run_id)
    assert job.id == f"slate-run-{run_id}"
    assert db.session.get(SlateRun, run_id).status == SlateRunStatus.QUEUED  # nothing ran in the app
    connection = Redis.from_url(redis_url)
    queue = Queue(QUEUE_NAME, connection=connection)
    assert queue.count == 1
    SimpleWorker([queue], connection=connection).work(burst=True)
    db.session.expire_all()
    run = db.session.get(SlateRun, run_id)
    assert run.status == SlateRunStatus.DONE and outcome_of(run) == "optimal" and run.slates_found == 3
    assert queue.count == 0


@requires_redis
def test_a_separate_rq_worker_process_builds_its_own_app(app, app_ctx, redis_url):
    """The production path: `rq worker slates` in another process, configured by the environment."""
    import os
    import sys
    from pathlib import Path

    app.config.update(SLATE_QUEUE="rq", REDIS_URL=redis_url)
    run_id = _queued_run()
    dispatch(run_id)
    env = {**os.environ, "SELECTION_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
           "SELECTION_INSTANCE_PATH": app.instance_path, "SELECTION_SECRET_KEY": "test-secret-key"}
    worker = Path(sys.executable).with_name("rq")
    finished = subprocess.run([str(worker), "worker", QUEUE_NAME, "--burst", "--url", redis_url], env=env,
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    db.session.expire_all()
    run = db.session.get(SlateRun, run_id)
    assert run.status == SlateRunStatus.DONE and run.slates_found == 3
