"""The institutional hand-over page: choose the authorities and the date, see the dry run (what
would move), then confirm. Confirming re-plans inside the transaction, so what moves is what the
database holds at that moment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netra.cases.workflow import CaseError

from .forms_authority import HandoverForm
from .models import Handover
from .services.handover import perform_handover, plan_handover
from .views_authority import analyst

TEMPLATE = "sanctions/authority/handover.html"


@login_required
@require_http_methods(["GET", "POST"])
def handover_page(request: HttpRequest) -> HttpResponse:
    user = analyst(request)
    data = request.POST if request.method == "POST" else request.GET
    form = HandoverForm(data or None)
    context: dict = {
        "form": form,
        "past": Handover.objects.select_related("from_authority", "to_authority").order_by(
            "-performed_at"
        )[:10],
    }
    if not form.is_bound:
        return render(request, TEMPLATE, context)
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    args = {
        "from_authority": form.cleaned_data["from_authority"],
        "to_authority": form.cleaned_data["to_authority"],
        "effective_on": form.cleaned_data["effective_on"],
    }
    try:
        if request.method == "POST" and request.POST.get("confirm") == "1":
            handover = perform_handover(**args, actor=user)
            messages.success(
                request,
                _("Hand-over performed: %(n)d files moved.") % {"n": handover.items.count()},
            )
            context["performed"] = handover
        context["plan"] = plan_handover(**args)
    except CaseError as error:
        messages.error(request, error.message)
        return render(request, TEMPLATE, context, status=error.status_code)
    return render(request, TEMPLATE, context)
