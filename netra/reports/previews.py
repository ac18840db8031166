"""Safe previews of image evidence, built by the task worker (``tasks.build_evidence_previews``).

A preview is a fresh JPEG of at most 1600 px a side, turned upright, in sRGB, carrying none of the
original's metadata: no EXIF (GPS, camera serial), no XMP, no ICC profile, no JPEG comment (COM)
segment, where a name or a phone number may hide. Only the JFIF header that every JPEG has remains.
The original is kept untouched for the record and is only ever downloaded as an attachment.

An image that cannot be decoded gets no preview (``failed``) and the officer is told so. In a process
that has imported WeasyPrint (which turns on Pillow's ``LOAD_TRUNCATED_IMAGES`` globally), a cut-off
photo gets a partial preview instead.
"""

from __future__ import annotations

import io
import logging
import warnings
from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageCms, ImageOps

from .evidence import MAX_PIXELS
from .models import Evidence

logger = logging.getLogger(__name__)
PREVIEW_MAX_SIDE = 1600


def render_preview(source: IO[bytes]) -> bytes:
    """The preview JPEG of the image in ``source``; raises OSError or ValueError if it is not one."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(source) as img:
            if img.width * img.height > MAX_PIXELS:
                raise ValueError("image too large")
            icc = img.info.get("icc_profile")
            # JPEG decodes straight at 1/2, 1/4 or 1/8 scale: far less memory and CPU.
            img.draft("RGB", (PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
            upright = ImageOps.exif_transpose(img)
            upright.thumbnail((PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE))
            clean = _rgb(upright)
    if icc:
        clean = _to_srgb(clean, icc)
    # A new image holds pixels only: nothing of the original's info (comment, XMP, EXIF, ICC, DPI)
    # can be written out with it.
    bare = Image.new("RGB", clean.size)
    bare.paste(clean)
    out = io.BytesIO()
    bare.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _rgb(img: Image.Image) -> Image.Image:
    if img.mode == "RGB":
        return img
    if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info:
        rgba = img.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return img.convert("RGB")


def _to_srgb(img: Image.Image, icc: bytes) -> Image.Image:
    """Colours as the camera meant them, then the profile can go."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(img, source, ImageCms.createProfile("sRGB"))
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return img
    return converted if isinstance(converted, Image.Image) else img


def build_previews(jobs: list[tuple[int, str]]) -> dict[str, int]:
    """Build the pending previews of ``jobs`` (evidence id, preview file name); each image on its
    own, so one unreadable file does not hold up the others. Returns counts by outcome."""
    done = {"ready": 0, "failed": 0}
    names = dict(jobs)
    pending = Evidence.objects.filter(pk__in=names, preview_state=Evidence.PreviewState.PENDING)
    for evidence in pending.only("pk", "file"):
        outcome = _build_one(evidence, names[evidence.pk])
        done[outcome] += 1
    return done


def _build_one(evidence: Evidence, name: str) -> str:
    try:
        with evidence.file.open("rb") as source:
            data = render_preview(source)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):  # fmt: skip
        logger.warning("evidence %s: no preview, the image could not be decoded", evidence.pk)
        Evidence.objects.filter(pk=evidence.pk).update(preview_state=Evidence.PreviewState.FAILED)
        return "failed"
    with transaction.atomic():
        saved = evidence.preview.storage.save(name, ContentFile(data))
        Evidence.objects.filter(pk=evidence.pk).update(
            preview=saved, preview_state=Evidence.PreviewState.READY
        )
    return "ready"
