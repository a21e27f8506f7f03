"""Exports: CSV and Excel with one row per nomination, every field, scores, comments,
recommendations and history, filtered as the list is; the CLI; the audit of exports."""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import event, insert, select
from sqlalchemy.schema import CreateTable

from selection.cli import cli
from selection.reports import export_data
from selection.reports import exports
from selection.reports.exports import export, prepare_export
from selection.extensions import db
from selection.models import AuditEvent, Call, Nomination, ConflictKind, Gender, RecommendationLevel, Role, User
from selection.workflow import audit
from selection.workflow import review as ops
from selection.workflow.review import CriterionEntry
from selection.workflow.review_list import NominationFilter, filtered, load_review_data
from tests.selection.factories import review_call, staff, submitted


def seed_reviewed_call() -> dict[str, int]:
    """Two nominations under review, one shortlisted with reviews and a recommendation."""
    call = review_call()
    sec = staff("sec@un.example.org", Role.SECRETARIAT)
    r1 = staff("r1@un.example.org", Role.REVIEWER)
    r2 = staff("r2@un.example.org", Role.REVIEWER)
    amina = submitted(call, "Amina Diallo", nationality="SN",
                      answers={"q1": "=HYPERLINK(\"http://evil.example\")"})
    kwame = submitted(call, "Kwame Mensah", group=1, nationality="GH", gender=Gender.MAN)
    for n in (amina, kwame):
        ops.screen(n, sec, eligible=True)
        ops.assign_in_bulk([n], [r1, r2], sec)
    for reviewer, value in ((r1, 5), (r2, 3)):
        ops.save_review(amina, reviewer, {c.id: CriterionEntry(value, f"{c.name} by {reviewer.email}")
                                          for c in call.rubric_criteria}, f"overall {value}", submit=True)
    ops.declare_conflict(kwame, r2, r2, kind=ConflictKind.SAME_GOVERNMENT)
    ops.add_internal_comment(amina, sec, "Strong candidate.")
    ops.shortlist(amina, sec, shortlisted=True)
    ops.record_recommendation(amina, call.recommending_bodies[1], sec,
                              level=RecommendationLevel.STRONGLY_RECOMMEND, note="Clear leader")
    db.session.commit()
    return {"amina": amina.id, "kwame": kwame.id, "call": call.id}


def rows_of_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_has_one_row_per_nomination_with_everything(app) -> None:
    with app.app_context():
        ids = seed_reviewed_call()
        call = db.session.get(Call, ids["call"])
        rows = rows_of_csv(export(call, None, "csv"))
    assert [r["Name"] for r in rows] == ["Amina Diallo", "Kwame Mensah"]
    amina = rows[0]
    assert amina["Status"] == "Shortlisted" and amina["Stakeholder group"] == "Government"
    assert amina["Nationality"] == "Senegal" and amina["UN regional group"] == "African States"
    assert amina["Reviews counted"] == "2" and amina["Mean score (0-100)"] == "75.0"
    assert amina["Spread (max-min)"] == "50.0" and amina["Reviewers disagree"] == "yes"
    assert amina["Review 1: Expertise"] == "5" and amina["Review 2: Expertise"] == "3"
    assert amina["Review 1: Expertise comment"] == "Expertise by r1@un.example.org"
    assert amina["Review 2: overall comment"] == "overall 3"
    assert amina["Office of the Envoy on Technology: recommendation"] == "Strongly recommend"
    assert amina["Office of the Envoy on Technology: note"] == "Clear leader"
    assert amina["Merit score (0-100)"] == str(round(0.7 * 75 + 0.3 * 100, 1))
    assert "0.7 × mean review score" in amina["Merit formula"]
    assert "Strong candidate." in amina["Internal comments"]
    assert "Under review → Shortlisted" in amina["Status history"]  # statuses in words
    assert amina["Status"] == "Shortlisted" and rows[1]["Status"] == "Under review"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", amina["Submitted (UTC)"])
    assert amina["Answer: q1"].startswith("'=HYPERLINK")  # never a formula
    kwame = rows[1]
    assert "Same country's government" in kwame["Conflicts of interest"]


