"""Exports of a call's nominations for the Secretariat: CSV and Excel, one row per nomination
with every field, every review score and comment, the recommendations and the status history,
filtered exactly as the list is. Rows are built and written a batch at a time (see
``export_data`` and ``writers``), and every export is one audit event on the call naming the
exported nominations.
"""
from __future__ import annotations

import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from selection.data import N_, REGIONAL_GROUPS
from selection.extensions import db
from selection.i18n import country_name_in, current_language, in_language, language_name
from selection.models import AuditEvent, Call, InternalComment, NominationStatus, ScreeningResult, User, utcnow
from selection.models.enums import position_level_label
from selection.plurals import ngettext
from selection.reports.export_data import ExportPlan, batches, plan_export
from selection.reports.writers import csv_chunks, safe, write_xlsx
from selection.review_scores import describe_aggregation, describe_formula, review_score
from selection.workflow import audit
from selection.workflow.review import criteria_of, latest_screenings
from selection.workflow.review_list import NominationFilter, NominationReviewData

FORMATS = ("csv", "xlsx")
MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Export:
    """A planned and audited export: its columns, and its rows read batch by batch. It holds
    the call's id, not the call: a streamed response reads the rows after the view's commit."""

    call_id: int
    title: str
    fmt: str
    filename: str
    plan: ExportPlan
    answer_keys: list[tuple[str, str]]
    headers: list[str]
    description: list[str]
    exported_by: str
    exported_at: datetime
    language: str = "en"  # the staff member's: headings, statuses and words of the file

    @property
    def count(self) -> int:
        """How many nominations (rows) it holds."""
        return len(self.plan.ids)

    @property
    def mimetype(self) -> str:
        """The file's media type."""
        return MIMETYPES[self.fmt]

    def rows(self, progress: Callable[[int], None] | None = None) -> Iterator[list[Any]]:
        """One row per nomination, in the list's order; ``progress`` hears the rows done so far."""
        call = db.session.get(Call, self.call_id)
        done = 0
        for batch in batches(call, self.plan):
            with in_language(self.language):
                rows = list(rows_of(call, batch, self.plan.review_slots, self.answer_keys))
            yield from rows
            done += len(batch)
            if progress is not None:
                progress(done)

    def chunks(self) -> Iterator[bytes]:
        """The CSV, a chunk of bytes at a time (for a streamed response)."""
        return csv_chunks(self.headers, self.rows())

    def write(self, out: IO[bytes], progress: Callable[[int], None] | None = None) -> None:
        """Write the whole file to ``out``."""
        if self.fmt == "csv":
            for chunk in csv_chunks(self.headers, self.rows(progress)):
                out.write(chunk)
            return
        with in_language(self.language):
            about = [[self.title], [gettext("Exported at (UTC)"), self.exported_at],
                     [gettext("Exported by"), self.exported_by or "—"]]
        write_xlsx(out, self.headers, self.rows(progress), self.count, about + [[line] for line in self.description])


def headers_for(call: Call, slots: int, answer_keys: list[tuple[str, str]]) -> list[str]:
    """The column headings: fields, answers, scores, ``slots`` reviews, recommendations, history."""
    headers = ([gettext(h) for h in BASE_HEADERS] + [label for _key, label in answer_keys]
               + [gettext(h) for h in SCORE_HEADERS])
    for slot in range(1, slots + 1):
        headers += [gettext("Review %(slot)s: reviewer", slot=slot), gettext("Review %(slot)s: state", slot=slot),
                    gettext("Review %(slot)s: score (0-100)", slot=slot)]
        for criterion in call.rubric_criteria:
            headers += [gettext("Review %(slot)s: %(criterion)s", slot=slot, criterion=criterion.name),
                        gettext("Review %(slot)s: %(criterion)s comment", slot=slot, criterion=criterion.name)]
        headers.append(gettext("Review %(slot)s: overall comment", slot=slot))
    for body in call.recommending_bodies:
        headers += [gettext("%(body)s: recommendation", body=body.name), gettext("%(body)s: note", body=body.name)]
    return headers + [gettext("Conflicts of interest"), gettext("Internal comments"), gettext("Status history")]


