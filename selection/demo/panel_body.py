"""The demo's IGF Leadership Panel at work: the body with synthetic people in every category
(members with seats, terms and offices, ex officio members by seat, advisors, representatives
and support persons, the Secretariat), a past virtual meeting whose summary is published (its
record modelled on the Panel's summaries) and an upcoming one whose invitations are answered.
Everything is made through the workflow, so the audit log tells the story. Invented people only."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from flask import current_app, g
from sqlalchemy import select, update

from selection.extensions import db
from selection.models import Body, BodyPerson, Call, OfficeTerm, User
from selection.models.body_enums import ActionStatus, AttendanceStatus, InvitationAnswer, MeetingMode, Office, PersonCategory
from selection.names import name_key
from selection.workflow.bodies import invitations, meetings, record, summary

BODY_SLUG = "igf-leadership-panel"
BODY_NAME = "IGF Leadership Panel"
DOMAIN = "panel.example.org"
# (honorific, name, seat); the first two are Chair and Vice-Chair.
MEMBERS = [
    ("Mr.", "Tobias Wren-Adeyemi", "Technical community"), ("Ms.", "Ilse Marchetti", "Private sector"),
    ("H.E. Ms.", "Nadia Quispe-Larsen", "Government"), ("H.E. Mr.", "Kwame Oduya-Brandt", "Government"),
    ("Ms.", "Sofía Bergqvist-Ramos", "Private sector"), ("Mr.", "Hiroki Tanabe-Moss", "Technical community"),
    ("Ms.", "Céleste N'Diaye-Park", "Civil society"), ("Mr.", "'Dayo Fenwick", "Civil society"),
    ("Ms.", "Marguerite Oyelaran", "At-large"), ("Mr.", "Lukas Ferraz-Ivanov", "At-large"),
]
EX_OFFICIO = [
    ("H.E. Mr.", "Rashid Al-Mansouri Kell", "host_previous", "Previous IGF host country"),
    ("H.E. Ms.", "Solveig Haraldsen-Dube", "host_current", "Current IGF host country"),
    ("H.E. Mr.", "Mateus Okonjo-Silva", "host_upcoming", "Upcoming IGF host country"),
    ("Ms.", "Priya Castellanos", "mag_chair", "Chair of the Multistakeholder Advisory Group"),
    ("Mr.", "Anders Mwangi-Holt", "envoy_technology", "Secretary-General's Envoy on Technology"),
]
# (honorific, name, category, index of the member supported in MEMBERS)
AROUND = [
    ("Ms.", "Rosa Lindqvist-Okoro", PersonCategory.ADVISOR, 0), ("Mr.", "Yusuf Hallberg", PersonCategory.ADVISOR, 1),
    ("Ms.", "Mei-Lin Dascalu", PersonCategory.REPRESENTATIVE, 2), ("Mr.", "Piotr Amadi-Kaur", PersonCategory.REPRESENTATIVE, 3),
    ("Ms.", "Anouk Tshabalala", PersonCategory.SUPPORT, 4), ("Mr.", "Kenji Obradović", PersonCategory.SUPPORT, 6),
]
SECRETARIAT = [("Ms.", "Elena Vasquez-Moyo"), ("Mr.", "Oluwaseun Brandauer"), ("Ms.", "Hanna Kovač-Reyes")]


def _email(name: str) -> str:
    local = ".".join("".join(ch for ch in word if ch.isalnum()) for word in name_key(name).split(" "))
    return f"{local}@{DOMAIN}"


def _person(body: Body, honorific: str, name: str, category: PersonCategory, **extra: object) -> BodyPerson:
    person = BodyPerson(body=body, honorific=honorific, name=name, category=category, email=_email(name), **extra)
    db.session.add(person)
    return person


def seed_panel_body(secretariat: User | None, now: datetime) -> Body | None:
    """Create the Panel with its people and meetings, unless it exists; returns it when created."""
    if db.session.execute(select(Body.id).where(Body.slug == BODY_SLUG)).first():
        return None
    body = Body(slug=BODY_SLUG, name=BODY_NAME, description="Strategic, empowered and multistakeholder body of the IGF.",
                settings={"annex_word": "Panel", "secretariat_heading": "IGF Secretariat/ UN DESA",
                          "dissemination_list": ["igf-community@lists.example.org"]})
    db.session.add(body)
    db.session.flush()
    db.session.execute(update(Call).where(Call.body == BODY_NAME).values(body_id=body.id))
    term = (date(now.year - 1, 1, 1), date(now.year, 12, 31))
    members = [_person(body, h, n, PersonCategory.MEMBER, seat=s, term_start=term[0], term_end=term[1])
               for h, n, s in MEMBERS]
    for h, n, kind, seat in EX_OFFICIO:
        _person(body, h, n, PersonCategory.EX_OFFICIO, seat=seat, ex_officio_kind=kind)
    for h, n, category, index in AROUND:
        _person(body, h, n, category, supports=members[index])
    for h, n in SECRETARIAT:
        _person(body, h, n, PersonCategory.SECRETARIAT, organization="IGF Secretariat, UN DESA")
    for person, office in ((members[0], Office.CHAIR), (members[1], Office.VICE_CHAIR)):
        db.session.add(OfficeTerm(body_id=body.id, person=person, office=office,
                                  starts_on=date(now.year, 1, 1), ends_on=date(now.year, 12, 31)))
    db.session.flush()
    # Mail links need a host: the demo's own. The queued mail stays in the outbox for
    # ``selection outbox send``; the request's end must not try (and roll back) delivery.
    with current_app.test_request_context("/", base_url="http://127.0.0.1:5000"):
        _past_meeting(body, secretariat, now)
        _upcoming_meeting(body, secretariat, now)
        g.pop("queued_mail_ids", None)
    return body


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), timezone.utc)


def _past_meeting(body: Body, actor: User | None, now: datetime) -> None:
    day = date(now.year, 1, 21)
    meeting = meetings.schedule(body, meetings.MeetingDetails(
        title="Virtual Meeting", starts_at=_at(day, 14), ends_at=_at(day, 16), mode=MeetingMode.VIRTUAL,
        link="https://meet.example.org/igf-lp",
        purpose="The purpose of the call was to discuss the strategy for the review of the outcomes of the World "
                "Summit on the Information Society and the Panel's work plan for the year."), actor)
    for title in ("Review of the WSIS outcomes: the Panel's strategy", "The Panel's reporting framework",
                  "IGF Trust Fund"):
        meetings.add_agenda_item(meeting, actor, title)
    meetings.approve_agenda(meeting, actor, now=_at(day - timedelta(days=10), 9))
    sent = meetings.send_invitations(meeting, actor, now=_at(day - timedelta(days=9), 9))
    invitations.notify(sent)
    regrets = {"Kwame Oduya-Brandt", "Lukas Ferraz-Ivanov", "Rashid Al-Mansouri Kell", "Anders Mwangi-Holt",
               "Mateus Okonjo-Silva"}
    for item in sent:
        reply = InvitationAnswer.REGRETS if item.invitation.person.name in regrets else InvitationAnswer.ONLINE
        meetings.answer(item.invitation, reply, now=_at(day - timedelta(days=5), 10))
    meetings.mark_held(meeting, actor, now=_at(day, 16))
    absent = {row.id: AttendanceStatus.ABSENT for row in meeting.attendance if row.name.endswith("Obradović")}
    meetings.confirm_attendance(meeting, actor, absent)
    people = {p.name: p for p in body.people}
    topic = "Concerning the review of the WSIS outcomes and related steps from the Panel"
    for text in (
        "The Panel recognized it was critical to take a strategic approach to securing the renewal of the IGF "
        "mandate as part of the review.",
        "It was agreed that outreach should include engaging Member States to show the value of the IGF through "
        "capacity building, youth initiatives and its network of National and Regional Initiatives (NRIs).",
        "It was agreed a joint meeting with the Multistakeholder Advisory Group (MAG) would be scheduled in "
        "February to align strategic recommendations.",
        "Members Ilse Marchetti, Sofía Bergqvist-Ramos and 'Dayo Fenwick committed to drafting a 2-page summary "
        "of the Panel's recommendations by the end of the month, in preparation for the joint meeting.",
    ):
        record.add_decision(meeting, actor, topic, text)
    record.add_decision(meeting, actor, "On the reporting framework of the IGF",
                        "The Panel proposed an index to measure the progress of Internet development across "
                        "countries; NRIs would play a key role in gathering its data.")
    record.add_decision(meeting, actor, "As an additional note on the IGF Trust Fund",
                        "The Chair informed the Panel of a prospective contribution and would explore its transfer.")
    record.add_action_item(meeting, actor, "Draft a 2-page summary of the Panel's recommendations.",
                           [people["Ilse Marchetti"], people["Sofía Bergqvist-Ramos"], people["'Dayo Fenwick"]],
                           date(now.year, 1, 31), review_at_next_meeting=True)
    letter = record.add_action_item(
        meeting, actor, "Write to Internet ecosystem stakeholders and business leaders seeking their input on "
        "the IGF's value to Member States.", [people["Tobias Wren-Adeyemi"]], date(now.year, 1, 31))
    record.add_action_item(meeting, actor, "Circulate the draft index methodology to the Panel.",
                           [people["Elena Vasquez-Moyo"]], date(now.year, 3, 15))
    record.set_action_status(letter, ActionStatus.DONE, actor, now=_at(date(now.year, 1, 30), 12))
    record.set_next_steps(meeting, actor, "The summary paper will be reviewed by the Panel at its next meeting.")
    summary.save_draft(meeting, actor, summary.draft_text(meeting))
    summary.approve(meeting, actor, now=_at(day + timedelta(days=7), 9))
    note = summary.publish(meeting, actor, now=_at(day + timedelta(days=8), 9))
    invitations.disseminate(note)


def _upcoming_meeting(body: Body, actor: User | None, now: datetime) -> None:
    day = now.date() + timedelta(days=21)
    meeting = meetings.schedule(body, meetings.MeetingDetails(
        title="Virtual Meeting", starts_at=_at(day, 13), ends_at=_at(day, 15), mode=MeetingMode.VIRTUAL,
        link="https://meet.example.org/igf-lp",
        purpose="To prepare the Panel's contribution to the next annual IGF meeting and review open action items."),
        actor)
    for title in ("Preparations for the annual IGF meeting", "Any other business"):
        meetings.add_agenda_item(meeting, actor, title)
    meetings.approve_agenda(meeting, actor, now=now)
    sent = meetings.send_invitations(meeting, actor, now=now)
    invitations.notify(sent)
    for n, item in enumerate(sent):
        if n % 4 == 3:
            continue  # no answer yet: the Secretariat can send reminders
        reply = InvitationAnswer.REGRETS if n % 5 == 4 else InvitationAnswer.ONLINE
        meetings.answer(item.invitation, reply, now=now)
