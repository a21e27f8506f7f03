"""The one set of test factories: each thing the tests need (a call, a nomination, a staff user,
a shortlist, an upload, a form post) is built here and only here. Builders that touch the
database run inside an app context and flush; the tests commit when they need to."""
from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from selection.demo import minimal_pdf
from selection.extensions import db
from selection.models import (
    AuditEvent,
    Call,
    CallStatus,
    FilePurpose,
    Gender,
    Nomination,
    NominationStatus,
    Nominee,
    OutboxMessage,
    Recommendation,
    RecommendationLevel,
    Review,
    ReviewScore,
    Role,
    StoredFile,
    User,
    utcnow,
)
from selection.slates import SlateOptions
from selection.workflow.call_templates import build_call
from selection.workflow.review import CriterionEntry
from selection.workflow.review.summary import refresh_summaries
from selection.workflow.users import create_user

PASSWORD = "correct horse battery staple"
PDF = minimal_pdf(["A test CV"])
CLOSED_AT = datetime(2025, 3, 1, 23, 59, tzinfo=timezone.utc)
ADMIN = "admin@example.org"
FAST = SlateOptions(slates=3, min_difference=2, time_limit_s=10)

# (group index, nationality, gender, recommendation) per shortlisted nominee of ``shortlisted_call``.
SHORTLIST = [
    (0, "KE", Gender.WOMAN, RecommendationLevel.STRONGLY_RECOMMEND),
    (0, "FR", Gender.MAN, RecommendationLevel.RECOMMEND),
    (0, "IN", Gender.WOMAN, RecommendationLevel.NEUTRAL),
    (1, "BR", Gender.MAN, RecommendationLevel.STRONGLY_RECOMMEND),
    (1, "PL", Gender.WOMAN, RecommendationLevel.RECOMMEND),
    (1, "DE", Gender.MAN, RecommendationLevel.NEUTRAL),
    (2, "JP", Gender.WOMAN, RecommendationLevel.STRONGLY_RECOMMEND),
    (2, "NG", Gender.MAN, RecommendationLevel.RECOMMEND),
    (2, "MX", Gender.WOMAN, RecommendationLevel.NEUTRAL),
    (3, "UA", Gender.MAN, RecommendationLevel.STRONGLY_RECOMMEND),
    (3, "NO", Gender.WOMAN, RecommendationLevel.RECOMMEND),
    (3, "GH", Gender.MAN, RecommendationLevel.NEUTRAL),
    (4, "CL", Gender.WOMAN, RecommendationLevel.STRONGLY_RECOMMEND),
    (4, "ID", Gender.MAN, RecommendationLevel.RECOMMEND),
    (4, "EE", Gender.WOMAN, RecommendationLevel.NOT_RECOMMENDED),
]


# ---------------------------------------------------------------------------- people

def staff(email: str, *roles: Role, organization: str = "", password: str | None = PASSWORD,
          active: bool = True) -> User:
    """A user holding ``roles`` (named after the address), with the shared test password."""
    user = create_user(email, list(roles), None, name=email.split("@")[0].title(), organization=organization,
                       password=password)
    user.active = active
    db.session.flush()
    return user


def staff_accounts(make_user: Callable[..., int]) -> dict[str, int]:
    """An account each for the Secretariat, a reviewer and a decision-maker (through the
    ``make_user`` fixture): their ids by role."""
    return {"secretariat": make_user("sec@un.example.org", Role.SECRETARIAT),
            "reviewer": make_user("rev@un.example.org", Role.REVIEWER),
            "decider": make_user("dm@un.example.org", Role.DECISION_MAKER)}


def decider(email: str = "dm@un.example.org") -> User:
    """A decision-maker."""
    return staff(email, Role.DECISION_MAKER)


# ---------------------------------------------------------------------------- calls

def call_by_slug(slug: str) -> Call:
    """The call with this address."""
    return db.session.execute(select(Call).where(Call.slug == slug)).scalar_one()


def review_call(slug: str = "lp-review") -> Call:
    """A closed Leadership Panel call with the template's rubric (4 criteria, 1-5) and bodies."""
    call = build_call("leadership-panel", slug, "IGF Leadership Panel 2025–2026",
                      CLOSED_AT - timedelta(days=40), CLOSED_AT)
    call.status = CallStatus.CLOSED
    db.session.add(call)
    db.session.flush()
    return call


def shortlisted_call(slug: str = "lp-decision") -> tuple[Call, list[Nomination]]:
    """A closed call with the 15 shortlisted nominees of ``SHORTLIST``, in that order, whose
    merit comes from the first recommending body's recommendations."""
    call = review_call(slug)
    body = call.recommending_bodies[0]
    nominations = []
    for index, (group, nationality, gender, level) in enumerate(SHORTLIST):
        nomination = submitted(call, f"Nominee {index:02d} {nationality}", group=group, nationality=nationality,
                               gender=gender, status=NominationStatus.SHORTLISTED)
        db.session.add(Recommendation(nomination=nomination, body=body, level=level))
        nominations.append(nomination)
    db.session.flush()
    refresh_summaries(call)
    return call, nominations


