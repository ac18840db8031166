"""Officer pages under /cases/: the queue and the case's handling tab, plus the public document
verification page. Views parse, call a selector or a service, render; a refused step comes back as
the page with the message (400/409), never half-written.

The case's other tabs belong to the stages that own their content (the reports tab: netra/reports);
every tab resolves the case through ``permissions.officer_case``, so they refuse alike."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from netra.accounts.permissions import is_bawaslu_officer

from . import actions, deadlines, documents, selectors, services, workflow
from .forms import (
    ActionForm,
    DecisionForm,
    DocumentForm,
    HandOverForm,
    InvitationForm,
    LinkPersonForm,
    MergeForm,
    MinutesForm,
    NoteForm,
    QueueFilterForm,
    SplitForm,
)
from .models import Case, DocumentKind, IssuedDocument
from .permissions import can_handle_case, officer_case
from .submissions import submissions
from .workflow import CaseError

SIMPLE_ACTIONS = (
    "start_review",
    "register",
    "decline",
    "start_clarification",
    "request_more_time",
    "forward",
    "close",
)


def _officer(request: HttpRequest) -> Any:
    user: Any = request.user
    if not is_bawaslu_officer(user):
        raise PermissionDenied
    return user


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    form = QueueFilterForm(request.GET or None)
    page_no = form.cleaned_data.get("page") or 1 if form.is_valid() else 1
    page = selectors.queue_page(user, form.filters(), page=page_no)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "base": reverse("cases:queue"),
    }
    template = "cases/queue.html#table" if getattr(request, "htmx", False) else "cases/queue.html"
    return render(request, template, context)


def _handled(request: HttpRequest, code: str) -> tuple[Any, Case]:
    user: Any = request.user
    return user, officer_case(user, code, selectors.for_case_page())


def _page_context(case: Case, **forms: Any) -> dict[str, Any]:
    persons = list(case.reported_persons.select_related("agency", "decision").order_by("name"))
    reports = list(submissions().of_case(case))
    deadline = deadlines.running_deadline(case)
    now = timezone.now()
    elapsed = (now - deadline.starts_at).days if deadline else None
    days_left = deadline.days_left(timezone.localdate()) if deadline else None
    context = {
        "case": case,
        "deadline": deadline,
        "overdue": deadline.is_overdue(now) if deadline else False,
        "days_left": days_left,
        "overdue_by": -days_left if days_left is not None and days_left < 0 else 0,
        "elapsed_days": elapsed,
        "events": selectors.timeline(case),
        "persons": persons,
        "reports": reports,
        "hearings": list(case.clarifications.all()),
        "notes": case.notes.select_related("author"),
        "documents": case.documents.all(),
        "document_kinds": [(k, DocumentKind(k).label) for k in documents.available_kinds(case)],
        "actions": workflow.allowed_actions(case.status),
        "simple_actions": SIMPLE_ACTIONS,
        "forwarding": getattr(case, "forwarding", None),
        "action_form": forms.get("action_form") or ActionForm(),
        "hand_over_form": forms.get("hand_over_form") or HandOverForm(case=case),
        "handling_office": documents.office_name(case.jurisdiction_code),
        "linkable": case.status in services.LINKABLE,
        "merge_form": forms.get("merge_form") or MergeForm(),
        "split_form": forms.get("split_form") or SplitForm(reports=reports, persons=persons),
        "decision_form": forms.get("decision_form")
        or DecisionForm(persons=persons, initial={"decided_on": timezone.localdate()}),
        "invitation_form": forms.get("invitation_form") or InvitationForm(),
        "minutes_form": forms.get("minutes_form") or MinutesForm(),
        "note_form": forms.get("note_form") or NoteForm(),
    }
    return context


@login_required
@require_GET
def case_page(request: HttpRequest, code: str) -> HttpResponse:
    _user, case = _handled(request, code)
    return render(request, "cases/case.html", _page_context(case))


def _refused(request: HttpRequest, case: Case, error: CaseError, **forms: Any) -> HttpResponse:
    messages.error(request, error.message)
    case.refresh_from_db()
    return render(
        request, "cases/case.html", _page_context(case, **forms), status=error.status_code
    )


def _invalid(request: HttpRequest, case: Case, **forms: Any) -> HttpResponse:
    messages.error(request, _("Please correct the fields marked below."))
    return render(request, "cases/case.html", _page_context(case, **forms), status=400)


@login_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Every workflow step of the table: parse the step's form, then ``actions.perform``."""
    user, case = _handled(request, code)
    persons = list(case.reported_persons.order_by("name"))
    if action == "decide":
        form: Any = DecisionForm(request.POST, persons=persons)
        key = "decision_form"
    elif action == "split":
        form = SplitForm(request.POST, reports=submissions().of_case(case), persons=persons)
        key = "split_form"
    elif action == "hand_over":
        form, key = HandOverForm(request.POST, case=case), "hand_over_form"
    elif action == "merge":
        form, key = MergeForm(request.POST), "merge_form"
    elif action in SIMPLE_ACTIONS:
        form, key = ActionForm(request.POST), "action_form"
    else:
        raise Http404
    try:
        workflow.transition_for(case.status, action)
        if not form.is_valid():
            return _invalid(request, case, **{key: form})
        result = actions.perform(action, case=case, actor=user, inputs=form.inputs())
    except CaseError as error:
        return _refused(request, case, error, **{key: form})
    messages.success(request, _("Done: %(action)s.") % {"action": workflow.ACTIONS[action].label})
    if action == "split":
        messages.info(request, _("New case: %(code)s") % {"code": result.code})
    case.refresh_from_db()
    if not can_handle_case(user, case):  # handed up: no longer this officer's case
        return redirect("cases:queue")
    return redirect("cases:case", code=case.code)


