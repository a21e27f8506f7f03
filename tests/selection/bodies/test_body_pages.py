"""The pages of a body at work: the published summary reads like the Secretariat's summaries,
the Secretariat's pages are theirs only (403, nothing changed), members answer and see My Panel."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from flask import Flask
from sqlalchemy import func, select

from selection.demo.panel_body import BODY_SLUG, seed_panel_body
from selection.extensions import db
from selection.models import AgendaItem, Invitation, Meeting, OutboxMessage, Role, User
from selection.models.body_enums import InvitationAnswer, MeetingStatus
from tests.conftest import csrf_token_from, sign_in_directly

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def panel(app: Flask, make_user) -> dict[str, int]:
    """The demo's Panel, with a Secretariat user, a Chair's and a member's accounts."""
    staff_id = make_user("sec@un.example.org", Role.SECRETARIAT)
    chair_id = make_user("tobias.wrenadeyemi@panel.example.org", Role.NOMINEE)
    member_id = make_user("ilse.marchetti@panel.example.org", Role.NOMINEE)
    with app.app_context():
        seed_panel_body(db.session.get(User, staff_id), NOW)
        db.session.commit()
    return {"staff": staff_id, "chair": chair_id, "member": member_id}


def _upcoming(app: Flask) -> int:
    with app.app_context():
        return db.session.execute(select(Meeting.id).where(Meeting.status == MeetingStatus.INVITATIONS_SENT)).scalar_one()


def _published_url(app: Flask) -> str:
    with app.app_context():
        meeting = db.session.execute(select(Meeting).where(Meeting.status == MeetingStatus.PUBLISHED)).scalar_one()
        return f"/bodies/{BODY_SLUG}/summaries/{meeting.summary.public_slug}"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_public_summary_reads_like_the_seed(app, client, panel) -> None:
    page = _text(client.get(_published_url(app)).get_data(as_text=True))
    expected_order = [
        "IGF Leadership Panel", "Virtual Meeting", "21 January 2026 | 14:00-16:00 UTC",
        "The IGF Leadership Panel met virtually on 21 January 2026.",
        "Decisions, Action Items &amp; Next Steps",
        "Concerning the review of the WSIS outcomes and related steps from the Panel",
        "committed to drafting a 2-page summary",
        "Action items", "Owners: Ms. Ilse Marchetti, Ms. Sofía Bergqvist-Ramos, Mr. &#39;Dayo Fenwick.",
        "Next steps", "Annex - Attendance",
        "Panel Members", "Mr. Tobias Wren-Adeyemi, Chair", "Ms. Ilse Marchetti, Vice-Chair",
        "Panel Advisors, Representatives &amp; Support Persons", "Ms. Rosa Lindqvist-Okoro",
        "Regrets", "H.E. Mr. Kwame Oduya-Brandt",
        "IGF Secretariat/ UN DESA", "Ms. Elena Vasquez-Moyo",
    ]
    position = 0
    for fragment in expected_order:  # each one after the one before
        found = page.find(fragment, position)
        assert found >= 0, f"{fragment!r} is not after position {position}: {page[position:position + 300]}"
        position = found + len(fragment)
    assert "Kenji Obradović" not in page  # absent without regrets: not in the annex
    printable = client.get(_published_url(app) + "/print")
    assert printable.status_code == 200 and "Annex - Attendance" in printable.get_data(as_text=True)
    body_page = client.get(f"/bodies/{BODY_SLUG}").get_data(as_text=True)
    assert _published_url(app) in body_page and "Current IGF host country" in body_page


def test_an_unpublished_meeting_has_no_public_page(app, client, panel) -> None:
    with app.app_context():
        meeting = db.session.get(Meeting, _upcoming(app))
        slug = "2026-12-20-virtual-meeting"
        assert meeting.summary is None
    assert client.get(f"/bodies/{BODY_SLUG}/summaries/{slug}").status_code == 404


def test_the_secretariats_pages_are_theirs_only(app, client, panel) -> None:
    meeting_id = _upcoming(app)
    sign_in_directly(client, panel["member"])
    assert client.get("/secretariat/bodies").status_code == 403
    assert client.get(f"/secretariat/bodies/{BODY_SLUG}").status_code == 403
    assert client.get(f"/secretariat/meetings/{meeting_id}").status_code == 403
    token = csrf_token_from(client.get("/my/panel").get_data(as_text=True))
    with app.app_context():
        before = db.session.execute(select(func.count(AgendaItem.id))).scalar_one()
    assert client.post(f"/secretariat/meetings/{meeting_id}/agenda",
                       data={"csrf_token": token, "title": "Sneaky"}).status_code == 403
    assert client.post(f"/secretariat/meetings/{meeting_id}/reminders", data={"csrf_token": token}).status_code == 403
    with app.app_context():
        assert db.session.execute(select(func.count(AgendaItem.id))).scalar_one() == before


