"""The IKU matrix and everything staff enter: what a workbook holds, free of any file format.

The core (validation, computation, summaries) works on a Dokumen; the workbook
shells read one from a file or an Excel book and write the plan made from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .capaian import SKALA_PERMENDAGRI_86
from .skema import BARIS_DATA, BARIS_SKALA_MAKS, DAFTAR_BAWAAN, VERSI_TEMPLATE, kolom_iku

# The scale a new workbook's Referensi starts with, as its rows (operator, batas, label)
SKALA_BAWAAN = [
    (None, None, p.label) if p.batas is None else ("≥" if p.inklusif else ">", p.batas, p.label)
    for p in SKALA_PERMENDAGRI_86.pita
]

KOLOM_TW_REALISASI = [f"target_tw{i}" for i in range(1, 5)] + [f"realisasi_tw{i}" for i in range(1, 5)]
KOLOM_TW_KOMPONEN = [f"tw{i}" for i in range(1, 5)]


@dataclass
class Dokumen:
    """pengaturan: instansi, tingkat, wilayah, periode_awal, periode_akhir, tahun, batas_capaian, urusan,
        batas_bawah_capaian.
    iku: one dict per matrix row, keyed as skema.kolom_iku (every key present, None for a blank cell).
        The quarterly inputs (KOLOM_TW_REALISASI) are on the indicator's own row, beside a target and a
        realisasi per year (target_{year}, realisasi_{year}: skema.tahun_kolom) and standar_nasional.
    komponen: the Komponen sheet's inputs, one dict per row: kode, komponen and KOLOM_TW_KOMPONEN.
    baris: the sheet row of each matrix row (None: consecutive from the first data row).
    terhitung: per kode, the Rumus its Komponen rows were last compiled from (as read from a file).
    versi: the template version the workbook was read from (older ones are upgraded when written).
    skala: the kategori scale rows as on Referensi, blank rows in place: (operator "≥"/">" or None,
        batas or None for the bottom band, label); masalah_skala says whether it can be used.
    keterangan: a note shown on every sheet title, e.g. that the realisasi is illustrative.
    diketik: per sheet ikuxl computes (Realisasi, Komponen), what its cells hold that may have been typed over
        ikuxl's formulas, (row, column) → value: from a file the cells without a formula, from Excel every
        value (ketikan.py tells which were typed).
    kode_tampil: the Kode each Realisasi row shows, by sheet row (ketikan.py: whose row a typed value is on).
    arsip: the rows of the Arsip Triwulan sheet (skema.kolom_arsip), the quarters of each closed year (tutup.py);
        arsip_baru: this run closed a year, so that sheet is written.
    penandatangan: who signs the forms (skema.PENANDATANGAN keys); None for a file whose Referensi lacks the block
        (written before it), which gets its labels at the next run.
    """

    pengaturan: dict[str, object]
    iku: list[dict]
    komponen: list[dict] = field(default_factory=list)
    daftar: dict[str, list[str]] = field(default_factory=lambda: {k: list(v) for k, v in DAFTAR_BAWAAN.items()})
    skala: list[tuple[object, object, object]] = field(default_factory=lambda: list(SKALA_BAWAAN))
    keterangan: str | None = None
    baris: list[int] | None = None
    terhitung: dict[str, str] = field(default_factory=dict)
    versi: int = VERSI_TEMPLATE
    diketik: dict[str, dict[tuple[int, int], object]] = field(default_factory=dict)
    kode_tampil: dict[int, object] = field(default_factory=dict)
    cetak_lama: dict[str, str] = field(default_factory=dict)  # the file's Cetak_… names as the last run wrote them
    penandatangan: dict[str, object] | None = field(default_factory=dict)
    arsip: list[list] = field(default_factory=list)
    arsip_baru: bool = False
    _tembolok: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def sekali(self, kunci: str, buat):
        """`buat()`, worked out once for these rows: one recalculation reads the matrix in
        Validasi, Hitung Capaian and Ringkasan. The row lists are never edited in place (every
        reader builds new ones); assigning a new list starts afresh."""
        bingkai = (self.iku, self.komponen)
        if "" not in self._tembolok or any(a is not b for a, b in zip(self._tembolok[""], bingkai)):
            self._tembolok = {"": bingkai}
        if kunci not in self._tembolok:
            self._tembolok[kunci] = buat()
        return self._tembolok[kunci]

    @property
    def tahun_periode(self) -> range:
        return range(int(self.pengaturan["periode_awal"]), int(self.pengaturan["periode_akhir"]) + 1)

    @property
    def tahun(self) -> int:
        return int(self.pengaturan["tahun"])

    @property
    def kolom_iku(self):
        return kolom_iku(self.tahun_periode.start)

    @classmethod
    def kosong(
        cls,
        instansi: str = "",
        tingkat: str = "kabupaten",
        wilayah: str = "",
        periode_awal: int = 2025,
        periode_akhir: int = 2029,
        tahun: int | None = None,
        batas_capaian: float | None = None,
        urusan: str = "",
        batas_bawah_capaian: object = 0,
    ) -> "Dokumen":
        tahun = periode_awal if tahun is None else tahun
        masalah = masalah_periode(periode_awal, periode_akhir, tahun)
        if masalah:
            raise ValueError(masalah[1])
        pengaturan = dict(
            instansi=instansi,
            tingkat=tingkat,
            wilayah=wilayah,
            periode_awal=periode_awal,
            periode_akhir=periode_akhir,
            tahun=tahun,
            batas_capaian=batas_capaian,
            urusan=urusan,
            batas_bawah_capaian=batas_bawah_capaian,
            versi_template=VERSI_TEMPLATE,
        )
        return cls(pengaturan, [])

    def kolom(self, kunci: str) -> list:
        """One column of the matrix, a value per row."""
        return [b.get(kunci) for b in self.iku]

    def aktif(self) -> list[dict]:
        """The indicators in force: every row but those removed in the desk review."""
        return [b for _, b in self.baris_aktif()]

    def baris_aktif(self) -> list[tuple[int, dict]]:
        """(position in the matrix, row) of each indicator in force."""
        return self.sekali(
            "baris_aktif",
            lambda: [(i, r) for i, r in enumerate(self.iku) if str(r.get("status") or "").strip().lower() != "dihapus"],
        )

    def baris_sheet(self, i: int) -> int:
        """The IKU sheet row of matrix row i."""
        return self.baris[i] if self.baris is not None else BARIS_DATA + i

    def isi_triwulan(self, per_kode: dict[str, dict]) -> None:
        """Put quarterly inputs ({kode: {target_tw1: …}}) on the first row of each kode (a new list)."""
        iku = [dict(b) for b in self.iku]
        kode = [str(k).strip() if k is not None else None for k in self.kolom("kode")]
        for kd, nilai in per_kode.items():
            if str(kd).strip() in kode:
                iku[kode.index(str(kd).strip())].update({k: nilai.get(k) for k in KOLOM_TW_REALISASI})
        self.iku = iku

    def jabatan(self) -> list[str]:
        """Jabatan named in the matrix, in order of first appearance, then the list on Referensi."""
        nama = [*self.kolom("jabatan"), *self.kolom("atasan"), *self.daftar.get("Jabatan", [])]
        return list(dict.fromkeys(str(n).strip() for n in nama if n is not None and str(n).strip()))


TAHUN_TERKECIL, TAHUN_TERBESAR, PERIODE_TERPANJANG = 2000, 2100, 6


def masalah_periode(awal: int, akhir: int, tahun: int) -> tuple[str, str] | None:
    """What is wrong with a planning period, as (the setting to fix, message); None when sound.
    A period of a few years only: the matrix has a Target column per year."""
    for kunci, nilai, nama in (
        ("periode_awal", awal, "periode awal"),
        ("periode_akhir", akhir, "periode akhir"),
        ("tahun", tahun, "tahun pelaporan"),
    ):
        if not TAHUN_TERKECIL <= nilai <= TAHUN_TERBESAR:
            return kunci, f"{nama} {nilai} bukan tahun yang wajar; isi tahun antara {TAHUN_TERKECIL} dan {TAHUN_TERBESAR}"
    if akhir < awal:
        return "periode_akhir", f"periode akhir {akhir} sebelum periode awal {awal}"
    if akhir - awal + 1 > PERIODE_TERPANJANG:
        return "periode_akhir", (
            f"periode {awal}–{akhir} lebih dari {PERIODE_TERPANJANG} tahun; periode perencanaan (RPJMD/Renstra) biasanya 5 tahun"
        )
    if not awal <= tahun <= akhir:
        return "tahun", f"tahun pelaporan {tahun} di luar periode {awal}–{akhir}"
    return None


OPERATOR_SKALA = ("≥", ">=", ">")  # blank: ≥


def masalah_skala(skala: list[tuple[object, object, object]]) -> list[tuple[int, int, str, str]]:
    """What makes the kategori scale unusable, as (row index, column 1–3 of the scale table,
    code, message). The formulas read the whole block (any order of its rows), so a scale is used only
    when every row is a number and a text, each bound once, and at most one band has no bound."""
    masalah = []
    batas_ada: dict[float, int] = {}  # bound → its row: the bands may stand in any order, each bound once
    bawah = None  # the row of the band with no bound
    label_ada: dict[str, int] = {}
    terisi = [(i, b) for i, b in enumerate(skala[:BARIS_SKALA_MAKS]) if any(x is not None for x in b)]
    if not terisi:
        return [
            (
                0,
                3,
                "SKALA_KOSONG",
                "skala kategori kosong; isi batas bawah dan kategori setiap pita "
                "(mis. ≥ 91 Sangat Tinggi … tanpa batas Sangat Rendah)",
            )
        ]
    for i, (op, batas, label) in terisi:
        if not isinstance(label, str):
            masalah.append(
                (
                    i,
                    3,
                    "SKALA_LABEL_KOSONG" if label is None else "SKALA_LABEL_BUKAN_TEKS",
                    "kategori pita ini belum diisi; isi namanya atau kosongkan seluruh barisnya"
                    if label is None
                    else f"kategori {label!r} berupa angka; tulis nama kategori sebagai teks",
                )
            )
        elif label.casefold() in label_ada:
            masalah.append(
                (
                    i,
                    3,
                    "SKALA_LABEL_GANDA",
                    f'kategori "{label}" sudah dipakai di baris skala '
                    f"{label_ada[label.casefold()] + 1}; setiap pita perlu nama sendiri",
                )
            )
        else:
            label_ada[label.casefold()] = i
        if op is not None and str(op).strip() not in OPERATOR_SKALA:
            masalah.append((i, 1, "SKALA_OPERATOR_TIDAK_DIKENAL", f'operator "{op}" tidak dikenal; isi ≥ atau >'))
        if batas is None:
            if bawah is not None:
                masalah.append(
                    (
                        i,
                        2,
                        "SKALA_BATAS_GANDA",
                        f"baris skala {bawah + 1} sudah pita tanpa batas; hanya satu pita boleh tanpa batas",
                    )
                )
            bawah = i
        elif not isinstance(batas, (int, float)) or isinstance(batas, bool) or batas != batas:
            masalah.append(
                (
                    i,
                    2,
                    "SKALA_BATAS_BUKAN_ANGKA",
                    f'batas bawah "{batas}" tersimpan sebagai teks, bukan angka; ketik ulang sebagai angka, mis. 91',
                )
            )
        elif batas in batas_ada:
            masalah.append(
                (
                    i,
                    2,
                    "SKALA_BATAS_GANDA",
                    f"batas bawah {batas} sudah dipakai di baris skala {batas_ada[batas] + 1}; setiap pita perlu batas sendiri",
                )
            )
        else:
            batas_ada[batas] = i
    return masalah


def skala_terurut(skala: list[tuple[object, object, object]]):
    """The scale rows as Pita, each with its row index on Referensi, highest band first;
    ValueError naming the first problem when the scale cannot be used (masalah_skala)."""
    from .capaian import Pita, Skala

    masalah = masalah_skala(skala)
    if masalah:
        i, _, _, pesan = masalah[0]
        raise ValueError(f"baris {i + 1} skala: {pesan}")
    pita = [
        Pita(label, None if batas is None else float(batas), inklusif=(str(op or "").strip() != ">"), asal=i)
        for i, (op, batas, label) in enumerate(skala[:BARIS_SKALA_MAKS])
        if label is not None
    ]
    return Skala(pita)
