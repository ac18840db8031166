"""The JSON API: one NinjaAPI, each lifecycle app contributes a router."""

from ninja import NinjaAPI

from netra.reference.api import router as reference_router
from netra.reports.api import router as reports_router

api = NinjaAPI(
    title="Netra API",
    version="1",
    description=(
        "Open supervision of civil-servant neutrality in Indonesian elections. "
        "Public reference data needs no authentication."
    ),
    urls_namespace="api",
)
api.add_router("/v1/", reference_router)
api.add_router("/v1/registry/", "netra.registry.api.router")
api.add_router("/v1/", reports_router)
api.add_router("/v1/handling/", "netra.cases.api.router")
api.add_router("/v1/", "netra.insights.api.router")
