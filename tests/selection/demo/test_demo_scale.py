"""`selection demo --scale N`: a closed call of N synthetic nominations, screened, reviewed and
shortlisted, written in bulk."""
from __future__ import annotations

from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import event, func, select

from selection.cli import cli
from selection.demo import STAFF, seed, seed_scale_calls
from selection.demo.scale import REVIEWS_PER_NOMINATION, scale_slug
from selection.extensions import db
from selection.models import Call, CallStatus, Nomination, NominationStatus, Recommendation, Review
from selection.models.review import ScreeningResult
from tests.conftest import reset_database


def count(model: type, *where: object) -> int:
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def statements_while(action) -> int:
    """How many SQL statements ``action()`` sends."""
    seen = []
    listener = lambda *args: seen.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return len(seen)


def test_scale_call_is_screened_reviewed_and_shortlisted(app: Flask) -> None:
    with app.app_context():
        seed()
        [call] = seed_scale_calls([40])
        in_call = Nomination.call_id == call.id
        assert call.slug == scale_slug(40) and call.status == CallStatus.CLOSED
        assert count(Nomination, in_call) == 40
        assert count(Nomination, in_call, Nomination.status == NominationStatus.SHORTLISTED) == 4
        assert count(ScreeningResult, ScreeningResult.nomination_id.in_(select(Nomination.id).where(in_call))) == 40
        reviews = count(Review, Review.nomination_id.in_(select(Nomination.id).where(in_call)),
                        Review.submitted_at.is_not(None))
        assert reviews == 40 * REVIEWS_PER_NOMINATION
        shortlisted = select(Nomination.id).where(in_call, Nomination.status == NominationStatus.SHORTLISTED)
        assert count(Recommendation, Recommendation.nomination_id.in_(shortlisted)) == 4 * len(call.recommending_bodies)


def test_seeding_is_bulk_and_idempotent(app: Flask) -> None:
    with app.app_context():
        seed()
        small = statements_while(lambda: seed_scale_calls([20]))
        large = statements_while(lambda: seed_scale_calls([200]))
        assert large == small  # statements do not grow with the size
        seed_scale_calls([200])
        assert count(Call, Call.slug == scale_slug(200)) == 1
        assert count(Nomination, Nomination.call_id == select(Call.id).where(Call.slug == scale_slug(200))
                     .scalar_subquery()) == 200


def test_demo_command_takes_scale(app: Flask, runner: FlaskCliRunner) -> None:
    with app.app_context():
        reset_database()
    result = runner.invoke(cli, ["demo", "--seed-only", "--scale", "30"])
    assert result.exit_code == 0, result.output
    assert "/review/calls/scale-30" in result.output
    refused = runner.invoke(cli, ["demo", "--seed-only", "--scale", "0"])
    assert refused.exit_code == 2 and "0" in refused.output


def test_the_review_list_of_a_scale_call_opens(app: Flask, client, auth) -> None:
    with app.app_context():
        accounts = {account.email: account.password for account in seed()}
        seed_scale_calls([30])
    secretariat = STAFF[1][0]
    auth.sign_in(secretariat, accounts[secretariat])
    page = client.get(f"/review/calls/{scale_slug(30)}/nominations")
    assert page.status_code == 200
    assert page.get_data(as_text=True).count("Institute") >= 10
