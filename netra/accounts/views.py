"""Staff login pages beyond Django's own: the second-factor step and its set-up, backup codes, the
lockout page, password reset, and the admin's login (which is this one, second factor included)."""

from __future__ import annotations

import django_otp
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from netra.audit.services import record

from . import second_factor
from .forms import CodeForm, LoginForm


def client_ip(request: HttpRequest) -> str:
    """The address lockouts count per (with the username). Behind a reverse proxy, the header
    named by NETRA_CLIENT_IP_HEADER, as for the public rate limits: the proxy appends last."""
    header = settings.NETRA_CLIENT_IP_HEADER
    address = request.META.get(header, "") if header else ""
    return address.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout response: the login page again, saying why and for how long."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    context = {
        "form": LoginForm(request),
        "locked_out": True,
        "cooloff_minutes": minutes,
        "next": request.POST.get("next", ""),
    }
    return render(request, "accounts/login.html", context, status=429)


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _code_error(throttled: bool) -> str:
    """``throttled``: django-otp refused to check at all, after recent wrong codes."""
    if throttled:
        return _("Too many wrong codes. Wait a minute, then type the newest code.")
    return _("That code is not right or has expired. Type the code your app shows now.")


@never_cache
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a login: a code from the authenticator app, or a backup code."""
    next_url = _next_url(request)
    user = request.user
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(next_url)
    if not second_factor.has_any_device(user):
        return redirect_to_login(next_url, reverse("accounts:otp-setup"))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = second_factor.is_throttled(user)
        device = second_factor.verify(user, form.cleaned_data["otp_token"])
        if device is not None:
            request.session.cycle_key()
            django_otp.login(request, device)
            if second_factor.is_required(user) and not second_factor.has_authenticator(user):
                # Came in with a backup code after losing the app: set up the new one now.
                return redirect_to_login(next_url, reverse("accounts:otp-setup"))
            return redirect(next_url)
        form.add_error("otp_token", _code_error(throttled))
    status = 400 if form.errors else 200
    return render(
        request, "accounts/otp_verify.html", {"form": form, "next": next_url}, status=status
    )


@never_cache
@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Scan a QR code into an authenticator app and confirm with its first code. Replacing an
    existing authenticator needs this login's second factor first: a password alone must not."""
    next_url = _next_url(request)
    user = request.user
    if second_factor.has_any_device(user) and not user.is_verified():  # type: ignore[union-attr]
        return redirect_to_login(request.get_full_path(), reverse("accounts:otp-verify"))
    device = second_factor.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["otp_token"]
        throttled = not device.verify_is_allowed()[0]
        if second_factor.confirm_authenticator(user=user, device=device, token=token):
            request.session.cycle_key()
            django_otp.login(request, device)
            codes = second_factor.new_backup_codes(user=user)
            context = {"codes": codes, "next": next_url, "first_time": True}
            return render(request, "accounts/backup_codes.html", context)
        form.add_error("otp_token", _code_error(throttled))
    context = {
        "form": form,
        "next": next_url,
        "qr": mark_safe(second_factor.qr_svg(device)),  # noqa: S308 - segno's own SVG
        "secret": second_factor.base32_secret(device),
        "required": second_factor.is_required(user),
    }
    return render(request, "accounts/otp_setup.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The account's login security: second factor on or off, backup codes left."""
    user = request.user
    context = {
        "enrolled": second_factor.has_authenticator(user),
        "required": second_factor.is_required(user),
        "codes_left": second_factor.backup_codes_left(user),
    }
    return render(request, "accounts/security.html", context)


@never_cache
@login_required
@require_POST
def backup_codes(request: HttpRequest) -> HttpResponse:
    """New backup codes, for a login that passed its second factor."""
    if not request.user.is_verified():  # type: ignore[union-attr]
        return redirect_to_login(reverse("accounts:security"), reverse("accounts:otp-verify"))
    codes = second_factor.new_backup_codes(user=request.user)
    context = {"codes": codes, "next": reverse("accounts:security"), "first_time": False}
    return render(request, "accounts/backup_codes.html", context)


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """``admin.site.login``: the admin has no login form of its own, so it cannot skip the
    lockout or the second factor. A logged-in account without admin access gets a 403, not a
    loop between the two login pages."""
    next_url = request.GET.get("next") or reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return HttpResponseRedirect(reverse("admin:index"))
        raise PermissionDenied
    return redirect_to_login(next_url, reverse("accounts:login"))


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's view, with the new password in the audit trail (who and when, never what)."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(actor=form.user, action="account.password_reset", target=form.user)
        return response
