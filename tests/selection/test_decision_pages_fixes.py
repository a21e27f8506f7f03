"""Decision pages as issue 10 found them: the infeasibility page, relaxed runs, the shortlist
count after a decision, and the comparison matrix."""
from __future__ import annotations

from tests.selection.test_decision_views import DM, SLUG, _propose, _setup


def test_dbg_infeasible(app, client, auth, make_user):
    _setup(app, make_user, women_min=9)
    auth.sign_in(DM)
    run_id = _propose(client, app)
    page = client.get(f"/decide/runs/{run_id}").get_data(as_text=True)
    open("/tmp/decide_dbg/infeasible.html", "w").write(page)


def test_dbg_pins(app, client, auth, make_user):
    from selection.extensions import db
    from selection.jobs import dispatch
    from selection.workflow.calls import find_call
    from selection.workflow.decision import propose
    from selection.workflow.users import find_user
    from tests.selection.decision_helpers import FAST, wait_for_runs
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    with app.app_context():
        call = find_call(SLUG)
        next(r for r in call.rules if r.attribute == "region").min_seats = 3
        run = propose(call, find_user(DM), FAST, pinned=ids[:1]).run
        db.session.commit()
        run_id = run.id
        dispatch(run_id)
    wait_for_runs(app)
    page = client.get(f"/decide/runs/{run_id}").get_data(as_text=True)
    open("/tmp/decide_dbg/pins.html", "w").write(page)
