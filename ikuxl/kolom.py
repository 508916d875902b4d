"""The computed cells of the Realisasi and Komponen sheets, each rule twice, side by side:
as Python over the cells' values, and as the native Excel formula ikuxl writes. Which cells
each column's pair reads is that column's row in its sheet's table (skema.kolom_realisasi).

The Python side models what the formula does with the same cells (a text in a
number cell counts as "not filled", as in Excel), so the two agree on every
value; the oracle tests check that with LibreOffice. The rules are stated in Python in
capaian.py and rumus.py; this module writes each again as an Excel formula beside its
Python twin, kept in agreement by the oracle tests.

Cell texts: "" for a quarter not reported yet; "tidak dapat dihitung: <alasan>"
for a value that cannot be computed, each text a named constant of the workbook (PESAN).
A long rule is split into helper columns (skema.kolom_bantu_realisasi), so that no
formula needs LET, which Excel 2010 lacks, and each stays short enough to audit.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Sequence

from .capaian import (
    KATEGORI_TDD,
    METODE_NEGATIF,
    SINONIM_POLARITAS,
    SINONIM_SIFAT,
    TRIWULAN,
    Skala,
    agregasi_tahunan,
    capaian_angka,
    dibatasi,
    normalkan_metode,
    normalkan_polaritas,
    normalkan_sifat,
    realisasi_rasio,
)
from .nilai import DIGIT_MAKS, PEMISAH_RENTANG, adalah_angka, angka_batas
from .rumus import TIDAK_DAPAT_DIHITUNG, Rumus, RumusError, hampir_sama, teks_excel, teks_tidak_dapat_dihitung

Sel = object  # a cell value: number, text, None


def tdd(alasan: str) -> str:
    return teks_tidak_dapat_dihitung(alasan)


def _kosong(x: Sel) -> bool:
    return x is None or x == ""


def _teks_tdd(x: Sel) -> bool:
    return isinstance(x, str) and x[: len(TIDAK_DAPAT_DIHITUNG)].lower() == TIDAK_DAPAT_DIHITUNG


# --- what a row's cells say about its indicator ------------------------------------------------
# Excel compares texts regardless of case, TRIM folds runs of spaces, and a cell's text is what
# `cell&""` gives; the Python side reads the same cells the same way.


def teks_sel(x: Sel) -> str:
    """A cell's value as `cell&""` gives it in a spreadsheet set to Indonesian (decimal comma)."""
    if type(x) is str:  # the common case first
        return x
    if x is None:
        return ""
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, float):
        return str(int(x)) if x.is_integer() else f"{x:.15g}".replace(".", ",")  # 15 significant digits
    return str(x)


def _trim(teks: str) -> str:
    """Excel's TRIM: no spaces at the ends, single spaces inside."""
    if "  " not in teks and teks[:1] != " " and teks[-1:] != " ":  # most cells: nothing to trim
        return teks
    return " ".join(filter(None, teks.split(" ")))


_KENDALI = dict.fromkeys(range(32))  # the control characters 0–31, each mapped to nothing (str.translate)


def _clean(teks: str) -> str:
    """Excel's CLEAN: without the control characters 0–31 (none in a printable text: no translation then)."""
    return teks if teks.isprintable() else teks.translate(_KENDALI)


def _pesan(normalkan, sisipan: str) -> tuple[str, str]:
    """The core's message for an unknown value, split where the value goes: one wording for both sides."""
    try:
        normalkan(sisipan)
    except ValueError as e:
        awal, akhir = str(e).split(sisipan)
        return tdd(awal), akhir
    raise AssertionError(sisipan)


def _sinonim(peta: Mapping[str, str]) -> dict[str, list[str]]:
    hasil: dict[str, list[str]] = {}
    for teks, baku in peta.items():
        hasil.setdefault(baku, []).append(teks)
    return hasil


def _sah(ref: str, pilihan) -> str:
    """Whether a cell holds one of these texts (an array constant: Excel compares it with each, regardless of case)."""
    return f"OR({ref}={{{','.join(teks_excel(p) for p in pilihan)}}})"


def _salah_satu(ref: str, pilihan) -> str:
    """_sah as one comparison per text, no array constant: for the capaian formulas. LibreOffice 7.4's threaded
    group calculation (its default) computed Capaian Tanpa Batas Akhir Periode, holding {..}, before the
    helpers it reads (read as 0: "target 0"); without the array constant it orders them right."""
    return f"OR({','.join(f'{ref}={teks_excel(p)}' for p in pilihan)})"


# --- the texts the formulas show, each defined once in the workbook --------------------------------
# A named constant (Formulas › Name Manager) per text: a formula says Pesan_Target_Kosong, not the text.
# Where the text names what was typed, two names stand before and after it.


def _awal_akhir(normalkan) -> tuple[str, str]:
    return _pesan(normalkan, "\x00")


