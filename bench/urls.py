"""Netra's URLs plus ``/report/_bench/bare``: the same server and middleware, no work."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from netra.urls import handler500  # noqa: F401 (the same error handling)
from netra.urls import urlpatterns as netra_urlpatterns


@csrf_exempt
def bench_bare(request: HttpRequest) -> HttpResponse:
    """The benchmark's ceiling: what every request costs before any of Netra's own work."""
    return JsonResponse({"ok": True}, status=201)


urlpatterns = [path("report/_bench/bare", bench_bare, name="bench-bare"), *netra_urlpatterns]
