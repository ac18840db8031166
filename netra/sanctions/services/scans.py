"""The PPK's decree scan: a PDF, checked by its content (the magic bytes ``%PDF-``, not the file's
name or the browser's content type, as netra/reports/evidence.py checks evidence), within a size
limit, fingerprinted with SHA-256 and stored under a random name."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .refusals import Refused

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class CheckedScan:
    upload: Any
    size: int
    sha256: str


def max_bytes() -> int:
    return int(getattr(settings, "NETRA_DECREE_MAX_BYTES", 10 * 2**20))


def check_scan(upload: Any) -> CheckedScan:
    """The upload if it is a PDF within the limit; else ``Refused`` with the reason."""
    if upload is None:
        raise Refused(_("Attach the scan of the decree (a PDF)."))
    size = upload.size or 0
    if size == 0:
        raise Refused(_("The decree scan is empty."))
    if size > max_bytes():
        raise Refused(
            _("The decree scan is too large (%(size)s); the limit is %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes())}
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    if head != PDF_MAGIC:
        raise Refused(_("The decree scan is not a PDF file. Scan the decree to PDF and try again."))
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedScan(upload=upload, size=size, sha256=digest.hexdigest())


def store_scan(field: Any, scan: CheckedScan, written: list[str]) -> None:
    """Save the scan into the model's FileField (not the row); its storage name goes to ``written``
    so a failed transaction removes it (``netra.lib.storage.saved_files``)."""
    scan.upload.seek(0)
    field.save(f"{secrets.token_hex(16)}.pdf", scan.upload, save=False)
    written.append(field.name or "")
