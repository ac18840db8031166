"""A deterministic synthetic national employee file: Indonesian names with titles, valid NIPs."""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

MALE = """Agus Ahmad Akhmad Andi Arif Bambang Budi Dedi Dwi Eko Fajar Hadi Hendra Heru Imam Indra
Irfan Joko Djoko Yusuf Jusuf Kurniawan Lukman Muhammad Mohammad Muhamad Nur Rahmat Rizki Slamet
Sugeng Suharto Soeharto Sutrisno Teguh Wahyu Yudi Zainal Cahyo Tjahjo Chairul Khairul Syamsul
Sjamsul Taufik Wibowo Hasan Husein Ilham Iwan Rudi Ramadhan Ramadan Fathur Abdul Abdullah""".split()
FEMALE = """Ani Ayu Dewi Diah Endang Fitri Indah Kartini Lestari Lina Maya Nina Novi Nurul Putri
Ratna Rina Rini Sari Siti Sri Suryani Soeryani Tri Wahyuni Wati Yanti Yuliana Juliana Yuni Dian
Eka Fatimah Aminah Aisyah Kurnia Mega Nanik Purwati Rahayu Sulastri Titik Umi Utami""".split()
FAMILY = """Santoso Soesanto Susanto Wijaya Widjaja Saputra Pratama Setiawan Hidayat Nugroho
Kusuma Gunawan Hartono Prasetyo Purnomo Rahman Hakim Siregar Nasution Harahap Lubis Simanjuntak
Sitompul Pangaribuan Tanjung Daulay Sembiring Ginting Tarigan Manurung Situmorang Panjaitan
Pohan Rangkuti Effendi Effendy Syahputra Sjahputra Hasibuan Batubara Matondang Sinaga Siahaan
Maulana Firmansyah Hermawan Kurniasih Handayani Permata Anggraini Wulandari Safitri Puspita
Utomo Oetomo Soedarmo Sudarmo Djunaidi Junaidi Tjiptono Ciptono Kartika Mulyadi Mulyono""".split()
PREFIX = ["", "", "", "", "", "", "H. ", "Hj. ", "Drs. ", "Dra. ", "Dr. ", "Ir. ", "Prof. Dr. "]
SUFFIX = [
    "",
    "",
    "",
    "",
    ", S.Pd.",
    ", S.Pd., M.Pd.",
    ", S.H.",
    ", S.E.",
    ", S.Sos.",
    ", S.Kom.",
    ", M.Si.",
    ", S.E., M.M.",
    ", A.Md.",
    ", S.T.",
    ", S.Kep., Ners",
    ", S.IP., M.Si.",
]
TITLES = [
    ("jpt", "Kepala Dinas"),
    ("jpt", "Sekretaris Daerah"),
    ("administrator", "Kepala Bagian"),
    ("administrator", "Sekretaris Dinas"),
    ("pengawas", "Kepala Subbagian"),
    ("pengawas", "Kepala Seksi"),
    ("fungsional", "Guru Ahli Pertama"),
    ("fungsional", "Guru Ahli Muda"),
    ("fungsional", "Perawat Terampil"),
    ("fungsional", "Analis Kebijakan"),
    ("fungsional", "Pranata Komputer"),
    ("pelaksana", "Pengadministrasi Umum"),
    ("pelaksana", "Pengelola Keuangan"),
    ("pelaksana", "Pengemudi"),
]
UNITS = [
    "Sekretariat Daerah",
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "BKPSDM",
    "Bappeda",
    "Dinas Pekerjaan Umum",
    "RSUD",
    "Kecamatan",
    "Inspektorat",
    "Satpol PP",
]
COLUMNS = [
    "nip",
    "name",
    "employee_type",
    "position_class",
    "position_title",
    "unit",
    "agency_code",
    "region_code",
    "staff_number",
]


def _name(rng: random.Random, female: bool) -> str:
    given = rng.choice(FEMALE if female else MALE)
    parts = [given]
    if rng.random() < 0.6:
        parts.append(rng.choice(FEMALE if female else MALE))
    parts.append(rng.choice(FAMILY))
    prefix = rng.choice(PREFIX)
    if female and prefix in ("H. ", "Drs. "):
        prefix = {"H. ": "Hj. ", "Drs. ": "Dra. "}[prefix]
    if not female and prefix in ("Hj. ", "Dra. "):
        prefix = {"Hj. ": "H. ", "Dra. ": "Drs. "}[prefix]
    return prefix + " ".join(parts) + rng.choice(SUFFIX)


def write(path: Path, rows: int, agencies: list[tuple[str, str | None]], seed: int = 43) -> None:
    """``agencies``: (code, region code or None). Regional governments get 5x the staff."""
    rng = random.Random(seed)
    weights = [5 if region else 1 for _, region in agencies]
    seen: set[int] = set()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(COLUMNS)
        picks = rng.choices(range(len(agencies)), weights=weights, k=rows)
        for i, pick in enumerate(picks):
            code, region = agencies[pick]
            female = rng.random() < 0.5
            if rng.random() < 0.06:
                out.writerow(
                    [
                        "",
                        _name(rng, female),
                        "non-ASN",
                        "non-ASN",
                        "Tenaga Pendukung",
                        rng.choice(UNITS),
                        code,
                        region or "",
                        f"TP-{i:07d}",
                    ]
                )
                continue
            birth = dt.date(1962, 1, 1) + dt.timedelta(days=rng.randrange(365 * 38))
            first = birth.year + 19
            year = rng.randrange(first, max(first + 1, 2025))
            month = rng.randrange(1, 13)
            serial = rng.randrange(1, 1000)
            while True:
                nip = f"{birth:%Y%m%d}{year:04d}{month:02d}{2 if female else 1}{serial:03d}"
                if int(nip) not in seen:
                    break
                serial = serial % 999 + 1
            seen.add(int(nip))
            kind = "PPPK" if rng.random() < 0.2 else "PNS"
            position_class, title = rng.choice(TITLES)
            out.writerow(
                [
                    nip,
                    _name(rng, female),
                    kind,
                    position_class,
                    title,
                    rng.choice(UNITS),
                    code,
                    region or "",
                    "",
                ]
            )