PESAN = {
    "Pesan_Awalan": f"{TIDAK_DAPAT_DIHITUNG}: ",
    "Pesan_Polaritas_Kosong": tdd("polaritas belum diisi"),
    "Pesan_Polaritas_Asing": _awal_akhir(normalkan_polaritas)[0],
    "Pesan_Polaritas_Pilih": _awal_akhir(normalkan_polaritas)[1],
    "Pesan_Metode_Asing": _awal_akhir(normalkan_metode)[0],
    "Pesan_Metode_Pilih": _awal_akhir(normalkan_metode)[1],
    "Pesan_Sifat_Kosong": tdd("sifat belum diisi"),
    "Pesan_Sifat_Asing": _awal_akhir(normalkan_sifat)[0],
    "Pesan_Sifat_Pilih": _awal_akhir(normalkan_sifat)[1],
    "Pesan_Rasio_Tanpa_Komponen": tdd("sifat rasio memerlukan rumus dengan komponen"),
    "Pesan_Rumus_Berubah": tdd("Rumus berubah sejak terakhir dihitung — jalankan Hitung Capaian"),
    "Pesan_Rumus_Belum_Dihitung": tdd("Rumus berkomponen belum dihitung — jalankan Hitung Capaian"),
    "Pesan_Target_Kosong": tdd("target belum diisi"),
    "Pesan_Realisasi_Kosong": tdd("realisasi belum diisi"),
    "Pesan_Target_Negatif": tdd("target negatif"),
    "Pesan_Target_Nol": tdd("target 0"),
    "Pesan_Realisasi_Nol": tdd("realisasi 0 (metode target/realisasi)"),
    "Pesan_Target_Triwulan": tdd("target triwulan "),
    "Pesan_Belum_Diisi": " belum diisi",
    "Pesan_Kategori_Tidak_Dihitung": KATEGORI_TDD,
    "Pesan_Realisasi_Bukan_Angka": tdd("realisasi bukan angka"),
    "Pesan_Realisasi_Tahun_Beda": "realisasi setahun yang diketik berbeda dengan hasil triwulannya",
    "Pesan_Naik": "naik",
    "Pesan_Turun": "turun",
    "Pesan_Tetap": "tetap",
    "Pesan_Membaik": " (membaik)",
    "Pesan_Memburuk": " (memburuk)",
}


def nama_konstanta() -> dict[str, str]:
    """The workbook's named constants and formulas the Realisasi formulas read: the texts, the floor and
    cap as numbers, and the scale's columns' bottom band."""
    return {
        **{n: teks_excel(t) for n, t in PESAN.items()},
        # the floor and cap settings as numbers: blank floor 0, a text "tanpa" none (capaian.lantai_capaian)
        "Lantai_Efektif": f'IF(ISNUMBER({LANTAI}),{LANTAI},IF({LANTAI}="",0,-1E+307))',
        "Batas_Efektif": f"IF(ISNUMBER({BATAS}),{BATAS},1E+307)",
        # the label of the band without a bound: what lies below every other band
        # the period's length and the reporting year's place in it (1 = Periode awal)
        "Periode_Panjang": "Pengaturan_Periode_Akhir-Pengaturan_Periode_Awal+1",
        "Tahun_Ke": "Pengaturan_Tahun-Pengaturan_Periode_Awal+1",
        "Skala_Bawah": 'IFERROR(LOOKUP(2,1/((Skala_Batas="")*(Skala_Label<>"")),Skala_Label),Pesan_Kategori_Tidak_Dihitung)',
    }


LANTAI, BATAS = "Batas_Bawah_Capaian", "Batas_Capaian"  # the floor and cap settings' named cells


def batas_efektif(batas: Sel) -> float | None:
    """The cap setting as a number, the twin of the named formula Batas_Efektif: None (no cap) for a blank or a
    text. Its floor's twin is capaian.lantai_capaian (Lantai_Efektif). Each worked out once per run, as those are."""
    return float(batas) if adalah_angka(batas) else None


def hidup(kode: Sel, indikator: Sel, status: Sel) -> bool:
    """An IKU row in force: it names an indicator, and the desk review did not remove it."""
    return (not _kosong(kode) or not _kosong(indikator)) and _trim(teks_sel(status)).lower() != "dihapus"


def hidup_excel(kode: str, indikator: str, status: str) -> str:
    return f'AND(OR({kode}<>"",{indikator}<>""),TRIM({status}&"")<>"dihapus")'


def cermin(hidup_: bool, x: Sel) -> Sel:
    """An IKU cell shown on Realisasi: "" for a blank cell or a row not in force."""
    return "" if not hidup_ or _kosong(x) else x


def cermin_excel(hidup_: str, x: str) -> str:
    return f'IF({hidup_},IF({x}="","",{x}),"")'


POLARITAS_SAH = ("positif", "negatif", "stabil")
ATURAN_SAH = ("positif", "standar", "kebalikan", "stabil standar", "stabil kebalikan")


def polaritas_baku(hidup_: bool, polaritas: Sel) -> str:
    """The polaritas in its one spelling, or why there is none; "" off the matrix."""
    if not hidup_:
        return ""
    p = _trim(teks_sel(polaritas))
    if not p:
        return PESAN["Pesan_Polaritas_Kosong"]
    return SINONIM_POLARITAS.get(p.lower()) or PESAN["Pesan_Polaritas_Asing"] + p + PESAN["Pesan_Polaritas_Pilih"]


def polaritas_baku_excel(hidup_: str, polaritas: str) -> str:
    p = f'TRIM({polaritas}&"")'
    hasil = f"Pesan_Polaritas_Asing&{p}&Pesan_Polaritas_Pilih"
    for baku, sinonim in reversed(_sinonim(SINONIM_POLARITAS).items()):
        hasil = f"IF({_sah(p, sinonim)},{teks_excel(baku)},{hasil})"
    return f'IF(NOT({hidup_}),"",IF({p}="",Pesan_Polaritas_Kosong,{hasil}))'


def metode_baku(hidup_: bool, metode: Sel) -> str:
    """The metode of a negative (or stabil) indicator: "standar" (also blank), "kebalikan", or why not."""
    if not hidup_:
        return ""
    m = _trim(teks_sel(metode))
    if m.lower() in ("", "standar", "kebalikan"):
        return m.lower() or "standar"
    return PESAN["Pesan_Metode_Asing"] + m + PESAN["Pesan_Metode_Pilih"]


