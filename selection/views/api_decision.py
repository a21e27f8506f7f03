"""The decision part of the staff JSON API: start a slate run, read it, record the decision,
announce the members (also the Secretariat).

Declared in the API's own registry, so each endpoint is in the OpenAPI document.
Decision-makers and administrators only.
"""
from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from flask import Response, abort, jsonify

from selection.services import jobs
from selection.models import Decision, SlateRun
from selection.numbers import MAX_DATABASE_ID, is_json_id, is_json_number
from selection.slates import MAX_SLATES, MAX_TIME_LIMIT_S, SlateOptions, outcome_of, relaxed_rules_of
from selection.slates.problem import MAX_RESAMPLES
from selection.views.api_core import (
    DATETIME,
    SCHEMAS,
    STRING,
    iso,
    json_body,
    operation,
    post_operation,
    ref,
    require_roles,
    row_or_404,
)
from selection.views.loading import call_or_404
from selection.views.operations import answer_operation
from selection.workflow import decision as ops
from selection.workflow import roster
from selection.workflow.slate_runs import comparison
from selection.workflow.visibility import roster_is_public
from selection.workflow.permissions import DECIDERS, ROSTER_ANNOUNCERS

ANNOUNCERS = tuple(ROSTER_ANNOUNCERS)
_post = partial(post_operation, tag="decisions")  # POST endpoints of this part of the API
INTEGERS = {"type": "array", "items": {"type": "integer"}}




# What each slate-run option may be: a number the optimizer can take (SlateOptions says more).
OPTION_RANGES = {"slates": (1, MAX_SLATES), "min_difference": (1, 50), "time_limit_s": (1, MAX_TIME_LIMIT_S),
                 "robustness": (0, MAX_RESAMPLES)}


def _integers(body: dict[str, Any], key: str) -> list[int]:
    value = body.get(key, [])
    if not isinstance(value, list) or not all(is_json_id(v) for v in value):
        abort(400, f"\"{key}\" must be a list of nomination ids (whole numbers from 1 to {MAX_DATABASE_ID}).")
    return value


def _number(body: dict[str, Any], key: str, default: float) -> float:
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        abort(400, f"\"{key}\" must be a number.")
    low, high = OPTION_RANGES[key]
    if not is_json_number(value, minimum=low, maximum=high):
        abort(400, f"\"{key}\" must be a number between {low:g} and {high:g}.")
    return value


@_post("/calls/<slug>/slate-runs", "Propose slates for a call (runs in the background)", ref("SlateRun"),
       {"type": "object", "properties": {
           "slates": {"type": "integer", "default": 5}, "min_difference": {"type": "integer", "default": 2},
           "time_limit_s": {"type": "number", "default": 20}, "robustness": {"type": "integer", "default": 0},
           "pinned": INTEGERS, "excluded": INTEGERS}})
def post_slate_run(slug: str) -> Response:
    """The new run (``created`` true), or the one already under way for the call (``created`` false)."""
    user = require_roles(*DECIDERS)
    call = call_or_404(slug)
    body = json_body()
    options = SlateOptions(int(_number(body, "slates", 5)), int(_number(body, "min_difference", 2)),
                           float(_number(body, "time_limit_s", 20)), {}, int(_number(body, "robustness", 0)))
    pinned, excluded = _integers(body, "pinned"), _integers(body, "excluded")
    return answer_operation(lambda: ops.propose(call, user, options, pinned, excluded), _started)


def _started(proposal: ops.Proposal) -> Response:
    """Hand a new run to the background runner; answer with the run."""
    if proposal.created:
        jobs.dispatch(proposal.run.id)
    return jsonify({**slate_run_json(proposal.run), "created": proposal.created})


@operation("/slate-runs/<int:run_id>", summary="A slate run: status, progress, slates or conflicts",
           response=ref("SlateRun"), tag="decisions", errors=(401, 403, 404))
def get_slate_run(run_id: int) -> Response:
    """The run with its inputs, progress and (when done) its slates in full."""
    require_roles(*DECIDERS)
    return jsonify(slate_run_json(row_or_404(SlateRun, run_id, "slate run")))


@_post("/calls/<slug>/decision", "Record the decision on a call and appoint its members", ref("Decision"),
       {"type": "object", "required": ["members", "decided_on", "rationale"], "properties": {
           "members": INTEGERS, "decided_on": {"type": "string", "format": "date"}, "rationale": STRING,
           "hard_rule_justification": STRING, "slate_run": {"type": "integer"}, "slate_rank": {"type": "integer"}}})
def post_decision(slug: str) -> Response:
    """The decision recorded; refusals (call not closed, second decision, ...) are 400 with the reason."""
    user = require_roles(*DECIDERS)
    call = call_or_404(slug)
    body = json_body()
    try:
        decided_on = date.fromisoformat(str(body.get("decided_on", "")))
    except ValueError:
        abort(400, "\"decided_on\" must be a date such as 2027-01-15.")
    entry = ops.DecisionInput(_integers(body, "members"), decided_on, str(body.get("rationale", "")),
                              str(body.get("hard_rule_justification", "")), _optional_int(body, "slate_run"),
                              _optional_int(body, "slate_rank"))
    return answer_operation(lambda: ops.decide(call, entry, user), _decision_answer)


@_post("/calls/<slug>/announce", "Announce a decided call's members: the roster becomes public now or on a date",
       ref("Decision"), {"type": "object", "properties": {"announce_on": {"type": "string", "format": "date"}}})