def test_excel_cells_and_the_about_sheet(app) -> None:
    with app.app_context():
        ids = seed_reviewed_call()
        call = db.session.get(Call, ids["call"])
        content = export(call, None, "xlsx")
    book = load_workbook(io.BytesIO(content))
    sheet = book["Nominations"]
    headers = [c.value for c in sheet[1]]
    row = {h: c.value for h, c in zip(headers, sheet[2])}
    assert sheet.max_row == 3
    assert row["Name"] == "Amina Diallo" and row["Nomination"] == ids["amina"]
    assert row["Mean score (0-100)"] == 75.0 and row["Median score (0-100)"] == 75.0
    assert row["Review 1: Standing"] == 5 and row["Review 2: Standing"] == 3
    assert row["Office of the Envoy on Technology: recommendation"] == "Strongly recommend"
    assert sheet.cell(row=2, column=headers.index("Answer: q1") + 1).data_type == "s"
    about = [r[0].value for r in book["About"].iter_rows()]
    assert any("Recused reviewers and drafts count nowhere" in (line or "") for line in about)


def test_exports_are_filtered_as_the_list_and_audited(app) -> None:
    with app.app_context():
        ids = seed_reviewed_call()
        call = db.session.get(Call, ids["call"])
        rows = rows_of_csv(export(call, None, "csv", NominationFilter(status="shortlisted")))
        assert [r["Name"] for r in rows] == ["Amina Diallo"]
        rows = rows_of_csv(export(call, None, "csv", NominationFilter(q="mensah", has_conflicts=True)))
        assert [r["Name"] for r in rows] == ["Kwame Mensah"]
        events = db.session.execute(select(AuditEvent).where(AuditEvent.action == "exported")
                                    .order_by(AuditEvent.id)).scalars().all()
        # One event per export, on the call, naming the exported nominations; none per nomination.
        assert [(e.object_type, e.object_id) for e in events] == [("call", ids["call"])] * 2
        assert [e.details["nomination_ids"] for e in events] == [[ids["amina"]], [ids["kwame"]]]
        assert events[1].details["nominations"] == 1 and events[1].details["filter"]["q"] == "mensah"
        assert audit.verify_chain().intact


def test_unknown_format_is_refused(app) -> None:
    with app.app_context():
        call = review_call()
        with pytest.raises(ValueError, match="csv or xlsx"):
            export(call, None, "pdf")


