"""Letters and forms of a case: which may be issued now, their numbers, their HTML from the editable
``DocumentTemplate`` rows, the QR code to the public verification page, and the PDF (WeasyPrint).

An issued document keeps its rendered HTML, so the PDF downloaded later is the document that was
issued even if the template is edited afterwards.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import segno
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils.translation import gettext as _

from netra.reference.models import Region

from .models import Case, CaseStatus, Clarification, DocumentKind, DocumentTemplate, IssuedDocument
from .submissions import submissions

NUMBER_PREFIX = {
    DocumentKind.RECEIPT: "TT",
    DocumentKind.REGISTRATION: "REG",
    DocumentKind.NON_REGISTRATION: "TREG",
    DocumentKind.INVITATION: "UND",
    DocumentKind.MINUTES: "BA",
    DocumentKind.DECISION: "PTS",
    DocumentKind.FORWARDING: "REK",
}
PER_HEARING = (DocumentKind.INVITATION, DocumentKind.MINUTES)

PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 2cm 2cm 2.5cm; }
body { font: 11pt/1.45 "DejaVu Sans", sans-serif; color: #111; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 .2cm; }
.kop { text-align: center; border-bottom: 2px solid #111; padding-bottom: .3cm; margin-bottom: .5cm; }
.kop strong { font-size: 13pt; } .number { text-align: center; margin-bottom: .6cm; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #777; padding: 4px 6px;
 vertical-align: top; text-align: left; } .verify { margin-top: 1cm; font-size: 8.5pt; color: #444; }
.verify img { width: 2.6cm; height: 2.6cm; float: left; margin-right: .4cm; }
</style></head><body>
<div class="kop"><strong>BADAN PENGAWAS PEMILIHAN UMUM</strong><br>{{ office }}</div>
{{ body|safe }}
<div class="verify"><img src="{{ qr }}" alt="QR"><p>{{ verify_text }}<br>{{ verify_url }}</p></div>
</body></html>"""


def office_name(jurisdiction_code: str) -> str:
    """``Bawaslu RI``, ``Bawaslu Provinsi Kalimantan Timur``, ``Bawaslu Kota Samarinda``."""
    if not jurisdiction_code:
        return "Bawaslu Republik Indonesia"
    region = Region.objects.filter(code=jurisdiction_code).first()
    name = region.name if region else jurisdiction_code
    return f"Bawaslu Provinsi {name}" if len(jurisdiction_code) == 2 else f"Bawaslu {name}"


def available_kinds(case: Case) -> list[str]:
    """The documents this case can have now (per-hearing ones are issued from the hearing)."""
    kinds: list[str] = [DocumentKind.RECEIPT]
    if case.registered_at and case.status != CaseStatus.NOT_REGISTERED:
        kinds.append(DocumentKind.REGISTRATION)
    if case.status == CaseStatus.NOT_REGISTERED:
        kinds.append(DocumentKind.NON_REGISTRATION)
    if case.decided_at and case.decisions.exists():
        kinds.append(DocumentKind.DECISION)
    if hasattr(case, "forwarding"):
        kinds.append(DocumentKind.FORWARDING)
    return kinds


def hearing_kinds(hearing: Clarification) -> list[str]:
    kinds: list[str] = [DocumentKind.INVITATION]
    if hearing.held_at:
        kinds.append(DocumentKind.MINUTES)
    return kinds


def next_number(kind: str, case: Case, year: int) -> str:
    office = case.jurisdiction_code or "RI"
    suffix = f"/{office}/{year}"
    prefix = f"{NUMBER_PREFIX[DocumentKind(kind)]}-"
    taken = IssuedDocument.objects.filter(number__startswith=prefix, number__endswith=suffix)
    return f"{prefix}{taken.count() + 1:04d}{suffix}"


def verify_url(token: str) -> str:
    return settings.NETRA_PUBLIC_URL.rstrip("/") + reverse("verify:document", args=[token])


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=1)


def _context(case: Case, hearing: Clarification | None) -> dict[str, Any]:
    decisions = list(
        case.decisions.select_related("reported_person__agency", "catalogue_version")
        .prefetch_related("violation_types", "criminal_articles")
        .order_by("reported_person__name")
    )
    return {
        "case": case,
        "election": case.election,
        "persons": list(case.reported_persons.select_related("agency").order_by("name")),
        # The case's submissions (reports app): kind, pseudonym and time for the receipt letter.
        "reports": list(submissions().of_case(case)),
        "decisions": decisions,
        "forwarding": getattr(case, "forwarding", None),
        "hearing": hearing,
        "decline_reason": case.events.filter(to_status=CaseStatus.NOT_REGISTERED)
        .values_list("reason", flat=True)
        .last(),
    }


def render_html(*, kind: str, case: Case, number: str, issued_on, token: str, hearing=None) -> str:
    template = DocumentTemplate.objects.filter(kind=kind).first()
    if template is None:
        from .workflow import CaseError

        raise CaseError(_("The template for this document is missing: run load_reference."))
    office = office_name(case.jurisdiction_code)
    context = {
        **_context(case, hearing),
        "number": number,
        "issued_on": issued_on,
        "office": office,
        "title": template.title,
    }
    body = Template(template.body).render(Context(context, autoescape=True))
    url = verify_url(token)
    return Template(PAGE).render(
        Context(
            {
                "office": office,
                "body": body,
                "qr": qr_data_uri(url),
                "verify_url": url,
                "verify_text": _("Check that this document is genuine: scan the code or open"),
            }
        )
    )


def pdf_bytes(document: IssuedDocument) -> bytes:
    from weasyprint import HTML

    return HTML(string=document.html, base_url=str(settings.BASE_DIR)).write_pdf()


def new_token() -> str:
    return secrets.token_urlsafe(18)


def digest(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()