def rows_of(call: Call, data: list[NominationReviewData], slots: int,
            answer_keys: list[tuple[str, str]]) -> Iterator[list[Any]]:
    """One row per nomination of a batch with everything the Secretariat records."""
    ids = [d.nomination.id for d in data]
    comments, history, screenings = _internal_comments(ids), _history(ids), latest_screenings(ids)
    for d in data:
        row = _base_cells(d) + [_answer_text(d.nomination.answers.get(key)) for key, _ in answer_keys]
        row += _score_cells(call, d, screenings.get(d.nomination.id))
        row += _review_cells(call, d, slots)
        levels = {r.body_id: r for r in d.recommendations}
        for body in call.recommending_bodies:
            rec = levels.get(body.id)
            row += [rec.level.label if rec else None, rec.note if rec else None]
        row += ["; ".join(f"{c.reviewer.name or c.reviewer.email}: {c.description}" for c in d.conflicts),
                "\n".join(comments[d.nomination.id]), "\n".join(history[d.nomination.id])]
        yield row


BASE_HEADERS = [N_(h) for h in (
    "Nomination", "Candidate", "Status", "Stakeholder group", "Submitted (UTC)", "Name", "Title",
    "Organization", "E-mail", "Nationality", "UN regional group", "Residence", "Gender", "Position level",
    "Eligibility declared", "Biography", "Motivation", "Languages", "Availability confirmed",
    "Availability note", "Links", "Nominated by", "Nominator organization", "Nominator e-mail",
    "Nominator kind", "Consent", "CV", "Written in",
)]
SCORE_HEADERS = [N_(h) for h in (
    "Screening", "Reviewers assigned", "Reviews counted", "Mean score (0-100)", "Median score (0-100)",
    "Spread (max-min)", "Reviewers disagree", "Merit score (0-100)", "Merit formula",
)]


def _base_cells(d: NominationReviewData) -> list[Any]:
    n, person = d.nomination, d.nomination.nominee
    return [
        n.id, d.candidate, n.status.label, n.group.name,
        n.submitted_at,
        person.name, person.title, person.organization, person.email,
        country_name_in(person.nationality) if person.nationality else None,
        gettext(REGIONAL_GROUPS[person.region]) if person.region in REGIONAL_GROUPS else None,
        country_name_in(person.residence) if person.residence else None,
        person.gender.label, position_level_label(n.position_level) or None,
        _yes_no(n.eligibility_declared), n.biography, n.motivation, n.languages,
        _yes_no(n.availability_confirmed), n.availability_note, "\n".join(n.links or []),
        n.nominator_name if n.is_third_party else gettext("Self-nomination"),
        n.nominator_organization or None, n.nominator_email or None,
        n.nominator_kind.label if n.nominator_kind else None, n.consent_state.label,
        n.cv.original_name if n.cv else None, language_name(n.language) or None,
    ]


def _score_cells(call: Call, d: NominationReviewData, screening: ScreeningResult | None) -> list[Any]:
    screened = None
    if screening is not None:
        screened = gettext("Eligible") if screening.eligible else gettext("Ineligible: %(reason)s",
                                                                     reason=screening.reason_text)
    s = d.scores
    return [screened, ", ".join(u.name or u.email for u in d.assigned), s.count, _round(s.mean),
            _round(s.median), _round(s.spread), _yes_no(s.disagreement) if s.count > 1 else None,
            _round(d.merit), describe_formula(call.merit_settings)]


