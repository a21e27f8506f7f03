"""The decision workspace: proposing slates, pinning and excluding, deciding, appointing.

Every operation takes the acting user, checks that they may decide, writes the audit log
and flushes; a refusal raises ``WorkflowError`` with the reason in words and changes nothing.
Starting the solve itself is the caller's job once the new run is committed
(``selection.services.jobs.dispatch``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from flask_babel import gettext as _
from sqlalchemy import func, select

from selection.extensions import db
from selection.models import (
    ACTIVE_RUN_STATUSES,
    Call,
    CallStatus,
    Decision,
    Membership,
    Nomination,
    NominationStatus,
    Role,
    SlateRun,
    SlateRunStatus,
    User,
    utcnow,
)
from selection.models.decision import SOURCE_MANUAL, SOURCE_RUN
from selection.slates import SlateOptions, shortlist_of, violation_texts
from selection.workflow import audit
from selection.workflow.calls import move_call
from selection.workflow.errors import WorkflowError
from selection.workflow.nominations import move
from selection.workflow import notifications
from selection.workflow.review import NotPermitted
from selection.workflow.slate_runs import move_run, problem_for

DECIDERS = frozenset({Role.DECISION_MAKER, Role.ADMIN})
Choice = Literal["pin", "exclude", "clear"]


def may_decide(user: User | None) -> bool:
    """Decision-makers and administrators propose, pin, exclude and decide."""
    return bool(user is not None and getattr(user, "roles", frozenset()) & DECIDERS)


def _require_decider(actor: User | None, refusal: str) -> None:
    """``None`` is the command line, run by the server's operator; any user needs a deciding role
    (``refusal`` says what the others may not do)."""
    if actor is not None and not may_decide(actor):
        raise NotPermitted(refusal)


# ------------------------------------------------------------------------------ runs

def active_run(call: Call) -> SlateRun | None:
    """The call's queued or running run, if any (a stale one is marked failed first)."""
    run = db.session.execute(select(SlateRun).where(SlateRun.call_id == call.id, SlateRun.status.in_(
        ACTIVE_RUN_STATUSES)).order_by(SlateRun.id.desc())).scalars().first()
    if run is not None and _is_stale(run):
        run.error = "The solve stopped without an answer (the process running it ended). Propose again."
        move_run(run, SlateRunStatus.FAILED, None, error=run.error)
        return None
    return run


def _is_stale(run: SlateRun) -> bool:
    """Far past any time the optimizer may take: the worker or process died."""
    since = run.started_at or run.requested_at
    return utcnow() - since > timedelta(seconds=3 * run.time_limit_s + 300)


def runs_of(call: Call) -> list[SlateRun]:
    """Every run of the call, newest first: earlier proposals stay to be reopened."""
    return list(db.session.execute(select(SlateRun).where(SlateRun.call_id == call.id)
                                   .order_by(SlateRun.id.desc())).scalars())


@dataclass(frozen=True)
class Proposal:
    """The run a proposal returns, and whether this request created it."""

    run: SlateRun
    created: bool


def propose(call: Call, actor: User | None, options: SlateOptions | None = None,
            pinned: list[int] | None = None, excluded: list[int] | None = None) -> Proposal:
    """Queue a slate run for the call's shortlist; while one runs, that one is returned instead."""
    _require_decider(actor, _("Only decision-makers and administrators may propose slates."))
    options = options or SlateOptions()
    running = active_run(call)
    if running is not None:
        return Proposal(running, False)
    _check_proposable(call, options)
    pinned, excluded = _unique(pinned), _unique(excluded)
    problem = problem_for(call, options, pinned, excluded)
    run = SlateRun(call=call, problem=problem, options=options.to_json(), pinned=pinned, excluded=excluded,
                   requested_by=actor, time_limit_s=options.time_limit_s, status=SlateRunStatus.QUEUED)
    db.session.add(run)
    db.session.flush()
    audit.record(actor, run, "proposed", to_state=SlateRunStatus.QUEUED.value, call=call.slug,
                 options=options.to_json(), pinned=pinned, excluded=excluded,
                 candidates=len(problem["candidates"]))
    db.session.flush()
    return Proposal(run, True)


def _unique(ids: list[int] | None) -> list[int]:
    return sorted(set(ids or []))


def _check_proposable(call: Call, options: SlateOptions) -> None:
    problems = options.problems()
    if problems:
        raise WorkflowError(" ".join(problems))
    if call.status not in (CallStatus.CLOSED, CallStatus.DECIDED):
        raise WorkflowError(_("The call is %(status)s: slates are proposed once it has closed.",
                              status=_(call.status.label).lower()))
    if not shortlist_of(call):
        raise WorkflowError(_("The call has no shortlisted nominee yet: shortlist nominees before proposing slates."))


def choose(run: SlateRun, nomination: Nomination, choice: Choice, actor: User | None) -> Proposal:
    """Pin, exclude or clear one nominee and propose again from ``run``'s inputs."""
    _require_decider(actor, _("Only decision-makers and administrators may pin or exclude nominees."))
    if nomination.call_id != run.call_id or nomination.status != NominationStatus.SHORTLISTED:
        raise WorkflowError(_("%(name)s is not on this call's shortlist.", name=nomination.nominee.name))
    pinned = [i for i in run.pinned if i != nomination.id]
    excluded = [i for i in run.excluded if i != nomination.id]
    if choice == "pin":
        pinned.append(nomination.id)
    elif choice == "exclude":
        excluded.append(nomination.id)
    options = SlateOptions.from_json(run.options)
    if active_run(run.call) is None:
        audit.record(actor, nomination, {"pin": "pinned", "exclude": "excluded", "clear": "unpinned"}[choice],
                     slate_run=run.id)
    return propose(run.call, actor, options, pinned, excluded)


