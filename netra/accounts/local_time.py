"""Times in the office's own time zone: an officer of Bawaslu Kalimantan Timur reads WITA, one in
Papua WIT (netra/reference/time_zones.py). Everyone else, and the public, read the server's zone."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from netra.reference.time_zones import zone_for

from .permissions import is_staff_user


class OfficeTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if is_staff_user(user):
            agency = user.agency if user.agency_id else None
            region = user.region_id or (agency.region_id if agency else None)
            timezone.activate(zone_for(region))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