def post_announce(slug: str) -> Response:
    """The decision with its announcement; refusals (no decision, already public, date past) are 400."""
    user = require_roles(*ANNOUNCERS)
    call = call_or_404(slug)
    body = json_body()
    announce_on = None
    if body.get("announce_on") is not None:
        try:
            announce_on = date.fromisoformat(str(body["announce_on"]))
        except ValueError:
            abort(400, "\"announce_on\" must be a date such as 2027-01-15.")
    return answer_operation(lambda: roster.announce(call, user, announce_on), _decision_answer)


def _decision_answer(decision: Decision) -> Response:
    return jsonify(decision_json(decision))


def _optional_int(body: dict[str, Any], key: str) -> int | None:
    value = body.get(key)
    if value is not None and not is_json_id(value):
        abort(400, f"\"{key}\" must be a whole number from 1 to {MAX_DATABASE_ID}.")
    return value


def slate_run_json(run: SlateRun) -> dict[str, Any]:
    """A run for the API: inputs, progress, and the slates with members in words."""
    data: dict[str, Any] = {
        "id": run.id, "call": run.call.slug, "status": run.status.value, "outcome": outcome_of(run),
        "options": run.options, "relaxed_rules": relaxed_rules_of(run), "pinned": run.pinned,
        "excluded": run.excluded, "requested_by": run.requested_by.email if run.requested_by else None, "requested_at": iso(run.requested_at),
        "progress": {"slates_found": run.slates_found, "best_score": run.best_score, "bound": run.bound,
                     "started_at": iso(run.started_at), "finished_at": iso(run.finished_at),
                     "elapsed_s": round(run.elapsed_s(), 1), "time_limit_s": run.time_limit_s},
        "error": run.error or None, "slates": [], "conflicts": [], "rule_prices": [], "robustness": None,
    }
    if run.is_active:
        return data
    view = comparison(run)
    data["slates"] = [{
        "rank": s.rank, "score": s.score, "merit": s.merit, "penalty": s.penalty, "proven_optimal": s.proven_optimal,
        "bound": s.bound, "binding_rules": list(s.binding_rules), "soft_violations": list(s.soft_violations),
        "members": [{"nomination": m.nomination_id, "name": m.name, "group": m.group_code, "region": m.region or None,
                     "gender": m.gender, "nationality": m.country, "score": m.score,
                     "replacement_cost": m.replacement_cost, "irreplaceable": m.irreplaceable,
                     "recommendations": list(m.recommendations), "robustness_share": m.share} for m in s.members],
    } for s in view.slates]
    data["conflicts"] = [{"text": c.text, "rule": c.rule_index, "relaxation": c.relaxation,
                          "relaxation_text": c.relaxation_text} for c in view.conflicts]
    data["rule_prices"] = [price.text for price in view.prices]
    data["robustness"] = view.robustness or None
    return data


def decision_json(decision: Decision) -> dict[str, Any]:
    """A decision for the API."""
    return {**decision.summary(), "call": decision.call.slug, "rationale": decision.rationale,
            "hard_rule_justification": decision.hard_rule_justification, "broken_rules": decision.broken_rules,
            "decided_by": decision.decided_by.email if decision.decided_by else None,
            "created_at": iso(decision.created_at),
            "announced_at": iso(decision.announced_at) if decision.announced_at else None,
            "public_from": iso(decision.public_from) if decision.public_from else None,
            "public": roster_is_public(decision)}


NULLABLE_NUMBER = {"type": ["number", "null"]}
SCHEMAS.update({
    "SlateRun": {"type": "object", "properties": {
        "id": {"type": "integer"}, "call": STRING, "status": {"type": "string", "enum": ["queued", "running", "done",
                                                                                       "failed"]},
        "outcome": {"type": ["string", "null"]}, "options": {"type": "object"},
        "relaxed_rules": {"type": "array", "items": STRING}, "pinned": INTEGERS,
        "excluded": INTEGERS, "requested_by": {"type": ["string", "null"]}, "requested_at": DATETIME,
        "created": {"type": "boolean"},
        "progress": {"type": "object", "properties": {
            "slates_found": {"type": "integer"}, "best_score": NULLABLE_NUMBER, "bound": NULLABLE_NUMBER,
            "started_at": {"type": ["string", "null"]}, "finished_at": {"type": ["string", "null"]},
            "elapsed_s": {"type": "number"}, "time_limit_s": {"type": "number"}}},
        "error": {"type": ["string", "null"]},
        "slates": {"type": "array", "items": {"type": "object"}},
        "conflicts": {"type": "array", "items": {"type": "object"}},
        "rule_prices": {"type": "array", "items": STRING}, "robustness": {"type": ["string", "null"]}}},
    "Decision": {"type": "object", "properties": {
        "call": STRING, "members": INTEGERS, "source": STRING, "slate_run": {"type": ["integer", "null"]},
        "slate_rank": {"type": ["integer", "null"]}, "decided_on": {"type": "string", "format": "date"},
        "rationale": STRING, "hard_rule_justification": STRING, "broken_rules": {"type": "array", "items": STRING},
        "decided_by": {"type": ["string", "null"]}, "created_at": DATETIME,
        "announced_at": {"type": ["string", "null"], "format": "date-time"},
        "public_from": {"type": ["string", "null"], "format": "date-time"}, "public": {"type": "boolean"}}},
})
