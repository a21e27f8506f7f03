"""``selection slates propose CALL``: propose slates from the command line and print them as a table."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from selection.extensions import db
from selection.slates import DEFAULT_MIN_DIFFERENCE, DEFAULT_SLATES, DEFAULT_TIME_LIMIT_S, SlateOptions, SlateView
from selection.services.jobs import execute_run
from selection.workflow.calls import find_call
from selection.workflow.decision import propose
from selection.workflow.errors import WorkflowError
from selection.workflow.slate_runs import comparison


@click.group("slates")
def slates_group() -> None:
    """Slates of a call's shortlist, from the optimizer."""


@slates_group.command("propose")
@click.argument("call_slug", metavar="CALL")
@click.option("--slates", "count", type=click.IntRange(1, 20), default=DEFAULT_SLATES, show_default=True,
              help="How many slates.")
@click.option("--min-difference", type=click.IntRange(1), default=DEFAULT_MIN_DIFFERENCE, show_default=True,
              help="Each slate differs from the others by at least this many seats.")
@click.option("--time-limit", type=click.FloatRange(1, 600), default=DEFAULT_TIME_LIMIT_S, show_default=True,
              help="Time limit in seconds.")
@with_appcontext
def slates_propose(call_slug: str, count: int, min_difference: int, time_limit: float) -> None:
    """Propose slates for CALL now (in this process), keep the run like the web's, print the slates."""
    call = find_call(call_slug)
    if call is None:
        raise click.ClickException(f"no call has the slug {call_slug!r}")
    try:
        proposal = propose(call, None, SlateOptions(count, min_difference, time_limit))
    except WorkflowError as error:
        raise click.ClickException(str(error)) from error
    if not proposal.created:
        raise click.ClickException(f"slates for {call_slug} are already being proposed (run #{proposal.run.id})")
    db.session.commit()
    execute_run(proposal.run.id)
    run = proposal.run
    db.session.refresh(run)
    view = comparison(run)
    click.echo(f"Run #{run.id} of {call.title}: {view.outcome}, {len(view.slates)} slate(s), "
               f"{run.elapsed_s():.1f} s.")
    for slate in view.slates:
        click.echo("")
        click.echo(_table(slate))
    if view.conflicts:
        click.echo("The rules cannot all hold:")
        for conflict in view.conflicts:
            relax = f" — least relaxation: {conflict.relaxation_text}" if conflict.relaxation_text else ""
            click.echo(f"  - {conflict.text}{relax}")
    if view.error:
        raise click.ClickException(view.error)


def _table(slate: SlateView) -> str:
    """One slate as a fixed-width table."""
    title = (f"Slate {slate.rank}: score {slate.score:.1f} "
             + ("(proven optimal)" if slate.proven_optimal else f"(bound {slate.bound})"))
    headers = ("Group", "Name", "UN regional group", "Gender", "Nationality", "Merit", "If replaced")
    rows = [(m.group_name, m.name, m.region_name, m.gender, m.country_name, f"{m.score:.1f}",
             m.replacement_in_words) for m in slate.members]
    widths = [max(len(str(row[i])) for row in (headers, *rows)) for i in range(len(headers))]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([title, line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])
