"""Hostile input answers 4xx and changes nothing: ids beyond the database's range, file names
with control characters."""
from __future__ import annotations

import pytest
from flask import Flask

from selection.models import FilePurpose
from selection.services.uploads import path_of, store_pdf
from tests.selection.factories import PDF

HUGE = "99999999999999999999"


@pytest.mark.parametrize("path", [
    f"/files/{HUGE}", f"/nominations/{HUGE}", f"/review/nominations/{HUGE}", f"/decide/runs/{HUGE}",
    f"/files/{2**31}", f"/review/nominations/{2**31}",
])
def test_ids_beyond_the_integer_range_are_not_found(client, path: str) -> None:
    assert client.get(path).status_code == 404


def test_ids_within_the_range_still_route(client) -> None:
    assert client.get(f"/files/{2**31 - 1}").status_code in (302, 401, 403, 404)


@pytest.mark.parametrize("given, shown", [
    ("cv\r\nX-Injected: yes.pdf", "cv X-Injected: yes.pdf"),
    ("C:\\Users\\me\\cv.pdf", "cv.pdf"),
    ("\x00\x07", "document.pdf"),
    ("  résumé   final.pdf ", "résumé final.pdf"),
])
def test_uploaded_names_lose_folders_and_control_characters(app: Flask, given: str, shown: str) -> None:
    with app.app_context():
        stored = store_pdf(PDF, given, FilePurpose.CV, None)
        assert stored.original_name == shown
        assert path_of(stored).read_bytes() == PDF
        assert not list(path_of(stored).parent.glob(".*.partial"))


def test_a_multipart_part_without_a_name_is_ignored(app: Flask, make_user) -> None:
    """Found by the form fuzzer: a nameless part reached WTForms' field lists as a field named None (500)."""
    from selection.models import Role
    from tests.conftest import sign_in_directly

    with app.app_context():
        from selection.demo import leadership_panel_call
        from selection.extensions import db
        from selection.models import utcnow

        leadership_panel_call("lp-nameless", utcnow())
        db.session.commit()
    client = sign_in_directly(app.test_client(), make_user("admin@example.org", Role.ADMIN))
    app.config["WTF_CSRF_ENABLED"] = False
    body = b"--X\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--X--\r\n"
    response = client.post("/admin/calls/lp-nameless/rules", data=body, content_type="multipart/form-data; boundary=X")
    assert response.status_code in (200, 400)


def test_an_api_id_beyond_the_range_is_a_404_in_json(client) -> None:
    """Found by schemathesis: the API answered such a 404 with the HTML page."""
    response = client.get(f"/api/v1/nominations/{HUGE}")
    assert response.status_code == 404 and response.is_json
    assert client.get(f"/nominations/{HUGE}").mimetype == "text/html"
