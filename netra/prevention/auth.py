"""Bearer tokens of the staff API. The token model is moving from cases to accounts: this is the one
place prevention imports it from, for the lead to repoint (prevention must not import cases)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from netra.accounts.tokens import issue_token, user_for_token

__all__ = ["BearerToken", "issue_token"]


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user