def metode_baku_excel(hidup_: str, metode: str) -> str:
    m = f'TRIM({metode}&"")'
    return (
        f'IF(NOT({hidup_}),"",IF({_sah(m, ("", "standar"))},"standar",IF({m}="kebalikan","kebalikan",'
        f"Pesan_Metode_Asing&{m}&Pesan_Metode_Pilih)))"
    )


def aturan(hidup_: bool, polaritas: str, metode: str) -> str:
    """The capaian rule of a row from its polaritas_baku and metode_baku: "positif"; "standar" or "kebalikan"
    (negative polarity); "stabil standar" or "stabil kebalikan"; else what is wrong, polaritas first."""
    if not hidup_:
        return ""
    if polaritas not in POLARITAS_SAH:
        return polaritas
    if metode not in METODE_NEGATIF:
        return metode
    return "positif" if polaritas == "positif" else metode if polaritas == "negatif" else f"stabil {metode}"


def aturan_excel(hidup_: str, polaritas: str, metode: str) -> str:
    return (
        f'IF(NOT({hidup_}),"",IF(NOT({_sah(polaritas, POLARITAS_SAH)}),{polaritas},'
        f'IF(NOT({_sah(metode, METODE_NEGATIF)}),{metode},IF({polaritas}="positif","positif",'
        f'IF({polaritas}="stabil","stabil ","")&{metode}))))'
    )


SIFAT_SAH = ("kumulatif", "akhir periode", "rata-rata", "rasio")


def sifat_baku(hidup_: bool, sifat: Sel, ada_komponen: bool) -> str:
    """The sifat of a row in its one spelling, or why there is none ("rasio" needs compiled components)."""
    if not hidup_:
        return ""
    mentah = _trim(teks_sel(sifat))
    s = (_trim(mentah.replace("_", " ")) if "_" in mentah else mentah).lower()
    if not s:
        return PESAN["Pesan_Sifat_Kosong"]
    baku = SINONIM_SIFAT.get(s)
    if baku is None:
        return PESAN["Pesan_Sifat_Asing"] + mentah + PESAN["Pesan_Sifat_Pilih"]
    if baku == "rasio" and not ada_komponen:
        return PESAN["Pesan_Rasio_Tanpa_Komponen"]
    return baku


def sifat_baku_excel(hidup_: str, sifat: str, baris_komponen: str) -> str:
    s = f'TRIM(SUBSTITUTE({sifat}&"","_"," "))'
    hasil = f'Pesan_Sifat_Asing&TRIM({sifat}&"")&Pesan_Sifat_Pilih'
    for baku, sinonim in reversed(_sinonim(SINONIM_SIFAT).items()):
        isi = f'IF(ISNUMBER({baris_komponen}),"rasio",Pesan_Rasio_Tanpa_Komponen)' if baku == "rasio" else teks_excel(baku)
        hasil = f"IF({_sah(s, sinonim)},{isi},{hasil})"
    return f'IF(NOT({hidup_}),"",IF({s}="",Pesan_Sifat_Kosong,{hasil}))'


@lru_cache(maxsize=4096)  # indicators share a few formulas; a Rumus is never changed once made
def rumus_komponen(teks: str | None) -> Rumus | None:
    """The Rumus when it parses and names components: then realisasi comes from Komponen."""
    if not teks:
        return None
    try:
        r = Rumus(teks)
    except RumusError:
        return None
    return r if r.komponen else None


# --- the compiled Rumus of an indicator, kept on Komponen and found by Kode -------------------------

RUMUS_BERUBAH = PESAN["Pesan_Rumus_Berubah"]
RUMUS_BELUM_DIHITUNG = PESAN["Pesan_Rumus_Belum_Dihitung"]
RUMUS_TIDAK_TERBACA = tdd("Rumus tidak dapat dibaca — perbaiki Rumus (lihat lembar Validasi)")


def punya_komponen(rumus: Sel) -> bool:
    """A Rumus that names components ([…]): its realisasi comes from Komponen, compiled by Python."""
    return "[" in teks_sel(rumus)


def cap_rumus(rumus: Sel) -> str:
    """The Rumus as the compiled rows record it, and as the live check reads IKU's cell."""
    return _trim(_clean(teks_sel(rumus)))


def cari_komponen(kode: Sel, rumus: Sel, baris_komponen: Mapping[str, int]) -> Sel:
    """The Komponen row of a kode's compiled Rumus (MATCH: regardless of case), or "" (also when
    the row's Rumus names no components: its realisasi is typed, whatever was compiled before)."""
    k = teks_sel(kode)
    return baris_komponen.get(k.casefold(), "") if k and len(k) <= 255 and punya_komponen(rumus) else ""


def cari_komponen_excel(hidup_: str, kode: str, rumus: str, kolom_kode: str) -> str:
    cari = f'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({kode}&"","~","~~"),"*","~*"),"?","~?")'  # no wildcards
    return f'IF(AND({hidup_},{kode}<>"",ISNUMBER(SEARCH("[",{rumus}&""))),IFERROR(MATCH({cari},{kolom_kode},0),""),"")'


def status_rumus(hidup_: bool, rumus: Sel, baris: Sel, rumus_dihitung: Sel, galat: str) -> str:
    """Whether the compiled rows can be used for the IKU row's Rumus: "" when they can (or none is
    needed), else why not (the Rumus changed since, was never compiled, or could not be compiled: `galat`)."""
    if not hidup_:
        return ""
    if baris != "":
        return galat if teks_sel(rumus_dihitung).casefold() == cap_rumus(rumus).casefold() else RUMUS_BERUBAH
    return RUMUS_BELUM_DIHITUNG if punya_komponen(rumus) else ""


