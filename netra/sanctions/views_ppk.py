"""The PPK's pages under /sanctions/ppk/: the inbox, one recommendation with its letter and the
case file they need, the decree and the contest. Views parse, call a selector or a service, render;
a refused step comes back as the page with the message (4xx), never half-written.

What the PPK reads of the case: the decision on this person only and its violation types, the
election, the date and region, the forwarding. Never the reporter, never the other reported persons
(some were not found guilty), never the officers' summary of the case, which may name them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netra.cases import documents
from netra.cases.workflow import CaseError

from . import selectors_ppk as selectors
from .forms_ppk import ContestForm, SanctionForm
from .models import Contest, Recommendation, Route, Sanction
from .services.authority_base import rule
from .services.grading import allowed_for
from .services.responses import RECORDABLE, contest_recommendation, record_sanction


def _ppk(request: HttpRequest) -> Any:
    if not selectors.is_ppk(request.user):
        raise PermissionDenied(_("This page is for the agency's personnel officer."))
    return request.user


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    user = _ppk(request)
    box = selectors.inbox(
        user, page=request.GET.get("page") or 1, done_page=request.GET.get("done") or 1
    )
    context = {
        "inbox": box,
        "agency": user.agency,
        "today": timezone.localdate(),
        "keep_open": f"&done={box.done.number}",
        "keep_done": f"&page={box.open.number}",
    }
    return render(request, "sanctions/ppk/inbox.html", context)


def _context(rec: Recommendation, **forms: Any) -> dict[str, Any]:
    allowed = allowed_for(rec)
    sanction = Sanction.objects.filter(recommendation=rec).select_related("sanction_type").first()
    can_act = rec.status in RECORDABLE and rec.route == Route.SANCTION and sanction is None
    return {
        "rec": rec,
        "decision": selectors.decision_of(rec),
        "violations": list(rec.violation_types.all()),
        "allowed": allowed,
        "sanction": sanction,
        "contest": Contest.objects.filter(recommendation=rec).first(),
        "active_block": selectors.active_block(rec),  # not "block": the template block node
        "forwarding": getattr(rec.case, "forwarding", None),
        "rule": rule(rec.deadline_rule) if rec.deadline_rule else None,  # its title, not its code
        "can_act": can_act,
        "can_contest": can_act and rec.status == Recommendation.Status.ISSUED,
        "sanction_form": forms.get("sanction_form")
        or SanctionForm(recommendation=rec, allowed=allowed),
        "contest_form": forms.get("contest_form") or ContestForm(),
    }


@login_required
@require_GET
def recommendation(request: HttpRequest, ref: str) -> HttpResponse:
    rec = selectors.recommendation_for_ppk(_ppk(request), ref)
    return render(request, "sanctions/ppk/recommendation.html", _context(rec))


def _refused(request: HttpRequest, rec: Recommendation, message: str, status: int, **forms: Any):
    messages.error(request, message)
    return render(
        request, "sanctions/ppk/recommendation.html", _context(rec, **forms), status=status
    )


@login_required
@require_POST
def record(request: HttpRequest, pk: int) -> HttpResponse:
    user = _ppk(request)
    rec = selectors.recommendation_for_ppk(user, str(pk))
    form = SanctionForm(request.POST, request.FILES, recommendation=rec, allowed=allowed_for(rec))
    if not form.is_valid():
        return _refused(request, rec, _("Please correct the form."), 400, sanction_form=form)
    try:
        record_sanction(
            recommendation=rec,
            actor=user,
            sanction_type=form.cleaned_data["sanction_type"],
            decree_number=form.cleaned_data["decree_number"],
            imposed_on=form.cleaned_data["imposed_on"],
            decree_scan=form.cleaned_data["decree_scan"],
            reason=form.cleaned_data["reason"],
        )
    except CaseError as refused:  # a refusal of this step or of the case close it triggers
        return _refused(request, rec, refused.message, refused.status_code, sanction_form=form)
    messages.success(request, _("The decree is recorded."))
    return redirect("sanctions:ppk-recommendation", ref=rec.pk)


@login_required
@require_POST
def contest(request: HttpRequest, pk: int) -> HttpResponse:
    user = _ppk(request)
    rec = selectors.recommendation_for_ppk(user, str(pk))
    form = ContestForm(request.POST)
    if not form.is_valid():
        return _refused(request, rec, _("Please correct the form."), 400, contest_form=form)
    try:
        contest_recommendation(recommendation=rec, actor=user, reasons=form.cleaned_data["reasons"])
    except CaseError as refused:  # a refusal of this step or of the case close it triggers
        return _refused(request, rec, refused.message, refused.status_code, contest_form=form)
    messages.success(request, _("Your objection is sent to the authority."))
    return redirect("sanctions:ppk-recommendation", ref=rec.pk)


@login_required
@require_GET
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    rec = selectors.recommendation_for_ppk(_ppk(request), str(pk))
    if rec.letter is None:
        raise Http404
    response = HttpResponse(documents.pdf_bytes(rec.letter), content_type="application/pdf")
    filename = rec.letter.number.replace("/", "_")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


@login_required
@require_GET
def decree_pdf(request: HttpRequest, pk: int) -> FileResponse:
    rec = selectors.recommendation_for_ppk(_ppk(request), str(pk))
    sanction = Sanction.objects.filter(recommendation=rec).first()
    if sanction is None or not sanction.decree_scan:
        raise Http404
    filename = sanction.decree_number.replace("/", "_")
    return FileResponse(
        sanction.decree_scan.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{filename}.pdf",
    )
