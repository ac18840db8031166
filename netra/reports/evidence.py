"""Evidence intake: check files by their content (not their name), fingerprint them, make safe
previews of images, read the camera's EXIF date and position, and store them in the evidence storage
(the local disk under MEDIA_ROOT, or an S3-compatible object store: settings, docs/deploy.md).

Checking happens before anything is written, so a rejected submission leaves no file behind; saving
happens inside the submission's transaction and ``saved_files`` removes what was written if it fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageOps

from .models import Evidence, Message, Report

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
PREVIEW_MAX_SIDE = 1600
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
    preview: bytes | None = None
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
    """Decode the image (proves it is one), keep EXIF facts, re-encode a metadata-free preview."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        checked.upload.seek(0)
        with Image.open(checked.upload) as img:
            if img.width * img.height > MAX_PIXELS:
                raise ValidationError(_("The image is too large to process."))
            exif = img.getexif()
            checked.taken_at = _taken_at(exif)
            if position := _gps(exif.get_ifd(ExifTags.IFD.GPSInfo)):
                checked.latitude, checked.longitude = position
            img.load()
            clean = ImageOps.exif_transpose(img)
            clean.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
            if clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            out = io.BytesIO()
            # A fresh JPEG carries none of the original's metadata (EXIF, GPS, XMP, comments).
            clean.save(out, format="JPEG", quality=85)
            checked.preview = out.getvalue()
    checked.upload.seek(0)


def check_files(uploads: list[UploadedFile]) -> tuple[list[CheckedFile], list[str]]:
    """Validate uploads against the limits and allowed types; return them checked, or the errors."""
    errors: list[str] = []
    if len(uploads) > settings.NETRA_EVIDENCE_MAX_FILES:
        return [], [
            _("Too many files: at most %(max)d.") % {"max": settings.NETRA_EVIDENCE_MAX_FILES}
        ]
    checked: list[CheckedFile] = []
    total = 0
    for upload in uploads:
        name = (upload.name or "file")[-150:]
        size = upload.size or 0
        total += size
        if size > settings.NETRA_EVIDENCE_MAX_FILE_BYTES:
            errors.append(
                _("%(name)s is too large (%(size)s); the limit is %(max)s per file.")
                % {
                    "name": name,
                    "size": filesizeformat(size),
                    "max": filesizeformat(settings.NETRA_EVIDENCE_MAX_FILE_BYTES),
                }
            )
            continue
        if size == 0:
            errors.append(_("%(name)s is empty.") % {"name": name})
            continue
        mime = _detect(upload)
        if mime not in ALLOWED_TYPES:
            errors.append(
                _(
                    "%(name)s is not a photo, screenshot, PDF or video we accept "
                    "(JPEG, PNG, WebP, GIF, HEIC, PDF, MP4, MOV, WebM)."
                )
                % {"name": name}
            )
            continue
        item = CheckedFile(upload, name, mime, ALLOWED_TYPES[mime], size, _sha256(upload))
        if mime in PREVIEWABLE:
            try:
                _inspect_image(item)
            except ValidationError as exc:
                errors.append(f"{name}: {exc.messages[0]}")
                continue
            except (OSError, SyntaxError, ValueError, Image.DecompressionBombError,
                    Image.DecompressionBombWarning):  # fmt: skip
                errors.append(_("%(name)s could not be read as an image.") % {"name": name})
                continue
        checked.append(item)
    if total > settings.NETRA_EVIDENCE_MAX_TOTAL_BYTES and not errors:
        errors.append(
            _("The files together are too large; the limit is %(max)s.")
            % {"max": filesizeformat(settings.NETRA_EVIDENCE_MAX_TOTAL_BYTES)}
        )
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


@contextlib.contextmanager
def saved_files() -> Iterator[list[str]]:
    """Collects the storage names written inside the block; deletes them if the block fails."""
    names: list[str] = []
    try:
        yield names
    except BaseException:
        for name in names:
            # Any storage's error (a full disk, an object store's): the original error matters.
            with contextlib.suppress(Exception):
                default_storage.delete(name)
        raise


def store(
    report: Report,
    files: list[CheckedFile],
    links: list[str],
    *,
    written: list[str],
    message: Message | None = None,
) -> list[Evidence]:
    """Write files and link rows for ``report`` (call inside the transaction and ``saved_files``)."""
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
        )
        item.upload.seek(0)
        evidence.file.save(f"original.{item.extension}", item.upload, save=False)
        written.append(evidence.file.name or "")
        if item.preview is not None:
            evidence.preview.save("preview.jpg", ContentFile(item.preview), save=False)
            written.append(evidence.preview.name or "")
        rows.append(evidence)
    if rows:
        Evidence.objects.bulk_create(rows)
    return rows
