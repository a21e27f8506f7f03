"""Running slate solves in the background: a thread pool in the app process, or RQ workers.

``SELECTION_SLATE_QUEUE`` chooses: ``thread`` (default; the demo needs nothing else) or ``rq``
(jobs on the Redis at ``SELECTION_REDIS_URL``, run by ``rq worker slates`` processes).
Large exports run the same way (``dispatch_task``).
A run records when it started and its time limit (hence the time left), and each time the
optimizer reports one more slate found, the count, the best score and the bound.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import import_module
from typing import Any

from flask import Flask, current_app, has_app_context
from optimizer import Progress

from selection.extensions import db
from selection.models import SlateRun, SlateRunStatus
from selection.slates import solve_problem, summary_of
from selection.workflow.slate_runs import move_run

QUEUE_NAME = "slates"
log = logging.getLogger(__name__)


def dispatch(run_id: int) -> Future[None] | Any:
    """Start a committed, queued run in the configured back end; returns its future or RQ job."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("SLATE_QUEUE", "thread") == "rq":
        return _rq_queue(app).enqueue("selection.services.jobs.run_queued", run_id, job_id=f"slate-run-{run_id}",
                                      job_timeout=_job_timeout(run_id))
    return _pool(app).submit(_run_in_app, app, run_id)


def dispatch_task(task: str, argument: str, *, job_id: str, timeout: int = 1800) -> Future[None] | Any:
    """Run ``task`` (the dotted path of a function of one argument that makes its own app
    context when it has none) in the same back end as slate runs: the pool, or the RQ queue."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("SLATE_QUEUE", "thread") == "rq":
        return _rq_queue(app).enqueue(task, argument, job_id=job_id, job_timeout=timeout)
    module, name = task.rsplit(".", 1)
    function = getattr(import_module(module), name)
    return _pool(app).submit(_task_in_app, app, function, argument)


def _task_in_app(app: Flask, function: Callable[[str], None], argument: str) -> None:
    with app.app_context():
        try:
            function(argument)
        finally:
            db.session.remove()


def _pool(app: Flask) -> ThreadPoolExecutor:
    pool = app.extensions.get("slate_pool")
    if pool is None:
        pool = ThreadPoolExecutor(max_workers=int(app.config.get("SLATE_THREADS", 2)),
                                  thread_name_prefix="slates")
        app.extensions["slate_pool"] = pool
    return pool


def _rq_queue(app: Flask) -> Any:
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE_NAME, connection=Redis.from_url(app.config["REDIS_URL"]))


def _job_timeout(run_id: int) -> int:
    run = db.session.get(SlateRun, run_id)
    # The optimizer may spend the time limit twice (search, then conflict analysis or costs),
    # and once more on the resamples of a robustness analysis.
    spans = 4 if run is not None and (run.options or {}).get("robustness") else 3
    return int(spans * (run.time_limit_s if run else 20) + 120)


def _run_in_app(app: Flask, run_id: int) -> None:
    with app.app_context():
        try:
            execute_run(run_id)
        finally:
            db.session.remove()


def run_queued(run_id: int) -> None:
    """The RQ job: run inside the current app context, or in a new app built from the environment."""
    if has_app_context():
        execute_run(run_id)
        return
    from selection import create_app

    _run_in_app(create_app(), run_id)


def execute_run(run_id: int) -> None:
    """Solve a queued run and write its progress and result; a run not queued is left alone."""
    run = db.session.get(SlateRun, run_id)
    if run is None or run.status != SlateRunStatus.QUEUED:
        return
    move_run(run, SlateRunStatus.RUNNING)
    db.session.commit()
    try:
        result = solve_problem(run.problem, progress=lambda progress: record_progress(run, progress),
                               sample_progress=lambda done, total: record_resamples(run, done, total))
    except Exception as error:  # the run must end as failed, whatever went wrong
        log.exception("slate run %s failed", run_id)
        _finish(run, SlateRunStatus.FAILED, None, f"The optimizer stopped with an error: {error}")
        return
    _finish(run, SlateRunStatus.DONE, result, "")


def record_progress(run: SlateRun, progress: Progress) -> None:
    """Write how far the solve has come, so that the progress page shows it while it runs."""
    run.slates_found = progress.slates_found
    run.best_score = progress.best_score
    run.bound = progress.bound
    db.session.commit()


def record_resamples(run: SlateRun, done: int, total: int) -> None:
    """Write how many resamples of a robustness analysis are solved, for the progress page."""
    run.resamples_done, run.resamples_total = done, total
    db.session.commit()


def _finish(run: SlateRun, status: SlateRunStatus, result: dict[str, Any] | None, error: str) -> None:
    summary = summary_of(result)
    run.error = error or summary.error
    if result is not None:
        run.result = result
        run.slates_found, run.best_score, run.bound = summary.slates_found, summary.best_score, summary.bound
    move_run(run, status, None, outcome=summary.status, slates=run.slates_found, error=run.error or None)
    db.session.commit()