def status_rumus_excel(hidup_: str, rumus: str, baris: str, rumus_dihitung: str, galat: str) -> str:
    return (
        f'IF(NOT({hidup_}),"",IF(ISNUMBER({baris}),IF({rumus_dihitung}=TRIM(CLEAN({rumus}&"")),{galat},'
        f'Pesan_Rumus_Berubah),IF(ISNUMBER(SEARCH("[",{rumus}&"")),Pesan_Rumus_Belum_Dihitung,"")))'
    )


def realisasi_baris(hidup_: bool, status: str, baris: Sel, hasil_rumus: Sel, diisi: Sel) -> Sel:
    """A quarter's realisasi: from the compiled Rumus when there is one, else as typed on IKU."""
    if not hidup_:
        return ""
    if status:
        return status
    return hasil_rumus if baris != "" else cermin(True, diisi)


def realisasi_baris_excel(hidup_: str, status: str, baris: str, hasil_rumus: str, diisi: str) -> str:
    return f'IF(NOT({hidup_}),"",IF({status}<>"",{status},IF(ISNUMBER({baris}),{hasil_rumus},IF({diisi}="","",{diisi}))))'


def lapor(sifat: str, realisasi: Sel, komponen_lengkap: Sel) -> bool:
    """Whether a quarter counts as reported: its realisasi is a number (rasio: every component is)."""
    return bool(komponen_lengkap) if sifat == "rasio" else adalah_angka(realisasi)


def lapor_excel(sifat: str, realisasi: str, komponen_lengkap: str) -> str:
    return f'IF({sifat}="rasio",{komponen_lengkap},ISNUMBER({realisasi}))'


# --- Komponen: one quarter from its components, and the year of a rasio indicator ------------------


def realisasi_tw(rumus: Rumus, komponen: Mapping[str, Sel]) -> Sel:
    if all(map(_kosong, komponen.values())):
        return ""
    return rumus.hitung(komponen).teks


def realisasi_tw_excel(rumus: Rumus, ref: Mapping[str, str]) -> str:
    semua_kosong = ",".join(f'{r}=""' for r in ref.values())
    return f'IF(AND({semua_kosong}),"",{rumus.ke_excel(ref)[1:]})'


def komponen_lengkap(komponen: Mapping[str, Sel]) -> bool:
    return all(map(adalah_angka, komponen.values()))


def komponen_lengkap_excel(rentang: str, jumlah: int) -> str:
    return f"COUNT({rentang})={jumlah}"


def rasio_tahunan(rumus: Rumus, komponen: Sequence[Mapping[str, Sel]]) -> Sel:
    """The year's realisasi of a rasio indicator (agregasi_tahunan's, without a target to aggregate)."""
    terisi, hasil = realisasi_rasio(rumus, komponen)
    return hasil.teks if terisi else ""


def rasio_tahunan_excel(rumus: Rumus, komponen: Sequence[Mapping[str, str]], lengkap: Sequence[str]) -> str:
    """The Rumus over each component summed across the quarters where all of them are filled."""
    jumlah = {n: "(" + "+".join(f"IF({lengkap[q]},{komponen[q][n]},0)" for q in range(4)) + ")" for n in komponen[0]}
    return f'IF(OR({",".join(lengkap)}),{rumus.ke_excel(jumlah, angka=True)[1:]},"")'


# --- a range target ("80 - 90") typed in a target cell --------------------------------------------
# The grammar and its Python steps are nilai.py's (one grammar for the library and the workbook); here each
# step's formula, a helper column each: the text normalised, its two pieces, then each bound. A number is its
# own two bounds; what is not read stays as it is (a text: "target belum diisi"), and Validasi says how to
# write it (RENTANG_TEKS).


def teks_rentang_excel(x: str) -> str:
    t = f"LOWER(TRIM({x}))"
    for p in PEMISAH_RENTANG:
        t = f'SUBSTITUTE({t},"{p}","-")'
    return f'IF(ISTEXT({x}),SUBSTITUTE(SUBSTITUTE({t},"%",""),",","."),"")'


def _sah_excel(s: str) -> str:
    p, n = f'FIND(".",{s}&".")', f"LEN({s})"
    posisi = ",".join(str(i) for i in range(1, DIGIT_MAKS + 1))
    return f"AND({p}>1,{p}<>{n},{n}-{p}<=2,{n}<={DIGIT_MAKS},SUMPRODUCT(--ISNUMBER(-MID({s},{{{posisi}}},1)))={n}-({p}<={n}))"


def _angka_batas_excel(s: str) -> str:
    # digits and one point, read as a number whatever the PC's decimal separator (MID(1/2,2,1) is it)
    return f'--SUBSTITUTE({s},".",MID(1/2,2,1))'


def _satu_strip_excel(teks: str) -> str:
    return f'LEN({teks})-LEN(SUBSTITUTE({teks},"-",""))=1'


def kiri_excel(teks: str) -> str:
    return f'IF({_satu_strip_excel(teks)},TRIM(LEFT({teks},FIND("-",{teks})-1)),"")'


def kanan_excel(teks: str) -> str:
    return f'IF({_satu_strip_excel(teks)},TRIM(MID({teks},FIND("-",{teks})+1,LEN({teks}))),"")'


def batas_atas(x: Sel, kanan_: str) -> Sel:
    """The upper bound of a target cell `x`, read from the text after its "-" (a number is its own bound)."""
    if adalah_angka(x):
        return x
    atas = angka_batas(kanan_)
    return x if atas is None else atas


def batas_atas_excel(x: str, kanan_: str) -> str:
    return f"IF(ISNUMBER({x}),{x},IF({_sah_excel(kanan_)},{_angka_batas_excel(kanan_)},{x}))"


def batas_bawah(x: Sel, kiri_: str, atas: Sel) -> Sel:
    """The lower bound: read only where the upper one was (so each formula reads one side), and not above it."""
    if adalah_angka(x) or not adalah_angka(atas):
        return x
    bawah = angka_batas(kiri_)
    return bawah if bawah is not None and bawah <= atas else x


