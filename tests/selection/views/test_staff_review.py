"""The Secretariat's and reviewers' defects of issue 10: reviewers open the files of their
nominations, refused POSTs never end on a 405, bulk screening, the staff home page, the order
of "My assignments" and plurals on staff pages."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from selection.extensions import db
from selection.models import ConflictKind, FilePurpose, Nomination, User
from selection.services.uploads import store_pdf
from selection.workflow import review as ops
from tests.selection.factories import PDF, call_by_slug, csrf_token_from, rubric_scores, submitted
from tests.selection.views.test_review_views import SLUG, sign_in, state, token, world  # noqa: F401


@pytest.fixture
def files(app, world):  # noqa: F811
    """A CV and a letter of support on the nomination under review, and on the waiting one."""
    found = {}
    with app.app_context():
        for key in ("reviewing", "waiting"):
            n = db.session.get(Nomination, world[key])
            cv = store_pdf(PDF, "cv.pdf", FilePurpose.CV, None)
            letter = store_pdf(PDF, "letter.pdf", FilePurpose.SUPPORT_LETTER, None)
            cv.nomination = letter.nomination = n
            n.cv = cv
            found[key] = (cv.id, letter.id)
        db.session.commit()
    return found


def test_a_reviewer_opens_the_files_of_an_assigned_nomination_only(app, client, auth, world, files) -> None:
    sign_in(auth, "reviewer")
    page = client.get(f"/review/nominations/{world['reviewing']}").get_data(as_text=True)
    for file_id in files["reviewing"]:
        assert f"/files/{file_id}" in page
        assert client.get(f"/files/{file_id}").status_code == 200
    for file_id in files["waiting"]:
        assert client.get(f"/files/{file_id}").status_code == 403
    auth.sign_out()
    sign_in(auth, "other_reviewer")
    for file_id in files["reviewing"]:
        assert client.get(f"/files/{file_id}").status_code == 403


def test_a_reviewer_opens_a_file_answer_named_by_its_question(app, client, auth, world) -> None:  # noqa: F811
    from selection.models import Question, QuestionKind

    with app.app_context():
        n = db.session.get(Nomination, world["reviewing"])
        question = Question(call=n.call, label="Letter from your ministry", kind=QuestionKind.FILE)
        db.session.add(question)
        db.session.flush()
        answer = store_pdf(PDF, "ministry.pdf", FilePurpose.ANSWER, None)
        answer.nomination = n
        n.answers = {question.key: str(answer.id)}
        db.session.commit()
        answer_id = answer.id
    sign_in(auth, "reviewer")
    page = client.get(f"/review/nominations/{world['reviewing']}").get_data(as_text=True)
    assert "Letter from your ministry" in page and f'href="/files/{answer_id}">ministry.pdf</a>' in page
    assert client.get(f"/files/{answer_id}").status_code == 200


def test_a_recused_reviewer_no_longer_opens_the_files(app, client, auth, world, files) -> None:
    with app.app_context():
        n = db.session.get(Nomination, world["reviewing"])
        reviewer = db.session.get(User, world["reviewer"])
        ops.declare_conflict(n, reviewer, reviewer, kind=ConflictKind.SAME_ORGANIZATION)
        db.session.commit()
    sign_in(auth, "reviewer")
    for file_id in files["reviewing"]:
        assert client.get(f"/files/{file_id}").status_code == 403


# ---------------------------------------------------------------------------- bulk screening and assignment

def confirm_fields(page: str) -> dict:
    import html as html_lib
    import re

    return {"csrf_token": csrf_token_from(page)} | {
        name: html_lib.unescape(value)
        for name, value in re.findall(r'name="(decision|reason|token|ids)"[^>]*value="([^"]*)"', page)}


def statuses(app, *ids: int) -> list[str]:
    with app.app_context():
        return [db.session.get(Nomination, i).status.value for i in ids]


def test_bulk_screening_ineligible_is_confirmed_first_then_applied(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    with app.app_context():
        call = call_by_slug(SLUG)
        extra = submitted(call, "Lena Novak", group=3, nationality="PL").id
        db.session.commit()
    picked = [str(world["waiting"]), str(extra), str(world["listed"])]
    response = client.post(f"/review/calls/{SLUG}/bulk", data={
        "csrf_token": token(client), "action": "ineligible", "reason": "level", "reviewer": "0",
        "nomination": picked})
    assert response.status_code == 302 and "/bulk/confirm?" in response.headers["Location"]
    confirm_url = response.headers["Location"]
    page = client.get(confirm_url).get_data(as_text=True)  # a reload shows the confirmation again
    assert "2 nominations will become" in page and "not at the level the group requires" in page
    assert "Kwame Mensah is shortlisted and cannot be screened" in page
    assert "Confirm 2 changes" in page
    assert statuses(app, world["waiting"], extra) == ["submitted", "submitted"]
    response = client.post(f"/review/calls/{SLUG}/bulk/apply", data=confirm_fields(page) | {"note": "deputy minister"})
    assert response.status_code == 302
    assert statuses(app, world["waiting"], extra, world["listed"]) == ["ineligible", "ineligible", "shortlisted"]
    assert "2 nominations are now ineligible." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_bulk_screening_other_without_particulars_is_refused_back_on_the_confirmation(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    response = client.get(f"/review/calls/{SLUG}/bulk/confirm?decision=ineligible&reason=other"
                          f"&nomination={world['waiting']}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "1 nomination will become" in page and "Confirm 1 change<" in page
    before = state(app)
    response = client.post(f"/review/calls/{SLUG}/bulk/apply", data=confirm_fields(page))
    assert response.status_code == 302 and "/bulk/confirm?" in response.headers["Location"]
    assert "“Other” needs an explanation" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert state(app) == before


def test_bulk_screening_eligible(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    page = client.get(f"/review/calls/{SLUG}/bulk/confirm?decision=eligible&nomination={world['waiting']}"
                      f"&nomination={world['reviewing']}").get_data(as_text=True)
    assert "is already under review" in page
    client.post(f"/review/calls/{SLUG}/bulk/apply", data=confirm_fields(page))
    assert statuses(app, world["waiting"]) == ["under_review"]


def test_bulk_ineligible_needs_a_reason_on_the_list(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    response = client.post(f"/review/calls/{SLUG}/bulk", data={
        "csrf_token": token(client), "action": "ineligible", "reason": "", "reviewer": "0",
        "nomination": [str(world["waiting"])]}, follow_redirects=True)
    assert "Choose the reason the nominations are ineligible." in response.get_data(as_text=True)


def test_bulk_assignment_assigns_what_it_can_and_reports_conflicts(app, client, auth, world) -> None:  # noqa: F811
    with app.app_context():
        call = call_by_slug(SLUG)
        sec, other = db.session.get(User, world["secretariat"]), db.session.get(User, world["other_reviewer"])
        second = submitted(call, "Lena Novak", group=3, nationality="PL")
        ops.screen(second, sec, eligible=True)
        ops.declare_conflict(db.session.get(Nomination, world["reviewing"]), other, other,
                             kind=ConflictKind.SAME_ORGANIZATION)
        db.session.commit()
        second_id = second.id
    sign_in(auth, "secretariat")
    response = client.post(f"/review/calls/{SLUG}/bulk", data={
        "csrf_token": token(client), "action": "assign", "reviewer": str(world["other_reviewer"]),
        "nomination": [str(world["reviewing"]), str(second_id), str(world["waiting"])]}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "is now assigned 1 nomination." in page
    assert "Not assigned, 2 nominations" in page and "declared a conflict" in page and "screen it as eligible first" in page
    with app.app_context():
        other = db.session.get(User, world["other_reviewer"])
        assert ops.assignment_of(db.session.get(Nomination, second_id), other) is not None
        assert ops.assignment_of(db.session.get(Nomination, world["reviewing"]), other) is None


# ---------------------------------------------------------------------------- reloads and refusals

def test_every_post_only_review_address_answers_a_reload_without_405(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    n = world["reviewing"]
    for path in [f"/review/nominations/{n}/{part}" for part in
                 ("screen", "assign", "conflict", "review", "comment", "shortlist", "recommend")] + [
            f"/review/nominations/{n}/unassign/{world['reviewer']}", f"/review/calls/{SLUG}/bulk",
            f"/review/calls/{SLUG}/bulk/apply", f"/review/calls/{SLUG}/assign-balanced",
            f"/review/calls/{SLUG}/body-members", f"/review/calls/{SLUG}/notices/release",
            f"/review/calls/{SLUG}/notices/received"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert client.get(response.headers["Location"]).status_code == 200, path


def test_a_refused_screening_is_shown_at_an_address_that_reloads_to_the_page(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    url = f"/review/nominations/{world['listed']}/screen"
    response = client.post(url, data={"csrf_token": token(client), "decision": "eligible"})
    assert response.status_code == 400 and "cannot be screened" in response.get_data(as_text=True)
    reload = client.get(url)
    assert reload.status_code == 302 and reload.headers["Location"].endswith(f"/review/nominations/{world['listed']}#screening")


def test_a_refused_assignment_rolls_back_and_flashes_on_the_page(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    before = state(app)
    response = client.post(f"/review/calls/{SLUG}/assign-balanced", data={"csrf_token": token(client),
                                                                         "per_nomination": "5"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/review/calls/{SLUG}")
    assert "No balanced assignment is possible" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert state(app) == before


# ---------------------------------------------------------------------------- plurals

def test_staff_pages_say_one_in_the_singular(app, client, auth, world) -> None:  # noqa: F811
    from selection.plurals import ngettext

    assert ngettext("%(num)d nomination", "%(num)d nominations", 1) == "1 nomination"
    assert ngettext("Release this notice", "Release these %(num)d notices", 3) == "Release these 3 notices"
    sign_in(auth, "secretariat")
    notices = client.get(f"/review/calls/{SLUG}/notices").get_data(as_text=True)
    assert "Release this notice" in notices and "Release these 1" not in notices
    assert "Release all 2 notices" in notices and "Shortlisted: 1 notice" in notices
    assert "1 shortlisted candidate." in client.get(f"/review/calls/{SLUG}/shortlist").get_data(as_text=True)
    assert "3 nominations received" in client.get(f"/review/calls/{SLUG}").get_data(as_text=True)
    page = client.get(f"/review/calls/{SLUG}/nominations?status=shortlisted").get_data(as_text=True)
    assert "1 candidate matches the filters." in page
    assert "3 nominations of 3 candidates." in client.get(f"/secretariat/calls/{SLUG}/nominations").get_data(as_text=True)


def test_the_dashboard_count_links_are_named_by_their_visible_text(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    page = client.get(f"/review/calls/{SLUG}").get_data(as_text=True)
    assert "aria-label=\"Government" not in page
    assert "1 / 0 / 0<span class=\"visually-hidden\"> (Government, African States: 1 woman, 0 men" in page


# ---------------------------------------------------------------------------- the staff home and my assignments

def test_staff_land_on_what_needs_them_after_signing_in(app, client, auth, world) -> None:  # noqa: F811
    response = auth.sign_in("secretariat@example.org")
    assert response.status_code == 302 and response.headers["Location"] == "/staff"
    page = client.get("/staff").get_data(as_text=True)
    assert 'href="/staff"' in page  # the header links to it
    assert "1 nomination to screen" in page and "2 notices held for release" in page
    assert f"/review/calls/{SLUG}/nominations?status=submitted" in page
    assert "Your reviews" not in page and "Decisions</h2>" not in page
    auth.sign_out()
    sign_in(auth, "reviewer")
    page = client.get("/staff").get_data(as_text=True)
    assert "1 review to do" in page and "/review/my-assignments" in page and "to screen" not in page
    auth.sign_out()
    sign_in(auth, "decision_maker")
    page = client.get("/staff").get_data(as_text=True)
    assert "1 shortlisted nominee awaits the decision" in page and "No review" not in page
    assert "No call waits for a decision." not in page
    auth.sign_out()
    sign_in(auth, "admin")
    page = client.get("/staff").get_data(as_text=True)
    assert "Your reviews" in page and "Screening and notices" in page and "Decisions</h2>" in page
    assert "No review waits for you." in page and "No nomination waits" not in page
    auth.sign_out()
    sign_in(auth, "nominee")
    assert client.get("/staff").status_code == 403


def test_the_staff_home_counts_with_a_few_queries(app, client, auth, world) -> None:  # noqa: F811
    from sqlalchemy import event

    with app.app_context():
        call = call_by_slug(SLUG)
        for i in range(12):
            submitted(call, f"Person {i}", group=i % 5)
        db.session.commit()
    sign_in(auth, "admin")
    statements = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        page = client.get("/staff").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert "13 nominations to screen" in page
    assert len(statements) <= 12, statements


def test_my_assignments_lists_the_reviews_to_do_first(app, client, auth, world) -> None:  # noqa: F811
    with app.app_context():
        call = call_by_slug(SLUG)
        sec, reviewer = db.session.get(User, world["secretariat"]), db.session.get(User, world["reviewer"])
        names = {"Draft Person": "draft", "Later Person": None, "Done Person": "submitted"}
        for name in names:
            n = submitted(call, name, group=3)
            ops.screen(n, sec, eligible=True)
            ops.assign_reviewer(n, reviewer, sec)
        for name, state_ in names.items():
            if state_:
                n = db.session.execute(select(Nomination).join(Nomination.nominee).where(
                    Nomination.nominee.has(name=name))).scalar_one()
                ops.save_review(n, reviewer, rubric_scores(call, 3), "",
                                submit=state_ == "submitted")
        db.session.commit()
    sign_in(auth, "reviewer")
    page = client.get("/review/my-assignments").get_data(as_text=True)
    order = [page.index(name) for name in ("Amina Diallo", "Later Person", "Draft Person", "Done Person")]
    assert order == sorted(order), order


def test_bulk_assignment_refused_for_every_nomination_changes_nothing(app, client, auth, world) -> None:  # noqa: F811
    sign_in(auth, "secretariat")
    before = state(app)
    response = client.post(f"/review/calls/{SLUG}/bulk", data={
        "csrf_token": token(client), "action": "assign", "reviewer": str(world["reviewer"]),
        "nomination": [str(world["reviewing"]), str(world["waiting"])]}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Nothing was assigned." in page and "already assigned" in page and "flash-error" in page
    assert state(app) == before


# ---------------------------------------------------------------------------- the bulk workflow itself

def test_bulk_screening_workflow_refusals_change_nothing(app, world) -> None:  # noqa: F811
    from selection.models import IneligibilityReason
    from selection.workflow import bulk_review
    from selection.workflow.errors import WorkflowError

    with app.app_context():
        sec = db.session.get(User, world["secretariat"])
        waiting = db.session.get(Nomination, world["waiting"])
        preview = bulk_review.preview_decision([waiting], "ineligible")
        with pytest.raises(WorkflowError, match="Choose the reason"):
            bulk_review.apply_decision([waiting], "ineligible", sec, preview.token)
        with pytest.raises(WorkflowError, match="Choose what to do"):
            bulk_review.preview_decision([waiting], "promote")
        with pytest.raises(WorkflowError, match="changed since the confirmation"):
            bulk_review.apply_decision([waiting], "eligible", sec, preview.token)  # the token of another decision
        with pytest.raises(ops.NotPermitted):
            bulk_review.apply_decision([waiting], "eligible", db.session.get(User, world["reviewer"]),
                                       bulk_review.preview_decision([waiting], "eligible").token)
        assert waiting.status.value == "submitted"
        done = bulk_review.apply_decision([waiting], "ineligible", sec, preview.token,
                                          reason=IneligibilityReason.DUPLICATE, note="same as #1")
        assert [c.nomination_id for c in done.changes] == [waiting.id]
        assert waiting.status.value == "ineligible" and ops.latest_screening(waiting).reason == IneligibilityReason.DUPLICATE