def test_cli_export_writes_the_file(app, runner, tmp_path) -> None:
    with app.app_context():
        seed_reviewed_call()
    out = tmp_path / "export.xlsx"
    result = runner.invoke(cli, ["export", "lp-review", "--format", "xlsx", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output
    assert load_workbook(out)["Nominations"].max_row == 3
    out_csv = tmp_path / "short.csv"
    result = runner.invoke(cli, ["export", "lp-review", "--output", str(out_csv), "--status", "shortlisted"])
    assert result.exit_code == 0 and len(rows_of_csv(out_csv.read_bytes())) == 1


def test_cli_export_refuses_unknown_calls_formats_and_statuses(app, runner, tmp_path) -> None:
    out = tmp_path / "x.csv"
    result = runner.invoke(cli, ["export", "nope", "--output", str(out)])
    assert result.exit_code != 0 and "no call has the slug 'nope'" in result.output
    with app.app_context():
        review_call()
        db.session.commit()
    result = runner.invoke(cli, ["export", "lp-review", "--format", "pdf", "--output", str(out)])
    assert result.exit_code != 0 and "pdf" in result.output
    result = runner.invoke(cli, ["export", "lp-review", "--status", "great", "--output", str(out)])
    assert result.exit_code != 0 and "unknown status 'great'" in result.output
    assert not out.exists()


def test_excel_has_an_autofilter_fitted_widths_date_cells_and_who_exported_when(app) -> None:
    with app.app_context():
        ids = seed_reviewed_call()
        call = db.session.get(Call, ids["call"])
        sec = db.session.execute(select(User).where(User.email == "sec@un.example.org")).scalar_one()
        before = datetime.utcnow().replace(second=0, microsecond=0)
        content = export(call, sec, "xlsx")
    book = load_workbook(io.BytesIO(content))
    sheet = book["Nominations"]
    headers = [c.value for c in sheet[1]]
    assert sheet.auto_filter.ref == sheet.dimensions  # every column, every row
    column = {h: get_column_letter(i) for i, h in enumerate(headers, 1)}
    submitted_cell = sheet[f"{column['Submitted (UTC)']}2"]
    assert isinstance(submitted_cell.value, datetime) and submitted_cell.is_date
    assert "yy" in submitted_cell.number_format and "hh:mm" in submitted_cell.number_format
    widths = {h: sheet.column_dimensions[column[h]].width for h in headers}
    assert all(8 <= w <= 52 for w in widths.values()), widths
    assert widths["Nomination"] < widths["E-mail"] < widths["Biography"] + 1
    assert widths["Status history"] == 52  # long text is capped and wraps
    assert sheet[f"{column['Status']}2"].value == "Shortlisted"
    assert "Under review → Shortlisted" in sheet[f"{column['Status history']}2"].value
    about = {r[0].value: r[1].value for r in book["About"].iter_rows() if len(r) > 1}
    assert about["Exported by"] == "Sec (sec@un.example.org)"
    assert isinstance(about["Exported at (UTC)"], datetime) and about["Exported at (UTC)"] >= before


def test_control_characters_never_break_the_excel_export(app) -> None:
    with app.app_context():
        ids = seed_reviewed_call()
        call = db.session.get(Call, ids["call"])
        amina = db.session.get(Nomination, ids["amina"])
        # A NUL only where the database can hold one (PostgreSQL refuses it; the forms refuse it anyway).
        nul = "" if db.engine.dialect.name == "postgresql" else "\x00"
        amina.nominee.name = f"Amina{nul} Di\x1b[31mallo"
        amina.biography = "Line one\nline\x0btwo\x07"
        ops.add_internal_comment(amina, staff("sec2@un.example.org", Role.SECRETARIAT), "typed\x08 by staff")
        db.session.commit()
        book = load_workbook(io.BytesIO(export(call, None, "xlsx")))
        rows = rows_of_csv(export(call, None, "csv"))
    sheet = book["Nominations"]
    headers = [c.value for c in sheet[1]]
    row = {h: c.value for h, c in zip(headers, sheet[2])}
    assert row["Name"] == "Amina Di[31mallo" and row["Biography"] == "Line one\nlinetwo"
    assert "typed by staff" in row["Internal comments"]
    assert rows[0]["Name"] == "Amina Di[31mallo"  # the CSV the same


def test_a_large_export_is_sorted_and_filtered_across_fetches(app, monkeypatch) -> None:
    monkeypatch.setattr(export_data, "STREAM", 2)  # each table's rows fetched two at a time
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    with app.app_context():
        call = review_call()
        names = ["Zoe Zhang", "Ana Alves", "Mia Moreau", "Bo Berg", "Kai Kato"]
        for name in names:
            submitted(call, name)
        db.session.commit()
        rows = rows_of_csv(export(call, None, "csv", NominationFilter(sort="name", descending=True)))
        assert [r["Name"] for r in rows] == sorted(names, reverse=True)
        f = NominationFilter(q="k", sort="submitted")
        as_listed = [d.nomination.nominee.name for d in filtered(load_review_data(call), f)]
        book = load_workbook(io.BytesIO(export(call, None, "xlsx", f)))
        by_merit = NominationFilter(sort="merit", has_conflicts=False)  # read with the reviews
        rows = rows_of_csv(export(call, None, "csv", by_merit))
        assert [r["Name"] for r in rows] == [d.nomination.nominee.name for d in
                                             filtered(load_review_data(call), by_merit)]
    got = [r[5].value for r in book["Nominations"].iter_rows(min_row=2)]
    assert got == as_listed and "Kai Kato" in got and "Ana Alves" not in got


def test_an_export_stopped_half_way_leaves_nothing_in_the_way(app) -> None:
    with app.app_context():
        ids = seed_reviewed_call()
        call = db.session.get(Call, ids["call"])
        _more_reviewed(call, 3)
        stopped = prepare_export(call, None, "csv").rows()
        next(stopped)
        stopped.close()  # as when the reader of a streamed response goes away
        rows = rows_of_csv(export(call, None, "csv", NominationFilter(sort="name")))
        connection = db.session.connection()  # an order left behind by a failed export
        connection.execute(CreateTable(export_data.ORDER, if_not_exists=True))
        connection.execute(insert(export_data.ORDER), [{"seq": 0, "nomination_id": ids["kwame"]}])
        again = rows_of_csv(export(call, None, "csv", NominationFilter(sort="name")))
    assert len(rows) == 5 and again == rows


def test_a_nomination_deleted_after_the_plan_is_left_out_and_the_rest_kept(app) -> None:
    with app.app_context():
        call = review_call()
        names = ["Ana Alves", "Bo Berg", "Kai Kato", "Mia Moreau"]
        nominations = [submitted(call, name) for name in names]
        db.session.commit()
        planned = prepare_export(call, None, "csv")
        db.session.delete(nominations[1])
        db.session.flush()
        rows = rows_of_csv(b"".join(planned.chunks()))
    assert planned.count == 4 and [r["Name"] for r in rows] == ["Ana Alves", "Kai Kato", "Mia Moreau"]


def test_rows_read_later_are_in_the_language_of_the_export(app) -> None:
    from selection.i18n import in_language

    with app.app_context():
        ids = seed_reviewed_call()
        call = db.session.get(Call, ids["call"])
        with app.test_request_context(), in_language("fr"):
            in_french = export(call, None, "csv")
            planned = prepare_export(call, None, "csv")
        read_later = b"".join(planned.chunks())  # as a streamed response reads it: no language in force
    assert read_later == in_french and "Retenue sur la liste restreinte".encode() in read_later


def _statements_of_export(call: Call, fmt: str, f: NominationFilter) -> int:
    seen: list[str] = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        export(call, None, fmt, f)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return len(seen)


def _more_reviewed(call: Call, count: int) -> None:
    """``count`` more nominations, screened, reviewed by two, commented and recommended."""
    sec, r1, r2 = (db.session.execute(select(User).where(User.email == email)).scalar_one()
                   for email in ("sec@un.example.org", "r1@un.example.org", "r2@un.example.org"))
    for number in range(count):
        n = submitted(call, f"Person {len(call.nominations)} {number}", nationality="KE")
        ops.screen(n, sec, eligible=True)
        ops.assign_in_bulk([n], [r1, r2], sec)
        for reviewer in (r1, r2):
            ops.save_review(n, reviewer, {c.id: CriterionEntry(4, "fine") for c in call.rubric_criteria}, "ok",
                            submit=True)
        ops.add_internal_comment(n, sec, "Seen.")
        ops.shortlist(n, sec, shortlisted=True)
        ops.record_recommendation(n, call.recommending_bodies[0], sec, level=RecommendationLevel.RECOMMEND, note="")
    db.session.commit()


@pytest.mark.parametrize("fmt, f", [("csv", NominationFilter()), ("xlsx", NominationFilter(sort="merit", score_min=10)),
                                    ("csv", NominationFilter(q="person", sort="score", has_conflicts=False))])
def test_an_exports_statements_do_not_grow_with_the_call(app, fmt: str, f: NominationFilter) -> None:
    with app.app_context():
        ids = seed_reviewed_call()
        call = db.session.get(Call, ids["call"])
        _more_reviewed(call, 2)
        small = _statements_of_export(call, fmt, f)
        _more_reviewed(call, 12)
        large = _statements_of_export(call, fmt, f)
        rows = rows_of_csv(export(call, None, "csv", f)) if fmt == "csv" else None
    assert small == large, (small, large)
    assert rows is None or len(rows) >= 14