def _review_cells(call: Call, d: NominationReviewData, slots: int) -> list[Any]:
    criteria = criteria_of(call)
    recused = {c.reviewer_id for c in d.conflicts}
    cells: list[Any] = []
    for slot in range(slots):
        review = d.reviews[slot] if slot < len(d.reviews) else None
        if review is None:
            cells += [None] * (3 + 2 * len(call.rubric_criteria) + 1)
            continue
        state = gettext("recused (not counted)") if review.reviewer_id in recused else (
            gettext("submitted") if review.is_submitted else gettext("draft (not counted)"))
        score = review_score({s.criterion_id: s.score for s in review.scores}, criteria)
        cells += [review.reviewer.name or review.reviewer.email, state, _round(score)]
        for criterion in call.rubric_criteria:
            row = review.score_for(criterion.id)
            cells += [row.score if row else None, row.comment if row and row.comment else None]
        cells.append(review.overall_comment or None)
    return cells


def answer_columns(call: Call, given: Iterable[str]) -> list[tuple[str, str]]:
    """(answer key, column heading) for every answer given, in the order of the call's questions."""
    labels = {q.key: q.label for q in call.questions}
    given = set(given)
    ordered = [key for key in labels if key in given] + sorted(given - set(labels))
    return [(key, f"Answer: {labels.get(key, key)}") for key in ordered]


def _answer_text(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value
    return json.dumps(value, ensure_ascii=False)


def _internal_comments(ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for c in db.session.execute(select(InternalComment).where(InternalComment.nomination_id.in_(ids))
                                .order_by(InternalComment.id)).scalars():
        who = c.author.name or c.author.email if c.author else gettext("system")
        out[c.nomination_id].append(f"{c.created_at:%Y-%m-%d %H:%M} {who}: {c.body}")
    return out


def _history(ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    events = db.session.execute(select(AuditEvent).where(
        AuditEvent.object_type == "nomination", AuditEvent.object_id.in_(ids),
        AuditEvent.to_state.is_not(None), AuditEvent.action == "status",
    ).order_by(AuditEvent.id).options(selectinload(AuditEvent.actor))).scalars()
    for e in events:
        who = e.actor.email if e.actor else gettext("system")
        out[e.object_id].append(gettext("%(when)s UTC %(before)s → %(after)s by %(who)s", when=e.at.strftime("%Y-%m-%d %H:%M"),
                                        before=_status_words(e.from_state), after=_status_words(e.to_state), who=who))
    return out


def _status_words(value: str | None) -> str:
    """A status as people read it ("Under review"), from its stored value ("under_review")."""
    try:
        return NominationStatus(value).label if value else "—"
    except ValueError:
        return value or "—"


def _yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def prepare_export(call: Call, actor: User | None, fmt: str, f: NominationFilter | None = None) -> Export:
    """Plan the export of the call's nominations (filtered as the list is) and record it:
    one audit event on the call naming every exported nomination."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use csv or xlsx")
    f = f or NominationFilter()
    plan = plan_export(call, f)
    description = [
        ngettext("Exported %(num)d nomination; filter: %(filter)s.", "Exported %(num)d nominations; filter: %(filter)s.",
                 len(plan.ids), filter=json.dumps(f.as_args(), ensure_ascii=False) if f.as_args() else gettext("none")),
        describe_aggregation(), describe_formula(call.merit_settings),
    ]
    who = f"{actor.name} ({actor.email})" if actor is not None and actor.name else (
        actor.email if actor is not None else "the command line")
    audit.record(actor, call, "exported", format=fmt, nominations=len(plan.ids), filter=f.as_args(),
                 nomination_ids=plan.ids)
    db.session.flush()
    answers = answer_columns(call, plan.answer_keys)
    return Export(call.id, call.title, fmt, f"{call.slug}-nominations.{fmt}", plan, answers,
                  headers_for(call, plan.review_slots, answers), description, who, utcnow(), current_language())


def export(call: Call, actor: User | None, fmt: str, f: NominationFilter | None = None) -> bytes:
    """Export the call's nominations (filtered as the list is) as one file's bytes, recorded."""
    out = io.BytesIO()
    prepare_export(call, actor, fmt, f).write(out)
    return out.getvalue()
