"""Each Realisasi rule's two sides agree, without LibreOffice: the formulas ikuxl writes for a Realisasi row,
evaluated by an independent Excel formula engine for Python (the `formulas` package), give in every column
the value of their Python twin (hitung.nilai_cermin) over a shared table of cases. A change to only one side
of a rule (kolom.aturan or kolom.aturan_excel, the capaian arithmetic, which message a cell shows, the range
grammar…) fails here within seconds; the LibreOffice oracle tests check whole workbooks the same way, slowly.

How: one small workbook holds what a Realisasi row reads (IKU's row, Komponen, Referensi's settings and
scale, every defined name ikuxl writes) and ONE Realisasi row of the formulas ikuxl writes; the engine
compiles it once, and each case only changes the input cells (IKU's row, the floor and cap settings, the
scale block) and recalculates. The Python side computes the same case from a Dokumen holding every case.

Where the engine differs from Excel in a documented way, a small patch makes it behave as Excel does (each
listed in TAMBALAN); no column is left out of the comparison.
"""

from __future__ import annotations

import functools
import math
import re

import pytest

formulas = pytest.importorskip("formulas")  # the dev extra installs it; a bare install skips
import schedula  # noqa: E402  (formulas' own dependency: its empty cell)
from formulas.functions import FUNCTIONS, replace_empty, wrap_ufunc  # noqa: E402
from formulas.functions.operators import LOGIC_OPERATORS, OPERATORS, logic_wrap  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from openpyxl.utils import column_index_from_string, get_column_letter  # noqa: E402
from openpyxl.workbook.defined_name import DefinedName  # noqa: E402

from ikuxl import hitung, susun  # noqa: E402
from ikuxl.dokumen import Dokumen, SKALA_BAWAAN  # noqa: E402
from ikuxl.plan import Rumusan  # noqa: E402
from ikuxl.rakit import susun as rakit_susun  # noqa: E402
from ikuxl.skema import (  # noqa: E402
    BARIS_DATA,
    BARIS_SKALA,
    BARIS_SKALA_MAKS,
    IKU,
    KOMPONEN,
    REALISASI,
    REFERENSI,
    Tata,
    kolom_realisasi,
)

TAMBALAN = {  # where the engine differs from Excel, and how the test makes it behave as Excel does
    "kolom utuh": "a whole column ('IKU'!$A:$A) is bounded to the rows the workbook uses: the engine materialises "
    "all 1,048,576 rows of it (minutes per formula); every cell it could read lies within the bound",
    "--x": "the engine folds a double minus into a unary plus, which leaves a text or TRUE as it is where Excel's "
    "--x gives a number; each --f(…) is written -(-f(…)), which Excel evaluates the same",
    "TRIM": "the engine's TRIM only strips the ends; Excel's also folds each run of spaces inside into one",
    "&": "the engine joins a number as Python's repr (17 digits); Excel as up to 15 significant digits",
    "= < >": "the engine compares numbers exactly; Excel and LibreOffice take numbers within 2^-48 of each other "
    "(relatively) as equal, so 4.55/5*100 = 90.99999999999999 is ≥ 91",
}
# Every column is compared. The cases type a number where a text is expected (a polaritas of 1) as an integer: a
# fraction would show in the message as the PC's locale writes it, and the Python twin writes the Indonesian comma.

TAHUN = 2025  # the period 2025–2029 (five of IKU's six yearly columns)
POLA = BARIS_DATA  # the one Realisasi row the engine computes, and the IKU row it reads (ROW())
TR = Tata(kolom_realisasi())
KOSONG = schedula.EMPTY  # the engine's empty cell


def _masukan(x):
    """A cell's value as the engine takes it as an input (an empty cell: a 1×1 array of its empty)."""
    return [[KOSONG]] if x is None else x


# --- the engine, made to behave as Excel where it does not ---------------------------------------------------


