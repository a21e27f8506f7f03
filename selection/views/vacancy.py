"""Filling a vacant seat (decision-makers and administrators; 403 for other staff): the
proposed slates for the seat with every other member pinned, the candidates, and the decision."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from selection.data import REGIONAL_GROUPS
from selection.extensions import db
from selection.forms.decision import VacancyFillForm
from selection.models import BodyPerson, utcnow
from selection.views.decision import bp
from selection.views.operations import form_status, run_operation
from selection.views.permissions import roles_required
from selection.workflow import vacancies as ops
from selection.workflow.errors import WorkflowError
from selection.workflow.permissions import DECIDERS


@bp.get("/decide/vacancies")
@roles_required(*DECIDERS)
def vacancies() -> str:
    """Every vacant seat a decided call's shortlist may fill."""
    return render_template("decision/vacancies.html", vacancies=ops.open_vacancies(utcnow().date()))


@bp.route("/decide/vacancies/<int:person_id>", methods=["GET", "POST"])
@roles_required(*DECIDERS)
def fill(person_id: int) -> Any:
    """The seat a member left: proposed slates for it, and the decision filling it."""
    person = db.get_or_404(BodyPerson, person_id)
    done = ops.filled_by(person)
    if done is not None:
        return render_template("decision/vacancy_filled.html", person=person, decision=done)
    today = utcnow().date()
    vacancy = ops.find_vacancy(person, today)
    if vacancy is None:
        abort(404)
    proposal = ops.propose_for_vacancy(vacancy)
    form = VacancyFillForm()
    if request.method == "GET":
        form.decided_on.data = date.today()
    if not form.validate_on_submit():
        return _page(proposal, form)
    rank = next((r.slate_rank for r in proposal.candidates if r.nomination.id == form.nomination_id.data), None)
    entry = ops.FillInput(form.nomination_id.data, form.decided_on.data, form.rationale.data,
                          form.hard_rule_justification.data or "", rank)

    def form_again(error: WorkflowError) -> tuple[str, int]:
        form.form_errors.append(str(error))
        return _page(proposal, form)

    return run_operation(lambda: ops.fill_vacancy(person, entry, current_user, today),
                         url_for(".fill", person_id=person_id),
                         _("The seat is filled: the new member is appointed for the rest of the term. Their notice "
                           "waits in the outbox until the Secretariat releases it."), show_refusal=form_again)


def _page(proposal: ops.SeatProposal, form: VacancyFillForm) -> tuple[str, int]:
    """The seat's page with its form, 400 when the form was sent and refused."""
    page = render_template("decision/vacancy.html", proposal=proposal, form=form, regions=REGIONAL_GROUPS)
    return page, form_status(form)
