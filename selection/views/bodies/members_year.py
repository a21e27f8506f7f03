"""Members' pages of a body's year, from their sign-in link: proposing and accepting candidates,
voting by secret ballot, the verifiable count, and asking for travel support."""
from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext
from flask_login import current_user, login_required

from selection.extensions import db
from selection.forms.bodies import ActionForm
from selection.forms.body_year import ProposeForm, TravelRequestForm, VoteForm
from selection.models import BodyPerson, Meeting, utcnow
from selection.models.body_enums import SEATED
from selection.models.election import Election, ElectionCandidacy
from selection.views.bodies import meeting_or_404, refuse
from selection.views.bodies.blueprints import panel as bp
from selection.views.operations import run_operation
from selection.workflow import elections, travel
from selection.workflow.permissions import may_see_election_count, people_of_user


def _voter_in(body_id: int) -> BodyPerson:
    """The signed-in person as a member of the body, or 403."""
    person = next((p for p in people_of_user(current_user, body_id) if p.category in SEATED), None)
    if person is None:
        abort(403)
    return person


def _forms_for(election: Election, me: BodyPerson) -> tuple[ProposeForm, VoteForm]:
    """The proposal and vote forms of one election, with its choices."""
    propose = ProposeForm(prefix=f"p{election.id}")
    taken = {c.person_id for c in election.candidacies}
    propose.candidate.choices = [(p.id, p.display_name) for p in elections.electorate(election.body, election.takes_office_on)
                                 if p.id not in taken]
    vote = VoteForm(prefix=f"v{election.id}")
    vote.candidacy.choices = [(c.id, c.person.display_name) for c in elections.standing(election)]
    return propose, vote


@bp.get("/my-panel/elections")
@login_required
def my_elections() -> str:
    """Open elections of my bodies: propose, accept, vote; and the counts of decided ones."""
    people = [p for p in people_of_user(current_user) if p.category in SEATED]
    current = elections.open_elections_for(people)
    me = {e.id: next(p for p in people if p.body_id == e.body_id) for e in current}
    return render_template(
        "bodies/my_elections.html", people=people, current=current, me=me,
        forms={e.id: _forms_for(e, me[e.id]) for e in current},
        voted={e.id: elections.has_voted(e, me[e.id]) for e in current},
        eligible={e.id: me[e.id] in elections.electorate(e.body, e.takes_office_on) for e in current},
        decided=elections.decided_elections_for(people), action=ActionForm(),
    )


def _back() -> str:
    return url_for("panel.my_elections")


def _election_with_forms(election_id: int) -> tuple[Election, BodyPerson, ProposeForm, VoteForm]:
    """The election (or 404), the signed-in member voting in it (or 403) and its two forms."""
    election = db.get_or_404(Election, election_id)
    me = _voter_in(election.body_id)
    return election, me, *_forms_for(election, me)


@bp.post("/my-panel/elections/<int:election_id>/propose")
@login_required
def propose(election_id: int) -> ResponseReturnValue:
    """Propose a candidate (oneself, or another member who is then asked to accept)."""
    election, me, form, _ = _election_with_forms(election_id)
    if not form.validate_on_submit():
        return refuse(form, _back())
    candidate = db.session.get(BodyPerson, form.candidate.data)
    done = (gettext("You stand for the %(office)s.", office=election.office.label) if candidate == me
            else gettext("%(name)s is proposed and asked to accept.", name=candidate.display_name))
    return run_operation(
        lambda: elections.propose_candidate(election, candidate, me, current_user, form.statement.data or ""),
        _back(), done)


@bp.post("/my-panel/candidacies/<int:candidacy_id>/answer")
@login_required
def answer_candidacy(candidacy_id: int) -> ResponseReturnValue:
    """The proposed member accepts or declines."""
    candidacy = db.get_or_404(ElectionCandidacy, candidacy_id)
    me = _voter_in(candidacy.election.body_id)
    if candidacy.person_id != me.id:
        abort(403)
    if not ActionForm().validate_on_submit() or request.form.get("accept") not in ("yes", "no"):
        abort(400)
    accept = request.form["accept"] == "yes"
    return run_operation(lambda: elections.answer_candidacy(candidacy, accept, me, current_user),
                         _back(),
                         gettext("You stand for election.") if accept else gettext("You have declined the candidacy."))


@bp.post("/my-panel/elections/<int:election_id>/vote")
@login_required
def vote(election_id: int) -> ResponseReturnValue:
    """Cast one secret ballot; the receipt lets the voter find it in the published count."""
    election, me, _, form = _election_with_forms(election_id)
    if not form.validate_on_submit():
        return refuse(form, _back())
    candidacy = db.session.get(ElectionCandidacy, form.candidacy.data)
    return run_operation(lambda: elections.cast_ballot(election, me, candidacy, current_user, utcnow().date()),
                         _back(), lambda ballot: gettext(
                             "Your vote for the %(office)s is cast. Your ballot's receipt is %(receipt)s: "
                             "keep it to find your ballot in the published count.", office=election.office.label,
                             receipt=ballot.receipt))


@bp.get("/bodies/<slug>/elections/<int:election_id>")
@login_required
def election_count(slug: str, election_id: int) -> str:
    """The count of a decided election: votes per round and every ballot by its receipt."""
    election = db.get_or_404(Election, election_id)
    if election.body.slug != slug:
        abort(404)
    if not may_see_election_count(current_user, election):
        abort(403)
    if not elections.is_decided(election):
        abort(404)
    return render_template("bodies/election_count.html", election=election, body=election.body,
                           ballots=elections.published_ballots(election), verified=elections.verify_count(election),
                           by_id={c.id: c for c in election.candidacies})


@bp.route("/my-panel/meetings/<int:meeting_id>/travel", methods=["GET", "POST"])
@login_required
def ask_travel(meeting_id: int) -> ResponseReturnValue:
    """A member asks for travel and subsistence support for an in-person meeting."""
    meeting: Meeting = meeting_or_404(meeting_id)
    me = _voter_in(meeting.body_id)
    form = TravelRequestForm()
    mine = next((r for r in travel.requests_for(meeting) if r.person_id == me.id), None)
    if form.validate_on_submit():
        return run_operation(lambda: travel.request_support(meeting, me, travel.SupportRequest(
            travel_cost=travel.money(form.travel_cost.data, "travel_cost"),
            subsistence_days=form.subsistence_days.data, other_funding_sought=bool(form.other_funding_sought.data),
            other_funding_note=form.other_funding_note.data or ""), current_user),
            url_for("panel.ask_travel", meeting_id=meeting_id), gettext("Your request is sent to the Secretariat."))
    status = 400 if form.is_submitted() else 200
    return render_template("bodies/travel_request.html", meeting=meeting, me=me, form=form, mine=mine,
                           basis=travel.eligibility_basis(me), budget=travel.budget_of(meeting)), status
