"""What a browser journey in Arabic and Chinese still found in English on the nominee's pages:
the position levels of the nomination form, the balance rules and ex officio seats of the public
call page, the nominee's own history, and the demo's open call content (group names, their
eligibility, the body's name, the privacy notice), now in the page's language."""
from __future__ import annotations

import html
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from selection.extensions import db
from selection.models import Call
from selection.models.translations import LANGUAGES
from selection.workflow.call_texts import missing_by_language
from tests.selection.factories import csrf_token_from, last_mail_to
from tests.selection.factories import NOMINATE
from tests.selection.factories import post_nomination as post_form




def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))).replace("\u00a0", " ")


def _switch(client: FlaskClient, language: str) -> None:
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.post("/language", data={"language": language, "next": "/", "csrf_token": token}).status_code == 302


def test_the_position_levels_are_offered_in_the_page_language(client: FlaskClient, panel_call: str,
                                                              nominee: str) -> None:  # noqa: F811
    _switch(client, "ar")
    page = client.get(f"/calls/{panel_call}/nominate/private_sector").get_data(as_text=True)
    options = re.findall(r'<option value="(chief_executive|deputy_chief_executive)"[^>]*>([^<]*)<', page)
    assert options == [("chief_executive", "الرئيس التنفيذي"), ("deputy_chief_executive", "نائب الرئيس التنفيذي")]
    assert "يُقصد بالرئيس التنفيذي" in _text(page)  # what "chief executive" covers, under the label
    assert "Chief executive" not in page and "Deputy to the chief executive" not in page
    _switch(client, "en")
    english = client.get(f"/calls/{panel_call}/nominate/private_sector").get_data(as_text=True)
    assert ">Chief executive<" in english and "CEO, executive director, president or secretary-general" in english


def test_the_balance_rules_and_ex_officio_seats_read_in_french_and_arabic(client: FlaskClient, panel_call: str) -> None:
    _switch(client, "fr")
    page = _text(client.get(f"/calls/{panel_call}").get_data(as_text=True))
    assert "Au moins 4 femmes" in page and "Au moins 4 hommes" in page
    assert "Entre 1 et 3 membres de chaque groupe régional de l'ONU" in page
    assert "Au sein du groupe « Gouvernements », au plus 1 membre de chaque groupe régional de l'ONU" in page
    assert "Président du Groupe consultatif multipartite" in page or "Groupe consultatif multipartite" in page
    assert "At least" not in page and "members from each" not in page and "host country" not in page
    _switch(client, "ar")
    page = _text(client.get(f"/calls/{panel_call}").get_data(as_text=True))
    assert "ما لا يقل عن 4 نساء" in page and "ضمن فئة الحكومات" in page
    assert "At least" not in page and "Within the" not in page


def test_the_nominees_own_history_reads_in_arabic(app: Flask, client: FlaskClient, panel_call: str,
                                                  nominee: str) -> None:  # noqa: F811
    assert post_form(client, NOMINATE.format(slug=panel_call), button="save_draft").status_code == 302
    nomination = re.search(r"/nominations/(\d+)", client.get("/my").get_data(as_text=True)).group(1)
    edit = f"/nominations/{nomination}/edit"
    assert post_form(client, edit, button="submit_nomination", files={},
                     title="Minister of Digital Futures", biography="Une nouvelle notice.").status_code == 302
    _switch(client, "ar")
    page = _text(client.get(f"/nominations/{nomination}").get_data(as_text=True))
    assert "بُدئت المسودة" in page  # Draft started
    assert "عُدّلت التفاصيل: المسمى الوظيفي و السيرة الذاتية الموجزة" in page or (
        "عُدّلت التفاصيل" in page and "المسمى الوظيفي" in page and "السيرة الذاتية الموجزة" in page)
    assert "أنت" in page  # "you"
    for english in ("Draft started", "Details changed", "attached", "position title", "biography"):
        assert english not in page, english


def test_the_demo_open_call_lacks_no_text_in_any_language(app: Flask, panel_call: str) -> None:
    with app.app_context():
        call = db.session.execute(select(Call).where(Call.slug == panel_call)).scalar_one()
        missing = missing_by_language(call)
        assert set(missing) == set(LANGUAGES) - {"en"}
        assert {language: [slot.key for slot in slots] for language, slots in missing.items() if slots} == {}


def test_the_demo_open_call_reads_in_chinese_and_arabic(client: FlaskClient, panel_call: str) -> None:
    _switch(client, "zh")
    page = _text(client.get(f"/calls/{panel_call}").get_data(as_text=True))
    assert "互联网治理论坛领导小组 ·" in page  # the body's name heading the page
    assert "私营部门" in page and "以个人身份任职的成员" in page and "首席执行官级（或副手级）代表" in page
    assert "Private sector" not in page and "CEO-level" not in page
    privacy = _text(client.get(f"/calls/{panel_call}/privacy").get_data(as_text=True))
    assert "保存36个月" in privacy
    _switch(client, "ar")
    page = _text(client.get(f"/calls/{panel_call}").get_data(as_text=True))
    assert "الفريق الرفيع المستوى لمنتدى إدارة الإنترنت" in page and "المجتمع المدني" in page
    assert "Civil society" not in page and "IGF Leadership Panel" not in page


def test_the_receipt_of_a_nomination_made_in_arabic_names_the_body_group_and_level_in_arabic(
        app: Flask, client: FlaskClient, panel_call: str, nominee: str) -> None:  # noqa: F811
    _switch(client, "ar")
    assert post_form(client, NOMINATE.format(slug=panel_call)).status_code == 302
    with app.app_context():
        receipt = last_mail_to(nominee)
        assert "الفريق الرفيع المستوى لمنتدى إدارة الإنترنت" in receipt.subject
        assert "الحكومات" in receipt.body_text and "وزير، أو منصب برتبة وزير" in receipt.body_text
        assert "Government" not in receipt.body_text and "IGF Leadership Panel" not in receipt.body_text
