"""The decision workspace pages: propose, progress, compare, pin, infeasible, decide, roster, exports."""
from __future__ import annotations

import io

from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import (
    CallStatus,
    Decision,
    HostCountryOverride,
    NominationStatus,
    Role,
    SlateRun,
    SlateRunStatus,
)
from selection.slates import outcome_of
from selection.workflow.decision import propose
from tests.selection.factories import FAST, csrf_token_from, shortlisted_call, wait_for_runs

DM = "dm@un.example.org"
SLUG = "lp-decision"


def _setup(app: Flask, make_user, *, women_min: int | None = None) -> list[int]:
    make_user(DM, Role.DECISION_MAKER)
    with app.app_context():
        call, nominations = shortlisted_call(SLUG)
        if women_min is not None:
            next(r for r in call.rules if r.attribute == "gender" and r.value == "woman").min_seats = women_min
        db.session.commit()
        return [n.id for n in nominations]



def _propose(client, app: Flask, **fields) -> int:
    page = client.get(f"/decide/calls/{SLUG}")
    data = {"slates": 3, "min_difference": 2, "time_limit_s": 10, **fields,
            "csrf_token": csrf_token_from(page.get_data(as_text=True))}
    response = client.post(f"/decide/calls/{SLUG}/runs", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    wait_for_runs(app)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _count(app: Flask, model) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(model)).scalar()


def test_other_staff_get_403_and_nothing_changes(app, client, auth, make_user):
    ids = _setup(app, make_user)
    make_user("sec@un.example.org", Role.SECRETARIAT)
    auth.sign_in(DM)
    run_id = _propose(client, app)
    auth.sign_out()
    auth.sign_in("sec@un.example.org")
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.get(f"/decide/calls/{SLUG}").status_code == 403
    assert client.get(f"/decide/runs/{run_id}").status_code == 403
    assert client.post(f"/decide/calls/{SLUG}/runs", data={"csrf_token": token, "slates": 1, "min_difference": 1,
                                                           "time_limit_s": 5}).status_code == 403
    assert client.post(f"/decide/runs/{run_id}/choose", data={"csrf_token": token, "nomination_id": ids[0],
                                                              "choice": "pin"}).status_code == 403
    assert client.post(f"/decide/calls/{SLUG}/decision", data={"csrf_token": token, "members": ids[:10],
                                                               "decided_on": "2025-05-02",
                                                               "rationale": "x"}).status_code == 403
    assert client.get("/admin/igf-hosts").status_code == 403
    assert _count(app, SlateRun) == 1 and _count(app, Decision) == 0


def test_anonymous_visitors_are_sent_to_sign_in(app, client, make_user):
    _setup(app, make_user)
    response = client.get(f"/decide/calls/{SLUG}")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_progress_page_and_json_while_a_run_is_queued(app, client, auth, make_user):
    _setup(app, make_user)
    with app.app_context():
        from selection.workflow.calls import find_call
        from selection.workflow.users import find_user

        run = propose(find_call(SLUG), find_user(DM), FAST).run
        db.session.commit()
        run_id = run.id
    auth.sign_in(DM)
    page = client.get(f"/decide/runs/{run_id}").get_data(as_text=True)
    assert "Proposing slates" in page and "Refresh" in page and "decision.js" in page
    data = client.get(f"/decide/runs/{run_id}/progress.json").get_json()
    assert data["status"] == "queued" and data["slates_requested"] == 3 and data["time_limit_s"] == 10
    again = client.post(f"/decide/calls/{SLUG}/runs", data={
        "slates": 5, "min_difference": 2, "time_limit_s": 20,
        "csrf_token": csrf_token_from(client.get(f"/decide/calls/{SLUG}").get_data(as_text=True))})
    assert again.headers["Location"].endswith(f"/decide/runs/{run_id}")
    assert _count(app, SlateRun) == 1


def test_bad_options_are_shown_next_to_the_field(app, client, auth, make_user):
    _setup(app, make_user)
    auth.sign_in(DM)
    token = csrf_token_from(client.get(f"/decide/calls/{SLUG}").get_data(as_text=True))
    response = client.post(f"/decide/calls/{SLUG}/runs", data={"csrf_token": token, "slates": 0,
                                                               "min_difference": 2, "time_limit_s": 20})
    assert response.status_code == 400 and "Between 1 and 20 slates." in response.get_data(as_text=True)
    assert _count(app, SlateRun) == 0