def batas_bawah_excel(x: str, kiri_: str, atas: str) -> str:
    angka = _angka_batas_excel(kiri_)
    return f"IF(ISNUMBER({x}),{x},IF(ISNUMBER({atas}),IF({_sah_excel(kiri_)},IF({angka}<={atas},{angka},{x}),{x}),{x}))"


def target_tampil(bawah: Sel, atas: Sel) -> Sel:
    """A target as shown: the number, or "bawah – atas" for a range."""
    if adalah_angka(bawah) and adalah_angka(atas) and bawah < atas:
        return f"{teks_sel(float(bawah))} – {teks_sel(float(atas))}"
    return bawah


def target_tampil_excel(bawah: str, atas: str) -> str:
    # a number joined into a text takes the PC's decimal separator: the comma on every PC, as teks_sel writes it
    teks = f'SUBSTITUTE({bawah}&" – "&{atas},".",",")'
    return f"IF(AND(ISNUMBER({bawah}),ISNUMBER({atas})),IF({bawah}<{atas},{teks},{bawah}),{bawah})"


# --- capaian of a target/realisasi pair -----------------------------------------------------------

_ATURAN = {
    "positif": ("positif", "standar"),
    "standar": ("negatif", "standar"),
    "kebalikan": ("negatif", "kebalikan"),
    "stabil standar": ("stabil", "standar"),
    "stabil kebalikan": ("stabil", "kebalikan"),
}


def capaian_sel(
    aturan_: str,
    target: Sel,
    realisasi: Sel,
    kosong_tanpa_realisasi: bool = False,
    lantai: float | None = 0.0,
    berlantai: bool = True,
    atas: Sel = None,
) -> Sel:
    """`target` the lower bound and `atas` the upper one of a range target (see batas_bawah, batas_atas);
    `lantai`: the floor as a number (capaian.lantai_capaian); berlantai=False: the raw value."""
    if aturan_ not in _ATURAN:  # what is wrong with the polaritas or metode ("" off the matrix), as alasan_excel
        return aturan_
    if _kosong(realisasi) and kosong_tanpa_realisasi:
        return ""
    for nilai, nama in ((realisasi, "realisasi"), (target, "target")):
        if not adalah_angka(nilai):
            return nilai if _teks_tdd(nilai) else tdd(f"{nama} belum diisi")
    # the rule itself (what hitung_capaian does once it has read the cells: here they hold numbers)
    bagi = (float(target), float(atas)) if adalah_angka(atas) and target < atas else float(target)
    mentah = capaian_angka(bagi, float(realisasi), *_ATURAN[aturan_])
    if isinstance(mentah, str):
        return tdd(mentah)
    return dibatasi(mentah, None, lantai) if berlantai else mentah


def target_efektif(realisasi: Sel, bawah: Sel, atas: Sel) -> Sel:
    """The target the rule compares with: a range's nearer bound (the upper one above it), a number itself."""
    if not (adalah_angka(realisasi) and adalah_angka(atas)):
        return ""
    return atas if realisasi > atas and not hampir_sama(realisasi, atas) else bawah


def target_efektif_excel(realisasi: str, bawah: str, atas: str) -> str:
    return f'IF(AND(ISNUMBER({realisasi}),ISNUMBER({atas})),IF({realisasi}>{atas},{atas},{bawah}),"")'


def alasan(nilai: Sel) -> str:
    """Why a capaian (capaian_sel) cannot be computed, "" when it can (or there is nothing yet to compute)."""
    return nilai if isinstance(nilai, str) else ""


def alasan_excel(
    A: str, R: str, B: str, U: str, T: str, tahunan_: bool, status: str = "", baris: str = "", tahun: bool = False
) -> str:
    """The twin of capaian_sel's reasons, in its order: the rule, the realisasi, the target, a negative target, a
    target 0, a realisasi 0 under the kebalikan method. A quarter's realisasi that is a text is shown when it
    says why (the Rumus' status, or its components' result), else it is "belum diisi"; the year's always says why.
    `tahun`: a year of the period (capaian_tahun): no realisasi is no reason, a realisasi text always says why
    (realisasi_tahun), and a target that is not a number is "belum diisi"."""
    if tahun:
        r, b = R, "Pesan_Target_Kosong"
    elif tahunan_:
        r = f'IF({R}="",Pesan_Realisasi_Kosong,{R})'
        b = B
    else:
        r = f'IF(OR({R}="",{status}<>"",ISNUMBER({baris})),{R},Pesan_Realisasi_Kosong)'
        b = "Pesan_Target_Kosong"
    nol = f'IF(AND({T}=0,OR({A}="positif",{R}<>0)),Pesan_Target_Nol,IF(AND({T}<>0,{A}="kebalikan",{R}=0),Pesan_Realisasi_Nol,""))'
    hasil = (
        f"IF(NOT({_sah(A, ATURAN_SAH)}),{A},IF(NOT(ISNUMBER({R})),{r},IF(NOT(ISNUMBER({B})),{b},"
        f'IF({B}<0,Pesan_Target_Negatif,IF(AND({B}<{U},{R}>={B},{R}<={U}),"",{nol})))))'
    )
    return f'IF({R}="","",{hasil})' if tahun else hasil


def _rumus_capaian_excel(A: str, R: str, B: str, U: str, T: str) -> str:
    """The rule's value where alasan_excel found nothing wrong: inside a range 100; a target 0 (only with
    realisasi 0 under a negative rule) 100; stabil: above the target as negatif (its metode), below as positif."""
    naik = f'OR({A}="positif",AND({_salah_satu(A, ("stabil standar", "stabil kebalikan"))},{R}<={T}))'
    return (
        f"IF(AND({B}<{U},{R}>={B},{R}<={U}),100,IF({T}=0,100,IF({naik},{R}/{T}*100,"
        f"IF({_salah_satu(A, ('kebalikan', 'stabil kebalikan'))},{T}/{R}*100,(2*{T}-{R})/{T}*100))))"
    )


