"""Staff pages for pacts: the prevention overview, the pact template, publishing, coverage, paper
codes, signing sessions, reminders, official e-mail addresses. Views parse and render; services act."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.registry.models import Agency

from . import codes, documents, selectors, workflow
from .forms import EmailsForm, PactForm, PaperCodesForm, SessionForm, TemplateForm
from .models import IntegrityPact, SigningSession, SocializationEvent
from .permissions import can_manage, can_manage_pact, can_view_pact, visible_events
from .services import distribution, pacts
from .services.coverage import recount
from .workflow import PreventionError


def _own_agency(request: HttpRequest) -> Agency:
    """The agency the acting staff member works for; refused for accounts bound to none."""
    agency = getattr(request.user, "agency", None)
    if agency is None:
        raise PermissionDenied
    return agency


def _pact(request: HttpRequest, code: str) -> IntegrityPact:
    pact = get_object_or_404(IntegrityPact.objects.select_related("agency", "election"), code=code)
    if not can_view_pact(request.user, pact):
        raise Http404
    return pact


def _failed(request: HttpRequest, error: PreventionError, pact: IntegrityPact) -> HttpResponse:
    messages.error(request, error.message)
    response = redirect("prevention:pact", code=pact.code)
    response.status_code = 303
    return response


COVERAGE_ROWS = 100
REGION_ROWS = 60


def _by_province(rows: list[selectors.CoverageRow]) -> list[selectors.CoverageRow]:
    """Nationally, regencies are too many to read: add them up per province (code prefix)."""
    if len(rows) <= REGION_ROWS:
        return rows
    totals: dict[str, list[int]] = {}
    for row in rows:
        total = totals.setdefault(row.key[:2], [0, 0])
        total[0] += row.required
        total[1] += row.signed
    return [selectors.CoverageRow(key, r, s) for key, (r, s) in sorted(totals.items())]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    agency = getattr(user, "agency", None)
    coverage = selectors.coverage_by_agency(user)
    # Nationally that is every agency: show those furthest behind first, a page's worth.
    coverage.sort(key=lambda c: (c.row.percent, c.agency_code))
    context = {
        "can_manage": can_manage(user, agency),
        "coverage": coverage[:COVERAGE_ROWS],
        "coverage_total": len(coverage),
        "regions": _by_province(selectors.coverage_by_region(user)),
        "events": selectors.upcoming_events(user, limit=30),
    }
    if agency is not None:
        context["overview"] = selectors.agency_overview(user, agency)
    return render(request, "prevention/staff/overview.html", context)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    agency = _own_agency(request)
    if not can_manage(request.user, agency):
        raise PermissionDenied
    current = pacts.template_for(agency)
    form = TemplateForm(
        request.POST or None, initial={"title": current.title, "body": current.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            pacts.save_template(actor=request.user, agency=agency, **form.cleaned_data)
            messages.success(request, _("The pact template is saved."))
            return redirect("prevention:overview")
        except PreventionError as error:
            form.add_error(None, error.message)
    return render(
        request,
        "prevention/staff/template.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _pact_input(form: PactForm) -> pacts.PactInput:
    d = form.cleaned_data
    return pacts.PactInput(
        election=d["election"], opens_on=d["opens_on"], closes_on=d["closes_on"],
        second_factor=d["second_factor"], leaders_first=d["leaders_first"], units=d["units"],
        position_classes=d["position_classes"], title=d["title"], body=d["body"],
    )  # fmt: skip


@login_required
def pact_form(request: HttpRequest, code: str | None = None) -> HttpResponse:
    agency = _own_agency(request)
    pact = _pact(request, code) if code else None
    if not can_manage(request.user, pact.agency if pact else agency):
        raise PermissionDenied
    initial = {"second_factor": "email", "opens_on": timezone.localdate()}
    if pact:
        initial = {f: getattr(pact, f) for f in ("opens_on", "closes_on", "second_factor", "leaders_first",
                                                 "units", "position_classes", "title", "body")}  # fmt: skip
        initial["election"] = pact.election.code
    form = PactForm(request.POST or None, agency=agency, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = pacts.save_pact(
                    actor=request.user, agency=agency, data=_pact_input(form), pact=pact
                )
                return redirect("prevention:pact", code=saved.code)
            except PreventionError as error:
                form.add_error(None, error.message)
                status = error.status_code
    return render(
        request, "prevention/staff/pact_form.html", {"form": form, "pact": pact}, status=status
    )


@login_required
def pact_detail(request: HttpRequest, code: str) -> HttpResponse:
    pact = _pact(request, code)
    manage = can_manage_pact(request.user, pact)
    context = {
        "pact": pact,
        "manage": manage,
        "actions": [a.name for a in workflow.allowed_pact_actions(pact.status)] if manage else [],
        "by_unit": selectors.pact_coverage(pact, by="unit"),
        "by_region": selectors.pact_coverage(pact, by="region"),
        "totals": selectors.pacts_with_coverage(request.user).get(pk=pact.pk),
        "sessions": pact.sessions.filter(closes_at__gt=timezone.now()).order_by("-opened_at"),
        "reminders": pact.reminders.order_by("-requested_at")[:5],
        "events": visible_events(request.user)
        .filter(agency=pact.agency)
        .order_by("-starts_at")[:20],
        "sign_url": documents.public_url("prevention:sign", pact.code),
        "codes_form": PaperCodesForm(),
        "session_form": SessionForm(),
    }
    return render(request, "prevention/staff/pact.html", context)


SIMPLE_ACTIONS = {
    "publish": pacts.publish,
    "open_to_all": pacts.open_to_all,
    "close": pacts.close,
    "remind": distribution.request_reminders,
    "recount": lambda *, actor, pact: recount(actor=actor, pact=pact),
}


@login_required
@require_POST
def pact_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    pact = _pact(request, code)
    if action not in SIMPLE_ACTIONS:
        raise Http404
    if not can_manage_pact(request.user, pact):
        raise PermissionDenied
    try:
        SIMPLE_ACTIONS[action](actor=request.user, pact=pact)
    except PreventionError as error:
        return _failed(request, error, pact)
    messages.success(
        request, _("Done: %(action)s.") % {"action": workflow.PACT_ACTIONS[action].label}
    )
    return redirect("prevention:pact", code=pact.code)


@login_required
@require_POST
def paper_codes(request: HttpRequest, code: str) -> HttpResponse:
    """The printable sheet of new paper codes (the only copy of the plain codes)."""
    pact = _pact(request, code)
    form = PaperCodesForm(request.POST)
    if not form.is_valid():
        return redirect("prevention:pact", code=pact.code)
    event = SocializationEvent.objects.filter(
        code=form.cleaned_data["event"], agency=pact.agency
    ).first()
    try:
        issued = distribution.issue_paper_codes(
            actor=request.user, pact=pact, unit=form.cleaned_data["unit"], event=event
        )
    except PreventionError as error:
        return _failed(request, error, pact)
    sign_url = documents.public_url("prevention:sign", pact.code)
    body = documents.pdf(
        "prevention/pdf/paper_codes.html",
        {"pact": pact, "issued": [(p.employee, codes.pretty(p.code)) for p in issued],
         "sign_url": sign_url, "qr": documents.qr_svg(sign_url, scale=2)},
    )  # fmt: skip
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kode-pakta-{pact.code}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def open_session(request: HttpRequest, code: str) -> HttpResponse:
    pact = _pact(request, code)
    form = SessionForm(request.POST)
    if not form.is_valid():
        return redirect("prevention:pact", code=pact.code)
    event = SocializationEvent.objects.filter(
        code=form.cleaned_data["event"], agency=pact.agency
    ).first()
    try:
        session = distribution.open_session(
            actor=request.user, pact=pact, event=event, minutes=form.cleaned_data["minutes"]
        )
    except PreventionError as error:
        return _failed(request, error, pact)
    return redirect("prevention:session-screen", pk=session.pk)


@login_required
def session_screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The screen at the event: a QR code to the signing page that changes every 30 seconds."""
    session = get_object_or_404(SigningSession.objects.select_related("pact__agency"), pk=pk)
    if not can_manage_pact(request.user, session.pact):
        raise Http404
    url = (
        documents.public_url("prevention:sign", session.pact.code)
        + "?s="
        + codes.qr_token(session.secret)
    )
    context = {"session": session, "url": url, "qr": documents.qr_svg(url, scale=8),
               "open": session.closes_at > timezone.now()}  # fmt: skip
    template = (
        "prevention/staff/session_qr.html"
        if getattr(request, "htmx", False)
        else "prevention/staff/session_screen.html"
    )
    return render(request, template, context)


@login_required
def emails(request: HttpRequest) -> HttpResponse:
    agency = _own_agency(request)
    if not can_manage(request.user, agency):
        raise PermissionDenied
    form = EmailsForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["file"].read(8 * 2**20 + 1)
        try:
            if len(raw) > 8 * 2**20:
                raise PreventionError(_("The file is larger than 8 MB."), status_code=413)
            text = raw.decode("utf-8-sig")
            context["saved"], context["problems"] = distribution.import_emails(
                actor=request.user, agency=agency, text=text
            )
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text (save it as CSV UTF-8)."))
        except PreventionError as error:
            form.add_error("file", error.message)
    return render(
        request, "prevention/staff/emails.html", context, status=400 if form.errors else 200
    )
