"""Third-party nominations: the nominator asks, the nominee consents or declines."""
from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from selection.extensions import db
from selection.models import (
    ConsentState,
    Nomination,
    NominationStatus,
)
from tests.selection.factories import (
    csrf_token_from,
    last_mail_to,
    link_path_in,
    nominate_someone_else,
    post_nomination,
    the_nomination,
)


# ---------------------------------------------------------------- third-party nomination and consent

def test_third_party_nomination_waits_for_consent_then_the_nominee_consents(
    app: Flask, client: FlaskClient, panel_call: str, nominee: str
) -> None:
    assert nominate_someone_else(client, panel_call).status_code == 302
    with app.app_context():
        nomination = the_nomination(app)
        assert nomination.status == NominationStatus.DRAFT and nomination.consent_state == ConsentState.PENDING
        assert nomination.nominator_email == nominee and nomination.nominee.user_id is None
        invitation = last_mail_to("amina@example.net")
        assert "Permanent Mission of Ghana" in invitation.body_text
        path, nomination_id = link_path_in(invitation.body_text), nomination.id
    person = app.test_client()
    confirm = person.get(path)
    assert "nominated to the IGF Leadership Panel" in confirm.get_data(as_text=True)
    landed = person.post(path, data={"csrf_token": csrf_token_from(confirm.get_data(as_text=True))})
    assert landed.headers["Location"] == f"/nominations/{nomination_id}/edit"
    form = person.get(landed.headers["Location"]).get_data(as_text=True)
    assert "You were nominated by" in form and "I consent: submit the nomination" in form
    refused = post_nomination(person, f"/nominations/{nomination_id}/edit", button="give_consent", files={},
                        nomination_kind="third_party", email="amina@example.net", name="Amina بن علي",
                        nominator_kind="mission", nominator_name="A. Envoy",
                        nominator_organization="Permanent Mission of Ghana", availability_confirmed=None)
    assert refused.status_code == 400 and "Confirm availability" in refused.get_data(as_text=True)
    consented = post_nomination(person, f"/nominations/{nomination_id}/edit", button="give_consent",
                          nomination_kind=None, email="amina@example.net", name="Amina بن علي",
                          nominator_kind="mission", nominator_name="A. Envoy",
                          nominator_organization="Permanent Mission of Ghana")
    assert consented.status_code == 302
    with app.app_context():
        nomination = db.session.get(Nomination, nomination_id)
        assert nomination.status == NominationStatus.SUBMITTED and nomination.consent_state == ConsentState.GIVEN
        assert nomination.consent_at is not None and nomination.nominator_name == "A. Envoy"
        assert last_mail_to("amina@example.net").subject.startswith("Receipt")
        assert last_mail_to(nominee).subject.startswith("Receipt")


def test_the_nominator_cannot_consent_for_the_nominee(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    nominate_someone_else(client, panel_call)
    with app.app_context():
        nomination_id = the_nomination(app).id
    response = post_nomination(client, f"/nominations/{nomination_id}/edit", button="give_consent",
                         nomination_kind="third_party", email="amina@example.net", nominator_kind="mission",
                         nominator_name="A. Envoy", nominator_organization="Permanent Mission of Ghana")
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Nomination, nomination_id).status == NominationStatus.DRAFT


def test_the_nominee_may_decline(app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:
    nominate_someone_else(client, panel_call)
    with app.app_context():
        nomination = the_nomination(app)
        path, nomination_id = link_path_in(last_mail_to("amina@example.net").body_text), nomination.id
    person = app.test_client()
    confirm = person.get(path)
    person.post(path, data={"csrf_token": csrf_token_from(confirm.get_data(as_text=True))})
    page = person.get(f"/nominations/{nomination_id}/decline")
    person.post(f"/nominations/{nomination_id}/decline", data={
        "reason": "", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    with app.app_context():
        nomination = db.session.get(Nomination, nomination_id)
        assert nomination.status == NominationStatus.WITHDRAWN and nomination.consent_state == ConsentState.DECLINED
        assert "declined" in last_mail_to(nominee).body_text
