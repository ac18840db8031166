"""How the staff API knows who is calling: a bearer token (``tokens.py``); each staff router takes it
beside django-ninja's session auth, so a token and a signed-in browser reach the same operations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from .tokens import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user
