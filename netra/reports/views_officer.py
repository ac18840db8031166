"""Bawaslu officers' side of the reports: the case's reports tab (pseudonyms only), evidence
downloads, replies, the four-eyes identity reveal, and recording a temuan.

The reports tab sits beside the handling tab of netra/cases under the case's one URL
(``/cases/<code>/``); both resolve the case through ``cases.permissions.officer_case``, so a case
outside the officer's sight is a 404 and one they see but do not handle a 403 on every tab.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from netra.accounts.permissions import is_bawaslu_officer
from netra.audit.services import record
from netra.cases.models import Case
from netra.cases.permissions import officer_case, visible_cases
from netra.cases.selectors import for_case_page

from . import rules, selectors, services
from .forms import (
    PERSON_PREFIX,
    IncidentForm,
    MessageForm,
    PersonFormSet,
    RevealDecisionForm,
    RevealRequestForm,
    with_person_change,
)
from .models import Evidence, IdentityReveal, Report
from .permissions import can_decide_reveal
from .validation import validate_report
from .views import _places


def _handled_case(request: HttpRequest, code: str) -> Case:
    qs = for_case_page().prefetch_related("reported_persons__agency")
    return officer_case(request.user, code, qs)


def _report_on(case: Case, report_id: int) -> Report:
    return get_object_or_404(Report.objects.select_related("case"), pk=report_id, case=case)


@never_cache
@login_required
def case_detail(
    request: HttpRequest, code: str, *, status: int = 200, **extra: Any
) -> HttpResponse:
    case = _handled_case(request, code)
    reports = list(selectors.reports_for_officer(case))
    user = request.user
    for report in reports:
        reveals = list(report.reveals.all())
        report.my_reveal = next(  # type: ignore[attr-defined]
            (r for r in reversed(reveals) if r.requested_by_id == user.pk), None
        )
        report.to_decide = [  # type: ignore[attr-defined]
            r
            for r in reveals
            if r.status == IdentityReveal.Status.PENDING and can_decide_reveal(user, r)
        ]
        report.reasons = rules.of_report(report).explanations()  # type: ignore[attr-defined]
    context = {
        "case": case,
        "reports": reports,
        "reply_form": MessageForm(),
        "reveal_form": RevealRequestForm(),
        "decision_form": RevealDecisionForm(),
        **extra,
    }
    return render(request, "reports/officer_case.html", context, status=status)


@login_required
@require_POST
def reply(request: HttpRequest, code: str, report_id: int) -> HttpResponse:
    case = _handled_case(request, code)
    report = _report_on(case, report_id)
    form = MessageForm(request.POST)
    if not form.is_valid() or not form.cleaned_data["body"]:
        error = form.errors.get("body") or [_("Write a message.")]
        return case_detail(request, code, status=400, reply_error=(report.pk, error))
    services.post_officer_reply(request.user, report, body=form.cleaned_data["body"])
    messages.success(request, _("Your reply was sent to the reporter."))
    return redirect("reports_officer:case", code=case.code)


@login_required
def evidence_file(
    request: HttpRequest, code: str, evidence_id: int, variant: str
) -> HttpResponseBase:
    """Evidence is never public: only an officer handling the case gets the bytes, through here."""
    case = _handled_case(request, code)
    item = get_object_or_404(Evidence, pk=evidence_id, report__case=case, kind=Evidence.Kind.FILE)
    if variant == "preview" and item.preview:
        return _send(item.preview, "image/jpeg", f"preview-{item.pk}.jpg", attachment=False)
    if variant != "original":
        raise Http404
    record(
        actor=request.user,
        action="evidence.downloaded",
        target=item,
        summary=f"evidence {item.pk} on {case.code}",
        sha256=item.sha256,
    )
    ext = (item.file.name or "").rsplit(".", 1)[-1]
    return _send(item.file, item.content_type, f"evidence-{item.pk}.{ext}", attachment=True)


def _send(file: FieldFile, content_type: str, name: str, *, attachment: bool) -> FileResponse:
    response = FileResponse(
        file.open("rb"), content_type=content_type, as_attachment=attachment, filename=name
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def identity_request(request: HttpRequest, code: str, report_id: int) -> HttpResponse:
    case = _handled_case(request, code)
    report = _report_on(case, report_id)
    form = RevealRequestForm(request.POST)
    if not form.is_valid():
        return case_detail(request, code, status=400, reveal_error=(report.pk, form.errors))
    services.request_identity(request.user, report, reason=form.cleaned_data["reason"])
    messages.success(
        request, _("Your request was recorded. Another officer of this or a higher office decides.")
    )
    return redirect("reports_officer:case", code=case.code)


@login_required
@require_POST
def identity_decide(request: HttpRequest, code: str, reveal_id: int) -> HttpResponse:
    case = _handled_case(request, code)
    reveal = get_object_or_404(
        IdentityReveal.objects.select_related("report__case", "requested_by"),
        pk=reveal_id,
        report__case=case,
    )
    form = RevealDecisionForm(request.POST)
    if not form.is_valid():
        return case_detail(request, code, status=400)
    approve = request.POST.get("decision") == "approve"
    services.decide_identity(request.user, reveal, approve=approve, note=form.cleaned_data["note"])
    messages.success(
        request,
        _("You approved the request: the requester can now see the identity.")
        if approve
        else _("You rejected the request."),
    )
    return redirect("reports_officer:case", code=case.code)


@never_cache
@login_required
@require_POST
def identity_show(request: HttpRequest, code: str, report_id: int) -> HttpResponse:
    case = _handled_case(request, code)
    report = _report_on(case, report_id)
    person = services.reveal_identity(request.user, report)
    response = render(
        request, "reports/officer_identity.html", {"case": case, "report": report, "person": person}
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def temuan_new(request: HttpRequest) -> HttpResponse:
    """A supervisor records their own finding from patrol, with the same evidence handling."""
    if not is_bawaslu_officer(request.user):
        raise PermissionDenied
    data: Any = request.POST if request.method == "POST" else None
    errors: dict[str, list[str]] = {}
    if data is not None and data.get("action") == "submit":
        links = [line for line in (data.get("links") or "").splitlines() if line.strip()]
        valid, errors = validate_report(
            data, request.FILES.getlist("files"), links, with_reporter=False
        )
        if valid is not None:
            report = services.record_temuan(valid, officer=request.user)
            user: Any = request.user
            if visible_cases(user).filter(pk=report.case_id).exists():
                return redirect("cases:case", code=report.case.code)
            return render(request, "reports/temuan_done.html", {"report": report}, status=201)
    if data is not None and data.get("action") in ("add_person", "remove_person", "add_many"):
        data = with_person_change(data, data["action"])
    province = data.get("province") if data is not None else None
    context = {
        "incident": IncidentForm(data, known_on_label=_("When was it discovered?")),
        "persons": PersonFormSet(data, prefix=PERSON_PREFIX, province=province),
        "places": _places(data),
        "show_errors": bool(errors),
        "evidence_errors": errors.get("files", []) + errors.get("links", []),
        "links_text": (data.get("links") if data else "") or "",
        "idempotency_key": uuid.uuid4().hex,
    }
    return render(request, "reports/temuan_form.html", context, status=400 if errors else 200)
