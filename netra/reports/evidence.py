"""Evidence intake: check files by their content (not their name), fingerprint them, read the
camera's EXIF date and position, and store them in the evidence storage (the local disk under
MEDIA_ROOT, or an S3-compatible object store: settings, docs/deploy.md); previews are built by the
background worker (previews.py).

Checking happens before anything is written, so a rejected submission leaves no file behind; saving
happens inside the submission's transaction and ``netra.lib.storage.saved_files`` removes what was
written if it fails.

What a request does with an image stays cheap: it reads the header (size, EXIF) and never decodes
pixels. Eight 40-megapixel PNGs of 1 MB in all once cost 3.9 s of CPU and 347 MB per request; now the
pixels of a submission are capped (``NETRA_EVIDENCE_MAX_TOTAL_PIXELS``) and the safe previews are
built by the task worker (``previews.py``), one image at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import warnings
from dataclasses import dataclass, field
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import ExifTags, Image

from .models import Evidence, Message, Report, evidence_path

# What a phone reporter sends: photos, screenshots, PDFs, short videos. Detected from the content.
ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
    "image/heic": "heic",
    "application/pdf": "pdf",
    "video/mp4": "mp4",
    "video/quicktime": "mov",
    "video/webm": "webm",
    "video/x-matroska": "mkv",
}
PREVIEWABLE = {"image/jpeg", "image/png", "image/webp", "image/gif"}
MAX_PIXELS = 40_000_000  # refuse decompression bombs well before Pillow's own limit
MAX_LINK_LENGTH = 2000
_url = URLValidator(schemes=["http", "https"])


@dataclass
class CheckedFile:
    upload: UploadedFile
    name: str
    content_type: str
    extension: str
    size: int
    sha256: str
    pixels: int = 0
    taken_at: dt.datetime | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    saved: list[str] = field(default_factory=list)


def _sha256(upload: UploadedFile) -> str:
    h = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        h.update(chunk)
    upload.seek(0)
    return h.hexdigest()


def _detect(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else None


def _rational(value) -> float:
    return float(value[0]) / float(value[1]) if isinstance(value, tuple) else float(value)


def _gps(gps: dict) -> tuple[Decimal, Decimal] | None:
    try:
        lat = sum(_rational(v) / 60**i for i, v in enumerate(gps[ExifTags.GPS.GPSLatitude]))
        lon = sum(_rational(v) / 60**i for i, v in enumerate(gps[ExifTags.GPS.GPSLongitude]))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if gps.get(ExifTags.GPS.GPSLatitudeRef, "N") == "S":
        lat = -lat
    if gps.get(ExifTags.GPS.GPSLongitudeRef, "E") == "W":
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def _taken_at(exif: Image.Exif) -> dt.datetime | None:
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    raw = sub.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime)
    try:
        naive = dt.datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except (TypeError, ValueError):
        return None
    # The camera's clock has no zone unless OffsetTimeOriginal says so; assume the local one.
    offset = str(sub.get(ExifTags.Base.OffsetTimeOriginal) or "").strip("\x00 ")
    with contextlib.suppress(ValueError):
        if offset:
            return dt.datetime.fromisoformat(naive.isoformat() + offset)
    return timezone.make_aware(naive)


def _inspect_image(checked: CheckedFile) -> None:
    """Read the image's header: its size (refusing bombs) and the EXIF facts. Decodes no pixels:
    EXIF comes only from what the header parse found (Pillow's PNG ``getexif`` would decode)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        checked.upload.seek(0)
        with Image.open(checked.upload) as img:
            checked.pixels = img.width * img.height
            if checked.pixels > MAX_PIXELS:
                raise ValidationError(_("The image is too large to process."))
            exif = Image.Exif()
            if raw := img.info.get("exif"):
                exif.load(raw)
            checked.taken_at = _taken_at(exif)
            if position := _gps(exif.get_ifd(ExifTags.IFD.GPSInfo)):
                checked.latitude, checked.longitude = position
    checked.upload.seek(0)


def _check_one(upload: UploadedFile) -> tuple[CheckedFile | None, str]:
    """One upload against the per-file limits and the allowed types: checked, or why not."""
    name = (upload.name or "file")[-150:]
    size = upload.size or 0
    if size > settings.NETRA_EVIDENCE_MAX_FILE_BYTES:
        return None, _("%(name)s is too large (%(size)s); the limit is %(max)s per file.") % {
            "name": name,
            "size": filesizeformat(size),
            "max": filesizeformat(settings.NETRA_EVIDENCE_MAX_FILE_BYTES),
        }
    if size == 0:
        return None, _("%(name)s is empty.") % {"name": name}
    mime = _detect(upload)
    if mime not in ALLOWED_TYPES:
        return None, _(
            "%(name)s is not a photo, screenshot, PDF or video we accept "
            "(JPEG, PNG, WebP, GIF, HEIC, PDF, MP4, MOV, WebM)."
        ) % {"name": name}
    item = CheckedFile(upload, name, mime, ALLOWED_TYPES[mime], size, _sha256(upload))
    if mime in PREVIEWABLE:
        try:
            _inspect_image(item)
        except ValidationError as exc:
            return None, f"{name}: {exc.messages[0]}"
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError,
                Image.DecompressionBombWarning):  # fmt: skip
            return None, _("%(name)s could not be read as an image.") % {"name": name}
    return item, ""


