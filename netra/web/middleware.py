"""Middleware of the whole site: Bahasa Indonesia first, and input that is not text refused early.

Pages are in Indonesian unless the person picked English with the language switch (a cookie): many
phones in Indonesia are set to English, yet the institutions' working language is Indonesian. API
clients still choose with ``Accept-Language``, as HTTP intends.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from netra.lib import input_guard


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class InputGuardMiddleware:
    """Answers 400 with a plain message for input that is not text (``netra.lib.input_guard``).

    It runs before CSRF, sessions and every view, so a NUL in a path, a query, a form field or a JSON
    value never reaches a form or the database. Views raise ``InputRejected`` for malformed input of
    their own (a tampered formset count) and get the same answer. API paths answer in the API's
    error shape, ``{"detail": "..."}``; pages with the 400 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            problem = input_guard.problem_with(request)
        except (BadRequest, MultiPartParserError, SuspiciousOperation, UnreadablePostError):
            problem = input_guard.UNREADABLE_BODY_MESSAGE
        if problem is not None:
            return bad_request_response(request, problem)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, input_guard.InputRejected):
            return bad_request_response(request, exception.message)
        return None


def bad_request_response(request: HttpRequest, message: Any | None) -> HttpResponse:
    if request.path.startswith("/api/"):
        detail = message or _("The request could not be understood.")
        return JsonResponse({"detail": str(detail)}, status=400)
    response = render(request, "400.html", {"message": message}, status=400)
    response["Cache-Control"] = "no-store"
    return response
