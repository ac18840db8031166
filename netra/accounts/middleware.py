"""No staff page before the second factor.

After the password, a login that needs a second factor (``second_factor.must_verify``) is sent to
the code page (or, with no authenticator yet, to set one up) from every page, the Django admin
included, until django-otp marks the session verified. The API's session authentication does not
count such a half-finished login at all (bearer tokens are unaffected). Must come after
``django_otp.middleware.OTPMiddleware``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from . import second_factor

# Where a half-finished login may go: the second-factor pages themselves, logging out, the
# language switch.
OPEN_VIEWS = frozenset(
    {"accounts:otp-verify", "accounts:otp-setup", "accounts:logout", "set_language"}
)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[union-attr]
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        enrolled = second_factor.has_any_device(user)
        if not enrolled and not second_factor.is_required(user):
            return None
        if request.path.startswith("/api/"):
            request.user = AnonymousUser()
            request.auser = _anonymous  # type: ignore[attr-defined]
            return None
        step = "accounts:otp-verify" if enrolled else "accounts:otp-setup"
        return redirect_to_login(request.get_full_path(), login_url=reverse(step))


async def _anonymous() -> AnonymousUser:
    return AnonymousUser()