def _teks_angka(x) -> str:
    """A value as Excel's & writes it (a number: up to 15 significant digits, the point as separator)."""
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, (int, float)):
        return f"{float(x):.15g}".upper()
    return str(x)


def _sama_kira(a: float, b: float) -> bool:
    return a == b or (a != 0 and b != 0 and abs(a - b) < min(abs(a), abs(b)) * 2.0**-48)


def _banding(op):
    def banding(x, y):  # (type, value) pairs as the engine's comparison gives them; type 0: a number
        if x[0] == y[0] == 0 and _sama_kira(float(x[1]), float(y[1])):
            y = x
        return op(x, y)

    return banding


@pytest.fixture(scope="module")
def tambalan():
    """The engine's TRIM, & and comparisons as Excel's (TAMBALAN), while this module's model is compiled."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(
            FUNCTIONS,
            "TRIM",
            wrap_ufunc(
                lambda t: " ".join(p for p in t.split(" ") if p),
                input_parser=lambda t: [_teks_angka(t)],
                args_parser=lambda *a: (replace_empty(v, "") for v in a),
            ),
        )
        mp.setitem(
            OPERATORS,
            "&",
            wrap_ufunc(
                lambda x, y: x + y,
                input_parser=lambda *a: map(_teks_angka, a),
                args_parser=lambda *a: (replace_empty(v, "") for v in a),
            ),
        )
        for nama, op in LOGIC_OPERATORS.items():
            mp.setitem(OPERATORS, nama, logic_wrap(_banding(op)))
        yield


_TEKS = re.compile(r'("(?:[^"]|"")*")')  # a text constant in a formula


def _di_luar_teks(rumus: str, ubah) -> str:
    return "".join(p if i % 2 else ubah(p) for i, p in enumerate(_TEKS.split(rumus)))


def _luar_teks(rumus: str) -> list[bool]:
    """Per character: whether it stands outside a text constant ("" inside one toggles twice)."""
    luar, dalam = [], False
    for c in rumus:
        if c == '"':
            dalam = not dalam
        luar.append(not dalam and c != '"')
    return luar


def _minus_ganda(rumus: str) -> str:
    """--f(…) → -(-f(…)) outside texts (TAMBALAN "--x")."""
    while True:
        luar = _luar_teks(rumus)
        p = next((i for i in range(len(rumus) - 1) if rumus[i : i + 2] == "--" and luar[i]), None)
        if p is None:
            return rumus
        m = re.match(r"[A-Z][A-Z0-9.]*\(", rumus[p + 2 :])
        assert m, f"tambalan --x menulis ulang --FUNGSI(…) saja, bukan {rumus[p : p + 30]!r}"
        dalam, akhir = 0, p + 2 + m.end() - 1
        while True:  # to the parenthesis that closes the call
            if luar[akhir]:
                dalam += {"(": 1, ")": -1}.get(rumus[akhir], 0)
            akhir += 1
            if dalam == 0:
                break
        rumus = f"{rumus[:p]}-(-{rumus[p + 2 : akhir]}){rumus[akhir:]}"


def _siap(rumus: str, akhir: dict[str, int]) -> str:
    """A formula as the engine evaluates it like Excel (TAMBALAN "kolom utuh", "--x"); `akhir`: each sheet's last row."""

    def batasi(m: re.Match) -> str:
        lembar, awal, ujung = m.groups()
        return f"'{lembar}'!${awal}$1:${ujung}${akhir[lembar]}"

    return _minus_ganda(_di_luar_teks(rumus, lambda p: re.sub(r"'([^']+)'!\$([A-Z]{1,3}):\$([A-Z]{1,3})(?![\w$])", batasi, p)))


# --- the shared case table -----------------------------------------------------------------------------------

