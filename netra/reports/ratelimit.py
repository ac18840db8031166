"""A small fixed-window rate limiter on the cache every worker shares (``NETRA_RATELIMIT_CACHE``,
"shared": Redis, else a database table; netra/cache.py), so one limit holds across workers and
restarts. A process-local cache (LocMem) would let each worker count on its own.

Clients are told apart by their address, kept in the cache only as an HMAC. Limits and the switch
are settings (``NETRA_RATELIMITS``, ``NETRA_RATELIMIT_ENABLED``); benchmarks turn them off.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

from .receipts import keyed_digest

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def parse_rate(rate: str) -> tuple[int, int]:
    count, _, period = rate.partition("/")
    return int(count), _PERIODS[period.strip()[-1]] * int(period.strip()[:-1] or 1)


def client_id(request: HttpRequest) -> str:
    header = settings.NETRA_CLIENT_IP_HEADER
    address = request.META.get(header, "") if header else ""
    # X-Forwarded-For: the proxy appends the address it saw last.
    address = address.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")
    return keyed_digest("client", address)[:24]


def hit(request: HttpRequest, scope: str) -> Verdict:
    """Count one request of ``scope`` for this client; say whether it is still within the limit."""
    if not settings.NETRA_RATELIMIT_ENABLED:
        return Verdict(True)
    limit, period = parse_rate(settings.NETRA_RATELIMITS[scope])
    now = int(time.time())
    window = now // period
    key = f"netra:rl:{scope}:{client_id(request)}:{window}"
    cache = caches[settings.NETRA_RATELIMIT_CACHE]
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    if count > limit:
        return Verdict(False, retry_after=(window + 1) * period - now)
    return Verdict(True)
