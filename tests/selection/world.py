"""A small complete world for the route x role table and the fuzzers: one user per role, an open
call with a nominee's submitted nomination (a real CV on disk), the demo's closed call in review
(a reviewer assigned to a nomination another reviewer is recused from), a finished slate run,
an API token per staff role. Built once per test module (inside an app context)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from sqlalchemy import select

from selection.demo import leadership_panel_call
from selection.demo.panel_body import MEMBERS, seed_panel_body
from selection.demo.panel_year import seed_panel_year
from selection.demo.review_call import CONFLICTED_INDEX, REVIEW_CALL_SLUG, seed_review_call
from selection.extensions import db
from selection.models import (
    Call,
    FilePurpose,
    Gender,
    Nomination,
    NominationStatus,
    Nominee,
    Question,
    ReviewAssignment,
    Role,
    User,
    utcnow,
)
from selection.models.body_enums import Office, PersonCategory
from selection.models.election import Election
from selection.models.meeting import Invitation
from selection.services import export_jobs
from selection.services.uploads import store_pdf
from selection.slates import SlateOptions
from selection.workflow import decision as decision_ops
from selection.workflow import nominations as nomination_ops
from selection.workflow import travel
from selection.workflow.erasure import request_erasure
from selection.workflow.users import create_user, issue_api_token
from tests.selection.factories import PDF, complete_application

OPEN_SLUG = "lp-open"
ROLES = ("anonymous", "nominee", "other_nominee", "reviewer", "recused", "recommender", "secretariat",
         "decider", "admin")
STAFF_ROLES = ("reviewer", "recused", "recommender", "secretariat", "decider", "admin")


@dataclass
class World:
    """Ids and slugs of everything the tables point at."""

    users: dict[str, int] = field(default_factory=dict)  # role name -> user id (no anonymous)
    tokens: dict[str, str] = field(default_factory=dict)  # staff role name -> API token
    open_slug: str = OPEN_SLUG
    review_slug: str = REVIEW_CALL_SLUG
    own_nomination: int = 0  # the nominee's, in the open call, submitted
    own_file: int = 0  # its CV
    reviewed_nomination: int = 0  # in review: "reviewer" assigned, "recused" declared a conflict
    run: int = 0  # a finished slate run of the review call
    question: int = 0  # a question of the open call
    group_code: str = ""
    body: str = "igf-leadership-panel"  # the demo Panel (``seed_panel_body``)
    meeting: int = 0  # its past meeting: held, summary published
    public_slug: str = ""  # that summary's public address
    in_person: int = 0  # its in-person meeting at the annual IGF meeting (travel support)
    election: int = 0  # next year's Chair election, voting open
    candidacy: int = 0  # a candidacy waiting for the nominee's (as a member's) answer
    travel_request: int = 0  # a waiting travel request
    authorised_request: int = 0  # an authorised one (its letter)
    person: int = 0  # a serving member of the Panel
    invitation: int = 0  # the nominee's (as a member's) invitation to the upcoming meeting
    invitation_token: str = "world-invitation-token"
    erasure_request: int = 0  # other_nominee's pending request
    export_job: str = ""  # a finished background export of the review call
    year: int = 0

    def args(self) -> dict[str, object]:
        """The values that fill in URL rules (by their parameter names)."""
        return {"open_slug": self.open_slug, "review_slug": self.review_slug, "nomination": self.own_nomination,
                "file": self.own_file, "reviewed": self.reviewed_nomination, "run": self.run,
                "question": self.question, "group": self.group_code, "user": self.users["other_nominee"],
                "reviewer_id": self.users["reviewer"], "body": self.body, "meeting": self.meeting,
                "public_slug": self.public_slug, "in_person": self.in_person, "election": self.election,
                "candidacy": self.candidacy, "travel_request": self.travel_request,
                "authorised_request": self.authorised_request, "person": self.person,
                "invitation": self.invitation, "invitation_token": self.invitation_token,
                "erasure_request": self.erasure_request, "export_job": self.export_job, "year": self.year}


def _user(email: str, *roles: Role) -> User:
    user = create_user(email, list(roles), None, name=email.split("@")[0].title(), password="pw-unused-in-world")
    db.session.flush()
    return user


def build_world(*, with_run: bool = True) -> World:
    """Create the world and return where everything is (commits)."""
    world = World()
    admin, secretariat = _user("admin@world.example.org", Role.ADMIN), _user("sec@world.example.org", Role.SECRETARIAT)
    recused = _user("recused@world.example.org", Role.REVIEWER)
    recommender = _user("recommender@world.example.org", Role.RECOMMENDER)
    decider = _user("decider@world.example.org", Role.DECISION_MAKER)
    nominee, other = _user("nominee@world.example.net", Role.NOMINEE), _user("other@world.example.net", Role.NOMINEE)
    extra = seed_review_call(secretariat, recused, recommender, lambda email: "pw-unused-in-world")
    call = db.session.execute(select(Call).where(Call.slug == REVIEW_CALL_SLUG)).scalar_one()
    conflicted = sorted(call.nominations, key=lambda n: n.id)[CONFLICTED_INDEX]
    assigned = db.session.execute(select(ReviewAssignment).where(
        ReviewAssignment.nomination_id == conflicted.id)).scalars().first()
    reviewer = assigned.reviewer if assigned else extra[0]
    world.users = {"nominee": nominee.id, "other_nominee": other.id, "reviewer": reviewer.id,
                   "recused": recused.id, "recommender": recommender.id, "secretariat": secretariat.id,
                   "decider": decider.id, "admin": admin.id}
    world.reviewed_nomination = conflicted.id
    _own_nomination(world, nominee)
    for role in STAFF_ROLES:
        world.tokens[role] = issue_api_token(db.session.get(User, world.users[role]), None)
    if with_run:
        world.run = _finished_run(call, decider)
    _panel(world, secretariat, nominee)
    world.erasure_request = request_erasure(other).id
    world.export_job = _finished_export(secretariat)
    db.session.commit()
    return world


def _panel(world: World, secretariat: User, nominee: User) -> None:
    """The demo Panel and its year; the nominee's account is also its tenth member (who serves on
    next year, has a candidacy to answer and an invitation), so the members' pages have a member."""
    now = utcnow()
    body = seed_panel_body(secretariat, now)
    seed_panel_year(body, secretariat, now)
    members = {p.name: p for p in body.people if p.category == PersonCategory.MEMBER}
    member = members[MEMBERS[9][1]]
    member.user_id = nominee.id
    meetings = sorted(body.meetings, key=lambda m: m.starts_at)
    past = meetings[0]
    in_person = next(m for m in meetings if m.at_annual_igf)
    chair = db.session.execute(select(Election).where(Election.body_id == body.id,
                                                      Election.office == Office.CHAIR)).scalar_one()
    invitation = db.session.execute(select(Invitation).where(Invitation.person_id == member.id)).scalars().first()
    invitation.token_digest = Invitation.digest_of(world.invitation_token)
    requests = travel.requests_for(in_person)
    waiting = next(r for r in requests if r.authorised_amount is None)
    world.authorised_request = next(r.id for r in requests if r.authorised_amount is not None)
    world.body, world.meeting, world.public_slug, world.in_person = body.slug, past.id, past.summary.public_slug, in_person.id
    world.election = chair.id
    world.candidacy = next(c.id for c in chair.candidacies if c.person_id == member.id)
    world.travel_request, world.person, world.invitation = waiting.id, members[MEMBERS[2][1]].id, invitation.id
    world.year = past.starts_at.year
    db.session.flush()