# The settings and scales the cases run under: (batas_capaian, batas_bawah_capaian, scale rows as on Referensi).
# Every scale has four bands with a bound and one without, so that the names of its two lowest bands are the same
# formulas (the engine's workbook has one set of names; a guard below checks it).
SKALA_ACAK = [(">", 50, "Cukup"), (None, None, "Kurang"), ("≥", 90, "Istimewa"), (">", 75, "Baik"), ("≥", 60, "Sedang")]
VARIAN = {
    "baku": (None, 0, SKALA_BAWAAN),
    "batas 120, lantai kosong": (120, None, SKALA_BAWAAN),
    "batas 100, tanpa lantai": (100, "tanpa", SKALA_BAWAAN),
    "lantai -50": (None, -50, SKALA_BAWAAN),
    "skala acak": (None, 0, SKALA_ACAK),
    # the reporting year the period's third (its yearly block reads the year before from the block, not Kondisi Awal)
    "tahun ketiga": (None, 0, SKALA_BAWAAN, TAHUN + 2),
    "tahun ketiga, batas 120": (120, 0, SKALA_BAWAAN, TAHUN + 2),
}


def _varian(varian: str) -> tuple:
    """(batas_capaian, batas_bawah_capaian, scale, reporting year) of a variant."""
    v = VARIAN[varian]
    return (*v, TAHUN) if len(v) == 3 else v


def _tw(target=(), realisasi=()) -> dict:
    return {
        **{f"target_tw{q}": t for q, t in enumerate(target, 1)},
        **{f"realisasi_tw{q}": r for q, r in enumerate(realisasi, 1)},
    }


DASAR = dict(
    indikator="Indikator uji",
    satuan="%",
    polaritas="positif",
    sifat="kumulatif",
    sasaran="Sasaran uji",
    jabatan="Kepala Dinas",
    bidang="Bidang Uji",
)


def _th(target=(), realisasi=()) -> dict:
    """The yearly block: target and realisasi of the period's years from its first (TAHUN) on."""
    return {
        **{f"target_{TAHUN + k}": t for k, t in enumerate(target)},
        **{f"realisasi_{TAHUN + k}": r for k, r in enumerate(realisasi)},
    }


