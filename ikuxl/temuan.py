"""What Validasi reports: a finding, its severity, and the registry of every code with what it means and
how to fix it. The README's table and the Petunjuk sheet are made from the registry (tests keep them so)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

GALAT, PERINGATAN, INFO = "galat", "peringatan", "info"
URUTAN_TINGKAT = {GALAT: 0, PERINGATAN: 1, INFO: 2}


@dataclass(frozen=True)
class Temuan:
    lembar: str
    sel: str
    tingkat: str
    kode: str
    pesan: str
    indikator: str = ""  # kode of the indicator concerned

    def untuk_json(self, berkas: str | None = None) -> dict:
        return {"berkas": berkas, **asdict(self)}


@dataclass(frozen=True)
class Mirip:
    """Two texts taken for a slip of the keyboard: at most `beda` characters differ, and difflib's
    SequenceMatcher ratio is at least `rasio`."""

    beda: int
    rasio: float


SALAH_KETIK = Mirip(beda=3, rasio=0.85)  # KATA_MIRIP and LABEL_MIRIP: one rule for a typo


@dataclass(frozen=True)
class Kode:
    tingkat: str
    arti: str  # what was found
    perbaikan: str  # what the user does about it
    ambang: float | Mirip | None = None  # the threshold its check reads from here, where it has one


def _k(tingkat: str, arti: str, perbaikan: str, ambang: float | Mirip | None = None) -> Kode:
    """A registry entry; {ambang} in `arti` shows the threshold, so the text and the check agree."""
    if "{ambang}" in arti:
        arti = arti.replace("{ambang}", f"{ambang:g}".replace(".", ","))
    return Kode(tingkat, arti, perbaikan, ambang)


KODE: dict[str, Kode] = {
    # the matrix: what must be there
    "WAJIB_KOSONG": _k(
        GALAT, "kolom wajib (Kode, Jabatan, Indikator, Satuan; Sifat bila realisasi triwulan diisi) kosong", "isi kolomnya"
    ),
    "KODE_GANDA": _k(GALAT, "kode indikator dipakai lebih dari sekali", "beri setiap indikator kode sendiri"),
    "POLARITAS_KOSONG": _k(GALAT, "polaritas kosong: capaian tidak dapat dihitung", "pilih positif, negatif atau stabil"),
    "POLARITAS_TIDAK_DIKENAL": _k(GALAT, "polaritas di luar daftar", "pilih dari daftar Polaritas"),
    "SIFAT_TIDAK_DIKENAL": _k(GALAT, "sifat di luar daftar", "pilih dari daftar Sifat"),
    "METODE_TIDAK_DIKENAL": _k(GALAT, "metode capaian di luar daftar", "pilih standar atau kebalikan, atau kosongkan"),
    "SATUAN_TIDAK_DIKENAL": _k(PERINGATAN, "satuan tidak ada di daftar Satuan", "pilih dari daftar atau tambahkan di Referensi"),
    "ATASAN_TIDAK_ADA": _k(
        GALAT, "atasan tidak ada di kolom Jabatan mana pun", "tulis jabatan atasan persis seperti di kolom Jabatan"
    ),
    "CASCADE_MELINGKAR": _k(GALAT, "pohon kinerja melingkar (atasan dari atasannya sendiri)", "perbaiki kolom Atasan"),
    "TARGET_TAHUN_KOSONG": _k(PERINGATAN, "target tahun periode kosong (satu temuan per indikator)", "isi targetnya"),
    "TEKS_TERLALU_PANJANG": _k(PERINGATAN, "teks melebihi 32.767 karakter sebuah sel Excel", "ringkas teksnya"),
    # a number cell
    "ANGKA_TERSIMPAN_TEKS": _k(GALAT, 'angka tersimpan sebagai teks ("9,85"), tidak dihitung', "ketik ulang sebagai angka"),
    "ANGKA_AMBIGU": _k(
        GALAT, 'angka yang dapat dibaca dua cara ("1.500": 1500 atau 1,5)', "tulis tanpa titik ribuan atau dengan koma desimal"
    ),
    "SATUAN_DI_SEL_ANGKA": _k(GALAT, 'satuan ikut diketik di sel angka ("20 Unit")', "isi angkanya saja; satuan di kolom Satuan"),
    "SATUAN_BERBEDA": _k(PERINGATAN, "sel angka bersatuan lain dari Satuan indikator", "samakan satuannya, isi angkanya saja"),
    "RASIO_DI_SEL_ANGKA": _k(GALAT, 'rasio "1:32" diketik sebagai teks', "isi N (32) saja dan tulis 1:N di kolom Satuan"),
    "RENTANG_TEKS": _k(
        PERINGATAN,
        "rentang yang tidak terbaca rumus workbook, atau rentang di sel realisasi",
        "tulis seperti 80 - 90 tanpa satuan dan titik ribuan; realisasi satu angka",
    ),
    "TANGGAL_DI_SEL_ANGKA": _k(GALAT, 'tanggal di sel angka (rentang "10-15" yang diubah Excel)', "ketik ulang sebagai angka"),
    "BUKAN_ANGKA": _k(GALAT, "teks yang bukan angka di sel angka", "isi angka, atau kosongkan"),
    "TANDA_KOSONG": _k(INFO, 'tanda kosong ("-", "n/a") di sel angka: dianggap belum diisi', "kosongkan selnya"),
    "NILAI_NEGATIF": _k(PERINGATAN, "nilai negatif", "periksa kembali angkanya"),
    # ambang: a value at most this beside one above it (0,1 beside 10)
    "PERSEN_CAMPUR": _k(PERINGATAN, "satuan % dengan nilai 0,1 di samping 10", "tulis semua sebagai angka persen (10)", 1),
    # quarters and the year
    "REALISASI_DIABAIKAN": _k(
        PERINGATAN, "realisasi diketik pada indikator yang dihitung dari komponen", "kosongkan sel itu; isi komponennya"
    ),
    "REALISASI_JAUH_DARI_TARGET": _k(
        PERINGATAN, "realisasi triwulan lebih dari {ambang} × targetnya", "periksa kembali angkanya", 2
    ),
    # ambang: more than this many times the previous year's value, or less than its share (2: half)
    "REALISASI_JAUH_DARI_TAHUN_LALU": _k(
        PERINGATAN, "realisasi terakhir jauh dari kondisi awal atau target tahun lalu", "periksa kembali angkanya", 2
    ),
    "REALISASI_TAHUNAN_DI_TRIWULAN": _k(
        PERINGATAN,
        "indikator kumulatif: satu triwulan berisi angka setahun (dekat target tahunan, jauh dari target triwulannya)",
        "isi realisasi setiap triwulan, atau ketik angka setahun di kolom Realisasi tahun itu",
    ),
    # ambang: the relative difference taken for the rounding of decimal fractions, not a difference
    "TARGET_TW_TIDAK_SAMA": _k(
        PERINGATAN, "target TW I–IV indikator kumulatif tidak berjumlah target tahunan", "samakan jumlahnya", 1e-9
    ),
    "REALISASI_TAHUN_BEDA": _k(
        PERINGATAN,
        "realisasi setahun tahun pelaporan yang diketik berbeda dengan hasil TW I–IV menurut Sifat (blok tahunan dan "
        "Pengukuran Kinerja memakai yang diketik, Capaian dan Ringkasan memakai TW I–IV)",
        "samakan: perbaiki realisasi setahun atau realisasi triwulannya",
    ),
    "CAPAIAN_PUBLIKASI_BERBEDA": _k(
        PERINGATAN,
        "capaian yang dipublikasikan berbeda dari hitungan target dan realisasi yang sama",
        "periksa aturan hitungnya (pesan menyebut aturan yang cocok)",
    ),
    "CAPAIAN_PUBLIKASI_TIDAK_DIUJI": _k(
        INFO,
        "capaian yang dipublikasikan tidak dapat diuji (target atau realisasi belum lengkap)",
        "lengkapi target dan realisasinya",
    ),
    # what was typed over ikuxl's formulas (ketikan.py)
    "KETIKAN_DI_RUMUS": _k(
        GALAT,
        "isian diketik di atas rumus Realisasi/Komponen tanpa tempat yang pasti: Hitung Capaian dan recalc menolak berkas",
        "pindahkan isian itu ke sel isiannya (IKU atau Komponen) atau hapus",
    ),
    "KETIKAN_DIPINDAH": _k(
        PERINGATAN,
        "isian diketik di atas rumus Realisasi; Hitung Capaian (recalc) memindahkannya ke sel isiannya di IKU",
        "periksa isian di sel IKU yang disebut; lain kali isi di lembar IKU",
    ),
    # Rumus and Komponen
    "RUMUS_KOSONG": _k(GALAT, "sifat rasio tanpa Rumus berkomponen", "tulis Rumus dengan [komponen]"),
    "RUMUS_TIDAK_TERBACA": _k(GALAT, "Rumus tidak dapat dibaca", "perbaiki Rumus (pesan menyebut tempatnya)"),
    "RUMUS_MELAMPAUI_BATAS_EXCEL": _k(GALAT, "Rumus terlalu panjang untuk rumus Excel", "sederhanakan Rumus"),
    "RUMUS_BELUM_DIHITUNG": _k(
        PERINGATAN, "Rumus berkomponen baru atau berubah sejak dihitung", "klik Hitung Capaian (ikuxl recalc)"
    ),
    "KOMPONEN_BELUM_ADA": _k(
        PERINGATAN, "komponen Rumus belum punya baris di lembar Komponen", "klik Hitung Capaian, lalu isi nilainya"
    ),
    "PEMBAGI_NOL": _k(PERINGATAN, "komponen pembagi bernilai 0", "periksa nilai komponennya"),
    # words
    # ambang: how like the word (SequenceMatcher ratio) a dictionary's suggestion must be to be offered
    "EJAAN_TIDAK_DIKENAL": _k(
        INFO, "kata tidak ada di kamus bahasa Indonesia (dengan saran)", "perbaiki ejaannya bila salah ketik", 0.75
    ),
    "EJAAN_TIDAK_DIPERIKSA": _k(INFO, "ejaan tidak diperiksa: kamus hunspell-id atau spylls belum terpasang", "pasang kamusnya"),
    "KATA_MIRIP": _k(
        INFO, 'kata mirip kata lain di workbook ("pemukiman" dan "permukiman")', "samakan bila salah ketik", SALAH_KETIK
    ),
    "LABEL_MIRIP": _k(
        PERINGATAN, "label (jabatan, sasaran, satuan…) hampir sama dengan label lain", "samakan bila maksudnya sama", SALAH_KETIK
    ),
    # Referensi
    "TEMPLATE_VERSI_LAMA": _k(
        INFO, "workbook dari template versi lama", "jalankan ikuxl recalc (Hitung Capaian) untuk memperbaruinya"
    ),
    # the annual cycle: the quarters belong to one year (tutup.py)
    "TRIWULAN_TAHUN_LAIN": _k(
        GALAT,
        "Tahun pelaporan diubah sementara triwulan masih berisi data tahun sebelumnya: capaian membandingkan "
        "triwulan tahun itu dengan target tahun pelaporan",
        "jalankan Hitung Capaian atau ikuxl recalc untuk menutup tahun itu (realisasinya pindah ke kolom Realisasi "
        "tahunnya, triwulan ke lembar Arsip Triwulan), atau kembalikan Tahun pelaporan",
    ),
    "TAHUN_DITUTUP": _k(
        INFO,
        "tahun triwulan ditutup: realisasi tahunan dipindah ke kolom Realisasi tahunnya, isian triwulan disimpan "
        "di lembar Arsip Triwulan lalu dikosongkan",
        "isi triwulan tahun pelaporan yang baru",
    ),
    "TUTUP_REALISASI_BERBEDA": _k(
        PERINGATAN,
        "saat tahun ditutup, Realisasi tahun itu sudah berisi angka lain dari hasil triwulannya (isian tetap)",
        "periksa mana yang benar; hasil triwulan ada di lembar Arsip Triwulan",
    ),
    "TUTUP_TANPA_REALISASI": _k(
        PERINGATAN,
        "saat tahun ditutup, realisasi tahunnya tidak dapat diturunkan dari triwulan (sifat, Rumus atau realisasi tidak lengkap)",
        "isi Realisasi tahun itu sendiri; triwulannya ada di lembar Arsip Triwulan",
    ),
    "SKALA_KOSONG": _k(GALAT, "skala kategori kosong", "isi batas bawah dan nama setiap pita"),
    "SKALA_LABEL_KOSONG": _k(GALAT, "pita skala tanpa nama kategori", "isi namanya atau kosongkan barisnya"),
    "SKALA_LABEL_BUKAN_TEKS": _k(GALAT, "nama kategori berupa angka", "tulis nama kategori sebagai teks"),
    "SKALA_LABEL_GANDA": _k(GALAT, "nama kategori dipakai dua pita", "beri setiap pita nama sendiri"),
    "SKALA_OPERATOR_TIDAK_DIKENAL": _k(GALAT, "operator skala bukan ≥ atau >", "isi ≥ atau >"),
    "SKALA_BATAS_BUKAN_ANGKA": _k(GALAT, "batas bawah pita tersimpan sebagai teks", "ketik ulang sebagai angka"),
    "SKALA_BATAS_GANDA": _k(
        GALAT, "dua pita skala dengan batas bawah yang sama, atau dua pita tanpa batas", "beri setiap pita batas sendiri"
    ),
    # the xlwings Lite add-in kept in the workbook (workbook/lite.py): not on a sheet, the message names the part
    "LITE_TIDAK_LENGKAP": _k(
        PERINGATAN,
        "add-in xlwings Lite di workbook tidak lengkap (tanpa panel tugas, tanpa main.py atau requirements.txt, "
        "atau panel tanpa bagiannya), jadi tidak berjalan",
        "ikuxl recalc --lite melengkapinya; tanpa itu lembar diproteksi seperti biasa",
    ),
    "LITE_PAKET_LUAR": _k(
        PERINGATAN,
        "requirements.txt add-in xlwings Lite memasang paket atau URL di luar sumber paket ikuxl",
        "pastikan asalnya dikenal; bila tidak, hapus barisnya di panel xlwings Lite",
    ),
}


def tabel_readme() -> str:
    """The README's table of codes, made from the registry."""
    baris = ["| Kode | Tingkat | Arti | Perbaikan |", "|---|---|---|---|"]
    baris += [f"| `{k}` | {d.tingkat} | {d.arti} | {d.perbaikan} |" for k, d in KODE.items()]
    return "\n".join(baris)
