"""The route x role table: every route of the URL map, for every role, allowed or refused as the
table says. A route without its row fails ``test_every_route_has_a_row``.

Allowed: the request gets past the permission check (2xx, a redirect elsewhere than a sign-in
page, or a 4xx of the form or the state such as 400, 409, 410). Refused: 401, 403, 404 (hidden)
or a redirect to a sign-in page. POSTs are sent with an empty body and CSRF off, so a refused
POST must be refused by its permission check; an allowed POST that may act (closing a call...)
is followed by restoring the database from its snapshot (SQLite only; skipped on PostgreSQL).
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from selection.extensions import db
from tests.conftest import app_on_fresh_schema, sign_in_directly
from tests.selection.world import ROLES, STAFF_ROLES, World, build_world

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
NOMINEES = frozenset({"nominee", "other_nominee"})
STAFF = frozenset(STAFF_ROLES)
ADMIN = frozenset({"admin"})
SECRETARIAT = frozenset({"admin", "secretariat"})
DECIDERS = frozenset({"admin", "decider"})
ANNOUNCERS = SECRETARIAT | {"decider"}
REVIEW_ROLES = SECRETARIAT | {"reviewer", "recused", "recommender"}
REVIEWERS = frozenset({"reviewer", "recused"})
RECOMMENDERS = SECRETARIAT | {"recommender"}
SCORERS = SECRETARIAT | {"reviewer"}
OWNER = frozenset({"nominee"})
OWNER_AND_SECRETARIAT = OWNER | SECRETARIAT
NOBODY: frozenset[str] = frozenset()

OPEN, REVIEW = "/calls/{open_slug}", "/review/calls/{review_slug}"
ADMIN_CALL = "/admin/calls/{open_slug}"
NOMINATION, REVIEWED = "/nominations/{nomination}", "/review/nominations/{reviewed}"
BODY, MEETING = "/secretariat/bodies/{body}", "/secretariat/meetings/{meeting}"
API_REVIEW, API_OPEN = "/api/v1/calls/{review_slug}", "/api/v1/calls/{open_slug}"

# (endpoint, method, path, roles allowed). Every (endpoint, rule, method) of the URL map has a row.
TABLE: list[tuple[str, str, str, frozenset[str]]] = [
    ("public.home", "GET", "/", EVERYONE),
    ("favicon", "GET", "/favicon.ico", EVERYONE),
    ("static", "GET", "/static/site.css", EVERYONE),
    ("public.call_page", "GET", OPEN, EVERYONE),
    ("nominee.privacy", "GET", OPEN + "/privacy", EVERYONE),
    ("nominee.nominate", "GET", OPEN + "/nominate/{group}", NOMINEES),
    ("nominee.nominate", "POST", OPEN + "/nominate/{group}", NOMINEES),
    ("decision.roster_page", "GET", "/calls/{review_slug}/members", NOBODY),
    ("decision.roster_page", "POST", "/calls/{review_slug}/members", NOBODY),
    # Sign-in, sign-out, two-factor.
    ("auth.sign_in", "GET", "/sign-in", EVERYONE),
    ("auth.sign_in", "POST", "/sign-in", EVERYONE),
    ("auth.sign_out", "POST", "/sign-out", SIGNED_IN),
    ("nominee.sign_in", "GET", "/my/sign-in", EVERYONE),
    ("nominee.sign_in", "POST", "/my/sign-in", EVERYONE),
    # A link that is not one answers 410 to anyone: the token, not the role, lets in.
    ("nominee.use_link", "GET", "/my/sign-in/not-a-token", EVERYONE),
    ("nominee.use_link", "POST", "/my/sign-in/not-a-token", EVERYONE),
    ("two_factor.code", "GET", "/sign-in/code", NOBODY),
    ("two_factor.code", "POST", "/sign-in/code", NOBODY),
    ("two_factor.set_up", "GET", "/sign-in/two-factor", NOBODY),
    ("two_factor.set_up", "POST", "/sign-in/two-factor", NOBODY),
    ("two_factor.account", "GET", "/account/two-factor", STAFF),
    ("two_factor.account", "POST", "/account/two-factor", STAFF),
    # Turning off one's own two-factor: anyone signed in may ask; a nominee has none to turn off.
    ("two_factor.turn_off", "POST", "/account/two-factor/off", SIGNED_IN),
    ("two_factor.admin_turn_off", "POST", "/admin/users/{user}/two-factor/off", ADMIN),
    # A nominee's own pages.
    ("nominee.my_nominations", "GET", "/my", SIGNED_IN),
    ("nominee.show", "GET", NOMINATION, OWNER_AND_SECRETARIAT),
    ("nominee.edit", "GET", NOMINATION + "/edit", OWNER),
    ("nominee.edit", "POST", NOMINATION + "/edit", OWNER),
    ("nominee.withdraw", "GET", NOMINATION + "/withdraw", OWNER),
    ("nominee.withdraw", "POST", NOMINATION + "/withdraw", OWNER),
    ("nominee.decline", "GET", NOMINATION + "/decline", OWNER),
    ("nominee.decline", "POST", NOMINATION + "/decline", OWNER),
    ("nominee.invite_again", "POST", NOMINATION + "/invite", NOBODY),
    ("nominee.download", "GET", "/files/{file}", OWNER_AND_SECRETARIAT),
    # Administration.
    ("admin.calls", "GET", "/admin/calls", ADMIN),
    ("admin.new_call", "GET", "/admin/calls/new", ADMIN),
    ("admin.new_call", "POST", "/admin/calls/new", ADMIN),
    ("admin.call_overview", "GET", ADMIN_CALL, ADMIN),
    ("admin.call_open", "POST", ADMIN_CALL + "/open", ADMIN),
    ("admin.call_close", "POST", ADMIN_CALL + "/close", ADMIN),
    *[(f"admin.call_{part}", method, f"{ADMIN_CALL}/{part}", ADMIN)
      for part in ("deadlines", "details", "groups", "privacy", "questions", "review", "rules")
      for method in ("GET", "POST")],
    ("admin.call_question", "GET", ADMIN_CALL + "/questions/{question}", ADMIN),
    ("admin.call_question", "POST", ADMIN_CALL + "/questions/{question}", ADMIN),
    ("admin.delete_question", "POST", ADMIN_CALL + "/questions/{question}/delete", ADMIN),
    ("admin.move_question", "POST", ADMIN_CALL + "/questions/{question}/move/up", ADMIN),
    ("admin.preview_questions", "GET", ADMIN_CALL + "/questions/preview", ADMIN),
    ("admin.preview_questions", "POST", ADMIN_CALL + "/questions/preview", ADMIN),
    ("decision.hosts", "GET", "/admin/igf-hosts", ADMIN),
    ("decision.hosts", "POST", "/admin/igf-hosts", ADMIN),
    ("admin.users", "GET", "/admin/users", ADMIN),
    ("admin.new_user", "GET", "/admin/users/new", ADMIN),
    ("admin.new_user", "POST", "/admin/users/new", ADMIN),
    ("admin.edit_user", "GET", "/admin/users/{user}", ADMIN),
    ("admin.edit_user", "POST", "/admin/users/{user}", ADMIN),
    ("admin.deactivate_user", "POST", "/admin/users/{user}/deactivate", ADMIN),
    ("admin.reactivate_user", "POST", "/admin/users/{user}/reactivate", ADMIN),
    ("admin.end_user_sessions", "POST", "/admin/users/{user}/end-sessions", ADMIN),
    ("admin.issue_token", "POST", "/admin/users/{reviewer_id}/tokens", ADMIN),
    ("admin.revoke_token", "POST", "/admin/users/{reviewer_id}/tokens/1/revoke", ADMIN),
    # Staff home and the Secretariat.
    ("staff.home", "GET", "/staff", STAFF),
    ("secretariat.calls", "GET", "/secretariat/calls", SECRETARIAT),
    ("secretariat.nominations", "GET", "/secretariat/calls/{open_slug}/nominations", SECRETARIAT),
    # Review.
    ("review.my_assignments", "GET", "/review/my-assignments", REVIEWERS),
    ("review.shortlists", "GET", "/review/shortlists", RECOMMENDERS),
    ("review.dashboard_page", "GET", REVIEW, SECRETARIAT),
    ("review.nominations", "GET", REVIEW + "/nominations", SECRETARIAT),
    ("review.shortlist_view", "GET", REVIEW + "/shortlist", RECOMMENDERS),
    ("review.export_file", "GET", REVIEW + "/export.csv", SECRETARIAT),
    ("review.assign_balanced", "POST", REVIEW + "/assign-balanced", SECRETARIAT),
    ("review.dashboard_reloaded", "GET", REVIEW + "/assign-balanced", SECRETARIAT),
    ("review.add_body_member", "POST", REVIEW + "/body-members", SECRETARIAT),
    ("review.dashboard_reloaded", "GET", REVIEW + "/body-members", SECRETARIAT),
    ("review.bulk", "POST", REVIEW + "/bulk", SECRETARIAT),
    ("review.bulk_reloaded", "GET", REVIEW + "/bulk", SECRETARIAT),
    ("review.bulk_apply", "POST", REVIEW + "/bulk/apply", SECRETARIAT),
    ("review.bulk_reloaded", "GET", REVIEW + "/bulk/apply", SECRETARIAT),
    ("review.bulk_confirm", "GET", REVIEW + "/bulk/confirm", SECRETARIAT),
    ("review.notices", "GET", REVIEW + "/notices", SECRETARIAT),
    ("review.notices", "POST", REVIEW + "/notices", SECRETARIAT),
    ("review.hold_received", "POST", REVIEW + "/notices/received", SECRETARIAT),
    ("review.notices_reloaded", "GET", REVIEW + "/notices/received", SECRETARIAT),
    ("review.release", "POST", REVIEW + "/notices/release", SECRETARIAT),
    ("review.notices_reloaded", "GET", REVIEW + "/notices/release", SECRETARIAT),
    ("review.nomination", "GET", REVIEWED, SCORERS | {"recommender"}),
    # A reloaded form's address only leads back to the nomination page, which decides.
    ("review.form_reloaded", "GET", REVIEWED + "/review", REVIEW_ROLES),
    ("review.form_reloaded", "GET", REVIEWED + "/unassign/{reviewer_id}", REVIEW_ROLES),
    ("review.screen", "POST", REVIEWED + "/screen", SECRETARIAT),
    ("review.assign", "POST", REVIEWED + "/assign", SECRETARIAT),
    ("review.unassign", "POST", REVIEWED + "/unassign/{reviewer_id}", SECRETARIAT),
    ("review.comment", "POST", REVIEWED + "/comment", SCORERS),
    ("review.conflict", "POST", REVIEWED + "/conflict", SCORERS),
    ("review.save_review", "POST", REVIEWED + "/review", frozenset({"reviewer"})),
    ("review.shortlist", "POST", REVIEWED + "/shortlist", SECRETARIAT),
    ("review.recommend", "POST", REVIEWED + "/recommend", SECRETARIAT | {"recommender"}),
    # Decision.
    ("decision.calls", "GET", "/decide/", DECIDERS),
    ("decision.workspace", "GET", "/decide/calls/{review_slug}", DECIDERS),
    ("decision.decide", "GET", "/decide/calls/{review_slug}/decision", DECIDERS),
    ("decision.decide", "POST", "/decide/calls/{review_slug}/decision", DECIDERS),
    ("decision.propose", "POST", "/decide/calls/{review_slug}/runs", DECIDERS),
    ("decision.validate", "GET", "/decide/calls/{review_slug}/validate.json", DECIDERS),
    ("decision.run", "GET", "/decide/runs/{run}", DECIDERS),
    ("decision.choose", "POST", "/decide/runs/{run}/choose", DECIDERS),
    ("decision.progress", "GET", "/decide/runs/{run}/progress.json", DECIDERS),
    ("decision.relax", "POST", "/decide/runs/{run}/relax", DECIDERS),
    ("decision.report", "GET", "/decide/runs/{run}/report", DECIDERS),
    ("decision.export", "GET", "/decide/runs/{run}/slates.xlsx", DECIDERS),
    ("decision.why_not", "GET", "/decide/runs/{run}/why-not/{reviewed}", DECIDERS),
    # The API: each role sends its own bearer token (nominees and strangers have none).
    ("api.openapi", "GET", "/api/v1/openapi.json", EVERYONE),
    ("api.not_found", "GET", "/api/v1/nothing-here", NOBODY),
    *[("api.not_found", method, "/api/v1/nothing-here", NOBODY) for method in ("POST", "PUT", "PATCH", "DELETE")],
    ("api.list_calls", "GET", "/api/v1/calls", STAFF),
    ("api.list_nominations", "GET", API_OPEN + "/nominations", SECRETARIAT),
    ("api.call_reviews", "GET", API_REVIEW + "/reviews", SECRETARIAT),
    ("api.call_shortlist", "GET", API_REVIEW + "/shortlist", RECOMMENDERS),
    ("api.post_announce", "POST", API_REVIEW + "/announce", ANNOUNCERS),
    ("api.post_decision", "POST", API_REVIEW + "/decision", DECIDERS),
    ("api.post_slate_run", "POST", API_REVIEW + "/slate-runs", DECIDERS),
    ("api.get_slate_run", "GET", "/api/v1/slate-runs/{run}", DECIDERS),
    ("api.get_nomination", "GET", "/api/v1/nominations/{nomination}", SECRETARIAT),
    ("api.nomination_reviews", "GET", "/api/v1/nominations/{reviewed}/reviews", SECRETARIAT),
    ("api.post_recommendation", "POST", "/api/v1/nominations/{reviewed}/recommendations", RECOMMENDERS),
    ("api.post_shortlist", "POST", "/api/v1/nominations/{reviewed}/shortlist", SECRETARIAT),
    ("api.post_withdrawal", "POST", "/api/v1/nominations/{reviewed}/withdraw", SECRETARIAT),
    # The body's year and meetings: the Secretariat runs them (``may_run_body``: STAFF).
    ("bodies.index", "GET", "/secretariat/bodies", SECRETARIAT),
    ("bodies.body", "GET", BODY, SECRETARIAT),
    ("bodies.calendar", "GET", BODY + "/calendar", SECRETARIAT),
    ("bodies.attendance_csv", "GET", BODY + "/attendance-{year}.csv", SECRETARIAT),
    ("bodies.dissemination_list", "POST", BODY + "/dissemination-list", SECRETARIAT),
    ("bodies.schedule", "GET", BODY + "/meetings/new", SECRETARIAT),
    ("bodies.schedule", "POST", BODY + "/meetings/new", SECRETARIAT),
    ("bodies.year", "GET", BODY + "/year", SECRETARIAT),
    ("bodies.year_settings", "POST", BODY + "/year/settings", SECRETARIAT),
    ("bodies.next_call", "POST", BODY + "/next-call", SECRETARIAT),
    ("bodies.open_elections", "POST", BODY + "/elections", SECRETARIAT),
    ("bodies.depart", "POST", BODY + "/people/{person}/depart", SECRETARIAT),
    ("bodies.seat_members", "POST", "/secretariat/calls/{review_slug}/seat-members", SECRETARIAT),
    ("bodies.action_items", "GET", "/secretariat/action-items", SECRETARIAT),
    ("bodies.set_action_status", "POST", "/secretariat/action-items/1/status", SECRETARIAT),
    # The workspace and the approvals: the Chair or the Secretariat (``may_approve_as_chair``); no role is Chair.
    ("bodies.meeting", "GET", MEETING, SECRETARIAT),
    ("bodies.approve_agenda", "POST", MEETING + "/agenda/approve", SECRETARIAT),
    ("bodies.approve_summary", "POST", MEETING + "/summary/approve", SECRETARIAT),
    ("bodies.edit", "GET", MEETING + "/edit", SECRETARIAT),
    ("bodies.edit", "POST", MEETING + "/edit", SECRETARIAT),
    ("bodies.cancel", "POST", MEETING + "/cancel", SECRETARIAT),
    ("bodies.add_agenda_item", "POST", MEETING + "/agenda", SECRETARIAT),
    ("bodies.remove_agenda_item", "POST", MEETING + "/agenda/1/remove", SECRETARIAT),
    ("bodies.send_invitations", "POST", MEETING + "/invitations", SECRETARIAT),
    ("bodies.remind", "POST", MEETING + "/reminders", SECRETARIAT),
    ("bodies.mark_held", "POST", MEETING + "/held", SECRETARIAT),
    ("bodies.confirm_attendance", "POST", MEETING + "/attendance", SECRETARIAT),
    ("bodies.add_decision", "POST", MEETING + "/decisions", SECRETARIAT),
    ("bodies.remove_decision", "POST", MEETING + "/decisions/1/remove", SECRETARIAT),
    ("bodies.add_action_item", "POST", MEETING + "/action-items", SECRETARIAT),
    ("bodies.set_next_steps", "POST", MEETING + "/next-steps", SECRETARIAT),
    ("bodies.save_summary", "POST", MEETING + "/summary", SECRETARIAT),
    ("bodies.publish_summary", "POST", MEETING + "/summary/publish", SECRETARIAT),
    ("bodies.travel_support", "GET", "/secretariat/meetings/{in_person}/travel", SECRETARIAT),
    ("bodies.set_budget", "POST", "/secretariat/meetings/{in_person}/travel/budget", SECRETARIAT),
    ("bodies.record_request", "POST", "/secretariat/meetings/{in_person}/travel/requests", SECRETARIAT),
    ("bodies.authorise", "POST", "/secretariat/travel/{travel_request}/authorise", SECRETARIAT),
    ("bodies.decline", "POST", "/secretariat/travel/{travel_request}/decline", SECRETARIAT),
    ("bodies.letter", "GET", "/secretariat/travel/{authorised_request}/letter", SECRETARIAT),
    ("bodies.open_voting", "POST", "/secretariat/elections/{election}/voting", SECRETARIAT),
    ("bodies.count", "POST", "/secretariat/elections/{election}/count", SECRETARIAT),
    ("bodies.cancel_election", "POST", "/secretariat/elections/{election}/cancel", SECRETARIAT),
    # The body's public pages, and an invitation's answer link (the token, not the role, lets in).
    ("panel.body", "GET", "/bodies/{body}", EVERYONE),
    ("panel.summary", "GET", "/bodies/{body}/summaries/{public_slug}", EVERYONE),
    ("panel.summary_print", "GET", "/bodies/{body}/summaries/{public_slug}/print", EVERYONE),
    ("panel.answer", "GET", "/meetings/answer/{invitation_token}", EVERYONE),
    ("panel.answer", "POST", "/meetings/answer/{invitation_token}", EVERYONE),
    # Members' pages: "nominee" is also a member of the Panel. My Panel and My elections show
    # anyone signed in their own (maybe empty) part; acting needs a seat (``_voter_in``: 403).
    ("panel.my_panel", "GET", "/my/panel", SIGNED_IN),
    ("panel.my_elections", "GET", "/my-panel/elections", SIGNED_IN),
    ("panel.answer_mine", "GET", "/my/panel/invitations/{invitation}", OWNER),
    ("panel.answer_mine", "POST", "/my/panel/invitations/{invitation}", OWNER),
    ("panel.propose", "POST", "/my-panel/elections/{election}/propose", OWNER),
    ("panel.vote", "POST", "/my-panel/elections/{election}/vote", OWNER),
    ("panel.answer_candidacy", "POST", "/my-panel/candidacies/{candidacy}/answer", OWNER),
    ("panel.ask_travel", "GET", "/my-panel/meetings/{in_person}/travel", OWNER),
    ("panel.ask_travel", "POST", "/my-panel/meetings/{in_person}/travel", OWNER),
    # A count is shown once the election is decided; the world's is still voting: 404 to all.
    ("panel.election_count", "GET", "/bodies/{body}/elections/{election}", NOBODY),
    # Vacancies: decision-makers. The world has no vacant seat, so a fill page is 404 to all.
    ("decision.vacancies", "GET", "/decide/vacancies", DECIDERS),
    ("decision.fill", "GET", "/decide/vacancies/{person}", NOBODY),
    ("decision.fill", "POST", "/decide/vacancies/{person}", NOBODY),
    # Personal data: one's own export; erasure asked by personal accounts, decided by the Secretariat.
    ("privacy.download_my_data", "GET", "/my/data.zip", SIGNED_IN),
    ("privacy.request_erasure", "GET", "/my/erasure", NOMINEES),
    ("privacy.request_erasure", "POST", "/my/erasure", NOMINEES),
    ("privacy.erasure_requests", "GET", "/secretariat/erasure-requests", SECRETARIAT),
    ("privacy.confirm_erasure", "POST", "/secretariat/erasure-requests/{erasure_request}/confirm", SECRETARIAT),
    ("privacy.decline_erasure", "POST", "/secretariat/erasure-requests/{erasure_request}/decline", SECRETARIAT),
    # Contributions (issue 16): administrators and contributions officers only; decision-makers,
    # reviewers, recommenders and the Secretariat are refused on every page and API operation.
    ("contributions.index", "GET", "/contributions/", ADMIN),
    ("contributions.index", "POST", "/contributions/", ADMIN),
    ("contributions.report", "GET", "/contributions/report", ADMIN),
    ("contributions.report_csv", "GET", "/contributions/report.csv", ADMIN),
    ("api.api_contributions", "GET", "/api/v1/contributions", ADMIN),
    ("api.api_record_contribution", "POST", "/api/v1/contributions", ADMIN),
    ("api.api_contributions_report", "GET", "/api/v1/contributions/report", ADMIN),
    # A call's texts in the six languages; the language switch (400 without a language, to anyone).
    ("admin.call_languages", "GET", ADMIN_CALL + "/languages", ADMIN),
    ("admin.call_languages", "POST", ADMIN_CALL + "/languages", ADMIN),
    ("i18n.switch_language", "POST", "/language", EVERYONE),
    # Background exports: staff with the right to export.
    ("review.export_progress", "GET", "/review/exports/{export_job}", SECRETARIAT),
    ("review.export_download", "GET", "/review/exports/{export_job}/download", SECRETARIAT),
    # The API of bodies: the list is public; meetings are the Secretariat's.
    ("api.list_bodies", "GET", "/api/v1/bodies", EVERYONE),
    ("api.post_meeting", "POST", "/api/v1/bodies/{body}/meetings", SECRETARIAT),
    ("api.get_meeting", "GET", "/api/v1/meetings/{meeting}", SECRETARIAT),
    ("api.post_publish", "POST", "/api/v1/meetings/{meeting}/publish", SECRETARIAT),
]

REFUSED = {401, 403, 404}
SIGN_IN_PAGES = ("/sign-in", "/my/sign-in")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, World, Path | None, dict]]:
    """One app with the world built once for the whole module, a client signed in per role, and
    a snapshot of the database taken after the sign-ins (a restore keeps them signed in)."""
    folder = tmp_path_factory.mktemp("route-roles")
    for app in app_on_fresh_schema(folder, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False,
                                   MAIL_SEND_AFTER_REQUEST=False):
        with app.app_context():
            world = build_world()
        clients = {role: client_for(app, world, role) for role in ROLES}
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        snapshot = None
        if not os.environ.get("SELECTION_SQLALCHEMY_DATABASE_URI"):
            snapshot = folder / "snapshot.sqlite"
            shutil.copyfile(folder / "test.sqlite", snapshot)
        yield app, world, snapshot, clients


def restore(app: Flask, snapshot: Path) -> None:
    """Put the database back as the world left it."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    shutil.copyfile(snapshot, snapshot.with_name("test.sqlite"))