# (name, the IKU row's cells beyond DASAR, variant). Each quarter's capaian is computed on its own, so a row
# carries up to four target/realisasi situations, and the year's aggregate a fifth; the kode is K-<n> unless given.
T = f"target_{TAHUN}"
KASUS = [
    ("kumulatif, triwulan bolong tanpa target", {"polaritas": "+"} | _tw((10, None, 10, 10), (8, 9, None, 12)) | {T: 40}, "baku"),
    (
        "setahun penuh: target tahunan",
        {"sifat": " Kumulatif ", "status": "Tetap"} | _tw((25,) * 4, (20, 30, 25, 26)) | {T: 90},
        "baku",
    ),
    (
        "setahun penuh, target tahunan teks",
        {"kode": 101, "polaritas": "Positif"} | _tw((25,) * 4, (20, 30, 25, 26)) | {T: "n/a"},
        "baku",
    ),
    (
        "akhir periode, realisasi teks, rentang",
        {"sifat": "Akhir Periode", "polaritas": " + "} | _tw((10, 20, 30, "10 - 20"), (9, 25, "n/a", 25)),
        "baku",
    ),
    ("akhir_periode, target TW terakhir kosong", {"sifat": "akhir_periode", "indikator": None} | _tw((10, None), (5, 6)), "baku"),
    ("rata-rata, target pecahan", {"sifat": "rata  rata", "kode": None} | _tw((1, 1, 2), (1, 1, 1)), "baku"),
    ("rerata rentang", {"sifat": "Rerata", "rumus": "A / B"} | _tw(("1 - 2", "1 - 2", "2 - 3"), (1, 2, 3.5)), "baku"),
    ("negatif standar, batas pita, di bawah lantai", {"polaritas": "NEGATIF"} | _tw((10, 10, 2, 10), (8, 12, 2.68, 31)), "baku"),
    (
        "negatif kebalikan, realisasi 0, rentang",
        {"polaritas": "−", "metode": " Kebalikan "} | _tw((10, 10, 10, "80 - 90"), (8, 12, 0, 95)),
        "baku",
    ),
    ("negatif target 0 dan negatif", {"polaritas": "-", "metode": "standar"} | _tw((0, 0, 0, -5), (0, 1, None, 3)), "baku"),
    ("negatif setahun target 0", {"polaritas": "negatif", "sifat": " akhir "} | _tw((0, 0), (1, 0)), "baku"),
    ("stabil standar", {"polaritas": "stabil", "sifat": "rata-rata"} | _tw((10, 10, 0, "5 – 6"), (12, 8, 0, 7)), "baku"),
    ("stabil kebalikan", {"polaritas": "Rentang", "metode": "kebalikan"} | _tw((10, 10, "5 — 6", 0), (12, 8, 4, 1)), "baku"),
    (
        "positif target 0, negatif, rentang %",
        {"sifat": "akhir periode"} | _tw((0, -5, "80% - 90%", "80 sampai 90"), (0, 3, 70, 95)),
        "baku",
    ),
    (
        "rentang di dalam, tahunan rentang",
        _tw(("80 - 90", "80 s.d. 90", "80 hingga 90", "2,5 s/d 3,5"), (85, 90, 80, 3)) | {T: "80-90"},
        "baku",
    ),
    ("rentang tak terbaca", _tw(("90 - 80", "80 - 90 - 100", "1.000 - 2.000", "1,125 - 2"), (85, 85, 1500, 1.5)), "baku"),
    ("rentang separuh, panjang, sama", _tw(("1234567890123456 - 2", "80 -", "- 90", "80 - 80"), (1, 85, 85, 80)), "baku"),
    ("target teks dan kosong", {"sifat": "akhir periode"} | _tw(("sepuluh", "5-6", "   ", None), (8, 9, 1, 2)), "baku"),
    ("capaian pada batas pita", _tw((100, 5, 100, 100), (91, 4.55, 76, 50.99)), "baku"),
    ("skala acak: batas dengan >", _tw((100, 100, 100, 100), (50, 50.5, 90, 20)), "skala acak"),
    ("batas 120", {"polaritas": "Positif"} | _tw((10, 10), (30, 11)), "batas 120, lantai kosong"),
    ("tanpa lantai", {"polaritas": "negatif"} | _tw((10, 10), (31, 5)), "batas 100, tanpa lantai"),
    ("lantai -50", {"polaritas": "negatif"} | _tw((10, 10), (31, 12)), "lantai -50"),
    (
        "polaritas tidak dikenal, sifat kosong",
        {"polaritas": "naik", "sifat": None, "metode": "invers"} | _tw((10,), (5,)),
        "baku",
    ),
    ("polaritas kosong, sifat angka", {"polaritas": "   ", "sifat": 3, "status": "dihapus\n"} | _tw((10,), (5,)), "baku"),
    ("polaritas angka, rasio tanpa komponen", {"polaritas": 1, "sifat": "RASIO"} | _tw((10,), (5,)), "baku"),
    ("metode asing pada positif, sifat tidak dikenal", {"metode": "invers", "sifat": "tahunan"} | _tw((10,), (5,)), "baku"),
    ("dihapus", {"status": " dihapus "} | _tw((10,), (5,)), "baku"),
    ("baris tanpa kode dan indikator", {k: None for k in DASAR} | {"kode": None} | _tw((10,), (5,)), "baku"),
    # a Rumus with components: the realisasi comes from Komponen's compiled cells (formulas too)
    ("rasio berkomponen", {"kode": "R-1", "sifat": "rasio", "rumus": "[A] / [B] × 100"} | _tw((50, 50, 50, 50)), "baku"),
    ("rumus berkomponen, kumulatif", {"kode": "R-2", "rumus": "[X] + [Y]"} | _tw((10, 10, 10)), "baku"),
    ("rumus berubah (kode sama)", {"kode": "r-2", "rumus": "[X] - [Y]"} | _tw((10,)), "baku"),
    ("rumus sama, beda huruf dan spasi", {"kode": "R-2", "rumus": " [x]  +  [y] "} | _tw((10, 10)), "baku"),
    ("rumus tidak terbaca, kode angka", {"kode": 103, "rumus": "[A] / "} | _tw((10,), (5,)), "baku"),
    ("rumus berkomponen tanpa kode", {"kode": None, "rumus": "[A] + [B]"} | _tw((10,), (5,)), "baku"),
    ("kode dengan karakter wildcard", {"kode": "R*", "rumus": "[P] × 2"} | _tw((10, 10)), "baku"),
    # the yearly block: realisasi typed per year, or the reporting year's from its quarters
    ("tahunan saja, tanpa sifat", {"sifat": None, "kondisi_awal": 8} | _th((10, 20, 30, 40, 50), (12, 18)), "baku"),
    ("tahunan saja, tahun ketiga", {"sifat": None} | _th((10, 20, 30, 40, 50), (12, 18, 27, None, 49)), "tahun ketiga"),
    (
        "tahunan negatif, rentang, teks",
        {"polaritas": "negatif", "kondisi_awal": 30} | _th(("10 - 20", 15, "12", 10, "8 - 9"), (25, 14, "n/a", 11)),
        "tahun ketiga",
    ),
    (
        "tahunan negatif kebalikan, nol, batas 120",
        {"polaritas": "negatif", "metode": "kebalikan"} | _th((0, 10, 5, -1, 2), (0, 0, 1, 3, 1)),
        "tahun ketiga, batas 120",
    ),
    ("tahunan stabil turun", {"polaritas": "stabil"} | _th((10, 10, 10, 10, 10), (12, 11, 9)), "tahun ketiga"),
    ("tahunan tetap, tahun keenam di luar periode", _th((10, 10, 10, 10, 10, 10), (5, 7, 7, None, None, 9)), "tahun ketiga"),
    (
        "tahun pelaporan diketik beda dari triwulan",
        _tw((25,) * 4, (20, 30, 25, 26)) | _th((100,), (90,)) | {"kondisi_awal": 95},
        "baku",
    ),
    ("tahun pelaporan diketik sama dengan triwulan", _tw((25,) * 4, (20, 30, 25, 26)) | _th((100,), (101,)), "baku"),
    (
        "tahun pelaporan dari triwulan, sifat kosong",
        {"sifat": None} | _tw((25, 25), (20, 30)) | _th((100, 100, 100), (80, 90)),
        "tahun ketiga",
    ),
    (
        "tahun pelaporan dari triwulan, akhir periode",
        {"sifat": "akhir periode", "polaritas": "negatif"} | _tw((5, 5, 5), (6, 4, 3)) | _th((6, 5, 4, 3, 2), (7, 6)),
        "tahun ketiga",
    ),
    ("tahunan dihapus", {"status": "Dihapus"} | _th((10, 10), (5, 7)), "tahun ketiga"),
]
KOMPONEN_MASUK = [
    {"kode": "R-1", "komponen": "A", "tw1": 30, "tw2": 45, "tw3": None, "tw4": 10},
    {"kode": "R-1", "komponen": "B", "tw1": 60, "tw2": 50, "tw3": 40, "tw4": 0},
    {"kode": "R-2", "komponen": "X", "tw1": 3, "tw2": "n/a", "tw3": 4},
    {"kode": "R-2", "komponen": "Y", "tw1": 4, "tw2": 5, "tw3": None},
    {"kode": "R*", "komponen": "P", "tw1": 3, "tw2": None},
]