def test_the_chair_approves_an_agenda_a_member_may_not(app, client, panel) -> None:
    sign_in_directly(client, panel["staff"])
    page = client.get(f"/secretariat/bodies/{BODY_SLUG}/meetings/new")
    starts = (NOW + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    ends = (NOW + timedelta(days=20, hours=2)).strftime("%Y-%m-%dT%H:%M")
    created = client.post(f"/secretariat/bodies/{BODY_SLUG}/meetings/new", data={
        "csrf_token": csrf_token_from(page.get_data(as_text=True)), "title": "In-person meeting",
        "starts_at": starts, "ends_at": ends, "mode": "in_person", "place": "Geneva", "purpose": "Planning.",
        "chatham_house": "y"})
    assert created.status_code == 302
    meeting_id = int(created.headers["Location"].rsplit("/", 1)[1])
    workspace = client.get(f"/secretariat/meetings/{meeting_id}").get_data(as_text=True)
    token = csrf_token_from(workspace)
    client.post(f"/secretariat/meetings/{meeting_id}/agenda", data={"csrf_token": token, "title": "Work plan"})
    sign_in_directly(client, panel["member"])
    token = csrf_token_from(client.get("/my/panel").get_data(as_text=True))
    assert client.post(f"/secretariat/meetings/{meeting_id}/agenda/approve",
                       data={"csrf_token": token}).status_code == 403
    sign_in_directly(client, panel["chair"])
    waiting = client.get("/my/panel").get_data(as_text=True)
    assert "Waiting for your approval as Chair" in waiting and f"/secretariat/meetings/{meeting_id}" in waiting
    assert client.get(f"/secretariat/meetings/{meeting_id}").status_code == 200
    token = csrf_token_from(client.get("/my/panel").get_data(as_text=True))
    assert client.post(f"/secretariat/meetings/{meeting_id}/agenda/approve",
                       data={"csrf_token": token}).status_code == 302
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        assert meeting.status == MeetingStatus.AGENDA_APPROVED and [a.title for a in meeting.agenda] == ["Work plan"]


def test_a_member_answers_from_my_panel_and_sees_their_action_items(app, client, panel) -> None:
    meeting_id = _upcoming(app)
    sign_in_directly(client, panel["member"])
    mine = client.get("/my/panel").get_data(as_text=True)
    assert "Draft a 2-page summary of the Panel" in mine and "Virtual Meeting" in mine and "Vice-Chair" in mine
    with app.app_context():
        invitation = db.session.execute(select(Invitation).join(Invitation.person).where(
            Invitation.meeting_id == meeting_id, Invitation.person.has(email="ilse.marchetti@panel.example.org"))
        ).scalar_one()
        other = db.session.execute(select(Invitation.id).where(
            Invitation.meeting_id == meeting_id, Invitation.id != invitation.id)).scalars().first()
    form = client.get(f"/my/panel/invitations/{invitation.id}").get_data(as_text=True)
    assert 'value="in_person"' not in form  # a virtual meeting
    answered = client.post(f"/my/panel/invitations/{invitation.id}",
                           data={"csrf_token": csrf_token_from(form), "answer": "regrets"})
    assert answered.status_code == 302
    assert client.get(f"/my/panel/invitations/{other}").status_code == 403
    with app.app_context():
        assert db.session.get(Invitation, invitation.id).answer == InvitationAnswer.REGRETS


def test_the_calendar_shows_gaps_and_attendance_exports(app, client, panel) -> None:
    sign_in_directly(client, panel["staff"])
    index = _text(client.get("/secretariat/bodies").get_data(as_text=True))
    assert "IGF Leadership Panel" in index and "2 meetings" in index
    page = _text(client.get(f"/secretariat/bodies/{BODY_SLUG}/calendar?year=2026").get_data(as_text=True))
    assert "Gap: no meeting in the second quarter." in page and "Gap: no meeting at the annual IGF meeting." in page
    assert "A meeting in the first quarter" in page
    exported = client.get(f"/secretariat/bodies/{BODY_SLUG}/attendance-2026.csv")
    assert exported.mimetype == "text/csv"
    lines = exported.get_data(as_text=True).splitlines()
    assert lines[0].startswith("Name,2026-01-21 Virtual Meeting") and any(
        line.startswith("H.E. Mr. Kwame Oduya-Brandt,Regrets") for line in lines)
    actions = _text(client.get("/secretariat/action-items").get_data(as_text=True))
    assert "Overdue" in actions and "Circulate the draft index methodology" in actions


def test_the_demo_panel_has_people_in_every_category_and_two_meetings(app, panel) -> None:
    from selection.models import Body
    from selection.models.body_enums import PersonCategory

    with app.app_context():
        body = db.session.execute(select(Body).where(Body.slug == BODY_SLUG)).scalar_one()
        categories = {p.category for p in body.people}
        assert categories == set(PersonCategory) - {PersonCategory.GUEST}
        assert all(p.supports is not None for p in body.people if p.category in (
            PersonCategory.ADVISOR, PersonCategory.REPRESENTATIVE, PersonCategory.SUPPORT))
        assert {p.ex_officio_kind for p in body.people if p.category == PersonCategory.EX_OFFICIO} == {
            "host_previous", "host_current", "host_upcoming", "mag_chair", "envoy_technology"}
        past, upcoming = body.meetings
        assert past.status == MeetingStatus.PUBLISHED and past.summary.published_at is not None
        answers = [inv.answer for inv in upcoming.invitations]
        assert upcoming.status == MeetingStatus.INVITATIONS_SENT and upcoming.starts_at > NOW
        assert InvitationAnswer.ONLINE in answers and InvitationAnswer.REGRETS in answers and None in answers
        assert upcoming.agenda[0].from_action is not None  # reviewed at the next meeting


def test_the_dissemination_list_is_checked_and_kept(app, client, panel) -> None:
    from selection.models import Body

    sign_in_directly(client, panel["staff"])
    page = client.get(f"/secretariat/bodies/{BODY_SLUG}").get_data(as_text=True)
    assert "igf-community@lists.example.org" in page
    token = csrf_token_from(page)
    refused = client.post(f"/secretariat/bodies/{BODY_SLUG}/dissemination-list", follow_redirects=True,
                          data={"csrf_token": token, "dissemination_list": "a@example.org\nnot an address"})
    assert "not an address" in refused.get_data(as_text=True)
    with app.app_context():
        body = db.session.execute(select(Body).where(Body.slug == BODY_SLUG)).scalar_one()
        assert body.setting("dissemination_list") == ["igf-community@lists.example.org"]
    client.post(f"/secretariat/bodies/{BODY_SLUG}/dissemination-list",
                data={"csrf_token": token, "dissemination_list": "a@example.org, b@example.org\na@example.org"})
    with app.app_context():
        body = db.session.execute(select(Body).where(Body.slug == BODY_SLUG)).scalar_one()
        assert body.setting("dissemination_list") == ["a@example.org", "b@example.org"]


def test_an_upcoming_meeting_is_cancelled_a_held_one_is_not(app, client, panel) -> None:
    sign_in_directly(client, panel["staff"])
    token = csrf_token_from(client.get(f"/secretariat/bodies/{BODY_SLUG}").get_data(as_text=True))
    upcoming = _upcoming(app)
    assert client.post(f"/secretariat/meetings/{upcoming}/cancel", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        published = db.session.execute(select(Meeting.id).where(Meeting.status == MeetingStatus.PUBLISHED)).scalar_one()
    client.post(f"/secretariat/meetings/{published}/cancel", data={"csrf_token": token})
    with app.app_context():
        assert db.session.get(Meeting, upcoming).status == MeetingStatus.CANCELLED
        assert db.session.get(Meeting, published).status == MeetingStatus.PUBLISHED
        notices = db.session.execute(select(OutboxMessage).where(OutboxMessage.subject.startswith("Cancelled:"))
                                     ).scalars().all()
        assert len(notices) == 24 and "METHOD:CANCEL" in notices[0].attachments[0]["content"]


def test_a_changed_meeting_sends_the_updated_invitation(app, client, panel) -> None:
    sign_in_directly(client, panel["staff"])
    upcoming = _upcoming(app)
    form = client.get(f"/secretariat/meetings/{upcoming}/edit").get_data(as_text=True)
    with app.app_context():
        meeting = db.session.get(Meeting, upcoming)
        starts = meeting.starts_at + timedelta(hours=1)
    changed = client.post(f"/secretariat/meetings/{upcoming}/edit", data={
        "csrf_token": csrf_token_from(form), "title": "Virtual Meeting", "mode": "virtual",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "link": "https://meet.example.org/new", "chatham_house": "y"})
    assert changed.status_code == 302
    with app.app_context():
        updates = db.session.execute(select(OutboxMessage).where(OutboxMessage.subject.startswith("Changed:"))
                                     ).scalars().all()
        assert len(updates) == 24 and "SEQUENCE:1" in updates[0].attachments[0]["content"]
        assert db.session.get(Meeting, upcoming).link == "https://meet.example.org/new"


def test_a_held_meeting_cannot_be_changed_the_form_says_why(app, client, panel) -> None:
    sign_in_directly(client, panel["staff"])
    with app.app_context():
        held = db.session.execute(select(Meeting).where(Meeting.status == MeetingStatus.PUBLISHED)).scalar_one()
        held_id, title, starts = held.id, held.title, held.starts_at
    form = client.get(f"/secretariat/meetings/{held_id}/edit").get_data(as_text=True)
    refused = client.post(f"/secretariat/meetings/{held_id}/edit", data={
        "csrf_token": csrf_token_from(form), "title": "Renamed", "mode": "virtual",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "link": "https://meet.example.org/new"})
    assert refused.status_code == 400
    assert "Only a meeting that is not held yet can be changed." in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Meeting, held_id).title == title
        changed = select(func.count(OutboxMessage.id)).where(OutboxMessage.subject.startswith("Changed:"))
        assert db.session.scalar(changed) == 0
