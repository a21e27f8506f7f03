"""Staff users: list, create with roles, edit roles, deactivate and reactivate, API tokens."""
from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.models import ApiToken, AuditEvent, Role, User
from tests.selection.factories import ADMIN, audit_events, post_form


def user(app: Flask, email: str) -> User:
    with app.app_context():
        found = db.session.execute(select(User).where(User.email == email)).scalar_one()
        found.roles  # load the roles before leaving the context
        db.session.expunge(found)
        return found


def test_the_list_shows_staff_only(admin: FlaskClient, make_user) -> None:
    make_user("reviewer@example.org", Role.REVIEWER)
    make_user("nominee@example.net", Role.NOMINEE)
    make_user("gone@example.org", Role.SECRETARIAT, active=False)
    html = admin.get("/admin/users").get_data(as_text=True)
    assert "reviewer@example.org" in html and "Reviewer" in html
    assert "nominee@example.net" not in html
    assert "gone@example.org" in html and "Deactivated" in html


def test_creating_a_user_shows_a_generated_password_once(admin: FlaskClient, app: Flask, auth) -> None:
    response = post_form(admin, "/admin/users/new", {"email": "New.Reviewer@Example.org", "name": "Ana",
                                                     "organization": "IGF Secretariat",
                                                     "roles": ["reviewer", "recommender"]})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = re.search(r'<code class="secret">([^<]+)</code>', html).group(1)
    created = user(app, "New.Reviewer@example.org")
    assert created.roles == {Role.REVIEWER, Role.RECOMMENDER} and created.organization == "IGF Secretariat"
    auth.sign_out()
    assert auth.sign_in("new.reviewer@example.org", password).status_code == 302


def test_creating_a_user_refuses_a_duplicate_and_no_role(admin: FlaskClient, app: Flask, make_user) -> None:
    make_user("taken@example.org", Role.REVIEWER)
    taken = post_form(admin, "/admin/users/new", {"email": "TAKEN@example.org", "roles": ["secretariat"]})
    assert taken.status_code == 400 and "already exists" in taken.get_data(as_text=True)
    no_role = post_form(admin, "/admin/users/new", {"email": "x@example.org"})
    assert no_role.status_code == 400 and "Choose at least one role." in no_role.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(User).where(User.email == "x@example.org")).first() is None


def test_editing_roles_is_audited(admin: FlaskClient, app: Flask, make_user) -> None:
    user_id = make_user("r@example.org", Role.REVIEWER)
    response = post_form(admin, f"/admin/users/{user_id}", {"name": "R", "organization": "",
                                                            "roles": ["reviewer", "decision_maker"]})
    assert response.status_code == 302
    assert user(app, "r@example.org").roles == {Role.REVIEWER, Role.DECISION_MAKER}
    [event] = audit_events(app, "roles_changed")
    assert event.details == {"old": ["reviewer"], "new": ["decision_maker", "reviewer"]}


def test_an_admin_cannot_lock_themselves_out(admin: FlaskClient, app: Flask) -> None:
    me = user(app, ADMIN)
    dropped = post_form(admin, f"/admin/users/{me.id}", {"name": "", "organization": "", "roles": ["reviewer"]})
    assert dropped.status_code == 400 and "cannot remove your own administrator role" in dropped.get_data(as_text=True)
    page = f"/admin/users/{me.id}"
    refused = post_form(admin, f"{page}/deactivate", {}, page=page, follow_redirects=True)
    assert "you cannot deactivate your own account" in refused.get_data(as_text=True)
    assert user(app, ADMIN).active and user(app, ADMIN).roles == {Role.ADMIN}


def test_deactivating_keeps_the_user_and_their_records(admin: FlaskClient, app: Flask, make_user, auth) -> None:
    user_id = make_user("rev@example.org", Role.REVIEWER)
    with app.app_context():
        reviewer = db.session.get(User, user_id)
        db.session.add(AuditEvent(actor=reviewer, object_type="user", object_id=user_id, action="scored"))
        db.session.commit()
    page = f"/admin/users/{user_id}"
    assert post_form(admin, f"{page}/deactivate", {}, page=page).status_code == 302
    assert user(app, "rev@example.org").active is False
    with app.app_context():
        assert db.session.execute(select(AuditEvent).where(AuditEvent.actor_id == user_id)).scalars().first()
    assert [e.to_state for e in audit_events(app, "deactivated")] == ["inactive"]
    post_form(admin, f"{page}/reactivate", {}, page=page)
    assert user(app, "rev@example.org").active is True
    auth.sign_out()
    assert auth.sign_in("rev@example.org").status_code == 302


def test_a_deactivated_user_cannot_sign_in(admin: FlaskClient, app: Flask, make_user, auth) -> None:
    user_id = make_user("rev@example.org", Role.REVIEWER)
    post_form(admin, f"/admin/users/{user_id}/deactivate", {}, page=f"/admin/users/{user_id}")
    auth.sign_out()
    assert auth.sign_in("rev@example.org").status_code == 401


def test_tokens_are_shown_once_and_can_be_revoked(admin: FlaskClient, app: Flask, make_user) -> None:
    user_id = make_user("api@example.org", Role.SECRETARIAT)
    page = f"/admin/users/{user_id}"
    issued = post_form(admin, f"{page}/tokens", {}, page=page)
    token = re.search(r'<code class="secret">([^<]+)</code>', issued.get_data(as_text=True)).group(1)
    assert issued.headers["Cache-Control"] == "no-store" and token.startswith("sel_")
    with app.app_context():
        stored = db.session.execute(select(ApiToken)).scalar_one()
        assert stored.digest == ApiToken.digest_of(token) and stored.revoked_at is None
        token_id = stored.id
    assert token not in admin.get(page).get_data(as_text=True)
    assert post_form(admin, f"{page}/tokens/{token_id}/revoke", {}, page=page).status_code == 302
    with app.app_context():
        assert db.session.get(ApiToken, token_id).revoked_at is not None
    again = post_form(admin, f"{page}/tokens/{token_id}/revoke", {}, page=page, follow_redirects=True)
    assert "this token is already revoked" in again.get_data(as_text=True)
    assert [e.action for e in audit_events(app, "api_token_revoked")] == ["api_token_revoked"]


def test_tokens_are_refused_to_nominees(admin: FlaskClient, app: Flask, make_user) -> None:
    user_id = make_user("n@example.net", Role.NOMINEE)
    page = f"/admin/users/{user_id}"
    response = post_form(admin, f"{page}/tokens", {}, page=page, follow_redirects=True)
    assert "is not a staff user" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(ApiToken)).first() is None
