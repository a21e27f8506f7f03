"""The Secretariat's pages of a body's year: terms ending and the next call, departures, the
officers' elections, and travel support for in-person meetings with its authorisation letter."""
from __future__ import annotations

from flask import abort, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from selection.extensions import db
from selection.forms.body_year import (
    AuthoriseForm, BudgetForm, DepartureForm, OpenElectionsForm, ReasonForm, RecordTravelRequestForm,
    YearSettingsForm,
)
from selection.forms.bodies import ActionForm
from selection.models import Body, BodyPerson, TravelRequest, utcnow
from selection.models.body_enums import PersonCategory
from selection.models.election import Election
from selection.views.bodies import body_or_404, meeting_or_404, refuse, require_action_form
from selection.views.bodies.blueprints import secretariat as bp
from selection.views.operations import run_operation
from selection.views.permissions import roles_required
from selection.workflow import elections, terms, travel
from selection.workflow.bodies.people import people_in
from selection.workflow.permissions import STAFF, may_fill_vacancy


@bp.get("/bodies/<slug>/year")
@roles_required(*STAFF)
def year(slug: str) -> str:
    """Terms and when they end, vacancies, the next call, and the officers' elections."""
    found = body_or_404(slug)
    today = utcnow().date()
    members = people_in(found, PersonCategory.MEMBER)
    held = elections.elections_of(found)
    return render_template(
        "bodies/year.html", body=found, today=today, members=members,
        ending={e.person.id: e for e in terms.terms_ending(found, today)},
        vacancies=terms.vacancies(found, today), elections=held,
        open_form=OpenElectionsForm(year=today.year + 1), action=ActionForm(), reason_form=ReasonForm(),
        departure_form=DepartureForm(), voters={e.id: elections.voters_of(e) for e in held},
        electorate_sizes={e.id: len(elections.electorate(found, e.takes_office_on)) for e in held},
        settings_form=_settings_form(found), may_fill=may_fill_vacancy(current_user),
    )


def _settings_form(body: Body) -> YearSettingsForm:
    """The settings form filled with the body's current settings."""
    share = body.setting("min_share_new_members")
    return YearSettingsForm(
        ex_officio_vote=body.setting("ex_officio_vote"), outgoing_chair_may_stand=body.setting("outgoing_chair_may_stand"),
        min_share_new_members=round(share * 100) if share else None, term_reminder_days=body.setting("term_reminder_days"))


@bp.post("/bodies/<slug>/year/settings")
@roles_required(*STAFF)
def year_settings(slug: str) -> ResponseReturnValue:
    """Change the settings of elections, renewal and reminders."""
    found = body_or_404(slug)
    form = YearSettingsForm()
    if not form.validate_on_submit():
        return refuse(form, _back(slug, "settings"))
    share = form.min_share_new_members.data
    return run_operation(lambda: terms.change_year_settings(
        found, current_user, ex_officio_vote=bool(form.ex_officio_vote.data),
        outgoing_chair_may_stand=bool(form.outgoing_chair_may_stand.data),
        min_share_new_members=share / 100 if share else None, term_reminder_days=form.term_reminder_days.data),
        _back(slug, "settings"), _("The settings are saved."))


def _back(slug: str, anchor: str) -> str:
    return url_for("bodies.year", slug=slug) + f"#{anchor}"


@bp.post("/bodies/<slug>/next-call")
@roles_required(*STAFF)
def next_call(slug: str) -> ResponseReturnValue:
    """Start the call for the next term from the body's configuration, in one step."""
    found = body_or_404(slug)
    require_action_form()
    return run_operation(lambda: terms.start_next_call(found, current_user, utcnow()),
                         _back(slug, "terms"),
                         _("The call for the next term is drafted; an administrator reviews and opens it."))


@bp.post("/bodies/<slug>/people/<int:person_id>/depart")
@roles_required(*STAFF)
def depart(slug: str, person_id: int) -> ResponseReturnValue:
    """Record that a member leaves before the end of their term."""
    found = body_or_404(slug)
    person = db.get_or_404(BodyPerson, person_id)
    if person.body_id != found.id:
        abort(404)
    form = DepartureForm()
    if not form.validate_on_submit():
        return refuse(form, _back(slug, "terms"))
    return run_operation(lambda: terms.record_departure(person, form.last_day.data, form.reason.data, current_user),
                         _back(slug, "terms"),
                         _("The departure of %(name)s is recorded; the seat is vacant.", name=person.display_name))


@bp.post("/bodies/<slug>/elections")
@roles_required(*STAFF)
def open_elections(slug: str) -> ResponseReturnValue:
    """Open the elections of the Chair and Vice-Chair for a year."""
    found = body_or_404(slug)
    form = OpenElectionsForm()
    if not form.validate_on_submit():
        return refuse(form, _back(slug, "elections"))
    return run_operation(
        lambda: elections.open_elections(found, form.year.data, form.takes_office_on.data, current_user),
        _back(slug, "elections"), _("The elections are open: members may now propose candidates."))


def _election(election_id: int) -> Election:
    return db.get_or_404(Election, election_id)


@bp.post("/elections/<int:election_id>/voting")
@roles_required(*STAFF)
def open_voting(election_id: int) -> ResponseReturnValue:
    """Close candidacies and open the vote."""
    election = _election(election_id)
    require_action_form()
    return run_operation(lambda: elections.open_voting(election, current_user),
                         _back(election.body.slug, "elections"),
                         _("The vote for the %(office)s is open.", office=election.office.label))


