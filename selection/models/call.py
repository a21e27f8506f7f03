"""A call for nominations, its stakeholder groups and its balance rules."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from flask import has_app_context
from flask_babel import format_date, gettext
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from selection.data import N_, REGIONAL_GROUPS, country_name
from selection.extensions import db
from selection.models.enums import CallStatus, RequiredLevel
from selection.models.translations import DEFAULT_LANGUAGE, Translatable, current_language
from selection.models.rule_words import rule_in_plain_words
from selection.models.types import UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from selection.models.nomination import Nomination
    from selection.models.question import Question
    from selection.models.rubric import RecommendingBody, RubricCriterion
    from selection.models.user import User

# Attributes a balance rule may constrain: the person's derived or stated facts.
RULE_ATTRIBUTES: dict[str, str] = {
    "region": N_("UN regional group"),
    "gender": N_("gender"),
    "country": N_("nationality"),
    "residence": N_("country of residence"),
    "group": N_("stakeholder group"),
}
EVERY_VALUE = "*"

# Seats held ex officio, outside the call's own seats. A call stores the kinds it has in
# ``Call.ex_officio_seats`` (a JSON list of these keys); the roster derives the members from
# the kind and the year (host countries come from ``selection.data.igf_hosts``).
EX_OFFICIO_KINDS: dict[str, str] = {
    "host_previous": N_("Previous IGF host country (one senior representative)"),
    "host_current": N_("Current IGF host country (one senior representative)"),
    "host_upcoming": N_("Upcoming IGF host country (one senior representative)"),
    "mag_chair": N_("Chair of the Multistakeholder Advisory Group"),
    "envoy_technology": N_("Secretary-General's Envoy on Technology"),
}

# How the Secretariat's review and the recommending bodies' recommendations combine into a
# nominee's merit score (0-100): review_weight x (mean rubric score scaled to 0-100)
# + recommendation_weight x (mean of the points of the recommendations received).
DEFAULT_MERIT_FORMULA: dict[str, Any] = {
    "review_weight": 0.7,
    "recommendation_weight": 0.3,
    "recommendation_points": {
        "strongly_recommend": 100, "recommend": 75, "neutral": 50, "not_recommended": 0,
    },
}
RECOMMENDATION_LEVELS: dict[str, str] = {
    "strongly_recommend": "Strongly recommended",
    "recommend": "Recommended",
    "neutral": "Neutral",
    "not_recommended": "Not recommended",
}


class Call(Translatable, db.Model):
    """One exercise of appointing a body: its own nominations, reviews and slates."""

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(200))
    # The standing body the call appoints (one call per term); ``body`` keeps its name as typed.
    body_id: Mapped[int | None] = mapped_column(ForeignKey("body.id"), index=True)
    seats: Mapped[int]
    term_start: Mapped[date]
    term_end: Mapped[date]
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[CallStatus] = mapped_column(enum_type(CallStatus), default=CallStatus.DRAFT)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    max_consecutive_terms: Mapped[int | None]
    ex_officio_seats: Mapped[list[str]] = mapped_column(JSON, default=list)
    merit_formula: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    privacy_notice: Mapped[str] = mapped_column(Text, default="")
    retention_months: Mapped[int] = mapped_column(default=24)
    # The language the call's own texts are written in, and their translations (issue 14).
    language: Mapped[str] = mapped_column(String(8), default=DEFAULT_LANGUAGE, server_default=DEFAULT_LANGUAGE)
    translations: Mapped[dict[str, dict[str, str]] | None] = mapped_column(JSON, default=dict)
    TRANSLATABLE = ("title", "description", "privacy_notice", "body")

    groups: Mapped[list[StakeholderGroup]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="StakeholderGroup.position"
    )
    rules: Mapped[list[BalanceRule]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="BalanceRule.position"
    )
    nominations: Mapped[list[Nomination]] = relationship(back_populates="call")
    questions: Mapped[list[Question]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="Question.position"
    )
    rubric_criteria: Mapped[list[RubricCriterion]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="RubricCriterion.position"
    )
    recommending_bodies: Mapped[list[RecommendingBody]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="RecommendingBody.position"
    )
    deadline_extensions: Mapped[list[DeadlineExtension]] = relationship(
        back_populates="call", cascade="all, delete-orphan", order_by="DeadlineExtension.created_at"
    )

    @property
    def original_language(self) -> str:
        """The language the call's own columns are written in."""
        return self.language or DEFAULT_LANGUAGE

    @property
    def is_public(self) -> bool:
        """Anyone may see the call once it has left the draft stage."""
        return self.status != CallStatus.DRAFT

    def accepts_nominations(self, now: datetime | None = None) -> bool:
        """Open, and within its opening and closing time."""
        now = now or utcnow()
        return self.status == CallStatus.OPEN and self.opens_at <= now < self.closes_at

    def opens_later(self, now: datetime | None = None) -> bool:
        """Opened by an administrator, but its opening time is still to come."""
        return self.status == CallStatus.OPEN and (now or utcnow()) < self.opens_at

    def status_in_words(self, now: datetime | None = None) -> str:
        """The status as a badge says it: "Opens on 1 March 2027" before the opening time, else the status."""
        if self.opens_later(now):
            day = format_date(self.opens_at, "long") if has_app_context() else f"{self.opens_at:%-d %B %Y}"
            return gettext("Opens on %(date)s", date=day)
        return self.status.label

    @property
    def status_key(self) -> str:
        """The badge's style: the status, or "upcoming" for an opened call not open yet."""
        return "upcoming" if self.opens_later() else self.status.value

    @property
    def term_in_words(self) -> str:
        """The term's years: "2027–2028", or "2028" for a term within one year."""
        start, end = self.term_start.year, self.term_end.year
        return str(start) if start == end else f"{start}–{end}"

    def deadline_for(self, nomination: Nomination | None) -> datetime:
        """The deadline that holds for ``nomination``: the call's, or a later one granted to it.

        Extensions are kept as a history; the most recent one granted to a nomination counts.
        """
        if nomination is None or nomination.id is None:
            return self.closes_at
        granted = [ext for ext in self.deadline_extensions if ext.nomination_id == nomination.id]
        if not granted:
            return self.closes_at
        return max(self.closes_at, granted[-1].closes_at)

    def questions_for(self, group: StakeholderGroup) -> list[Question]:
        """The questions nominees of ``group`` answer: the group's own and the all-group ones."""
        return [q for q in self.questions if q.group_id is None or q.group_id == group.id]

    @property
    def merit_settings(self) -> dict[str, Any]:
        """The merit formula in force: the call's own, or the default when none is set."""
        return self.merit_formula or DEFAULT_MERIT_FORMULA

    @property
    def ex_officio_labels(self) -> list[str]:
        """The ex officio seats in words (the page's language), in the order of ``EX_OFFICIO_KINDS``."""
        return [gettext(label) for kind, label in EX_OFFICIO_KINDS.items() if kind in (self.ex_officio_seats or [])]

    @property
    def group_seats(self) -> int:
        """Seats of all stakeholder groups together."""
        return sum(group.seats for group in self.groups)

    def __repr__(self) -> str:
        return f"<Call {self.slug}>"


