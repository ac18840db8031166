"""Liveness, readiness, and the answer when a service behind Netra is down.

``/health/live``: the process answers (no database, no cache): restart it if not.
``/health/ready``: 200 when the database (with this installation's keys), the cache, the evidence
storage and a recent task worker are all fine, else 503 naming what is not: the load balancer sends
no traffic to a server that is not ready. Keep ``/health/`` to the load balancer and monitoring
(docs/deploy.md, nginx).
"""

from __future__ import annotations

import errno
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import health


@never_cache
def live(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "alive"})


@never_cache
def ready(request: HttpRequest) -> HttpResponse:
    results = health.readiness()
    ok = not any(results.values())
    body = {
        "status": "ready" if ok else "not ready",
        "checks": {name: ({"ok": True} if not error else {"ok": False, "error": error})
                   for name, error in results.items()},
    }  # fmt: skip
    return JsonResponse(body, status=200 if ok else 503)


def _outage(exc: BaseException | None) -> str:
    """What is unavailable, when the error is an outage rather than a bug; else ""."""
    if isinstance(exc, OperationalError | InterfaceError):
        return _("Netra cannot reach its database right now.")
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover (redis is a dependency)
        redis_errors: tuple[type[BaseException], ...] = ()
    else:
        redis_errors = (RedisConnectionError, RedisTimeoutError)
    if redis_errors and isinstance(exc, redis_errors):
        return _("Netra cannot reach its cache right now.")
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("Netra cannot store evidence right now: its storage is full.")
    return ""


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an outage (database, cache, full disk) is a 503 that says so; the rest a 500.

    Django calls this inside its ``except`` block, so ``sys.exc_info()`` is the error. The services'
    transactions have been rolled back and their files removed (netra.lib.storage.saved_files).
    """
    what = _outage(sys.exc_info()[1])
    if not what:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("Something went wrong on the server.")}, status=500)
        return render(request, "500.html", status=500)
    detail = f"{what} " + _("Nothing was saved. Please try again in a few minutes.")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": detail}, status=503)
    else:
        response = render(request, "503.html", {"detail": detail}, status=503)
    response["Retry-After"] = "60"
    return response
