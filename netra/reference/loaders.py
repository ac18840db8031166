"""Idempotent loaders for the reference data in ``data/``. Each returns how many rows it upserted."""

from __future__ import annotations

import csv
import hashlib
import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction

from .models import (
    SANCTION_KIND_FIELDS,
    CatalogueVersion,
    CivilServiceAuthority,
    CriminalArticle,
    DeadlineRule,
    Election,
    ElectionPhase,
    Region,
    RuleStatus,
    SanctionType,
    ViolationType,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


class CatalogueRewriteRefused(Exception):
    """A loaded catalogue version's file changed: history is not rewritten, add a new version."""


def read_toml(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as f:
        return tomllib.load(f)


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / "regions" / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _upsert(model, rows: list, unique: list[str]) -> int:
    fields = [
        f.name for f in model._meta.concrete_fields if not f.primary_key and f.name not in unique
    ]
    model.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=unique, update_fields=fields, batch_size=1000
    )
    return len(rows)


@transaction.atomic
def load_regions() -> int:
    levels = [
        ("provinces.csv", Region.Level.PROVINCE, None),
        ("regencies.csv", Region.Level.REGENCY, "province_code"),
        ("districts.csv", Region.Level.DISTRICT, "regency_code"),
    ]
    total = 0
    for filename, level, parent_column in levels:
        rows = [
            Region(
                code=r["code"],
                name=r["name"],
                level=level,
                parent_id=r[parent_column] if parent_column else None,
            )
            for r in _read_csv(filename)
        ]
        total += _upsert(Region, rows, ["code"])
    return total


@transaction.atomic
def load_elections() -> int:
    count = 0
    for e in read_toml("elections.toml")["election"]:
        phases = e.pop("phases")
        e.setdefault("candidates_fixed_by_race", [])
        election, _ = Election.objects.update_or_create(code=e.pop("code"), defaults=e)
        for p in phases:
            ElectionPhase.objects.update_or_create(
                election=election, kind=p.pop("kind"), defaults={"note": "", **p}
            )
        count += 1
    return count


@transaction.atomic
def load_sanction_types() -> int:
    rows = []
    for s in read_toml("sanctions.toml")["sanction"]:
        applies = set(s.pop("applies_to"))
        unknown = applies - set(SANCTION_KIND_FIELDS)
        if unknown:
            raise ValueError(f"{s['code']}: unknown kinds of employee {sorted(unknown)}")
        flags = {field: kind in applies for kind, field in SANCTION_KIND_FIELDS.items()}
        rows.append(SanctionType(**{"note": "", **s}, **flags))
    return _upsert(SanctionType, rows, ["code"])


@transaction.atomic
def load_retention_rules() -> int:
    """Retention periods per case outcome (data/retention.toml), upserted by code."""
    from .models import RetentionRule

    rows = [RetentionRule(**{"note": "", **r}) for r in read_toml("retention.toml")["rule"]]
    return _upsert(RetentionRule, rows, ["code"])


@transaction.atomic
def load_criminal_articles() -> int:
    rows = [CriminalArticle(**a) for a in read_toml("criminal_articles.toml")["article"]]
    return _upsert(CriminalArticle, rows, ["code"])


@transaction.atomic
def load_authorities() -> int:
    for a in read_toml("authorities.toml")["authority"]:
        CivilServiceAuthority.objects.update_or_create(
            code=a.pop("code"), defaults={"effective_from": None, "effective_to": None, **a}
        )
    return CivilServiceAuthority.objects.count()


def load_catalogue_file(path: Path) -> CatalogueVersion:
    """Load one catalogue version; a version already loaded must be byte-for-byte the same file."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    data = tomllib.loads(raw.decode("utf-8"))
    meta = data["version"]
    existing = CatalogueVersion.objects.filter(code=meta["code"]).first()
    if existing:
        if existing.content_sha256 != digest:
            raise CatalogueRewriteRefused(
                f"Catalogue version {meta['code']} is already loaded and its file has changed. "
                "A loaded version is never rewritten: publish the correction as a new version file."
            )
        return existing
    sanctions = {s.code: s for s in SanctionType.objects.all()}
    with transaction.atomic():
        version = CatalogueVersion.objects.create(**meta, content_sha256=digest)
        for row in data["violation"]:
            codes = row.pop("allowed_sanctions")
            missing = [c for c in codes if c not in sanctions]
            if missing or not codes:
                raise ValueError(f"{row['code']}: unknown or no sanctions {missing}")
            violation = ViolationType.objects.create(version=version, **row)
            violation.allowed_sanctions.set([sanctions[c] for c in codes])
    return version


def load_catalogues() -> int:
    files = sorted((DATA_DIR / "catalogue").glob("*.toml"))
    for path in files:
        load_catalogue_file(path)
    return len(files)


RULE_DEFAULTS: dict[str, Any] = {
    "origin": DeadlineRule.Origin.ANY,
    "condition": "",
    "statuses": [],
    "value": None,
    "unit": "",
    "start_event": "",
    "legal_basis": "",
    "sources": [],
    "effective_from": None,
    "effective_to": None,
    "note": "",
}


def read_deadline_rules() -> list[dict[str, Any]]:
    return [{**RULE_DEFAULTS, **row} for row in read_toml("deadlines.toml")["rule"]]


@transaction.atomic
def load_deadline_rules() -> int:
    """The time limits of reporting and case handling (docs/legal/deadlines.md §1A-1C)."""
    rows = read_deadline_rules()
    for row in rows:
        code = row.pop("code")
        existing = DeadlineRule.objects.filter(code=code).first()
        if existing and existing.status == RuleStatus.NO_STATUTORY_BASIS:
            # A service level is the office's own choice once loaded: keep its value and unit.
            row.pop("value")
            row.pop("unit")
        DeadlineRule.objects.update_or_create(code=code, defaults=row)
    return len(rows)