# ---------------------------------------------------------------------------- nominations

def submitted(call: Call, name: str, *, group: int = 0, nationality: str = "KE", gender: Gender = Gender.WOMAN,
              organization: str = "Baobab Digital Rights Foundation", email: str | None = None,
              status: NominationStatus = NominationStatus.SUBMITTED, **fields: Any) -> Nomination:
    """A complete nomination in ``status`` (set directly: these tests start after submission)."""
    slug = name.lower().replace(" ", ".")
    nominee = Nominee(name=name, title="Executive Director", organization=organization,
                      email=email or f"{slug}@nominees.example.net", nationality=nationality,
                      residence=nationality, gender=gender)
    nomination = Nomination(call=call, group=call.groups[group], nominee=nominee, status=status,
                            submitted_at=utcnow(), biography=f"{name} is an invented person.",
                            statement="Strategic advice to the IGF.", languages="English", **fields)
    db.session.add(nomination)
    db.session.flush()
    return nomination


def complete_application(nomination: Nomination) -> Nomination:
    """Fill in everything submission needs (a CV row without bytes on disk is enough here)."""
    nomination.nominee.title = nomination.nominee.title or "Minister of Digital Affairs"
    nomination.nominee.organization = nomination.nominee.organization or "Ministry of Digital Affairs"
    nomination.position_level = "minister"
    nomination.eligibility_declared = nomination.availability_confirmed = True
    nomination.data_consent = nomination.no_remuneration_declared = True
    nomination.biography = "A biography."
    nomination.motivation = "A motivation statement."
    nomination.languages = "English"
    cv = StoredFile(purpose=FilePurpose.CV, original_name="cv.pdf", stored_name=f"test-{id(nomination)}.pdf",
                    size=len(PDF), content_type="application/pdf", sha256="0" * 64)
    db.session.add(cv)
    nomination.cv = cv
    db.session.flush()
    return nomination


# ---------------------------------------------------------------------------- reviews

def rubric_scores(call: Call, value: int = 4, comment: str = "") -> dict[int, CriterionEntry]:
    """A review's entries: ``value`` on every criterion of the call's rubric, with ``comment``
    (``{criterion}`` stands for the criterion's name)."""
    return {c.id: CriterionEntry(value, comment.format(criterion=c.name)) for c in call.rubric_criteria}


def submitted_review(nomination: Nomination, reviewer: User, score: int) -> Review:
    """A submitted review scoring ``score`` on every criterion, stored directly (for tests that
    start after the review)."""
    review = Review(nomination=nomination, reviewer=reviewer, submitted_at=utcnow())
    review.scores = [ReviewScore(criterion=c, score=score) for c in nomination.call.rubric_criteria]
    db.session.add(review)
    db.session.flush()
    refresh_summaries(nomination.call, [nomination.id])
    return review


# ---------------------------------------------------------------------------- what the web forms post

def upload(content: bytes = PDF, name: str = "cv.pdf") -> tuple[io.BytesIO, str]:
    """A file for the test client's multipart form data."""
    return (io.BytesIO(content), name)


def form_fields(**overrides: Any) -> dict[str, Any]:
    """A complete self-nomination as posted by the form; override any field (None drops it)."""
    data: dict[str, Any] = {
        "nomination_kind": "self", "name": "Zanele Ito", "title": "Minister of Digital Affairs",
        "organization": "Ministry of Digital Affairs", "position_level": "minister",
        "eligibility_declared": "y", "email": "", "nationality": "ZA", "residence": "ZA",
        "gender": "woman", "biography": "Zanele Ito leads digital policy.",
        "motivation": "I would advise the Panel on meaningful connectivity.",
        "availability_confirmed": "y", "availability_note": "", "languages": "English, isiZulu",
        "links": "https://example.org/zanele", "data_consent": "y", "no_remuneration_declared": "y",
        "nominator_kind": "", "nominator_name": "", "nominator_organization": "", "nominator_email": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def csrf_token_from(html: str) -> str:
    """The CSRF token embedded in a rendered form."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def post_form(client: FlaskClient, url: str, data: dict[str, Any], page: str | None = None, **kwargs: Any):
    """Post ``data`` to ``url`` with the CSRF token of the page at ``page`` (default: ``url``)."""
    html = client.get(page or url).get_data(as_text=True)
    return client.post(url, data={**data, "csrf_token": csrf_token_from(html)}, **kwargs)


def groups_data(call: Call, **changes: dict[str, Any]) -> dict[str, Any]:
    """The groups form's fields for the call's groups as stored, with ``changes`` by group code."""
    data: dict[str, Any] = {}
    for index, group in enumerate(call.groups):
        values = {"id": group.id, "code": group.code, "name": group.name, "seats": group.seats,
                  "required_level": group.required_level.value, "eligibility": group.eligibility,
                  "open_for_nominations": "y" if group.open_for_nominations else ""}
        values.update(changes.get(group.code, {}))
        data.update({f"groups-{index}-{key}": value for key, value in values.items() if value != ""})
    return data


def rules_data(rules: list[dict[str, Any]]) -> dict[str, Any]:
    """The rules form's fields for ``rules`` (dicts of the form's field names)."""
    data: dict[str, Any] = {}
    for index, rule in enumerate(rules):
        values = {"value": "*", "hard": "hard", "where_attribute": "", **rule}
        data.update({f"rules-{index}-{key}": value for key, value in values.items() if value is not None})
    return data


def stored_rules(call: Call) -> list[dict[str, Any]]:
    """The call's rules as rows of the rules form."""
    return [{"attribute": r.attribute, "value": r.value, "min_seats": r.min_seats, "max_seats": r.max_seats,
             "hard": "hard" if r.hard else "soft", "penalty": r.penalty,
             "where_attribute": r.where_attribute or "", "where_value": r.where_value or ""} for r in call.rules]