# Nominations that were on the shortlist: still shortlisted, or appointed or not after the decision.
WERE_SHORTLISTED = (NominationStatus.SHORTLISTED, NominationStatus.APPOINTED, NominationStatus.NOT_APPOINTED)


def shortlisted_counts(calls: list[Call]) -> dict[int, int]:
    """Per call id, how many nominees were shortlisted, the decision's outcomes included (one query)."""
    rows = db.session.execute(
        select(Nomination.call_id, func.count()).where(
            Nomination.call_id.in_([call.id for call in calls]), Nomination.status.in_(WERE_SHORTLISTED))
        .group_by(Nomination.call_id)).all() if calls else []
    counts = {call.id: 0 for call in calls}
    counts.update({call_id: count for call_id, count in rows})
    return counts


# ------------------------------------------------------------------------------ decision

@dataclass(frozen=True)
class DecisionInput:
    """What the decision-maker records: the members (nomination ids), date, rationale and source."""

    member_ids: list[int]
    decided_on: date
    rationale: str
    hard_rule_justification: str = ""
    slate_run_id: int | None = None
    slate_rank: int | None = None


def decision_of(call: Call) -> Decision | None:
    """The call's decision, if recorded."""
    return db.session.execute(select(Decision).where(Decision.call_id == call.id)).scalar_one_or_none()


def decide(call: Call, entry: DecisionInput, actor: User | None) -> Decision:
    """Record the Secretary-General's decision and appoint its members (notices held).

    Refused, with nothing changed: the call is not closed; a decision exists; a member is not
    shortlisted (or withdrew); no rationale; a hard rule is broken without justification.
    """
    _require_decider(actor, _("Only decision-makers and administrators may record a decision."))
    members = _members_of(call, entry)
    hard, _soft = violation_texts(call, entry.member_ids)
    if hard and not entry.hard_rule_justification.strip():
        raise WorkflowError(_("This slate breaks hard rules (%(rules)s). Give an explicit justification to record "
                              "it anyway.", rules="; ".join(hard)))
    run = db.session.get(SlateRun, entry.slate_run_id) if entry.slate_run_id else None
    if entry.slate_run_id and (run is None or run.call_id != call.id):
        raise WorkflowError(_("The slate run named does not belong to this call."))
    decision = Decision(call=call, member_ids=[n.id for n in members], decided_on=entry.decided_on,
                        rationale=entry.rationale.strip(), hard_rule_justification=entry.hard_rule_justification.strip(),
                        broken_rules=hard, decided_by=actor, source=SOURCE_RUN if run else SOURCE_MANUAL,
                        slate_run=run, slate_rank=entry.slate_rank if run else None)
    db.session.add(decision)
    db.session.flush()
    audit.record(actor, decision, "decided", **decision.summary(), broken_rules=hard,
                 justification=decision.hard_rule_justification or None)
    appoint(decision, members, actor)
    return decision


def _members_of(call: Call, entry: DecisionInput) -> list[Nomination]:
    if call.status != CallStatus.CLOSED:
        if call.status == CallStatus.DECIDED or decision_of(call) is not None:
            raise WorkflowError(_("A decision on this call has already been recorded; it cannot be recorded twice."))
        raise WorkflowError(_("The call is %(status)s: a decision is recorded only once it has closed.",
                              status=_(call.status.label).lower()))
    if decision_of(call) is not None:
        raise WorkflowError(_("A decision on this call has already been recorded; it cannot be recorded twice."))
    if not entry.rationale.strip():
        raise WorkflowError(_("Give the rationale of the decision."))
    if not entry.member_ids:
        raise WorkflowError(_("Choose the members the Secretary-General appointed."))
    members = [db.session.get(Nomination, i) for i in dict.fromkeys(entry.member_ids)]
    unknown = [str(i) for i, n in zip(dict.fromkeys(entry.member_ids), members) if n is None or n.call_id != call.id]
    if unknown:
        raise WorkflowError(_("Not nominations of this call: %(ids)s.", ids=", ".join(unknown)))
    refused = [f"{n.nominee.name} ({_(n.status.label).lower()})" for n in members
               if n is not None and n.status != NominationStatus.SHORTLISTED]
    if refused:
        raise WorkflowError(_("Only shortlisted nominees can be appointed; not: %(names)s.", names=", ".join(refused)))
    return [n for n in members if n is not None]


def appoint(decision: Decision, members: list[Nomination], actor: User | None) -> None:
    """Members -> appointed with a roster seat for the term; the rest of the shortlist -> not
    appointed; a notice to each is held in the outbox; the call -> decided."""
    call = decision.call
    chosen = {n.id for n in members}
    for nomination in shortlist_of(call):
        target = NominationStatus.APPOINTED if nomination.id in chosen else NominationStatus.NOT_APPOINTED
        move(nomination, target, actor, decision=decision.id)
        notifications.outcome(nomination, target, actor)
        if target == NominationStatus.APPOINTED:
            db.session.add(Membership(call=call, decision=decision, nomination=nomination, group=nomination.group,
                                      term_start=call.term_start, term_end=call.term_end))
    move_call(call, CallStatus.DECIDED, actor, decision=decision.id)
    db.session.flush()