def capaian_tw_excel(alasan_: str, A: str, R: str, B: str, U: str, T: str) -> str:
    """A quarter's capaian: its reason, or the rule's value at least the floor; "" before it is reported."""
    return f'IF({alasan_}<>"",{alasan_},IF(ISNUMBER({R}),MAX(Lantai_Efektif,{_rumus_capaian_excel(A, R, B, U, T)}),""))'


def capaian_mentah_excel(alasan_: str, A: str, R: str, B: str, U: str, T: str) -> str:
    """The year's capaian before floor and cap (Capaian Tanpa Batas)."""
    return f'IF({alasan_}<>"",{alasan_},IF(ISNUMBER({R}),{_rumus_capaian_excel(A, R, B, U, T)},""))'


def capaian_dibatasi(mentah: Sel, batas: float | None, lantai: float | None) -> Sel:
    """A capaian within the cap and floor as numbers (batas_efektif, capaian.lantai_capaian)."""
    return dibatasi(mentah, batas, lantai) if adalah_angka(mentah) else mentah


def capaian_dibatasi_excel(mentah: str) -> str:
    return f"IF(ISNUMBER({mentah}),MIN(Batas_Efektif,MAX(Lantai_Efektif,{mentah})),{mentah})"


# --- the year so far ------------------------------------------------------------------------------


def tahunan(
    hidup_: bool,
    sifat: str,
    status: str,
    realisasi: Sequence[Sel],
    target: Sequence[Sel],
    target_tahunan: Sel,
    komponen: Sequence[Mapping[str, Sel]] = (),
    rumus: Rumus | None = None,
    diketik: Sel = None,
) -> tuple[Sel, Sel]:
    """(realisasi s.d. the last reported quarter, the target of the same quarters); `diketik`: the year's realisasi
    typed on IKU where it stands for the year (tahun_diketik), then against the year's target, whatever the sifat."""
    if not hidup_:
        return "", ""
    if diketik is not None:
        return diketik, target_tahunan if adalah_angka(target_tahunan) else PESAN["Pesan_Target_Kosong"]
    for galat in (sifat, status):
        if _teks_tdd(galat):
            return galat, galat
    t = agregasi_tahunan(sifat, realisasi, target, target_tahunan, komponen, rumus)
    if not t.triwulan:
        return "", ""
    return (t.realisasi if t.realisasi is not None else tdd(t.alasan), t.target if t.target is not None else tdd(t.alasan_target))


def tahun_galat(hidup_: bool, sifat: str, status: str) -> str:
    """Why the year cannot be aggregated (the sifat or the Rumus' status says), "" when it can."""
    if not hidup_:
        return ""
    return sifat if sifat not in SIFAT_SAH else status


def tahun_galat_excel(hidup_: str, sifat: str, status: str) -> str:
    return f'IF(NOT({hidup_}),"",IF(NOT({_sah(sifat, SIFAT_SAH)}),{sifat},{status}))'


def jumlah_lapor(lapor_: Sequence[bool]) -> int:
    return sum(map(bool, lapor_))


def jumlah_lapor_excel(lapor_: Sequence[str]) -> str:
    return "+".join(lapor_)


def _terakhir(bendera: Sequence[str], nilai: Sequence[str], lain: str) -> str:
    """The value of the last quarter whose condition holds (built from I up, so IV is tested first)."""
    hasil = lain
    for b, n in zip(bendera, nilai):
        hasil = f"IF({b},{n},{hasil})"
    return hasil


def tw_akhir(lapor_: Sequence[bool]) -> int:
    """The last quarter reported (1–4), 0 for none."""
    for q in reversed(range(len(lapor_))):
        if lapor_[q]:
            return q + 1
    return 0


def tw_akhir_excel(lapor_: Sequence[str]) -> str:
    return _terakhir(lapor_, [str(q) for q in range(1, 5)], "0")


def tw_tanpa_target(lapor_: Sequence[bool], batas: Sequence[Sel]) -> int:
    """The first quarter reported whose target (this bound) is not a number, 0 for none."""
    for q, (x, t) in enumerate(zip(lapor_, batas), 1):
        if x and not adalah_angka(t):
            return q
    return 0


def tw_tanpa_target_excel(lapor_: Sequence[str], batas: Sequence[str]) -> str:
    hasil = "0"
    for q in reversed(range(4)):
        hasil = f"IF(AND({lapor_[q]},NOT(ISNUMBER({batas[q]}))),{q + 1},{hasil})"
    return hasil


def _target_tw_kosong_excel(q: str) -> str:
    nama = ",".join(teks_excel(t) for t in TRIWULAN)
    return f"Pesan_Target_Triwulan&CHOOSE({q},{nama})&Pesan_Belum_Diisi"


def tahun_diketik(jumlah: int, diketik: Sel) -> bool:
    """Whether the reporting year's realisasi is its yearly figure typed on IKU (a number), no quarter reported:
    then the year's capaian (Realisasi's Capaian, and all that reads it) is that figure's against the year's
    target, as the yearly block's; once a quarter is reported the quarters give it, as before."""
    return jumlah == 0 and adalah_angka(diketik)


def tahun_diketik_excel(jumlah: str, diketik: str) -> str:
    return f"AND({jumlah}=0,ISNUMBER({diketik}))"