def _finished_export(user: User) -> str:
    """A background export job of the review call, done, its file written."""
    job = export_jobs.ExportJob(secrets.token_urlsafe(18), REVIEW_CALL_SLUG, "csv", {}, user.id,
                                status=export_jobs.DONE, filename="nominations.csv",
                                created_at=utcnow().isoformat(timespec="seconds"))
    export_jobs.save(job)
    job.path.write_text("id\n", encoding="utf-8")
    return job.id


def _own_nomination(world: World, user: User) -> None:
    call = leadership_panel_call(OPEN_SLUG, utcnow())
    group = call.groups[0]
    nominee = Nominee(user=user, name="Zanele Ito", email=user.email, nationality="ZA", residence="ZA",
                      gender=Gender.WOMAN)
    nomination = complete_application(nomination_ops.start_nomination(call, group, nominee, user))
    nomination.cv = store_pdf(PDF, "cv.pdf", FilePurpose.CV, user)
    nomination_ops.submit(nomination, user)
    question = Question(call=call, label="Which languages do you work in?")
    db.session.add(question)
    db.session.flush()
    world.own_nomination, world.own_file = nomination.id, nomination.cv.id
    world.question, world.group_code = question.id, group.code


def _finished_run(call: Call, decider: User) -> int:
    from selection.services.jobs import execute_run

    proposal = decision_ops.propose(call, decider, SlateOptions(slates=2, min_difference=1, time_limit_s=5))
    db.session.commit()
    execute_run(proposal.run.id)
    return proposal.run.id


def nomination_statuses() -> dict[int, NominationStatus]:
    """Every nomination's status (a cheap fingerprint of the review state)."""
    return dict(db.session.execute(select(Nomination.id, Nomination.status)).all())