@bp.post("/elections/<int:election_id>/count")
@roles_required(*STAFF)
def count(election_id: int) -> ResponseReturnValue:
    """Count the current round: a winner, or a further round between the tied."""
    election = _election(election_id)
    require_action_form()
    return run_operation(lambda: elections.count_round(election, current_user),
                         _back(election.body.slug, "elections"), _("The round is counted."))


@bp.post("/elections/<int:election_id>/cancel")
@roles_required(*STAFF)
def cancel_election(election_id: int) -> ResponseReturnValue:
    """Cancel an election, with its reason."""
    election = _election(election_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return refuse(form, _back(election.body.slug, "elections"))
    return run_operation(lambda: elections.cancel_election(election, current_user, form.reason.data),
                         _back(election.body.slug, "elections"), _("The election is cancelled."))


@bp.get("/meetings/<int:meeting_id>/travel")
@roles_required(*STAFF)
def travel_support(meeting_id: int) -> str:
    """A meeting's travel budget, committed against available, and the requests."""
    meeting = meeting_or_404(meeting_id)
    budget = travel.budget_of(meeting)
    record_form = RecordTravelRequestForm()
    record_form.person.choices = [(p.id, p.display_name) for p in elections.electorate(meeting.body, meeting.starts_at.date())]
    return render_template(
        "bodies/travel.html", meeting=meeting, body=meeting.body, budget=budget, eligibility_words=travel.eligibility_words,
        budget_form=BudgetForm(obj=None, amount=budget.amount if budget else None,
                               daily_rate=budget.daily_subsistence_rate if budget else None,
                               currency=budget.currency if budget else "USD"),
        requests=travel.requests_for(meeting), committed=travel.committed_amount(meeting),
        available=travel.available_amount(meeting), requested_amount=travel.requested_amount,
        authorise_form=AuthoriseForm(), reason_form=ReasonForm(), record_form=record_form,
    )


def _travel_back(meeting_id: int) -> str:
    return url_for("bodies.travel_support", meeting_id=meeting_id)


@bp.post("/meetings/<int:meeting_id>/travel/budget")
@roles_required(*STAFF)
def set_budget(meeting_id: int) -> ResponseReturnValue:
    """Set or change the meeting's travel budget."""
    meeting = meeting_or_404(meeting_id)
    form = BudgetForm()
    if not form.validate_on_submit():
        return refuse(form, _travel_back(meeting_id))
    return run_operation(lambda: travel.set_budget(meeting, travel.money(form.amount.data, "amount"),
                                                   travel.money(form.daily_rate.data, "daily_rate"),
                                                   form.currency.data, current_user),
                         _travel_back(meeting_id), _("The travel budget is set."))


@bp.post("/meetings/<int:meeting_id>/travel/requests")
@roles_required(*STAFF)
def record_request(meeting_id: int) -> ResponseReturnValue:
    """Record a member's request, with an exception to the country rule where needed."""
    meeting = meeting_or_404(meeting_id)
    form = RecordTravelRequestForm()
    form.person.choices = [(p.id, p.display_name) for p in elections.electorate(meeting.body, meeting.starts_at.date())]
    if not form.validate_on_submit():
        return refuse(form, _travel_back(meeting_id))
    person = db.session.get(BodyPerson, form.person.data)
    return run_operation(lambda: travel.request_support(meeting, person, _support(form), current_user,
                                                        override_reason=form.override_reason.data or ""),
                         _travel_back(meeting_id), _("The request is recorded."))


def _support(form: RecordTravelRequestForm) -> travel.SupportRequest:
    """The request a form describes (amounts parsed by the workflow's one money parser)."""
    return travel.SupportRequest(
        travel_cost=travel.money(form.travel_cost.data, "travel_cost"), subsistence_days=form.subsistence_days.data,
        other_funding_sought=bool(form.other_funding_sought.data), other_funding_note=form.other_funding_note.data or "")


def _request(request_id: int) -> TravelRequest:
    return db.get_or_404(TravelRequest, request_id)


@bp.post("/travel/<int:request_id>/authorise")
@roles_required(*STAFF)
def authorise(request_id: int) -> ResponseReturnValue:
    """Authorise an amount in writing, within the available budget."""
    found = _request(request_id)
    form = AuthoriseForm()
    if not form.validate_on_submit():
        return refuse(form, _travel_back(found.meeting_id))
    return run_operation(lambda: travel.authorise(found, travel.money(form.amount.data, "amount"), current_user,
                                                  utcnow().date(), form.note.data or ""),
                         _travel_back(found.meeting_id), _("Authorised: the letter is ready to print."))


@bp.post("/travel/<int:request_id>/decline")
@roles_required(*STAFF)
def decline(request_id: int) -> ResponseReturnValue:
    """Decline a request, saying why."""
    found = _request(request_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        return refuse(form, _travel_back(found.meeting_id))
    return run_operation(lambda: travel.decline(found, form.reason.data, current_user),
                         _travel_back(found.meeting_id), _("The request is declined."))


@bp.get("/travel/<int:request_id>/letter")
@roles_required(*STAFF)
def letter(request_id: int) -> str:
    """The printable authorisation letter of an authorised request."""
    found = _request(request_id)
    if found.authorised_on is None or found.authorised_amount is None:
        abort(404)
    return render_template("bodies/travel_letter.html", travel=found, meeting=found.meeting,
                           budget=travel.budget_of(found.meeting), basis=travel.eligibility_words(found))
