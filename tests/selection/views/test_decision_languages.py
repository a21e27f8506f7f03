"""The slate comparison, the "why not" explanation and the audit log in the reader's language:
the adapter turns the optimizer's facts into sentences of the page's language, while the
optimizer itself stays free of Flask and Babel."""
from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
from flask_babel import force_locale

import optimizer
from selection.models import AuditEvent
from selection.slates.words import conflict_in_words
from selection.workflow.audit_words import staff_words
from tests.selection.factories import csrf_token_from
from tests.selection.views.test_decision_views import DM, _propose, _setup




def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))).replace("\u00a0", " ")


def _switch(client, language: str) -> None:
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    assert client.post("/language", data={"language": language, "next": "/", "csrf_token": token}).status_code == 302


def _pages(client, run_id: int) -> tuple[str, list[str]]:
    """The comparison page and every "why not" page it links to, as text."""
    page = client.get(f"/decide/runs/{run_id}").get_data(as_text=True)
    links = sorted(set(re.findall(rf'href="(/decide/runs/{run_id}/why-not/\d+)"', page)))
    assert links
    return _text(page), [_text(client.get(link).get_data(as_text=True)) for link in links]


@pytest.mark.parametrize(("language", "exactly", "in_seat", "costs"), [
    ("fr", "exactement 2 sièges", "Au siège de", r"(coûte [\d.]+ points de mérite|ne coûte rien)"),
    ("ar", "بالضبط", "في مقعد", r"(تكلفتها [\d.]+ نقطة جدارة|لا تكلفة لها)"),
])
def test_the_comparison_and_why_not_speak_the_page_language(app, client, auth, make_user, language, exactly,
                                                            in_seat, costs):
    _setup(app, make_user)
    auth.sign_in(DM)
    run_id = _propose(client, app)
    _switch(client, language)
    comparison, why_not = _pages(client, run_id)
    assert exactly in comparison and re.search(costs, comparison)  # rule labels and prices
    assert "merit points" not in comparison and "exactly 2 seats" not in comparison
    assert any(in_seat in page for page in why_not), why_not[0][:2000]  # a nominee in a member's seat
    assert not any("merit points" in page or "'s seat" in page or "breaks no rule" in page for page in why_not)
    _switch(client, "en")
    comparison, why_not = _pages(client, run_id)  # the same run, stored once, reads in English again
    assert "exactly 2 seats" in comparison and any("'s seat (" in page for page in why_not)


def test_a_conflict_is_said_from_its_facts_and_an_old_result_keeps_its_text(app):
    problem = {"seats": 3, "candidates": [{"id": "n1", "attributes": {"region": "WEOG"}}],
               "rules": [{"attribute": "region", "value": "*", "max": 1, "label": "each UN regional group: at most 1 seat"}]}
    fact = optimizer.PartFact("WEOG", 1, pinned=1, short=False)
    conflict = optimizer.Conflict("each UN regional group: at most 1 seat (WEOG: 1 available, 1 pinned)", rule=0,
                                  facts=(fact,))
    old = optimizer.Conflict(conflict.text, rule=0)
    with app.test_request_context(), force_locale("fr"):
        words = conflict_in_words(None, problem, conflict, {}).replace("\u00a0", " ")
        assert words == "chaque groupe régional de l'ONU : au plus 1 siège (États d'Europe occidentale et autres États : 1 disponible, 1 épinglé)"
        assert conflict_in_words(None, problem, old, {}).startswith("each UN regional group: at most 1 seat (")
    with app.test_request_context():
        assert conflict_in_words(None, problem, conflict, {}) == (
            "each UN regional group: at most 1 seat (Western European and other States: 1 available, 1 pinned)")


def test_the_conflict_facts_survive_the_stored_json():
    conflict = optimizer.Conflict("x", pinned="n1", profile=(("region", "AFR"),))
    data = optimizer.result_to_json(optimizer.Result(optimizer.SolveStatus.INFEASIBLE, conflicts=(conflict,)))
    assert optimizer.result_from_json(data).conflicts[0].profile == (("region", "AFR"),)


def test_the_audit_log_is_worded_at_display_time_in_the_readers_language(app):
    event = AuditEvent(action="decided", object_type="call", object_id=1, details={"members": [1, 2, 3]})
    with app.test_request_context():
        assert staff_words(event) == "Decision recorded: 3 members appointed"
        with force_locale("ru"):
            assert staff_words(event) == "Решение записано: назначены 3 члена"
        with force_locale("ar"):
            assert staff_words(event) == "سُجّل القرار: عُيّن 3 أعضاء"
    assert event.details == {"members": [1, 2, 3]}  # the log keeps facts, never words


def test_the_optimizer_imports_neither_flask_nor_babel():
    imported = set()
    for path in (Path(__file__).resolve().parents[3] / "optimizer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
    assert not {name for name in imported if name.startswith(("flask", "babel", "selection"))}
