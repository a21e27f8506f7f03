"""Filling a vacant seat (decision-makers and administrators; 403 for other staff): the
proposed slates for the seat with every other member pinned, the candidates, and the decision."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from selection.data import REGIONAL_GROUPS
from selection.extensions import db
from selection.forms.decision import VacancyFillForm
from selection.models import BodyPerson, utcnow
from selection.views.decision import bp
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
    try:
        vacancy = ops.vacancy_of(person, today)
    except WorkflowError:
        abort(404)
    proposal = ops.propose_for_vacancy(vacancy)
    form = VacancyFillForm()
    status = 200
    if request.method == "GET":
        form.decided_on.data = date.today()
    elif form.validate_on_submit():
        rank = next((r.slate_rank for r in proposal.candidates if r.nomination.id == form.nomination_id.data), None)
        entry = ops.FillInput(form.nomination_id.data, form.decided_on.data, form.rationale.data,
                              form.hard_rule_justification.data or "", rank)
        try:
            ops.fill_vacancy(person, entry, current_user, today)
        except WorkflowError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
            status = 400
        else:
            db.session.commit()
            flash(_("The seat is filled: the new member is appointed for the rest of the term. Their notice waits "
                    "in the outbox until the Secretariat releases it."), "success")
            return redirect(url_for(".fill", person_id=person_id))
    else:
        status = 400
    return render_template("decision/vacancy.html", proposal=proposal, form=form, regions=REGIONAL_GROUPS), status
