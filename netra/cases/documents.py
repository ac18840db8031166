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

from netra.lib import untrusted
from netra.lib.pdf import render_pdf
from netra.reference.models import Region

from .models import (
    Case,
    CaseStatus,
    Clarification,
    DocumentKind,
    DocumentSequence,
    DocumentTemplate,
    IssuedDocument,
)
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

# The head of every letter (case handling's and the civil-service authority's, netra/sanctions).
LETTER_HEAD = """<!doctype html><html lang="id"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 2cm 2cm 2.5cm; }
body { font: 11pt/1.45 "DejaVu Sans", sans-serif; color: #111; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 .2cm; }
.kop { text-align: center; border-bottom: 2px solid #111; padding-bottom: .3cm; margin-bottom: .5cm; }
.kop strong { font-size: 13pt; } .number { text-align: center; margin-bottom: .6cm; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #777; padding: 4px 6px;
 vertical-align: top; text-align: left; } .verify { margin-top: 1cm; font-size: 8.5pt; color: #444; }
.sign { margin: 1cm 0 0 55%; }
.verify img { width: 2.6cm; height: 2.6cm; float: left; margin-right: .4cm; }
</style></head><body>
"""
PAGE = (
    LETTER_HEAD
    + """<div class="kop"><strong>BADAN PENGAWAS PEMILIHAN UMUM</strong><br>{{ office }}</div>
{{ body|safe }}
<div class="sign">{{ place }}, {{ issued_on|date:"j F Y" }}<br>{{ signatory.position }}<br>{{ office }}<br><br><br><strong>{{ signatory.name }}</strong></div>
<div class="verify"><img src="{{ qr }}" alt="QR"><p>{{ verify_text }}<br>{{ verify_url }}</p></div>
</body></html>"""
)


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
    """The next number of this kind of letter for the case's office and year, e.g.
    ``TT-0007/64.72/2024``. Call it inside the issuing transaction: the sequence row stays locked
    until it commits, so concurrent issuers wait for each other instead of taking the same number."""
    office = case.jurisdiction_code or "RI"
    suffix = f"/{office}/{year}"
    prefix = f"{NUMBER_PREFIX[DocumentKind(kind)]}-"
    taken = IssuedDocument.objects.filter(number__startswith=prefix, number__endswith=suffix)
    sequence, _created = DocumentSequence.objects.select_for_update().get_or_create(
        key=f"{prefix}{suffix}",
        defaults={"last": taken.count()},  # letters issued before the table
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{prefix}{sequence.last:04d}{suffix}"


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


def render_html(
    *,
    kind: str,
    case: Case,
    number: str,
    issued_on,
    token: str,
    hearing=None,
    signatory: dict[str, str] | None = None,
) -> str:
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
    try:
        body = untrusted.render(template.body, context)
    except untrusted.UnsafeTemplate as exc:
        from .workflow import CaseError

        raise CaseError(str(exc)) from exc
    url = verify_url(token)
    return Template(PAGE).render(
        Context(
            {
                "office": office,
                "body": body,
                "qr": qr_data_uri(url),
                "verify_url": url,
                "verify_text": _("Check that this document is genuine: scan the code or open"),
                "signatory": signatory or {},
                "place": place_of(case.jurisdiction_code),
                "issued_on": issued_on,
            }
        )
    )


def place_of(jurisdiction_code: str) -> str:
    """Where the office signs: ``Samarinda``, ``Kalimantan Timur``, ``Jakarta`` for RI."""
    if not jurisdiction_code:
        return "Jakarta"
    region = Region.objects.filter(code=jurisdiction_code).first()
    name = region.name if region else jurisdiction_code
    return name.removeprefix("Kota ").removeprefix("Kabupaten ")


def signatory_of(user: Any) -> dict[str, str]:
    """The signing officer's name and position, printed above the QR code of the letter."""
    name = user.get_full_name() or user.get_username()
    position = getattr(user, "position_title", "") or _("Officer of %(office)s") % {
        "office": user.office_name
    }
    return {"name": name, "position": position}


def pdf_bytes(document: IssuedDocument) -> bytes:
    """The PDF of an issued letter, re-rendered from its frozen HTML with the hostile-HTML fetcher
    (netra/lib/pdf.py): letters issued before that fetcher existed are safe to download too."""
    return render_pdf(document.html)


def new_token() -> str:
    return secrets.token_urlsafe(18)


def digest(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()
