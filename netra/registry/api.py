"""Registry endpoints for staff: employee search (search-as-you-type) and import-job progress.

Both need a staff session (the same login as the web pages); results are scoped by
``netra.registry.permissions``: an agency officer only ever sees their own agency's employees.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.security import django_auth

from netra.reference.models import Region

from .models import Agency
from .permissions import visible_import_jobs
from .search import search_employees
from .services import current_job

router = Router(tags=["registry"], auth=django_auth)


class ErrorOut(Schema):
    detail: str = Field(examples=["Instansi XYZ tidak dikenal."])


class AgencyRef(Schema):
    code: str = Field(examples=["PEMKOT-64.72"])
    name: str = Field(examples=["Pemerintah Kota Samarinda"])


class EmployeeOut(Schema):
    nip: str | None = Field(examples=["198503122010011002"])
    name: str = Field(examples=["Drs. H. Djoko Soesanto, M.Si."])
    employee_type: str = Field(examples=["pns"])
    position_class: str = Field(examples=["administrator"])
    position_title: str = Field(examples=["Kepala Bagian Umum"])
    unit: str = Field(examples=["Sekretariat Daerah"])
    agency: AgencyRef
    region: str | None = Field(None, alias="region_id", examples=["64.72"])
    is_active: bool


class SearchOut(Schema):
    query: str = Field(examples=["joko susanto"])
    matched_by: str = Field(
        description=(
            "`nip` (digits: exact NIP, or NIP prefix from 4 digits), `name` (every word starts a "
            "word of the name), `similar` (nothing matched exactly; names that look alike), or "
            "empty when the query is too short to search (fewer than 3 letters in its longest "
            "word)."
        ),
        examples=["name"],
    )
    results: list[EmployeeOut]


class SearchParams(Schema):
    q: str = Field(
        ...,
        min_length=1,
        max_length=100,
        description="A NIP (or its first digits) or a name; titles and old spellings are fine.",
        examples=["Djoko Soesanto", "joko susanto", "198503122010011002", "19850312"],
    )
    agency: str | None = Field(None, max_length=30, examples=["PEMKOT-64.72"])
    region: str | None = Field(
        None,
        max_length=13,
        description="A region code; includes the regions below it.",
        examples=["64.72"],
    )
    include_inactive: bool = False
    limit: int = Field(20, ge=1, le=50)


@router.get(
    "/employees/search",
    response={200: SearchOut, 400: ErrorOut, 401: ErrorOut},
    summary="Search employees by NIP or name",
    openapi_extra={
        "responses": {
            "422": {
                "description": "A parameter is missing or out of range (e.g. limit=500).",
            }
        }
    },
)
def search(request, params: Query[SearchParams]):
    """Search-as-you-type over the employees the user may see.

    Examples: `GET /api/v1/registry/employees/search?q=djoko%20soesanto` finds
    "Drs. H. Djoko Soesanto, M.Si." and "Joko Susanto";
    `GET /api/v1/registry/employees/search?q=19850312&agency=PEMKOT-64.72` lists NIPs starting
    with those digits in one agency; `?q=Hj.%20Siti&region=64` searches East Kalimantan.

    - **200**: the matches, best first (may be empty).
    - **400**: unknown `agency` or `region` code.
    - **401**: not logged in.
    - **422**: a parameter is missing or invalid (`q` empty or longer than 100, `limit` not 1-50).
    """
    agency_id = None
    if params.agency:
        agency_id = Agency.objects.filter(code=params.agency).values_list("pk", flat=True).first()
        if agency_id is None:
            return Status(400, {"detail": _("Unknown agency %(code)s.") % {"code": params.agency}})
    if params.region and not Region.objects.filter(code=params.region).exists():
        return Status(400, {"detail": _("Unknown region %(code)s.") % {"code": params.region}})
    found = search_employees(
        request.user,
        params.q,
        agency_id=agency_id,
        region=params.region,
        active_only=not params.include_inactive,
        limit=params.limit,
    )
    return {"query": params.q, "matched_by": found.matched_by, "results": found.employees}


class ImportJobOut(Schema):
    id: int
    agency: str | None = Field(None, examples=["PEMKOT-64.72"])
    source_name: str = Field(examples=["pegawai_2026.xlsx"])
    dry_run: bool
    status: str = Field(examples=["running"], description="queued, running, done or failed")
    phase: str = Field(examples=["reading"])
    progress: int = Field(examples=[42], description="Percent, 0-100")
    rows_read: int
    new: int
    updated: int
    unchanged: int
    deactivated: int
    rejected: int
    warned: int = Field(description="Rows imported with a warning (listed on the import's page)")
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_agency(obj):
        return obj.agency.code if obj.agency else None


@router.get(
    "/imports/{job_id}",
    response={200: ImportJobOut, 401: ErrorOut, 404: ErrorOut},
    summary="Progress and counts of an employee import",
    openapi_extra={"responses": {"422": {"description": "The id is not a positive number."}}},
)
def import_job(request, job_id: int = Path(..., ge=1, le=2**62)):
    """Poll this while an import runs. The full report (rejected rows with reasons, samples of
    changes) is on the import's web page.

    - **200**: the job.
    - **401**: not logged in.
    - **404**: no such job, or not one of the user's (agency officers see their agency's).
    """
    job = visible_import_jobs(request.user).select_related("agency").filter(pk=job_id).first()
    if job is None:
        return Status(404, {"detail": _("Import %(id)s does not exist.") % {"id": job_id}})
    return current_job(job)
