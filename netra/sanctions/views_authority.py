"""The civil-service authority's pages under /sanctions/: the inbox, the case file, its letters and
the recommendation form. Views parse, call a selector or a service, render; a refused step comes
back as the page with the message and a 4xx, nothing written. Analysts only: anyone else gets 403,
and a case that is not the analyst's authority's file a 404.

Actions on a recommendation (block, escalate, answer a contest) are in ``views_authority_actions``;
the institutional hand-over in ``views_handover``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from netra.accounts.permissions import Role, is_staff_user
from netra.cases import documents
from netra.cases.models import ReportedPerson
from netra.cases.workflow import CaseError

from . import selectors_authority as inbox
from .forms_authority import (
    BlockForm,
    ContestAnswerForm,
    EscalationForm,
    InboxForm,
    RecommendationForm,
)
from .hooks import case_evidence
from .permissions_authority import authority_case, authority_of, is_analyst
from .selectors_case_file import case_file, case_for_file, letters_of
from .services import recommending
from .services.enforcement import default_addressee


def analyst(request: HttpRequest) -> Any:
    user: Any = request.user
    if not is_analyst(user) or authority_of(user) is None:
        raise PermissionDenied(_("This page is for the civil-service authority's analysts."))
    return user


@login_required
@require_GET
def inbox_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if is_staff_user(user) and user.role == Role.AGENCY_PERSONNEL:
        try:  # the PPK's own inbox (the ``ppk`` pages), when it is mounted
            return redirect(reverse("sanctions:ppk-inbox"))
        except NoReverseMatch:
            pass
    user = analyst(request)
    form = InboxForm(request.GET or None)
    valid = form.is_valid()
    tab = (form.cleaned_data.get("tab") if valid else "") or "to_recommend"
    page_no = (form.cleaned_data.get("page") if valid else 1) or 1
    if tab == "to_recommend":
        page = inbox.forwards_to_recommend(user, page=page_no)
    else:
        page = inbox.recommendation_page(user, tab, page=page_no)
    context = {
        "authority": authority_of(user),
        "tab": tab,
        "tabs": TAB_LABELS,
        "page": page,
        "today": _today(),
    }
    template = "sanctions/authority/inbox.html"
    if getattr(request, "htmx", False):
        template += "#rows"
    return render(request, template, context)


# Lazy: the labels are read in each request's language, not the one active at import.
TAB_LABELS = [
    ("to_recommend", gettext_lazy("To recommend")),
    ("awaiting", gettext_lazy("Awaiting the PPK")),
    ("overdue", gettext_lazy("Overdue")),
    ("blocked", gettext_lazy("Blocked")),
    ("escalated", gettext_lazy("Escalated")),
    ("contested", gettext_lazy("Contested")),
]


def _today() -> Any:
    return timezone.localdate()


def file_context(user: Any, case: Any) -> dict[str, Any]:
    context = case_file(case)
    for entry in context["persons"]:
        rec = entry.recommendation
        if rec is None:
            continue
        auto_id = f"rec{rec.pk}_%s"
        entry.forms = {
            "block": BlockForm(initial={"blocked_on": _today()}, auto_id=auto_id),
            "escalate": EscalationForm(
                initial={"addressed_to": default_addressee(rec.agency)}, auto_id=auto_id
            ),
            "contest": ContestAnswerForm(auto_id=auto_id),
        }
    return {
        **context,
        "evidence": case_evidence(user, case),  # from netra.web's provider (hooks.py)
        "authority": authority_of(user),
        "today": _today(),
    }


@login_required
@require_GET
def case_page(request: HttpRequest, code: str) -> HttpResponse:
    user = analyst(request)
    case = authority_case(user, code, case_for_file())
    return render(request, "sanctions/authority/case.html", file_context(user, case))


def render_refusal(request: HttpRequest, user: Any, case: Any, error: CaseError) -> HttpResponse:
    messages.error(request, error.message)
    case.refresh_from_db()
    return render(
        request,
        "sanctions/authority/case.html",
        file_context(user, case),
        status=error.status_code,
    )


@login_required
@require_GET
def document_pdf(request: HttpRequest, code: str, document_id: int) -> HttpResponse:
    user = analyst(request)
    case = authority_case(user, code)
    document = next((d for d in letters_of(case) if d.pk == document_id), None)
    if document is None:
        raise Http404
    response = HttpResponse(documents.pdf_bytes(document), content_type="application/pdf")
    filename = document.number.replace("/", "_")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def recommend(request: HttpRequest, code: str, person_id: int) -> HttpResponse:
    """GET: the form for one person (an htmx partial); POST: issue the recommendation."""
    user = analyst(request)
    case = authority_case(user, code, case_for_file())
    person = get_object_or_404(ReportedPerson, case=case, pk=person_id)
    try:
        facts = recommending.person_facts(person)
    except CaseError as error:
        return render_refusal(request, user, case, error)
    options = recommending.options_for(facts)
    form = RecommendationForm(request.POST or None, options=options)
    context = {"case": case, "person": person, "facts": facts, "options": options, "form": form}
    if request.method == "GET" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        template = "sanctions/authority/recommend.html"
        if getattr(request, "htmx", False) and request.method == "GET":
            template += "#form"
        return render(request, template, context, status=status)
    data = form.cleaned_data
    try:
        recommendation = recommending.issue_recommendation(
            person=person,
            actor=user,
            level=data.get("level") or "",
            sanction_type=data.get("sanction"),
            reasoning=data["reasoning"],
            issued_on=data.get("issued_on"),
        )
    except CaseError as error:
        messages.error(request, error.message)
        return render(
            request, "sanctions/authority/recommend.html", context, status=error.status_code
        )
    messages.success(request, _("Issued %(number)s.") % {"number": recommendation.number})
    return redirect("sanctions:authority-case", code=case.code)
