"""Drafts and uploads are bounded: nomination forms saved per client address (429), nominations
one person may start in a call, bytes one person may upload; a refusal stores nothing."""
from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from selection.services.uploads import upload_folder
from tests.selection.factories import NOMINATE, PDF, counts, post_nomination, upload


def stored_files_on_disk(app: Flask) -> int:
    with app.app_context():
        return sum(1 for path in upload_folder().iterdir() if path.is_file())


def someone(index: int) -> dict[str, str]:
    """A nomination of another person each time (one person has one open nomination per group)."""
    return {"nomination_kind": "third_party", "email": f"nominee{index}@example.net", "nominator_kind": "mission",
            "nominator_name": "A. Envoy", "nominator_organization": "Permanent Mission",
            "nominator_email": "envoy@example.org"}


def test_nomination_saves_are_limited_per_client(app: Flask, client: FlaskClient, panel_call: str,
                                                 nominee: str) -> None:
    app.config["NOMINATION_SAVES_PER_CLIENT"] = "3 per minute"
    codes = [post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft", files={},
                       **someone(index)).status_code for index in range(4)]
    assert codes == [302, 302, 302, 429]
    refused = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft", files={}, **someone(9))
    assert refused.status_code == 429 and "Too many nomination forms" in refused.get_data(as_text=True)
    assert counts(app)[0] == 3
    other = app.test_client()
    assert other.post(NOMINATE.format(slug=panel_call), environ_base={"REMOTE_ADDR": "198.51.100.9"}).status_code != 429


def test_a_person_starts_a_bounded_number_of_nominations_per_call(app: Flask, client: FlaskClient, panel_call: str,
                                                                  nominee: str) -> None:
    app.config["NOMINATIONS_PER_PERSON_PER_CALL"] = 2
    codes = [post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft",
                       files={"cv": upload()}, **someone(index)).status_code for index in range(3)]
    assert codes == [302, 302, 400]
    refused = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft", files={"cv": upload()},
                        **someone(9))
    assert "You have started 2 nominations in this call" in refused.get_data(as_text=True)
    assert counts(app)[:2] == (2, 2) and stored_files_on_disk(app) == 2


def test_a_person_uploads_a_bounded_number_of_bytes(app: Flask, client: FlaskClient, panel_call: str,
                                                    nominee: str) -> None:
    app.config["UPLOAD_BYTES_PER_PERSON"] = 3 * len(PDF)
    first = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft",
                      files={"cv": upload(), "support_letters": [upload(name="a.pdf"), upload(name="b.pdf")]})
    assert first.status_code == 302
    refused = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft", files={"cv": upload()},
                        **someone(2))
    assert refused.status_code == 400
    assert "beyond" in refused.get_data(as_text=True) and "uploaded" in refused.get_data(as_text=True)
    assert counts(app)[:2] == (1, 3) and stored_files_on_disk(app) == 3
    without_files = post_nomination(client, NOMINATE.format(slug=panel_call), button="save_draft", files={}, **someone(1))
    assert without_files.status_code == 302
