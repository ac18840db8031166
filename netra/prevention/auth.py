"""Bearer tokens of the staff API, as every staff router takes them (netra/accounts/api_auth.py)."""

from __future__ import annotations

from netra.accounts.api_auth import BearerToken
from netra.accounts.tokens import issue_token

__all__ = ["BearerToken", "issue_token"]