def test_compare_pin_and_repropose(app, client, auth, make_user):
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    run_id = _propose(client, app)
    page = client.get(f"/decide/runs/{run_id}").get_data(as_text=True)
    assert "3 slates compared" in page and "Slate 3" in page and "Nominee 00 KE" in page
    assert "Rules that bind" in page and "<svg" in page and "member differs" in page
    response = client.post(f"/decide/runs/{run_id}/choose", data={
        "csrf_token": csrf_token_from(page), "nomination_id": ids[2], "choice": "pin"})
    wait_for_runs(app)
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert new_id != run_id
    with app.app_context():
        new = db.session.get(SlateRun, new_id)
        assert new.pinned == [ids[2]] and new.status == SlateRunStatus.DONE
        assert all(f"n{ids[2]}" in s["members"] for s in new.result["slates"])
    assert "Pinned and excluded" in client.get(f"/decide/runs/{new_id}").get_data(as_text=True)


def test_infeasible_rules_explained_and_relaxed(app, client, auth, make_user):
    _setup(app, make_user, women_min=9)
    auth.sign_in(DM)
    run_id = _propose(client, app)
    page = client.get(f"/decide/runs/{run_id}").get_data(as_text=True)
    assert "The rules cannot all hold" in page and "Try the relaxed rule" in page and "require only" in page
    rule = page.split('name="rule" value="')[1].split('"')[0]
    response = client.post(f"/decide/runs/{run_id}/relax", data={"csrf_token": csrf_token_from(page), "rule": rule})
    wait_for_runs(app)
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        new = db.session.get(SlateRun, new_id)
        assert rule in new.options["relaxations"] and outcome_of(new) in ("optimal", "feasible")
    assert "slates compared" in client.get(f"/decide/runs/{new_id}").get_data(as_text=True)


def test_live_validation_endpoint(app, client, auth, make_user):
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    data = client.get(f"/decide/calls/{SLUG}/validate.json?members={','.join(map(str, ids[:10]))}").get_json()
    assert data["count"] == 10 and not data["valid"]
    assert "Government: exactly 2 seats — 3 in the slate" in data["hard"]
    assert client.get(f"/decide/calls/{SLUG}/validate.json?members=a,b").status_code == 400


def test_decide_from_a_slate_then_announce_the_public_roster(app, client, auth, make_user):
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    run_id = _propose(client, app)
    form = client.get(f"/decide/calls/{SLUG}/decision?run={run_id}&rank=1").get_data(as_text=True)
    assert form.count(" checked>") == 10 and "Meets every hard rule." in form
    with app.app_context():
        members = [int(m[1:]) for m in db.session.get(SlateRun, run_id).result["slates"][0]["members"]]
    data = {"csrf_token": csrf_token_from(form), "members": members, "decided_on": "2025-05-02", "rationale": "",
            "slate_run_id": run_id, "slate_rank": 1}
    refused = client.post(f"/decide/calls/{SLUG}/decision", data=data)
    assert refused.status_code == 400 and "Give the rationale of the decision." in refused.get_data(as_text=True)
    assert _count(app, Decision) == 0
    data["rationale"] = "The strongest balanced slate."
    response = client.post(f"/decide/calls/{SLUG}/decision", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/calls/{SLUG}/members")
    with app.app_context():
        decision = db.session.execute(select(Decision)).scalar_one()
        assert decision.slate_run_id == run_id and decision.call.status == CallStatus.DECIDED
    private = client.get(f"/calls/{SLUG}/members").get_data(as_text=True)
    assert "Not yet announced" in private and "Announce the members" in private
    auth.sign_out()
    assert client.get(f"/calls/{SLUG}/members").status_code == 404
    assert f'href="/calls/{SLUG}/members"' not in client.get(f"/calls/{SLUG}").get_data(as_text=True)
    auth.sign_in(DM)  # a new session: the token of the page seen before signing out no longer passes
    fresh = client.get(f"/calls/{SLUG}/members").get_data(as_text=True)
    announced = client.post(f"/calls/{SLUG}/members", data={"csrf_token": csrf_token_from(fresh), "announce_on": ""})
    assert announced.status_code == 302
    auth.sign_out()
    roster = client.get(f"/calls/{SLUG}/members").get_data(as_text=True)
    assert "Not yet announced" not in roster and "Announce the members" not in roster
    assert "Members of the" in roster and "Ex officio members" in roster
    assert "Vacant: the host of IGF 2026 is not decided" in roster or "IGF 2026" in roster
    assert "Norway" in roster  # the 2025 host: current host for a term starting in 2025
    assert roster.count("<tr>") >= 10
    call_page = client.get(f"/calls/{SLUG}").get_data(as_text=True)
    assert f'href="/calls/{SLUG}/members"' in call_page


def test_breaking_a_hard_rule_by_hand_needs_a_justification(app, client, auth, make_user):
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    form = client.get(f"/decide/calls/{SLUG}/decision").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(form), "members": ids[:10], "decided_on": "2025-05-02",
            "rationale": "By hand."}
    refused = client.post(f"/decide/calls/{SLUG}/decision", data=data)
    assert refused.status_code == 400 and "Give an explicit justification" in refused.get_data(as_text=True)
    with app.app_context():
        from selection.models import Nomination

        assert all(db.session.get(Nomination, i).status == NominationStatus.SHORTLISTED for i in ids)
    data["hard_rule_justification"] = "The Secretary-General's own choice."
    assert client.post(f"/decide/calls/{SLUG}/decision", data=data).status_code == 302
    assert _count(app, Decision) == 1


