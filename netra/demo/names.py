"""Name parts for synthetic Indonesian employees (common given names; no real person is meant)."""

MALE = (
    "Agus Ahmad Andi Arif Bambang Budi Dedi Dimas Eko Fajar Ferry Hadi Hendra Heru Imam Indra Joko "
    "Kurniawan Lukman Muhammad Nur Rahmat Rizal Rudi Slamet Sugeng Suryadi Syahrul Taufik Teguh "
    "Wahyu Yusuf Zainal Irfan Hasan Ridwan Darmawan Gunawan Haryanto Samsul"
).split()
FEMALE = (
    "Ani Ayu Dewi Dian Endang Fitri Indah Kartika Lestari Maya Nur Nurul Putri Rahmawati Ratna Rina "
    "Sari Siti Sri Susanti Tri Wahyuni Wulan Yuni Yulia Novita Fatimah Aisyah Halimah Rosmini"
).split()
FAMILY = (
    "Saputra Setiawan Hidayat Wijaya Santoso Pratama Nugroho Siregar Nasution Lubis Harahap Simanjuntak "
    "Hutapea Pardede Sitompul Rahman Hakim Syamsuddin Mahmud Ismail Daeng Rauf Lamada Effendi Kusuma "
    "Sulistyo Purnomo Wibowo Hasibuan Tambunan Matondang Sembiring Ginting Tarigan Kaban Aji Bakri"
).split()
PREFIX_TITLES = ("", "", "", "", "H. ", "Drs. ", "Dr. ", "Ir. ")
FEMALE_PREFIX_TITLES = ("", "", "", "", "Hj. ", "Dra. ", "Dr. ")
SUFFIX_TITLES = (
    "",
    "",
    ", S.Pd.",
    ", S.E.",
    ", S.H.",
    ", S.Sos.",
    ", M.Si.",
    ", S.Kom.",
    ", A.Md.",
)

POSITIONS = {
    "jpt": (
        "Sekretaris Daerah",
        "Kepala Dinas Pendidikan",
        "Kepala Dinas Kesehatan",
        "Kepala Badan Keuangan",
    ),
    "administrator": ("Camat", "Sekretaris Dinas", "Kepala Bagian Umum", "Kepala Bidang Anggaran"),
    "pengawas": (
        "Lurah",
        "Kepala Seksi Pelayanan",
        "Kepala Subbagian Kepegawaian",
        "Sekretaris Camat",
    ),
    "fungsional": ("Guru", "Perawat", "Bidan", "Penyuluh Pertanian", "Analis Kebijakan", "Auditor"),
    "pelaksana": ("Pengadministrasi Umum", "Pengelola Keuangan", "Operator Layanan", "Pengemudi"),
    "non_asn": ("Tenaga Honorer Administrasi", "Petugas Kebersihan", "Tenaga Kontrak IT"),
}
UNITS = (
    "Sekretariat Daerah",
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum",
    "Badan Kepegawaian",
    "Kecamatan",
    "Kelurahan",
    "Dinas Sosial",
    "RSUD",
    "Satpol PP",
)