def _baris(i: int, isi: dict, kolom) -> dict:
    b = {k.kunci: None for k in kolom}
    b.update(DASAR, kode=f"K-{i + 1}")
    b.update(isi)
    return b


@functools.cache
def _dokumen(varian: str) -> Dokumen:
    """Every case as a matrix row, under this variant's settings and scale (so Komponen compiles each Rumus)."""
    batas, lantai, skala, tahun = _varian(varian)
    dok = Dokumen.kosong("Dinas Uji", "kabupaten", "Kab. Uji", TAHUN, TAHUN + 4, tahun, batas_capaian=batas)
    dok.pengaturan["batas_bawah_capaian"] = lantai
    dok.skala = list(skala)
    dok.iku = [_baris(i, isi, dok.kolom_iku) for i, (_, isi, _) in enumerate(KASUS)]
    dok.komponen = KOMPONEN_MASUK
    return dok


@functools.cache
def _kembaran(varian: str) -> list[dict]:
    """The Python twin of every case's Realisasi row (a row not in force: what its cells hold, kosong_cermin)."""
    dok = _dokumen(varian)
    skala, komponen = hitung.skala_kategori(dok), hitung.blok_komponen(dok)
    hasil = []
    for b in dok.iku:
        v = hitung.nilai_cermin(b, dok, komponen, skala)
        hasil.append({k: v[k] if v else hitung.kosong_cermin(k) for k in TR.posisi})
    return hasil