class DeadlineExtension(db.Model):
    """A later deadline granted to one nomination, with the reason; rows are a history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id", ondelete="CASCADE"), index=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id"), index=True)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    call: Mapped[Call] = relationship(back_populates="deadline_extensions")
    nomination: Mapped[Nomination] = relationship()
    created_by: Mapped[User | None] = relationship()


class StakeholderGroup(Translatable, db.Model):
    """A stakeholder group of a call, with its seats and eligibility."""

    __table_args__ = (UniqueConstraint("call_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    seats: Mapped[int]
    eligibility: Mapped[str] = mapped_column(Text, default="")
    required_level: Mapped[RequiredLevel] = mapped_column(
        enum_type(RequiredLevel), default=RequiredLevel.NONE
    )
    open_for_nominations: Mapped[bool] = mapped_column(default=True)
    translations: Mapped[dict[str, dict[str, str]] | None] = mapped_column(JSON, default=dict)
    TRANSLATABLE = ("name", "eligibility")
    position: Mapped[int] = mapped_column(default=0)

    call: Mapped[Call] = relationship(back_populates="groups")

    @property
    def original_language(self) -> str:
        """The group's texts are written in its call's language."""
        return self.call.original_language if self.call else DEFAULT_LANGUAGE

    @property
    def local_name(self) -> str:
        """The group's name in the language being written (the page's, or an e-mail's
        recipient's), or in the call's original language when not given in it."""
        return self.text_in("name", current_language()).text

    def __repr__(self) -> str:
        return f"<StakeholderGroup {self.code} ({self.seats})>"


class BalanceRule(db.Model):
    """A min and/or max count of seats for an attribute's value (or each of its values)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id", ondelete="CASCADE"), index=True)
    attribute: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(80), default=EVERY_VALUE)
    min_seats: Mapped[int | None]
    max_seats: Mapped[int | None]
    hard: Mapped[bool] = mapped_column(default=True)
    penalty: Mapped[float | None]
    where_attribute: Mapped[str | None] = mapped_column(String(40))
    where_value: Mapped[str | None] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)

    call: Mapped[Call] = relationship(back_populates="rules")

    @property
    def is_soft(self) -> bool:
        """A soft rule may be broken at a penalty; rules are hard unless said otherwise."""
        return self.hard is False

    @property
    def applies_to_every_value(self) -> bool:
        """True when the rule holds separately for each value of its attribute."""
        return self.value == EVERY_VALUE

    def describe(self, call: Call | None = None) -> str:
        """The rule in words, e.g. 'each UN regional group: at least 1 and at most 3 seats'.

        ``call`` names the groups of a rule not yet attached to its call.
        """
        call = call or self.call
        noun = RULE_ATTRIBUTES.get(self.attribute, self.attribute)
        if self.applies_to_every_value:
            subject = f"each {noun}"
        else:
            subject = value_in_words(call, self.attribute, self.value)
        text = f"{subject}: {_bounds_in_words(self.min_seats, self.max_seats)}"
        if self.where_attribute and self.where_value is not None:
            text = f"within {value_in_words(call, self.where_attribute, self.where_value)}, {text}"
        if self.is_soft:
            penalty = f"{self.penalty:g}" if self.penalty is not None else "unset"
            text += f" (soft: penalty {penalty} per seat short or over)"
        return text


    def in_plain_words(self, call: Call | None = None) -> str:
        """The rule for the public: "At least 4 women (a preference, not a strict requirement)"."""
        return rule_in_plain_words(self, call)


