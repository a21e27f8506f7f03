"""The cells of an export's row, from the plain columns ``export_data`` reads: every field,
the screening, the review scores (aggregated as ``review_scores`` does for the pages), each
review, the recommendations, conflicts, internal comments and status history, in the staff
member's language. Each word is translated once per export, not once per cell."""
from __future__ import annotations

import json
from typing import Any

from flask_babel import gettext

from selection.data import REGIONAL_GROUPS
from selection.i18n import country_name_in, in_language, language_name
from selection.models import Call, NominationStatus
from selection.models.enums import POSITION_LEVELS, LabelledEnum
from selection.reports.export_data import Entry
from selection.review_scores import Aggregate, aggregate_scores, describe_formula, merit_score, review_score
from selection.workflow.review import criteria_of

TIME = "%Y-%m-%d %H:%M"


class Words:
    """gettext, country and language names, remembered for one export in one language: a
    word is looked up in ``language`` the first time only, so rows are built in any context."""

    def __init__(self, language: str) -> None:
        self._language = language
        self._known: dict[tuple[str, str], str] = {}
        self._labels: dict[LabelledEnum, str] = {}

    def _remember(self, kind: str, key: str, make: Any) -> str:
        try:
            return self._known[kind, key]
        except KeyError:
            with in_language(self._language):
                known = self._known[kind, key] = make(key)
            return known

    def __call__(self, msgid: str) -> str:
        """The message in the export's language (format it with ``%``, as gettext would)."""
        return self._remember("text", msgid, gettext)

    def label(self, member: LabelledEnum | None) -> str | None:
        """An enum member's label, or None."""
        if member is None:
            return None
        try:
            return self._labels[member]
        except KeyError:
            label = self._labels[member] = self(member.english_label)
            return label

    def country(self, code: str | None) -> str | None:
        """A country's name, or None without a code."""
        return self._remember("country", code, country_name_in) if code else None

    def language(self, code: str | None) -> str | None:
        """A language's name, or None without a code."""
        return (self._remember("language", code, language_name) or None) if code else None

    def yes_no(self, value: bool) -> str:
        """yes or no."""
        return self("yes") if value else self("no")

    def status(self, value: str | None) -> str:
        """A status as people read it ("Under review"), from its stored value ("under_review")."""
        if not value:
            return "—"
        try:
            return self(NominationStatus(value).english_label)
        except ValueError:
            return value


class Cells:
    """Builds rows for one export: the call's rubric, bodies and formula read once."""

    def __init__(self, call: Call, slots: int, answer_keys: list[tuple[str, str]], language: str) -> None:
        self.rubric = [criterion.id for criterion in call.rubric_criteria]
        self.criteria = criteria_of(call)
        self.bodies = [body.id for body in call.recommending_bodies]
        self.settings = call.merit_settings
        self.slots, self.answer_keys = slots, answer_keys
        self.empty_review = [None] * (3 + 2 * len(self.rubric) + 1)  # the cells of a slot with no review
        with in_language(language):
            self.formula = describe_formula(call.merit_settings)
            self.levels = {key: gettext(label) for group in POSITION_LEVELS.values() for key, label in group}
        self.words = Words(language)

    def row(self, e: Entry) -> list[Any]:
        """One nomination's row, in the order of ``exports.headers_for``, in the export's language
        whatever language is in force."""
        w = self.words
        recused = {reviewer_id for reviewer_id, *_rest in e.conflicts}
        scored = [review_score(review.values, self.criteria) for review in e.reviews]  # each review once
        scores = aggregate_scores({review.reviewer_id: score for review, score in zip(e.reviews, scored)
                                   if review.submitted and review.reviewer_id not in recused and score is not None})
        row = self._fields(e)
        if self.answer_keys:
            answers = e.fields.answers or {}
            row += [_answer_text(answers.get(key)) for key, _ in self.answer_keys]
        row += self._scores(e, scores) + self._reviews(e, recused, scored)
        for body_id in self.bodies:
            level, note = e.recommendations.get(body_id, (None, None))
            row += [w.label(level), note]
        row += ["; ".join(f"{who}: {self._conflict(kind, details)}" for _id, who, kind, details in e.conflicts),
                "\n".join(f"{at:{TIME}} {who or w('system')}: {body}" for at, who, body in e.comments),
                "\n".join(w("%(when)s UTC %(before)s → %(after)s by %(who)s") % {
                    "when": at.strftime(TIME), "before": w.status(before), "after": w.status(after),
                    "who": who or w("system")} for at, who, before, after in e.history)]
        return row

    def _fields(self, e: Entry) -> list[Any]:
        f, w = e.fields, self.words
        return [
            f.id, e.candidate, w.label(f.status), f.group_name, f.submitted_at,
            f.name, f.title, f.organization, f.email, w.country(f.nationality),
            w(REGIONAL_GROUPS[f.region]) if f.region in REGIONAL_GROUPS else None, w.country(f.residence),
            w.label(f.gender), self.levels.get(f.position_level, f.position_level or None),
            w.yes_no(f.eligibility_declared), f.biography, f.statement, f.languages,
            w.yes_no(f.availability_confirmed), f.availability_note, "\n".join(f.links or []),
            f.nominator_name if f.nominator_kind is not None else w("Self-nomination"),
            f.nominator_organization or None, f.nominator_email or None,
            w.label(f.nominator_kind), w.label(f.consent_state), f.cv_name, w.language(f.language),
        ]

    def _scores(self, e: Entry, s: Aggregate) -> list[Any]:
        w = self.words
        screened = None
        if e.screening is not None:
            eligible, reason, note = e.screening
            why = ": ".join(part for part in (w.label(reason) or "", note.strip()) if part)
            screened = w("Eligible") if eligible else w("Ineligible: %(reason)s") % {"reason": why}
        merit = merit_score(s.mean, [level.value for level, _note in e.recommendations.values()], self.settings)
        return [screened, ", ".join(name or email for name, email in e.assigned), s.count, _round(s.mean),
                _round(s.median), _round(s.spread), w.yes_no(s.disagreement) if s.count > 1 else None,
                _round(merit), self.formula]

    def _reviews(self, e: Entry, recused: set[int], scored: list[float | None]) -> list[Any]:
        w = self.words
        cells: list[Any] = []
        for review, score in zip(e.reviews[:self.slots], scored):
            state = w("recused (not counted)") if review.reviewer_id in recused else (
                w("submitted") if review.submitted else w("draft (not counted)"))
            cells += [review.reviewer, state, _round(score)]
            for criterion_id in self.rubric:
                value, comment = review.scores.get(criterion_id, _NOT_SCORED)
                cells += [value, comment or None]
            cells.append(review.overall_comment or None)
        return cells + self.empty_review * (self.slots - len(e.reviews)) if len(e.reviews) < self.slots else cells

    def _conflict(self, kind: LabelledEnum, details: str) -> str:
        """The conflict in words, as ``ConflictDeclaration.description`` gives it."""
        label = self.words.label(kind)
        return f"{label}: {details}" if details.strip() else str(label)


_NOT_SCORED = (None, "")


def _answer_text(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value
    return json.dumps(value, ensure_ascii=False)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