def realisasi_tahunan_excel(
    diketik_: str, diketik: str, galat: str, jumlah: str, sifat: str, realisasi: str, rasio: str, akhir: str
) -> str:
    """The realisasi of the year so far, by sifat (the typed year's where tahun_diketik); `realisasi`: the four
    quarters' range on the row. No quarter reported and nothing wrong: "" (galat is then "")."""
    return (
        f'IF({diketik_},{diketik},IF(OR({galat}<>"",{jumlah}=0),{galat},IF({sifat}="kumulatif",SUM({realisasi}),'
        f'IF({sifat}="rata-rata",AVERAGE({realisasi}),IF({sifat}="rasio",{rasio},INDEX({realisasi},{akhir}))))))'
    )


def target_sd_excel(
    diketik_: str, galat: str, jumlah: str, sifat: str, batas: str, lapor_: str, batas_tahunan: str, tanpa_target: str, akhir: str
) -> str:
    """A bound of the target of the quarters reported so far: the year's when all four are (or the year's realisasi
    is typed, tahun_diketik); kumulatif their sum, rata-rata their average; akhir periode and rasio the last one's.
    `batas` and `lapor_`: the quarters' ranges."""
    terakhir = f"INDEX({batas},{akhir})"
    jumlah_t = f"SUMIFS({batas},{lapor_},TRUE)"
    return (
        f"IF({diketik_},IF(ISNUMBER({batas_tahunan}),{batas_tahunan},Pesan_Target_Kosong),"
        f'IF(OR({galat}<>"",{jumlah}=0),{galat},IF(AND({jumlah}=4,ISNUMBER({batas_tahunan})),{batas_tahunan},'
        f"IF({_sah(sifat, ('kumulatif', 'rata-rata'))},IF({tanpa_target}>0,{_target_tw_kosong_excel(tanpa_target)},"
        f'{jumlah_t}/IF({sifat}="kumulatif",1,{jumlah})),'
        f"IF(ISNUMBER({terakhir}),{terakhir},{_target_tw_kosong_excel(akhir)})))))"
    )


def target_tahunan(hidup_: bool, nilai_iku: Sel) -> Sel:
    """The year's target cell on IKU as it is (a range text too); "" when the year is outside the period."""
    return cermin(hidup_, nilai_iku)


def target_tahunan_excel(hidup_: str, ref_iku: str) -> str:
    return f'IF({hidup_},IF(ISERROR({ref_iku}),"",IF({ref_iku}="","",{ref_iku})),"")'


# --- kategori -------------------------------------------------------------------------------------


def kategori_sel(capaian: Sel, skala: Skala) -> Sel:
    if capaian == "":
        return ""
    return skala.kategori(capaian)


def kategori_excel(capaian: str, skala: Skala) -> str:
    """The band of Referensi's whole scale block (Skala_Op, Skala_Batas, Skala_Label) a capaian falls in, in any
    order of its rows: the bands it reaches are counted, and that many-th smallest bound is its band's
    (SMALL and SUMPRODUCT need no array entry); below every bound, the band without one (Skala_Bawah)."""
    if skala.rusak:
        return f'IF({capaian}="","",{teks_excel(skala.kategori(None))})'
    c = capaian
    dicapai = (
        f'SUMPRODUCT(ISNUMBER(Skala_Batas)*((TRIM(Skala_Op)=">")*({c}>Skala_Batas)+(TRIM(Skala_Op)<>">")*({c}>=Skala_Batas)))'
    )
    pita = f"IFERROR(INDEX(Skala_Label,MATCH(SMALL(Skala_Batas,{dicapai}),Skala_Batas,0)),Skala_Bawah)"
    return f'IF({c}="","",IF(ISNUMBER({c}),{pita},Pesan_Kategori_Tidak_Dihitung))'


def perhatian(hidup_: bool, capaian: Sel, kategori: Sel, rendah: Sequence[str]) -> bool:
    """An indicator in force with no capaian, or in one of the scale's two lowest bands (`rendah`, their labels;
    compared regardless of case, as Excel's = does): Ringkasan lists it."""
    return hidup_ is True and (not adalah_angka(capaian) or str(kategori).casefold() in [r.casefold() for r in rendah])


def perhatian_excel(hidup_: str, capaian: str, kategori: str) -> str:
    return f"AND({hidup_},OR(NOT(ISNUMBER({capaian})),{kategori}=Pita_Terendah,{kategori}=Pita_Terendah_2))"


# --- every year of the period ---------------------------------------------------------------------
# Realisasi's yearly block (skema.kolom_tahunan): a column per year of the period by its place in it; `lst` the
# block's six values (Python) or cells (Excel), `ke` a place (1 = Periode awal).


def realisasi_tahun(hidup_: bool, diketik: Sel, tahun_ini: bool, jumlah: int, dari_tw: Sel) -> Sel:
    """A year's realisasi: as typed on IKU (a text is no number: it says so), else for the reporting year what
    its quarters give by sifat (Realisasi s.d. TW Terakhir, or why not) once a quarter is reported; else ""."""
    if not hidup_:
        return ""
    if not _kosong(diketik):
        return diketik if adalah_angka(diketik) else PESAN["Pesan_Realisasi_Bukan_Angka"]
    return dari_tw if tahun_ini and jumlah > 0 else ""


def realisasi_tahun_excel(hidup_: str, diketik: str, tahun_ini: str, jumlah: str, dari_tw: str) -> str:
    return (
        f'IF(NOT({hidup_}),"",IF({diketik}<>"",IF(ISNUMBER({diketik}),{diketik},Pesan_Realisasi_Bukan_Angka),'
        f'IF(AND({tahun_ini},{jumlah}>0),{dari_tw},"")))'
    )


