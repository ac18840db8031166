"""The JSON API: one NinjaAPI, each lifecycle app contributes a router.

Some answers come from outside an operation and so are documented here, for every operation that can
get them: 400 from ``netra.web.middleware.InputGuardMiddleware`` (a NUL or a control character), 422
from ninja's own validation of parameters and bodies, 401 from authentication. Each operation
documents its own answers; this only fills in what it left out, so the document lists every status
an operation can give (tests: ``netra/web/tests/test_api_contract.py``).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from netra.lib.input_guard import InputRejected
from netra.reference.api import router as reference_router
from netra.reports.api import router as reports_router
from netra.reports.api_follow import router as follow_router

_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
_VALIDATION = {
    "type": "object",
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "loc": {"type": "array", "items": {}},
                    "msg": {"type": "string"},
                },
            },
        }
    },
    "required": ["detail"],
}
_COMMON = {
    "400": {
        "description": "The request holds a NUL or a control character, or its body is unreadable.",
        "content": {"application/json": {"schema": _DETAIL}},
    },
}
_WITH_INPUT = {
    "422": {
        "description": "A parameter or a body field is missing or invalid (one entry per field).",
        "content": {"application/json": {"schema": _VALIDATION}},
    },
}
_WITH_AUTH = {
    "401": {
        "description": "No valid token or staff session.",
        "content": {"application/json": {"schema": _DETAIL}},
    },
}


class NetraAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        for methods in schema["paths"].values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                extra = dict(_COMMON)
                if operation.get("parameters") or operation.get("requestBody"):
                    extra |= _WITH_INPUT
                if operation.get("security"):
                    extra |= _WITH_AUTH
                documented = {str(status) for status in responses}  # ninja's keys are ints
                for status, answer in extra.items():
                    if status not in documented:
                        responses[status] = answer
        return schema


api = NetraAPI(
    title="Netra API",
    version="1",
    description=(
        "Open supervision of civil-servant neutrality in Indonesian elections. "
        "Public reference data needs no authentication."
    ),
    urls_namespace="api",
)


@api.exception_handler(InputRejected)
def input_rejected(request: HttpRequest, exc: InputRejected) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc.message)}, status=400)


@api.exception_handler(RawPostDataException)
def form_body_for_json(request: HttpRequest, exc: RawPostDataException) -> HttpResponse:
    """A form body (multipart) sent to an operation that reads JSON: the input guard has read the
    form already, so the raw body is gone; say what the operation takes (a 400, never a 500)."""
    message = _("This operation takes a JSON body (Content-Type: application/json).")
    return api.create_response(request, {"detail": str(message)}, status=400)


api.add_router("/v1/", reference_router)
api.add_router("/v1/", "netra.reference.api_sanctions.router")
api.add_router("/v1/registry/", "netra.registry.api.router")
api.add_router("/v1/", reports_router)
api.add_router("/v1/", follow_router)
api.add_router("/v1/handling/", "netra.cases.api.router")
api.add_router("/v1/sanctions/", "netra.sanctions.api_authority.router")
api.add_router("/v1/", "netra.prevention.api.router")
api.add_router("/v1/prevention/", "netra.prevention.api_staff.router")
api.add_router("/v1/", "netra.insights.api.router")
api.add_router("/v1/sanctions/", "netra.sanctions.api_ppk.router")