def _submission_limits(checked: list[CheckedFile], total: int) -> str:
    """The limits on a submission's files together: bytes, then pixels to decode."""
    if total > settings.NETRA_EVIDENCE_MAX_TOTAL_BYTES:
        return _("The files together are too large; the limit is %(max)s.") % {
            "max": filesizeformat(settings.NETRA_EVIDENCE_MAX_TOTAL_BYTES)
        }
    pixels = sum(item.pixels for item in checked)
    if pixels > settings.NETRA_EVIDENCE_MAX_TOTAL_PIXELS:
        return _(
            "The photos together are too large to process (%(total)d megapixels; the limit "
            "is %(max)d megapixels). Send fewer photos, or smaller ones."
        ) % {
            "total": round(pixels / 1e6),
            "max": settings.NETRA_EVIDENCE_MAX_TOTAL_PIXELS // 1_000_000,
        }
    return ""


def check_files(uploads: list[UploadedFile]) -> tuple[list[CheckedFile], list[str]]:
    """Validate uploads against the limits and allowed types; return them checked, or the errors."""
    if len(uploads) > settings.NETRA_EVIDENCE_MAX_FILES:
        return [], [
            _("Too many files: at most %(max)d.") % {"max": settings.NETRA_EVIDENCE_MAX_FILES}
        ]
    errors: list[str] = []
    checked: list[CheckedFile] = []
    for upload in uploads:
        item, error = _check_one(upload)
        if item is None:
            errors.append(error)
        else:
            checked.append(item)
    if not errors and (error := _submission_limits(checked, sum(u.size or 0 for u in uploads))):
        errors.append(error)
    return ([] if errors else checked), errors


def check_links(links: list[str]) -> tuple[list[str], list[str]]:
    clean = [link.strip() for link in links if link and link.strip()]
    if len(clean) > settings.NETRA_EVIDENCE_MAX_LINKS:
        return [], [
            _("Too many links: at most %(max)d.") % {"max": settings.NETRA_EVIDENCE_MAX_LINKS}
        ]
    errors = []
    for link in clean:
        try:
            if len(link) > MAX_LINK_LENGTH:
                raise ValidationError("too long")
            _url(link)
        except ValidationError:
            errors.append(
                _("%(link)s is not a web address starting with http:// or https://.")
                % {"link": link[:100]}
            )
    return ([] if errors else list(dict.fromkeys(clean))), errors


def store(
    report: Report,
    files: list[CheckedFile],
    links: list[str],
    *,
    written: list[str],
    message: Message | None = None,
) -> list[Evidence]:
    """Write files and link rows for ``report`` (inside the transaction and ``lib.storage.saved_files``).

    Images get their safe preview from the task worker; the task is queued in the same transaction
    (the database task queue), so a stored image never lacks its task and a rolled-back one has none.
    Each preview's file name is chosen here and counted in ``written``: should the task run at once
    (the immediate backend) and the transaction then fail, its file is removed with the others.
    """
    now = timezone.now()
    rows = [
        Evidence(
            report=report, message=message, kind=Evidence.Kind.LINK, url=link, submitted_at=now
        )
        for link in links
    ]
    for item in files:
        evidence = Evidence(
            report=report,
            message=message,
            kind=Evidence.Kind.FILE,
            submitted_at=now,
            original_name=item.name[:200],
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            taken_at=item.taken_at,
            gps_latitude=item.latitude,
            gps_longitude=item.longitude,
            preview_state=(
                Evidence.PreviewState.PENDING if item.content_type in PREVIEWABLE else ""
            ),
        )
        item.upload.seek(0)
        evidence.file.save(f"original.{item.extension}", item.upload, save=False)
        written.append(evidence.file.name or "")
        rows.append(evidence)
    if rows:
        Evidence.objects.bulk_create(rows)
    pending = [
        (e.pk, evidence_path(e, "preview.jpg"))
        for e in rows
        if e.preview_state == Evidence.PreviewState.PENDING
    ]
    if pending:
        from .tasks import build_evidence_previews

        written.extend(name for _pk, name in pending)
        build_evidence_previews.enqueue(pending)
    return rows