# --- the engine's workbook: IKU's row, Komponen, Referensi, the names and one Realisasi row ----------------------


def _alamat(lembar: str, baris: int, kolom: int) -> str:
    return f"'[kembar.xlsx]{lembar.upper()}'!{get_column_letter(kolom)}{baris}"


def _ref_nama(plan, nama: str) -> tuple[int, int]:
    kolom, baris = re.fullmatch(r"'[^']+'!\$([A-Z]+)\$(\d+)", plan.nama[nama]).groups()
    return int(baris), column_index_from_string(kolom)


@pytest.fixture(scope="module")
def mesin(tambalan, tmp_path_factory):
    """The engine's model of the workbook, compiled once; per case, the cells to set and the Realisasi row's cells."""
    dok = _dokumen("baku")
    plan = rakit_susun(dok)
    for v in VARIAN:  # the guard: one set of names serves every scale of the table
        assert susun.nama_rumus(hitung.skala_kategori(_dokumen(v))) == susun.nama_rumus(hitung.skala_kategori(dok)), v
    ti = Tata(dok.kolom_iku)
    wb = Workbook()
    wb.remove(wb.active)
    lembar = {n: wb.create_sheet(n) for n in (IKU, REALISASI, KOMPONEN, REFERENSI)}
    akhir = {IKU: POLA, REALISASI: POLA, **{n: max(r for r, _ in plan[n].sel) for n in (KOMPONEN, REFERENSI)}}
    for n in (KOMPONEN, REFERENSI):
        l = plan[n]
        for (r, c), s in l.sel.items():
            if isinstance(s.nilai, Rumusan):
                lembar[n].cell(r, c).value = "=" + _siap(l.rumus(r, c), akhir)
            elif s.nilai is not None:
                lembar[n].cell(r, c).value = s.nilai
    for c, _ in enumerate(ti.kolom, 1):  # IKU's row: an input cell each (a placeholder; each case sets it)
        lembar[IKU].cell(POLA, c).value = 0
    masukan_ref = [_ref_nama(plan, n) for n in ("Batas_Capaian", "Batas_Bawah_Capaian", "Pengaturan_Tahun")]
    skala = [(BARIS_SKALA + 1 + i, c) for i in range(BARIS_SKALA_MAKS) for c in (1, 2, 3)]
    for r, c in masukan_ref + skala:
        lembar[REFERENSI].cell(r, c).value = 0
    lr = plan[REALISASI]
    for c in TR.posisi.values():
        lembar[REALISASI].cell(POLA, c).value = "=" + _siap(lr.rumus(POLA, c), akhir)
    for nama, isi in plan.nama.items():
        wb.defined_names[nama] = DefinedName(nama, attr_text=_siap(isi, akhir))
    path = tmp_path_factory.mktemp("kembar") / "kembar.xlsx"
    wb.save(path)
    model = formulas.ExcelModel().loads(str(path)).finish()
    return {
        "model": model,
        "iku": {k.kunci: _alamat(IKU, POLA, c) for c, k in enumerate(ti.kolom, 1)},
        "pengaturan": [_alamat(REFERENSI, r, c) for r, c in masukan_ref],
        "skala": [_alamat(REFERENSI, r, c) for r, c in skala],
        "keluaran": {k: _alamat(REALISASI, POLA, c) for k, c in TR.posisi.items()},
    }


