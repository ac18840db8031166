"""The authority's letters: a recommendation to the PPK, a referral to a non-ASN person's own
authority, an escalation to the ministry.

They reuse case handling's letter machinery (netra/cases/documents.py): the admin-editable
``DocumentTemplate`` of their kind, rendered as untrusted input; the frozen HTML kept on an
``IssuedDocument`` of the case; the QR code to the public ``/verify/`` page; the PDF rendered later
by the hostile-HTML fetcher (``documents.pdf_bytes``). Only the letterhead and the number are the
authority's: ``RS-00001/BKN/2024`` (rekomendasi sanksi), ``RJ-…`` (rujukan), ``ESK-…`` (eskalasi),
counted per authority and year under the same row lock as Bawaslu's numbers (``DocumentSequence``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import gettext as _

from netra.cases import documents
from netra.cases.models import (
    Case,
    DocumentKind,
    DocumentSequence,
    DocumentTemplate,
    IssuedDocument,
)
from netra.lib import untrusted
from netra.reference.models import CivilServiceAuthority

from .authority_base import Refused

PREFIX = {
    DocumentKind.RECOMMENDATION: "RS",
    DocumentKind.REFERRAL: "RJ",
    DocumentKind.ESCALATION: "ESK",
}

PAGE = (
    documents.LETTER_HEAD
    + """<div class="kop"><strong>{{ authority|upper }}</strong><br>REPUBLIK INDONESIA</div>
{{ body|safe }}
<div class="sign">Jakarta, {{ issued_on|date:"j F Y" }}<br>{{ signatory.position }}<br>{{ authority }}<br><br><br><strong>{{ signatory.name }}</strong></div>
<div class="verify"><img src="{{ qr }}" alt="QR"><p>{{ verify_text }}<br>{{ verify_url }}</p></div>
</body></html>"""
)


def next_number(kind: str, authority: CivilServiceAuthority, year: int) -> str:
    """The next number of this kind for the authority and year. Call it inside the issuing
    transaction: the sequence row stays locked until commit, so concurrent issuers wait."""
    prefix = f"{PREFIX[DocumentKind(kind)]}-"
    suffix = f"/{authority.code}/{year}"
    sequence, _created = DocumentSequence.objects.select_for_update().get_or_create(
        key=f"{prefix}{suffix}", defaults={"last": 0}
    )
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{prefix}{sequence.last:05d}{suffix}"


def signatory_of(user: Any, authority: CivilServiceAuthority) -> dict[str, str]:
    name = user.get_full_name() or user.get_username()
    position = getattr(user, "position_title", "") or _("Analyst, %(authority)s") % {
        "authority": authority.name
    }
    return {"name": name, "position": position}


def issue_letter(
    *,
    kind: str,
    case: Case,
    authority: CivilServiceAuthority,
    actor: Any,
    issued_on: dt.date,
    number: str,
    context: dict[str, Any],
) -> IssuedDocument:
    """Render and keep the letter ``number`` (from ``next_number``) of the case."""
    template = DocumentTemplate.objects.filter(kind=kind).first()
    if template is None:
        raise Refused(_("The template for this document is missing: run load_reference."))
    token = documents.new_token()
    full = {
        **context,
        "case": case,
        "election": case.election,
        "authority": authority,
        "number": number,
        "issued_on": issued_on,
        "title": template.title,
    }
    try:
        body = untrusted.render(template.body, full)
    except untrusted.UnsafeTemplate as exc:
        raise Refused(str(exc)) from exc
    url = documents.verify_url(token)
    html = Template(PAGE).render(
        Context(
            {
                "authority": authority.name,
                "body": body,
                "qr": documents.qr_data_uri(url),
                "verify_url": url,
                "verify_text": _("Check that this document is genuine: scan the code or open"),
                "signatory": signatory_of(actor, authority),
                "issued_on": issued_on,
            }
        )
    )
    return IssuedDocument.objects.create(
        case=case,
        kind=kind,
        number=number,
        issued_on=issued_on,
        issuing_office=authority.name,
        token=token,
        html=html,
        sha256=documents.digest(html),
        issued_by=actor,
        issued_at=timezone.now(),
    )