@login_required
@require_POST
def invite(request: HttpRequest, code: str) -> HttpResponse:
    user, case = _handled(request, code)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _invalid(request, case, invitation_form=form)
    try:
        services.invite_to_clarification(case=case, actor=user, **form.cleaned_data)
    except CaseError as error:
        return _refused(request, case, error, invitation_form=form)
    messages.success(request, _("Invitation recorded."))
    return redirect("cases:case", code=case.code)


@login_required
@require_POST
def minutes(request: HttpRequest, code: str, hearing_id: int) -> HttpResponse:
    user, case = _handled(request, code)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return _invalid(request, case, minutes_form=form)
    try:
        services.record_clarification_minutes(
            case=case, actor=user, clarification_id=hearing_id, **form.cleaned_data
        )
    except CaseError as error:
        return _refused(request, case, error, minutes_form=form)
    messages.success(request, _("Minutes recorded."))
    return redirect("cases:case", code=case.code)


@login_required
@require_POST
def note(request: HttpRequest, code: str) -> HttpResponse:
    user, case = _handled(request, code)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _invalid(request, case, note_form=form)
    services.add_note(case=case, actor=user, body=form.cleaned_data["body"])
    if getattr(request, "htmx", False):
        return render(request, "cases/case.html#notes", _page_context(case))
    return redirect("cases:case", code=case.code)


@login_required
@require_POST
def link_person(request: HttpRequest, code: str, person_id: int) -> HttpResponse:
    """Link a reported person to their registry record by NIP (the letters then carry it)."""
    user, case = _handled(request, code)
    form = LinkPersonForm(request.POST)
    if not form.is_valid():
        return _invalid(request, case)
    try:
        person = services.link_to_registry(
            case=case, actor=user, person_id=person_id, nip=form.cleaned_data["nip"]
        )
    except CaseError as error:
        return _refused(request, case, error)
    messages.success(
        request,
        _("%(name)s is linked to the registry (NIP %(nip)s).")
        % {"name": person.name, "nip": person.nip},
    )
    return redirect("cases:case", code=case.code)


@login_required
@require_POST
def issue(request: HttpRequest, code: str) -> HttpResponse:
    user, case = _handled(request, code)
    form = DocumentForm(request.POST)
    if not form.is_valid():
        return _refused(request, case, CaseError(_("Unknown document type.")))
    try:
        document = services.issue_document(
            case=case,
            actor=user,
            kind=form.cleaned_data["kind"],
            clarification_id=form.cleaned_data["clarification"],
        )
    except CaseError as error:
        return _refused(request, case, error)
    messages.success(request, _("Issued %(number)s.") % {"number": document.number})
    return redirect("cases:case", code=case.code)


@login_required
@require_GET
def document_pdf(request: HttpRequest, code: str, document_id: int) -> HttpResponse:
    _user, case = _handled(request, code)
    document = get_object_or_404(IssuedDocument, case=case, pk=document_id)
    response = HttpResponse(documents.pdf_bytes(document), content_type="application/pdf")
    filename = document.number.replace("/", "_")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


@require_GET
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Public: is this document genuine? Type, number, date and office only — no personal data."""
    document = IssuedDocument.objects.filter(token=token).only(
        "kind", "number", "issued_on", "issuing_office"
    )
    found = document.first()
    return render(request, "cases/verify.html", {"document": found}, status=200 if found else 404)