def _nilai_excel(x):
    """An engine's result as a cell holds it: a formula that gives an empty cell shows 0."""
    if x is KOSONG:
        return 0
    if hasattr(x, "item"):  # numpy scalars
        x = x.item()
    return x if isinstance(x, (bool, int, float, str)) else str(x)  # an error: its text (#VALUE!…)


def _sama(py, xl) -> bool:
    if isinstance(py, bool) or isinstance(xl, bool):
        return type(py) is type(xl) and py == xl
    if isinstance(py, (int, float)) and isinstance(xl, (int, float)):
        return math.isclose(py, xl, rel_tol=1e-12, abs_tol=1e-12)
    return type(py) is type(xl) and py == xl


@pytest.mark.parametrize("i", range(len(KASUS)), ids=[k[0] for k in KASUS])
def test_rumus_dan_kembaran_pythonnya_sama(mesin, i):
    """Every Realisasi column of this case: the value of the formula ikuxl writes, evaluated by the engine,
    equals the value its Python twin computes."""
    nama, _, varian = KASUS[i]
    batas, lantai, skala, tahun = _varian(varian)
    skala = [*skala, *[(None, None, None)] * (BARIS_SKALA_MAKS - len(skala))]
    masukan = {sel: _dokumen(varian).iku[i][k] for k, sel in mesin["iku"].items()}
    masukan |= dict(zip(mesin["pengaturan"], (batas, lantai, tahun))) | dict(zip(mesin["skala"], (x for b in skala for x in b)))
    hasil = mesin["model"].calculate(
        inputs={sel: _masukan(v) for sel, v in masukan.items()}, outputs=list(mesin["keluaran"].values())
    )
    python = _kembaran(varian)[i]
    beda = [
        f"  {k}: Python {python[k]!r}, Excel {xl!r}"
        for k, sel in mesin["keluaran"].items()
        if not _sama(python[k], xl := _nilai_excel(hasil[sel].value[0][0]))
    ]
    assert not beda, f"kasus {nama!r} ({varian}): kedua sisi aturan berbeda\n" + "\n".join(beda)


@pytest.mark.parametrize("urutan", ["asli", "terbalik"])
@pytest.mark.parametrize("varian", VARIAN)
def test_hitung_sekali_jalan_sama_dengan_tiap_baris_sendiri(varian, urutan):
    """hitung() computes every row in one run (the settings once, the columns in the order the first row filled
    them): each row, whichever case comes first, holds what that row computed alone (nilai_cermin) holds."""
    dok = _dokumen(varian)
    if urutan == "terbalik":
        dok = Dokumen.kosong("Dinas Uji", "kabupaten", "Kab. Uji", TAHUN, TAHUN + 4, dok.tahun)
        dok.pengaturan, dok.skala, dok.komponen = _dokumen(varian).pengaturan, _dokumen(varian).skala, KOMPONEN_MASUK
        dok.iku = list(reversed(_dokumen(varian).iku))
    skala, komponen, h = hitung.skala_kategori(dok), hitung.blok_komponen(dok), hitung.hitung(dok)
    for i, b in enumerate(dok.iku):
        assert repr(h.dari_iku(dok, i)) == repr(hitung.nilai_cermin(b, dok, komponen, skala)), (varian, i)