def value_in_words(call: Call | None, attribute: str, value: str) -> str:
    """'women', 'the Government group', 'African States', 'nationality Kenya'."""
    if attribute == "gender":
        return GENDER_PLURALS.get(value, f"gender {value}")
    if attribute == "region":
        return REGIONAL_GROUPS.get(value, value)
    if attribute == "group":
        names = {group.code: group.name for group in call.groups} if call else {}
        return f"the {names.get(value, value)} group"
    if attribute in ("country", "residence"):
        return f"{RULE_ATTRIBUTES[attribute]} {country_name(value)}"
    return f"{RULE_ATTRIBUTES.get(attribute, attribute)} {value}"


GENDER_PLURALS = {"woman": N_("women"), "man": N_("men"), "another": N_("people of another gender identity"),
                  "undisclosed": N_("people who prefer not to state their gender")}


def _bounds_in_words(minimum: int | None, maximum: int | None) -> str:
    """'exactly 2 seats', 'at least 1 seat', 'at least 1 and at most 3 seats'."""
    def seats(n: int) -> str:
        return f"{n} seat" if n == 1 else f"{n} seats"

    if minimum is not None and minimum == maximum:
        return f"exactly {seats(minimum)}"
    if minimum and maximum is not None:
        return f"at least {minimum} and at most {seats(maximum)}"
    if minimum:
        return f"at least {seats(minimum)}"
    if maximum is not None:
        return f"at most {seats(maximum)}"
    return "no limit"
