"""Public pages: signing a pact on a phone, the verification page behind its QR code, checking in
to an event, the quiz after it. Employees are not users; each page asks for the NIP and a code."""

from __future__ import annotations

from django.core import signing as django_signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import documents
from .forms import CheckInForm, QuizForm, SignForm
from .models import AttendanceMethod, PactSignature, QuizAttempt, SecondFactor
from .services import attendance, quiz, signing
from .workflow import PreventionError

PDF_SALT = "netra.prevention.signed-pdf"
PDF_MAX_AGE = 7 * 86400


def _pact_or_error(code: str):
    try:
        return signing.pact_for_signing(code), None
    except PreventionError as error:
        if error.status_code == 404:
            raise Http404(error.message) from error
        from .models import IntegrityPact

        return IntegrityPact.objects.select_related("agency").get(code=code), error


def sign(request: HttpRequest, code: str) -> HttpResponse:
    pact, closed = _pact_or_error(code)
    form = SignForm(request.POST or None, initial={"s": request.GET.get("s", "")})
    context = {
        "pact": pact,
        "form": form,
        "closed": closed,
        "email": pact.second_factor == SecondFactor.EMAIL,
    }
    if closed:
        return render(request, "prevention/public/sign.html", context, status=closed.status_code)
    if request.method != "POST":
        return render(request, "prevention/public/sign.html", context)
    if not form.is_valid():
        return render(request, "prevention/public/sign.html", context, status=400)
    data = form.cleaned_data
    try:
        if request.POST.get("send_code"):
            context["sent_to"] = signing.request_email_code(pact_code=code, identifier=data["nip"])
            return render(request, "prevention/public/sign.html", context)
        if not data["agree"]:
            raise PreventionError(_("Tick the box to confirm you have read the pact."))
        signature = signing.sign(
            pact_code=code, identifier=data["nip"], code=data["code"], session_token=data["s"]
        )
    except PreventionError as error:
        context["error"] = error.message
        return render(request, "prevention/public/sign.html", context, status=error.status_code)
    key = django_signing.dumps(signature.pk, salt=PDF_SALT)
    return redirect("prevention:signed", key=key)


def _signature(key: str) -> PactSignature:
    try:
        pk = django_signing.loads(key, salt=PDF_SALT, max_age=PDF_MAX_AGE)
    except django_signing.BadSignature as error:
        raise Http404 from error
    return PactSignature.objects.select_related("pact__agency", "employee").get(pk=pk)


def signed(request: HttpRequest, key: str) -> HttpResponse:
    signature = _signature(key)
    return render(request, "prevention/public/signed.html", {"signature": signature, "key": key,
                  "verify_url": documents.public_url("prevention:verify", signature.token)})  # fmt: skip


def signed_pdf(request: HttpRequest, key: str) -> HttpResponse:
    signature = _signature(key)
    url = documents.public_url("prevention:verify", signature.token)
    body = documents.pdf(
        "prevention/pdf/signed_pact.html",
        {
            "signature": signature,
            "pact": signature.pact,
            "verify_url": url,
            "qr": documents.qr_svg(url),
        },
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="pakta-{signature.pact.code}.pdf"'
    return response


def verify(request: HttpRequest, token: str) -> HttpResponse:
    """Public: is this signed pact genuine? Name, agency and date only."""
    found = (
        PactSignature.objects.filter(token=token[:32])
        .select_related("pact__agency")
        .only("signer_name", "signed_at", "pact__title", "pact__agency__name")
        .first()
        if token
        else None
    )
    return render(
        request, "prevention/public/verify.html", {"signature": found}, status=200 if found else 404
    )


def _check_in(request: HttpRequest, code: str, method: str, template: str) -> HttpResponse:
    try:
        event = attendance.public_event(code)
    except PreventionError as error:
        raise Http404(error.message) from error
    form = CheckInForm(request.POST or None, initial={"t": request.GET.get("t", "")})
    context = {"event": event, "form": form, "method": method}
    if request.method != "POST":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        context["done"] = attendance.check_in(
            event_code=code,
            identifier=form.cleaned_data["nip"],
            method=method,
            token=form.cleaned_data["t"],
            session_code=form.cleaned_data["session_code"],
            actor=request.user if method == AttendanceMethod.KIOSK else None,
        )
        # The next person at a kiosk must not see (or resend) this one's NIP.
        context["form"] = CheckInForm(initial={"t": form.cleaned_data["t"]})
    except PreventionError as error:
        context["error"] = error.message
        return render(request, template, context, status=error.status_code)
    return render(request, template, context)


def check_in_door(request: HttpRequest, code: str) -> HttpResponse:
    return _check_in(request, code, AttendanceMethod.DOOR, "prevention/public/checkin.html")


def check_in_online(request: HttpRequest, code: str) -> HttpResponse:
    return _check_in(request, code, AttendanceMethod.ONLINE, "prevention/public/checkin.html")


def take_quiz(request: HttpRequest, code: str) -> HttpResponse:
    try:
        event = attendance.public_event(code)
    except PreventionError as error:
        raise Http404(error.message) from error
    asked = quiz.questions(event)
    form = QuizForm(request.POST or None, questions=asked)
    context = {"event": event, "form": form}
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        else:
            try:
                attempt = quiz.submit(
                    event_code=code, identifier=form.cleaned_data["nip"], answers=form.answers()
                )
                return redirect("prevention:quiz-result", code=code, token=attempt.token)
            except PreventionError as error:
                context["error"], status = error.message, error.status_code
    return render(request, "prevention/public/quiz.html", context, status=status)


def quiz_result(request: HttpRequest, code: str, token: str) -> HttpResponse:
    from .guide import data as guide_data
    from .guide.rules import rules_for

    attempt = (
        QuizAttempt.objects.select_related("event")
        .filter(token=token[:32], event__code=code)
        .first()
    )
    if attempt is None:
        raise Http404
    guide = guide_data.version(attempt.guide_version) or guide_data.current()
    rows = []
    for row in attempt.answers:
        answer = guide.by_key(row["key"])
        if answer:
            rows.append({**row, "answer": answer, "rules": rules_for(answer, guide), "right": row["chosen"] == row["correct"]})  # fmt: skip
    return render(request, "prevention/public/quiz_result.html", {"attempt": attempt, "rows": rows})
