"""A small complete world for the route x role table and the fuzzers: one user per role, an open
call with a nominee's submitted nomination (a real CV on disk), the demo's closed call in review
(a reviewer assigned to a nomination another reviewer is recused from), a finished slate run,
an API token per staff role. Built once per test module (inside an app context)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from selection.demo import leadership_panel_call
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
from selection.services.uploads import store_pdf
from selection.slates import SlateOptions
from selection.workflow import decision as decision_ops
from selection.workflow import nominations as nomination_ops
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

    def args(self) -> dict[str, object]:
        """The values that fill in URL rules (by their parameter names)."""
        return {"open_slug": self.open_slug, "review_slug": self.review_slug, "nomination": self.own_nomination,
                "file": self.own_file, "reviewed": self.reviewed_nomination, "run": self.run,
                "question": self.question, "group": self.group_code, "user": self.users["other_nominee"],
                "reviewer_id": self.users["reviewer"]}


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
    db.session.commit()
    return world


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
