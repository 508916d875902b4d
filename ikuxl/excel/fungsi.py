"""Worksheet functions IKU.CAPAIAN, IKU.KATEGORI, IKU.NILAI, IKU.ANGKA.

Each takes single cells or whole ranges and returns an array of the broadcast shape,
so one call serves a column (it spills). What cannot be computed comes back as the
readable text "tidak dapat dihitung: …", never as a Python error.
"""

from __future__ import annotations

import xlwings as xw

from . import DI_PERAMBAN, NAMESPACE, arg, func

from ..capaian import Skala, hitung_capaian
from ..dokumen import skala_terurut
from ..nilai import adalah_angka, isi_sel, parse_nilai
from ..rumus import Rumus, RumusError, teks_tidak_dapat_dihitung
from ..kolom import kategori_sel

Larik = list[list[object]]

# xlwings Lite registers a function under its name alone (=CAPAIAN) and reads the namespace of the module that
# defines it (this one, also for main.py's re-export), so IKU is set here, in the browser only: xlwings Server's
# manifest already puts IKU in front (ikuxl.excel.server.lingkungan), which would make it IKU.IKU.CAPAIAN.
if DI_PERAMBAN:
    __xlwings_func_namespace__ = NAMESPACE


def _larik(x: object) -> Larik:
    if isinstance(x, list):
        return [list(r) if isinstance(r, list) else [r] for r in x] or [[None]]
    return [[x]]


def _siarkan(*larik: Larik) -> tuple[int, int]:
    """The shape every argument is broadcast to (Excel's rule: 1 stretches, others must agree)."""
    baris = {len(l) for l in larik if len(l) != 1} or {1}
    kolom = {len(l[0]) for l in larik if len(l[0]) != 1} or {1}
    if len(baris) > 1 or len(kolom) > 1:
        raise xw.XlwingsError("ukuran rentang argumen tidak cocok; samakan jumlah baris dan kolomnya")
    return baris.pop(), kolom.pop()


def _ambil(l: Larik, r: int, c: int) -> object:
    return isi_sel(l[r if len(l) > 1 else 0][c if len(l[0]) > 1 else 0])


@func
@arg("target", ndim=2, doc="target: angka, rentang seperti 80 - 90, atau rentang sel (satu per indikator)")
@arg("realisasi", ndim=2, doc="realisasi: angka atau rentang sel sejajar dengan target")
@arg(
    "polaritas",
    ndim=2,
    doc="positif, negatif atau stabil; boleh rentang sel (satu per indikator); sel kosong: tidak dapat dihitung; "
    "tanpa argumen ini: positif",
)
@arg("metode", ndim=2, doc="standar atau kebalikan (untuk polaritas negatif); boleh rentang sel; kosong = standar")
def CAPAIAN(target, realisasi, polaritas="positif", metode="standar"):
    """Capaian (%) dari target dan realisasi; rentang menghasilkan larik."""
    t, r, p, m = (_larik(x) for x in (target, realisasi, polaritas, metode))
    baris, kolom = _siarkan(t, r, p, m)
    hasil = []
    for i in range(baris):
        deret = []
        for j in range(kolom):
            ti, ri = _ambil(t, i, j), _ambil(r, i, j)
            if ti is None and ri is None:
                deret.append("")
                continue
            # a blank polaritas cell is not computable, as in the workbook's own columns; only an
            # omitted argument means positif (its default)
            h = hitung_capaian(ti, ri, _ambil(p, i, j), _ambil(m, i, j))
            deret.append(h.nilai if h.nilai is not None else teks_tidak_dapat_dihitung(h.alasan))
        hasil.append(deret)
    return hasil


def _skala(skala: Larik | None) -> Skala | None:
    if not skala or all(isi_sel(x) is None for b in skala for x in b):
        return None
    baris = [b for b in skala if any(isi_sel(x) is not None for x in b)]
    try:
        if len(baris[0]) >= 3:  # Operator, Batas bawah, Kategori: as on the Referensi sheet
            return skala_terurut([(isi_sel(b[0]), isi_sel(b[1]), isi_sel(b[2])) for b in baris])
        return Skala.dari_tabel(baris)
    except ValueError as e:
        raise xw.XlwingsError(f"skala tidak dapat dibaca: {e}") from None


@func
@arg("capaian", ndim=2, doc="capaian (%): angka atau rentang sel")
@arg("skala", ndim=2, doc="rentang skala, mis. Skala_Kategori di lembar Referensi; kosong = Permendagri 86/2017")
def KATEGORI(capaian, skala=None):
    """Kategori capaian menurut skala (bawaan: Permendagri 86/2017)."""
    s = _skala(skala)
    from ..capaian import SKALA_PERMENDAGRI_86

    s = s or SKALA_PERMENDAGRI_86
    return [["" if isi_sel(x) is None else kategori_sel(x, s) for x in b] for b in _larik(capaian)]


@func
@arg("rumus", ndim=2, doc="Cara Perhitungan, mis. [A] / [B] × 100 (atau rentang sel, satu per baris)")
@arg("nama_komponen", ndim=2, doc="nama komponen (A, B, …), atau rentang dua kolom: nama dan nilai")
@arg("nilai_komponen", ndim=2, doc="nilai komponen, sejajar dengan namanya; beberapa baris = beberapa hasil")
def NILAI(rumus, nama_komponen, nilai_komponen=None):
    """Hitung Rumus: nama komponen dan nilainya (dua rentang, atau satu rentang dua kolom).
    Nilai berbaris-baris menghasilkan satu hasil per baris."""
    nama = _larik(nama_komponen)
    if nilai_komponen is None:  # one range, names in the first column, values in the second
        pasangan = [(isi_sel(b[0]), b[1] if len(b) > 1 else None) for b in nama]
        nama_datar, deret_nilai = [n for n, _ in pasangan], [[v for _, v in pasangan]]
    else:
        nama_datar = [isi_sel(x) for b in nama for x in b]
        nilai = _larik(nilai_komponen)
        datar = [x for b in nilai for x in b]
        deret_nilai = [datar] if len(datar) == len(nama_datar) else nilai
    rumus_l = _larik(rumus)
    baris = max(len(deret_nilai), len(rumus_l))
    hasil = []
    for i in range(baris):
        teks = isi_sel(rumus_l[i if len(rumus_l) > 1 else 0][0])
        nilai_i = deret_nilai[i if len(deret_nilai) > 1 else 0]
        if teks is None:
            hasil.append([""])
            continue
        try:
            r = Rumus(str(teks))
        except RumusError as e:
            hasil.append([teks_tidak_dapat_dihitung(str(e))])
            continue
        komponen = {str(n): v for n, v in zip(nama_datar, nilai_i) if n is not None}
        hasil.append([r.hitung(komponen).teks])
    return hasil


@func
@arg("teks", ndim=2, doc="teks angka seperti 9,85 Ha atau 1.234,5 (atau rentang sel)")
def ANGKA(teks):
    """Angka dari teks seperti "9,85 Ha", "1.234,5" atau "20 Unit"."""
    hasil = []
    for b in _larik(teks):
        deret = []
        for x in b:
            n = parse_nilai(x)
            if adalah_angka(n.angka):
                deret.append(n.angka)
            elif n.masalah:
                deret.append(f"bukan angka: {n.masalah}")
            else:
                deret.append("")
        hasil.append(deret)
    return hasil