def rule_key(endpoint: str, method: str, path: str, app: Flask) -> tuple[str, str, str]:
    """The (endpoint, rule, method) a table row's path routes to."""
    adapter = app.url_map.bind("localhost")
    rule, _args = adapter.match(path.split("?")[0], method=method, return_rule=True)
    return rule.endpoint, rule.rule, method


def client_for(app: Flask, world: World, role: str) -> tuple[FlaskClient, dict[str, str]]:
    """A client signed in as ``role`` (anonymous: none) and the API headers that role sends."""
    client = app.test_client()
    if role != "anonymous":
        sign_in_directly(client, world.users[role])
    headers = {"Authorization": f"Bearer {world.tokens[role]}"} if role in world.tokens else {}
    return client, headers


def outcome(response) -> str:
    """'allowed' or 'refused', from a response."""
    if response.status_code in REFUSED:
        return "refused"
    if response.status_code in (301, 302, 303) and response.location.split("?")[0].endswith(SIGN_IN_PAGES):
        return "refused"
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    return "allowed"


def test_every_route_has_a_row(seeded) -> None:
    app = seeded[0]
    routes = {(rule.endpoint, rule.rule, method) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    covered = {rule_key(endpoint, method, path.format(**_dummy_args()), app) for endpoint, method, path, _ in TABLE}
    assert routes - covered == set(), "routes without a row in TABLE (add one with the roles it allows)"
    assert covered - routes == set()


def _dummy_args() -> dict[str, object]:
    return {"open_slug": "a", "review_slug": "b", "nomination": 1, "file": 1, "reviewed": 1, "run": 1,
            "question": 1, "group": "g", "user": 1, "reviewer_id": 1, "body": "b", "meeting": 1,
            "public_slug": "s", "in_person": 1, "election": 1, "candidacy": 1, "travel_request": 1, "authorised_request": 1,
            "person": 1,
            "invitation": 1, "invitation_token": "t", "erasure_request": 1, "export_job": "j", "year": 2026}


@pytest.mark.parametrize("endpoint, method, path, allowed", TABLE, ids=[f"{m} {p}" for _e, m, p, _a in TABLE])
def test_each_role_is_allowed_or_refused_as_the_table_says(seeded, endpoint: str, method: str, path: str,
                                                           allowed: frozenset[str]) -> None:
    app, world, snapshot, clients = seeded
    url = path.format(**world.args())
    assert rule_key(endpoint, method, url, app)[0] == endpoint
    wrong = {}
    for role in ROLES:
        acts = method != "GET" and role in allowed
        if acts and snapshot is None:
            continue  # an allowed POST may change the shared world; checked on SQLite only
        # A POST that acts may sign its client out: it gets a client of its own.
        client, headers = client_for(app, world, role) if acts else clients[role]
        response = client.open(url, method=method, headers=headers, data={})
        expected = "allowed" if role in allowed else "refused"
        if outcome(response) != expected:
            wrong[role] = (response.status_code, response.location)
        if acts:
            restore(app, snapshot)
    assert not wrong, f"{method} {url}: expected allowed for {sorted(allowed)}; got {wrong}"
