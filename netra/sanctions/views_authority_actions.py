"""The authority's actions on one recommendation: block the personnel data, escalate, answer the
PPK's contest. POST only; each calls its service and comes back to the case file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.cases.workflow import CaseError

from .forms_authority import BlockForm, ContestAnswerForm, EscalationForm
from .models import Recommendation
from .permissions_authority import authority_recommendations
from .services import enforcement
from .views_authority import analyst, render_refusal


def _act(
    request: HttpRequest,
    pk: int,
    form_class: type[forms.Form],
    perform: Callable[[Any, Recommendation, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    user = analyst(request)
    recommendation = (
        authority_recommendations(user).select_related("case", "agency").filter(pk=pk).first()
    )
    if recommendation is None:
        raise Http404
    case = recommendation.case
    form = form_class(request.POST)
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        error = CaseError(_("Please correct the form: %(errors)s") % {"errors": errors})
        return render_refusal(request, user, case, error)
    try:
        perform(user, recommendation, form.cleaned_data)
    except CaseError as error:
        return render_refusal(request, user, case, error)
    messages.success(request, done % {"number": recommendation.number})
    return redirect("sanctions:authority-case", code=case.code)


@login_required
@require_POST
def block(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        BlockForm,
        lambda user, rec, data: enforcement.block_personnel_data(
            recommendation=rec,
            actor=user,
            blocked_on=data["blocked_on"],
            letter_number=data["letter_number"],
        ),
        _("The block on %(number)s is recorded."),
    )


@login_required
@require_POST
def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        EscalationForm,
        lambda user, rec, data: enforcement.escalate_recommendation(
            recommendation=rec,
            actor=user,
            escalated_on=data.get("escalated_on"),
            addressed_to=data.get("addressed_to") or "",
        ),
        _("%(number)s is escalated; the letter is issued."),
    )


@login_required
@require_POST
def answer_contest(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ContestAnswerForm,
        lambda user, rec, data: enforcement.answer_contest(
            recommendation=rec, actor=user, decision=data["decision"], answer=data["answer"]
        ),
        _("The contest on %(number)s is answered."),
    )
