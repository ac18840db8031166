"""Evidence checks: type from content, EXIF capture time and GPS kept, preview without metadata."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from netra.reports import evidence
from netra.reports.previews import render_preview

from .conftest import jpeg


def photo_with_exif() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Netra test camera"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2024:11:20 09:15:00"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.OffsetTimeOriginal] = "+08:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (0.0, 30.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (117.0, 9.0, 0.0)
    return jpeg(size=(200, 100), exif=exif.tobytes())


def test_exif_time_and_position_are_read_and_the_preview_has_no_metadata():
    (item,), errors = evidence.check_files([SimpleUploadedFile("p.jpg", photo_with_exif())])
    assert errors == [] and item.taken_at is not None
    assert item.taken_at.isoformat() == "2024-11-20T09:15:00+08:00"
    assert (item.latitude, item.longitude) == (Decimal("-0.500000"), Decimal("117.150000"))
    # The preview is built by the task worker (previews.py), from the stored original.
    preview = Image.open(io.BytesIO(render_preview(io.BytesIO(photo_with_exif()))))
    assert not preview.getexif() and preview.info.get("exif") is None
    assert preview.size == (200, 100)


def test_the_type_comes_from_the_content_not_the_name():
    (item,), errors = evidence.check_files([SimpleUploadedFile("evidence.txt", jpeg())])
    assert errors == [] and item.content_type == "image/jpeg" and item.extension == "jpg"
    _, errors = evidence.check_files([SimpleUploadedFile("photo.jpg", b"plain text, not a photo")])
    assert errors and "photo.jpg" in errors[0]


def test_a_decompression_bomb_is_refused(settings):
    out = io.BytesIO()
    Image.new("1", (10000, 10000)).save(out, format="PNG")
    _, errors = evidence.check_files([SimpleUploadedFile("bomb.png", out.getvalue())])
    assert errors
