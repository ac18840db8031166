"""Public pages: the report form in steps, the receipt, and following a report by its receipt code.

Works without JavaScript: each step posts the whole form (earlier steps ride along as hidden fields,
so nothing is kept on the server until the last step). htmx only refreshes the place pickers and the
"what you are making" panel as the reporter types. The receipt code never appears in a URL.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netra.reference.models import Region

from . import ratelimit, receipts, registry_hook, rules, selectors, services
from .forms import (
    OUTSIDE_ELECTION,
    PERSON_PREFIX,
    IncidentForm,
    MessageForm,
    PersonFormSet,
    ReporterForm,
    with_person_change,
)
from .idempotency import IdempotencyConflict, browser_client
from .models import Report
from .validation import evidence_errors, validate_report

STEPS = [  # lazy: translated per request, in the reporter's language
    (1, gettext_lazy("What happened")),
    (2, gettext_lazy("Who was involved")),
    (3, gettext_lazy("Who you are")),
    (4, gettext_lazy("Evidence and send")),
]
LAST_STEP = len(STEPS)
HONEYPOT = "website"


def _links(data: Any) -> list[str]:
    return [line for line in (data.get("links") or "").splitlines() if line.strip()]


def _too_many(request: HttpRequest, verdict: ratelimit.Verdict) -> HttpResponse:
    response = render(request, "reports/too_many.html", status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _forms(data: Any | None) -> dict[str, Any]:
    province = data.get("province") if data is not None else None
    return {
        "incident": IncidentForm(data),
        "persons": PersonFormSet(data, prefix=PERSON_PREFIX, province=province),
        "reporter": ReporterForm(data),
    }


def _step_valid(step: int, forms: dict[str, Any]) -> bool:
    return {
        1: lambda: forms["incident"].is_valid(),
        2: lambda: forms["persons"].is_valid(),
        3: lambda: forms["reporter"].is_valid(),
    }.get(step, lambda: True)()


def kind_preview(forms: dict[str, Any], *, reporter_known: bool) -> dict[str, Any] | None:
    """What the report will be, as far as the steps so far tell: for the panel beside the form."""
    incident = forms["incident"]
    if not incident.is_bound:
        return None
    incident.is_valid()  # the election and the date are enough, whatever else is missing
    if outside := _outside_election(incident):
        return {"outside": outside}
    election, known_on = (
        incident.cleaned_data.get("election"),
        incident.cleaned_data.get("known_on"),
    )
    if election is None or known_on is None:
        return None
    reporter = forms["reporter"]
    anonymous, identity = False, None
    if reporter_known and reporter.is_valid():
        anonymous, identity = reporter.cleaned_data["anonymous"], reporter.identity
    verdict = rules.classify(
        election_kind=election.kind,
        known_on=known_on,
        anonymous=anonymous,
        identity=identity,
        today=timezone.localdate(),
    )
    reasons = verdict.explanations()
    if not reporter_known:  # before step 3 only the window is known, not the identity
        reasons = [r for code, r in zip(verdict.reasons, reasons, strict=True) if code == "late"]
    return {
        "verdict": verdict,
        "reporter_known": reporter_known,
        "reasons": reasons,
        "unit": rules.UNIT_LABELS[verdict.window.unit],
    }


def _outside_election(incident: IncidentForm) -> str:
    """Why the chosen election was not under way on the incident date, if it was not."""
    for errors in incident.errors.as_data().values():
        for error in errors:
            if error.code == OUTSIDE_ELECTION:
                return " ".join(error.messages)
    return ""


def _places(data: Any | None) -> dict[str, Any]:
    province = (data.get("province") if data else "") or ""
    regency = (data.get("regency") if data else "") or ""
    district = (data.get("district") if data else "") or ""
    regencies = list(Region.objects.filter(parent_id=province)) if province else []
    if regency and not any(r.code == regency for r in regencies):
        regency, district = "", ""
    districts = list(Region.objects.filter(parent_id=regency)) if regency else []
    if district and not any(d.code == district for d in districts):
        district = ""
    return {
        "provinces": Region.objects.filter(level=Region.Level.PROVINCE).order_by("name"),
        "regencies": regencies,
        "districts": districts,
        "chosen": {"province": province, "regency": regency, "district": district},
    }


def _render_step(
    request: HttpRequest,
    step: int,
    data: Any | None,
    *,
    show_errors: bool,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = _forms(data)
    key = (data.get("idempotency_key") if data else "") or uuid.uuid4().hex
    context = {
        "step": step,
        "steps": STEPS,
        "last_step": LAST_STEP,
        "show_errors": show_errors,
        "idempotency_key": key[:64],
        "preview": kind_preview(forms, reporter_known=step > 3),
        "places": _places(data),
        "links_text": (data.get("links") if data else "") or "",
        "honeypot": HONEYPOT,
        "registry_search": registry_hook.REGISTRY_SEARCH_ENABLED,
        **forms,
        **(extra or {}),
    }
    response = render(request, "reports/report_form.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render_step(request, 1, None, show_errors=False)
    data = request.POST
    try:
        step = min(max(int(data.get("step", 1)), 1), LAST_STEP)
    except ValueError:
        step = 1
    action = data.get("action", "next")
    if action == "back":
        return _render_step(request, max(step - 1, 1), data, show_errors=False)
    if action in ("add_person", "remove_person", "add_many"):
        return _render_step(request, step, with_person_change(data, action), show_errors=False)
    if action == "places":
        return _render_step(request, step, data, show_errors=False)
    forms = _forms(data)
    for earlier in range(1, step + 1):
        if not _step_valid(earlier, forms):
            return _render_step(request, earlier, data, show_errors=True, status=400)
    if step < LAST_STEP:
        return _render_step(request, step + 1, data, show_errors=False)
    return _submit(request, data)


def _submit(request: HttpRequest, data: Any) -> HttpResponse:
    if data.get(HONEYPOT):
        extra: dict[str, Any] = {
            "form_error": _("Leave the last field empty: it is a trap for robots.")
        }
        return _render_step(request, LAST_STEP, data, show_errors=True, extra=extra, status=400)
    verdict = ratelimit.hit(request, "report")
    if not verdict.allowed:
        return _too_many(request, verdict)
    valid, errors = validate_report(data, request.FILES.getlist("files"), _links(data))
    if valid is None:
        extra = {"evidence_errors": errors.get("files", []) + errors.get("links", [])}
        return _render_step(request, LAST_STEP, data, show_errors=True, extra=extra, status=400)
    try:
        submitted = services.submit_report(
            valid,
            idempotency_key=data.get("idempotency_key", ""),
            client=browser_client(request),
        )
    except IdempotencyConflict:
        extra = {"form_error": _("This form was already sent with other content. Reload the form.")}
        return _render_step(request, LAST_STEP, data, show_errors=True, extra=extra, status=409)
    return _receipt_page(request, submitted.report, submitted.receipt)


def _receipt_page(request: HttpRequest, report: Report, code: str) -> HttpResponse:
    verdict = rules.of_report(report)
    response = render(
        request,
        "reports/receipt.html",
        {
            "report": report,
            "code": code,
            "pretty_code": receipts.pretty(code),
            "reasons": verdict.explanations(),
        },
        status=201,
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def places(request: HttpRequest) -> HttpResponse:
    """htmx: the province → regency → district selects for the chosen codes."""
    return render(request, "reports/_places.html", {"places": _places(request.GET)})


@require_POST
def check(request: HttpRequest) -> HttpResponse:
    """htmx: the "what you are making" panel for the dates and choices typed so far."""
    forms = _forms(request.POST)
    try:
        reporter_known = int(request.POST.get("step", 1)) > 3
    except ValueError:
        reporter_known = False
    preview = kind_preview(forms, reporter_known=reporter_known)
    return render(request, "reports/_kind_panel.html", {"preview": preview})


@require_GET
def person_suggest(request: HttpRequest) -> HttpResponse:
    """htmx: registry suggestions as the reporter types a name, within the agency they chose.

    The person's fields arrive under their formset prefix (``persons-0-name``, ``persons-0-agency``).
    """
    if not ratelimit.hit(request, "suggest").allowed:
        return HttpResponse(status=429)  # the list just stays empty; typing goes on
    prefix = request.GET.get("prefix", "")
    if not re.fullmatch(rf"{PERSON_PREFIX}-\d{{1,2}}", prefix):
        prefix = ""
    query = request.GET.get(f"{prefix}-name" if prefix else "q") or ""
    agency = request.GET.get(f"{prefix}-agency" if prefix else "agency") or ""
    people = registry_hook.suggest_reported_persons(query[:100], agency_code=agency[:30])
    return render(request, "reports/_person_suggestions.html", {"people": people})


def _status_page(
    request: HttpRequest,
    report: Report,
    code: str,
    *,
    form: MessageForm | None = None,
    errors: list[str] | None = None,
    sent: bool = False,
    status: int = 200,
) -> HttpResponse:
    response = render(
        request,
        "reports/follow_status.html",
        {
            "report": report,
            "code": code,
            "pretty_code": receipts.pretty(code),
            "timeline": selectors.reporter_timeline(report),
            "thread": selectors.reporter_thread(report),
            "form": form or MessageForm(),
            "evidence_errors": errors or [],
            "sent": sent,
            "idempotency_key": uuid.uuid4().hex,
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "reports/follow.html")
    verdict = ratelimit.hit(request, "lookup")
    if not verdict.allowed:
        return _too_many(request, verdict)
    code = request.POST.get("receipt", "")
    report = services.find_by_receipt(code)
    if report is None:
        error = _("No report has this receipt code. Check the 16 digits and try again.")
        return render(request, "reports/follow.html", {"error": error}, status=404)
    return _status_page(request, report, receipts.normalize(code) or "")


@never_cache
@require_POST
def follow_message(request: HttpRequest) -> HttpResponse:
    verdict = ratelimit.hit(request, "message")
    if not verdict.allowed:
        return _too_many(request, verdict)
    code = request.POST.get("receipt", "")
    report = services.find_by_receipt(code)
    if report is None:
        error = _("No report has this receipt code. Check the 16 digits and try again.")
        return render(request, "reports/follow.html", {"error": error}, status=404)
    code = receipts.normalize(code) or ""
    form = MessageForm(request.POST)
    files, links = request.FILES.getlist("files"), _links(request.POST)
    if not form.is_valid():
        return _status_page(request, report, code, form=form, status=400)
    checked, clean_links, errors = evidence_errors(files, links)
    if not errors and not (form.cleaned_data["body"] or checked or clean_links):
        errors = {"body": [_("Write a message or add evidence.")]}
    if errors:
        flat = [m for messages in errors.values() for m in messages]
        return _status_page(request, report, code, form=form, errors=flat, status=400)
    try:
        services.post_reporter_message(
            report,
            body=form.cleaned_data["body"],
            files=checked,
            links=clean_links,
            idempotency_key=request.POST.get("idempotency_key", ""),
            client=browser_client(request),
        )
    except IdempotencyConflict:
        conflict = [_("This form was already sent with another message. Reload the page.")]
        return _status_page(request, report, code, form=form, errors=conflict, status=409)
    return _status_page(request, report, code, sent=True)


@never_cache
@require_POST
def receipt_pdf(request: HttpRequest) -> HttpResponse:
    verdict = ratelimit.hit(request, "lookup")
    if not verdict.allowed:
        return _too_many(request, verdict)
    code = request.POST.get("receipt", "")
    report = services.find_by_receipt(code)
    if report is None:
        return render(request, "reports/follow.html", status=404)
    from .receipt_pdf import render_receipt

    pdf = render_receipt(report, receipts.normalize(code) or "")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="tanda-terima-netra.pdf"'
    response["Cache-Control"] = "no-store"
    return response