# ---------------------------------------------------------------------------- what the app wrote

def last_mail_to(address: str) -> OutboxMessage | None:
    """The latest outbox message to ``address``."""
    return db.session.execute(
        select(OutboxMessage).where(OutboxMessage.recipient == address).order_by(OutboxMessage.id.desc())
    ).scalars().first()


def link_path_in(body: str) -> str:
    """The path of the sign-in link in a mail body."""
    match = re.search(r"https?://[^/\s]+(/my/sign-in/\S+)", body)
    assert match, body
    return match.group(1)


def audit_events(app: Flask, action: str) -> list[AuditEvent]:
    """Every audit event with this action, oldest first (detached: usable after the context)."""
    with app.app_context():
        events = db.session.execute(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        ).scalars().all()
        for event in events:
            db.session.expunge(event)
        return events


def wait_for_runs(app: Flask) -> None:
    """Let the background pool finish what it was given (a fresh pool serves the next request)."""
    pool = app.extensions.pop("slate_pool", None)
    if pool is not None:
        pool.shutdown(wait=True)

# ---------------------------------------------------------------------------- the nominee's pages

NOMINATE = "/calls/{slug}/nominate/government"


def sign_in_by_link(app: Flask, client: FlaskClient, email: str) -> None:
    """Ask for a link, read it from the outbox, and use it."""
    page = client.get("/my/sign-in")
    response = client.post("/my/sign-in", data={"email": email, "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 200, response.get_data(as_text=True)
    with app.app_context():
        path = link_path_in(last_mail_to(email).body_text)
    confirm = client.get(path)
    assert confirm.status_code == 200
    used = client.post(path, data={"csrf_token": csrf_token_from(confirm.get_data(as_text=True))})
    assert used.status_code == 302


def count(model: Any) -> int:
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def counts(app: Flask) -> tuple[int, int, int]:
    with app.app_context():
        return count(Nomination), count(StoredFile), count(OutboxMessage)


def post_nomination(client: FlaskClient, path: str, button: str = "submit_nomination", files: dict | None = None,
                    **fields: Any) -> Any:
    page = client.get(path)
    data = form_fields(**fields)
    data["csrf_token"] = csrf_token_from(page.get_data(as_text=True))
    data[button] = "x"
    data.update(files if files is not None else {"cv": upload()})
    return client.post(path, data=data, content_type="multipart/form-data")


def the_nomination(app: Flask) -> Nomination:
    return db.session.execute(select(Nomination).order_by(Nomination.id.desc())).scalars().first()


def nominate_someone_else(client: FlaskClient, slug: str) -> Any:
    return post_nomination(client, NOMINATE.format(slug=slug), button="request_consent", files={},
                           nomination_kind="third_party", email="amina@example.net", name="Amina بن علي",
                           nominator_kind="mission", nominator_name="A. Envoy",
                           nominator_organization="Permanent Mission of Ghana", nominator_email="",
                           availability_confirmed=None, no_remuneration_declared=None)


# ---------------------------------------------------------------------------- the administrators' call pages

def details_data(call: Call, **changes) -> dict:
    data = {"title": call.title, "body": call.body, "description": call.description, "seats": call.seats,
            "term_start": call.term_start.isoformat(), "term_end": call.term_end.isoformat(),
            "opens_at": call.opens_at.strftime("%Y-%m-%dT%H:%M"), "closes_at": call.closes_at.strftime("%Y-%m-%dT%H:%M"),
            "time_zone": "UTC", "max_consecutive_terms": call.max_consecutive_terms or "",
            "ex_officio_seats": list(call.ex_officio_seats)}
    data.update(changes)
    return data


def make_draft(app: Flask, template: str = "mag", slug: str = "mag") -> None:
    from selection.workflow.calls import create_call

    with app.app_context():
        create_call(template, slug, "MAG", None)
        db.session.commit()
