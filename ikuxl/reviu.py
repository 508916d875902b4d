"""The desk-review table (Reviu): Kinerja Utama and IKU before and after, per jabatan.

From two versions of an IKU workbook (OLD, NEW), or from one workbook whose
"Sebelum Reviu" columns hold the earlier version, as in the Kalimantan Selatan
2020 document. Indicators are matched per jabatan: by kode, then by the closest
indicator text; each pair is marked Tetap, Diubah (with what changed), Baru or Dihapus.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .alamat import huruf_kolom

from .dokumen import Dokumen
from .nilai import teks_rapi
from .plan import LembarPlan, Plan
from .skema import BARIS_DATA, BARIS_KEPALA

MIRIP = 0.6  # indicator texts at least this similar are the same indicator, changed
BIDANG_BANDING = {
    "kinerja_utama": "Kinerja Utama",
    "indikator": "Indikator",
    "satuan": "Satuan",
    "polaritas": "Polaritas",
    "sifat": "Sifat",
    "rumus": "Rumus",
    "cara_perhitungan": "Cara Perhitungan",
    "program": "Program/Kegiatan",
}
STATUS = ("Tetap", "Diubah", "Baru", "Dihapus")  # each has its colour in the workbook shell (gaya reviu_*)


def _sama(a, b) -> bool:
    return teks_rapi(a).casefold() == teks_rapi(b).casefold()


def _mirip(a, b) -> float:
    return SequenceMatcher(None, teks_rapi(a).casefold(), teks_rapi(b).casefold()).ratio()


@dataclass
class Pasangan:
    jabatan: str
    lama: dict | None
    baru: dict | None
    status: str
    perubahan: str = ""


def dari_satu(dok: Dokumen) -> tuple[list[dict], list[dict]]:
    """Old and new rows of one workbook that keeps the earlier version in its Sebelum columns."""
    lama, baru = [], []
    for r in dok.iku:
        if teks_rapi(r.get("indikator_sebelum")):
            lama.append(
                {
                    **r,
                    "kinerja_utama": r.get("kinerja_utama_sebelum"),
                    "indikator": r.get("indikator_sebelum"),
                    "_pasangan": r.get("kode"),
                }
            )
        if teks_rapi(r.get("indikator")) and teks_rapi(r.get("status")).lower() != "dihapus":
            baru.append({**r, "_pasangan": r.get("kode")})
    return lama, baru


def pasangkan(lama: list[dict], baru: list[dict]) -> list[Pasangan]:
    urutan = list(dict.fromkeys(teks_rapi(r.get("jabatan")) for r in [*baru, *lama]))
    hasil = []
    for jabatan in urutan:
        l = [r for r in lama if teks_rapi(r.get("jabatan")) == jabatan]
        b = [r for r in baru if teks_rapi(r.get("jabatan")) == jabatan]
        sisa = list(l)
        for rb in b:
            cocok = next(
                (rl for rl in sisa if rl.get("_pasangan") is not None and rl.get("_pasangan") == rb.get("_pasangan")), None
            )
            if cocok is None:
                calon = sorted(sisa, key=lambda rl: _mirip(rl.get("indikator"), rb.get("indikator")), reverse=True)
                if calon and _mirip(calon[0].get("indikator"), rb.get("indikator")) >= MIRIP:
                    cocok = calon[0]
            if cocok is None:
                hasil.append(Pasangan(jabatan, None, rb, "Baru"))
                continue
            sisa.remove(cocok)
            beda = [
                label
                for k, label in BIDANG_BANDING.items()
                if k in cocok
                and k in rb
                and not _sama(cocok.get(k), rb.get(k))
                and (teks_rapi(cocok.get(k)) or teks_rapi(rb.get(k)))
            ]
            hasil.append(Pasangan(jabatan, cocok, rb, "Diubah" if beda else "Tetap", ", ".join(beda)))
        hasil.extend(Pasangan(jabatan, rl, None, "Dihapus") for rl in sisa)
    return hasil


def reviu(lama: Dokumen, baru: Dokumen | None = None) -> list[Pasangan]:
    """The review pairs: two versions, or one workbook with Sebelum columns."""
    if baru is None:
        l, b = dari_satu(lama)
        return pasangkan(l, b)
    l = [{**r, "_pasangan": r.get("kode")} for r in lama.aktif()]
    b = [{**r, "_pasangan": r.get("kode")} for r in baru.aktif()]
    return pasangkan(l, b)


KOLOM = [
    ("No", 6),
    ("Nama Jabatan", 24),
    ("Sebelum: Kinerja Utama", 34),
    ("Sebelum: Indikator Kinerja Utama", 36),
    ("Sesudah: Kinerja Utama", 34),
    ("Sesudah: Indikator Kinerja Utama", 36),
    ("Cara Perhitungan", 40),
    ("Program/Kegiatan", 32),
    ("Status", 10),
    ("Yang berubah", 24),
]


def plan_reviu(pasangan: list[Pasangan], judul: str) -> Plan:
    l = LembarPlan("Reviu", beku="C5", baris_cetak=f"{BARIS_KEPALA}:{BARIS_KEPALA}", halaman_lebar=1)
    l.tulis(1, 1, "TABEL REVIU INDIKATOR KINERJA UTAMA (SEBELUM DAN SESUDAH DESK)", "judul")
    hitung = {s: sum(p.status == s for p in pasangan) for s in STATUS}
    l.tulis(2, 1, f"{judul} — " + ", ".join(f"{s}: {n}" for s, n in hitung.items()), "subjudul")
    for c, (nama, lebar) in enumerate(KOLOM, start=1):
        l.tulis(BARIS_KEPALA, c, nama, "kepala")
        l.lebar[c] = lebar
    l.tinggi[BARIS_KEPALA] = 32
    r, no, jabatan_lalu = BARIS_DATA, 0, None
    for p in pasangan:
        sumber = p.baru or p.lama
        if p.jabatan != jabatan_lalu:
            no, jabatan_lalu = no + 1, p.jabatan
            l.tulis(r, 1, no, "biasa")
            l.tulis(r, 2, p.jabatan, "biasa")
        else:
            l.tulis(r, 1, None, "biasa")
            l.tulis(r, 2, None, "biasa")
        isi = [
            (p.lama or {}).get("kinerja_utama"),
            (p.lama or {}).get("indikator"),
            (p.baru or {}).get("kinerja_utama"),
            (p.baru or {}).get("indikator"),
            sumber.get("cara_perhitungan") or sumber.get("rumus"),
            sumber.get("program"),
            p.status,
            p.perubahan,
        ]
        for c, v in enumerate(isi, start=3):
            l.tulis(r, c, teks_rapi(v) or None, f"reviu_{p.status.lower()}")
        r += 1
    l.saring = f"A{BARIS_KEPALA}:{huruf_kolom(len(KOLOM))}{max(r - 1, BARIS_DATA)}"
    return Plan([l])