def test_report_and_excel_export(app, client, auth, make_user):
    _setup(app, make_user)
    auth.sign_in(DM)
    run_id = _propose(client, app)
    report = client.get(f"/decide/runs/{run_id}/report").get_data(as_text=True)
    assert "slates compared" in report and "@media print" not in report and "site.css" in report
    response = client.get(f"/decide/runs/{run_id}/slates.xlsx")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Run", "Slate 1", "Slate 2", "Slate 3"]
    assert book["Slate 1"].max_row == 12


def test_admin_records_the_upcoming_host(app, client, auth, make_user):
    make_user("admin@un.example.org", Role.ADMIN)
    auth.sign_in("admin@un.example.org")
    page = client.get("/admin/igf-hosts").get_data(as_text=True)
    response = client.post("/admin/igf-hosts", data={"csrf_token": csrf_token_from(page), "year": 2026,
                                                     "country": "ZZ", "city": "", "note": ""})
    assert response.status_code == 400 and _count(app, HostCountryOverride) == 0
    response = client.post("/admin/igf-hosts", data={"csrf_token": csrf_token_from(page), "year": 2026,
                                                     "country": "CH", "city": "Geneva", "note": "Announced"})
    assert response.status_code == 302
    assert "Geneva, Switzerland" in client.get("/admin/igf-hosts").get_data(as_text=True)


def test_conflicting_pins_are_explained_with_a_release_button(app, client, auth, make_user):
    ids = _setup(app, make_user)
    auth.sign_in(DM)
    with app.app_context():
        from selection.workflow.calls import find_call
        from selection.workflow.users import find_user

        # Three government nominees pinned for two government seats.
        run = propose(find_call(SLUG), find_user(DM), FAST, pinned=ids[:3]).run
        db.session.commit()
        run_id = run.id
    from selection.services.jobs import dispatch

    with app.app_context():
        dispatch(run_id)
    wait_for_runs(app)
    page = client.get(f"/decide/runs/{run_id}").get_data(as_text=True)
    assert "The rules cannot all hold" in page
    assert "Release and propose again" in page or "Try the relaxed rule" in page


def test_the_printable_report_and_the_roster_follow_the_page_language(app, client, auth, make_user):
    """Issue 14: the report is written in the page's language and direction; the roster's dates and
    countries are the page language's (they were English strftime and English names before)."""
    _setup(app, make_user)
    auth.sign_in(DM)
    run_id = _propose(client, app)
    arabic = client.get(f"/decide/runs/{run_id}/report", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in arabic
    form = client.get(f"/decide/calls/{SLUG}/decision?run={run_id}&rank=1").get_data(as_text=True)
    with app.app_context():
        members = [int(m[1:]) for m in db.session.get(SlateRun, run_id).result["slates"][0]["members"]]
    client.post(f"/decide/calls/{SLUG}/decision", data={
        "csrf_token": csrf_token_from(form), "members": members, "decided_on": "2025-05-02",
        "rationale": "Balanced.", "slate_run_id": run_id, "slate_rank": 1})
    for language, month, host in [("fr", "2 mai 2025", "Norvège"), ("es", "2 de mayo de 2025", "Noruega"),
                                  ("ru", "2 мая 2025", "Норвегия"), ("en", "2 May 2025", "Norway")]:
        roster = client.get(f"/calls/{SLUG}/members", headers={"Accept-Language": language})
        text = roster.get_data(as_text=True)
        assert roster.status_code == 200 and month in text and host in text, language
    for language in ("ar", "zh"):
        assert client.get(f"/calls/{SLUG}/members", headers={"Accept-Language": language}).status_code == 200
