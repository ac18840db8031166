"""Bahasa Indonesia first.

Pages are in Indonesian unless the person picked English with the language switch (a cookie): many
phones in Indonesia are set to English, yet the institutions' working language is Indonesian. API
clients still choose with ``Accept-Language``, as HTTP intends.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