def dari_tw(tahun_ini: bool, diketik: Sel, jumlah: int) -> bool:
    """Whether a year's realisasi comes from the reporting year's quarters (realisasi_tahun): none typed, one reported."""
    return bool(tahun_ini) and _kosong(diketik) and jumlah > 0


def dari_tw_excel(tahun_ini: str, diketik: str, jumlah: str) -> str:
    return f'AND({tahun_ini},{diketik}="",{jumlah}>0)'


def pilih_excel(syarat: str, ya: str, tidak: str) -> str:
    """IF, where the condition may be the constant FALSE (then the formula is its other side alone)."""
    return tidak if syarat == "FALSE" else f"IF({syarat},{ya},{tidak})"


def capaian_tahun(aturan_: str, bawah: Sel, realisasi: Sel, atas: Sel) -> Sel:
    """A year's capaian before floor and cap (capaian_sel), "" for a year with no realisasi (whatever the rule)."""
    return "" if _kosong(realisasi) else capaian_sel(aturan_, bawah, realisasi, berlantai=False, atas=atas)


def akhir_periode(lst: Sequence[Sel], n: int) -> Sel:
    """The value of the period's last year (the n-th), "" for a period longer than the block."""
    return lst[n - 1] if 1 <= n <= len(lst) else ""


def _pilih_ke(ke: str, lst: Sequence[str]) -> str:
    """The ke-th of the block's cells, each named: LibreOffice orders its calculation by the cells a formula names,
    and an INDEX into the block whose place is a named formula was computed before the cells it reads."""
    return f"CHOOSE({ke},{','.join(lst)})"


def akhir_periode_excel(lst: Sequence[str]) -> str:
    return f'IFERROR({_pilih_ke("Periode_Panjang", lst)},"")'


def terakhir(lst: Sequence[Sel]) -> Sel:
    """The latest year's value that is a number, "" when none is."""
    for x in reversed(lst):
        if adalah_angka(x):
            return x
    return ""


def terakhir_excel(lst: Sequence[str]) -> str:
    return _terakhir([f"ISNUMBER({c})" for c in lst], list(lst), '""')


def tahun_terakhir(lst: Sequence[Sel], awal: int) -> Sel:
    """The year of that value."""
    for k in reversed(range(len(lst))):
        if adalah_angka(lst[k]):
            return awal + k
    return ""


def tahun_terakhir_excel(lst: Sequence[str]) -> str:
    return _terakhir([f"ISNUMBER({c})" for c in lst], [f"Pengaturan_Periode_Awal+{k}" for k in range(len(lst))], '""')


def tahun_ini(lst: Sequence[Sel], ke: int) -> Sel:
    """The reporting year's value in the block, "" when it lies outside it."""
    return lst[ke - 1] if 1 <= ke <= len(lst) else ""


def tahun_ini_excel(lst: Sequence[str]) -> str:
    return f'IF(AND(Tahun_Ke>=1,Tahun_Ke<={len(lst)}),{_pilih_ke("Tahun_Ke", lst)},"")'


def tahun_lalu(lst: Sequence[Sel], ke: int, kondisi_awal: Sel) -> Sel:
    """The year before the reporting year: the block's value, or Kondisi Awal before the period's first year."""
    if ke == 1:
        return kondisi_awal
    return lst[ke - 2] if 2 <= ke <= len(lst) + 1 else ""


def tahun_lalu_excel(lst: Sequence[str], kondisi_awal: str) -> str:
    return f'IF(Tahun_Ke=1,{kondisi_awal},IF(AND(Tahun_Ke>=2,Tahun_Ke<={len(lst) + 1}),{_pilih_ke("Tahun_Ke-1", lst)},""))'


def perubahan(polaritas: str, ini: Sel, lalu: Sel) -> str:
    """The reporting year's realisasi against the year before: naik, turun or tetap, judged by the polaritas
    (positif: up is better; negatif: down is better; stabil: the direction alone, the target decides)."""
    if not (adalah_angka(ini) and adalah_angka(lalu)):
        return ""
    if hampir_sama(ini, lalu):
        return PESAN["Pesan_Tetap"]
    naik = ini > lalu
    baik = {"positif": naik, "negatif": not naik}.get(polaritas)
    nilai = "" if baik is None else PESAN["Pesan_Membaik"] if baik else PESAN["Pesan_Memburuk"]
    return PESAN["Pesan_Naik" if naik else "Pesan_Turun"] + nilai


def perubahan_excel(polaritas: str, ini: str, lalu: str) -> str:
    n = f"{ini}>{lalu}"
    nilai = (
        f'IF({polaritas}="positif",IF({n},Pesan_Membaik,Pesan_Memburuk),'
        f'IF({polaritas}="negatif",IF({n},Pesan_Memburuk,Pesan_Membaik),""))'
    )
    return f'IF(AND(ISNUMBER({ini}),ISNUMBER({lalu})),IF({ini}={lalu},Pesan_Tetap,IF({n},Pesan_Naik,Pesan_Turun)&{nilai}),"")'


def beda_tahun(hidup_: bool, jumlah: int, diketik: Sel, dari_tw: Sel) -> str:
    """Whether the reporting year's realisasi typed on IKU disagrees with what its four reported quarters give."""
    if hidup_ and jumlah == 4 and adalah_angka(diketik) and adalah_angka(dari_tw) and not hampir_sama(diketik, dari_tw):
        return PESAN["Pesan_Realisasi_Tahun_Beda"]
    return ""


def beda_tahun_excel(hidup_: str, jumlah: str, diketik: str, dari_tw: str) -> str:
    return f'IF(AND({hidup_},{jumlah}=4,ISNUMBER({diketik}),ISNUMBER({dari_tw})),IF({diketik}={dari_tw},"",Pesan_Realisasi_Tahun_Beda),"")'
