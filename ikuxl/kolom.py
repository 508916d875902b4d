"""The computed cells of the Realisasi sheet, each rule twice, side by side:
as Python over the cells' values, and as the native Excel formula ikuxl writes.

The Python side models what the formula does with the same cells (a text in a
number cell counts as "not filled", as in Excel), so the two agree on every
value; the oracle tests check that with LibreOffice. The domain rules themselves
live in capaian.py and rumus.py; this module only places them in cells.

Cell texts: "" for a quarter not reported yet; "tidak dapat dihitung: <alasan>"
for a value that cannot be computed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Sequence

from .capaian import (
    METODE_NEGATIF,
    SINONIM_POLARITAS,
    SINONIM_SIFAT,
    TRIWULAN,
    Skala,
    agregasi_tahunan,
    dibatasi,
    hitung_capaian,
    lantai_capaian,
    normalkan_metode,
    normalkan_polaritas,
    normalkan_sifat,
)
from .nilai import adalah_angka
from .rumus import TIDAK_DAPAT_DIHITUNG, Rumus, RumusError, teks_excel, teks_tidak_dapat_dihitung

Sel = object  # a cell value: number, text, None


def tdd(alasan: str) -> str:
    return teks_tidak_dapat_dihitung(alasan)


def _kosong(x: Sel) -> bool:
    return x is None or x == ""


def _teks_tdd(x: Sel) -> bool:
    return isinstance(x, str) and x[: len(TIDAK_DAPAT_DIHITUNG)].lower() == TIDAK_DAPAT_DIHITUNG


def _ex_tdd(ref: str) -> str:
    return f'LEFT({ref},{len(TIDAK_DAPAT_DIHITUNG)})="{TIDAK_DAPAT_DIHITUNG}"'


# --- what a row's cells say about its indicator ------------------------------------------------
# Excel compares texts regardless of case, TRIM folds runs of spaces, and a cell's text is what
# `cell&""` gives; the Python side reads the same cells the same way.


def teks_sel(x: Sel) -> str:
    """A cell's value as `cell&""` gives it in a spreadsheet set to Indonesian (decimal comma)."""
    if x is None:
        return ""
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, float):
        return str(int(x)) if x.is_integer() else f"{x:.15g}".replace(".", ",")  # 15 significant digits
    return str(x)


def _trim(teks: str) -> str:
    """Excel's TRIM: no spaces at the ends, single spaces inside."""
    return " ".join(t for t in teks.split(" ") if t)


def _clean(teks: str) -> str:
    """Excel's CLEAN: without the control characters 0–31."""
    return "".join(c for c in teks if ord(c) >= 32)


def _pesan(normalkan, sisipan: str) -> tuple[str, str]:
    """The core's message for an unknown value, split where the value goes: one wording for both sides."""
    try:
        normalkan(sisipan)
    except ValueError as e:
        awal, akhir = str(e).split(sisipan)
        return tdd(awal), akhir
    raise AssertionError(sisipan)


def _pesan_excel(normalkan, nilai: str) -> str:
    awal, akhir = _pesan(normalkan, "\x00")
    return f"{teks_excel(awal)}&{nilai}&{teks_excel(akhir)}"


def _pesan_py(normalkan, nilai: str) -> str:
    awal, akhir = _pesan(normalkan, "\x00")
    return awal + nilai + akhir


def _salah_satu(ref: str, pilihan) -> str:
    return f"OR({','.join(f'{ref}={teks_excel(p)}' for p in pilihan)})" if len(pilihan) > 1 else f"{ref}={teks_excel(pilihan[0])}"


def _sinonim(peta: Mapping[str, str]) -> dict[str, list[str]]:
    hasil: dict[str, list[str]] = {}
    for teks, baku in peta.items():
        hasil.setdefault(baku, []).append(teks)
    return hasil


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


def aturan(hidup_: bool, polaritas: Sel, metode: Sel) -> str:
    """The capaian rule of a row: "positif"; "standar" or "kebalikan" (negative polarity); "stabil standar"
    or "stabil kebalikan"; a "tidak dapat dihitung" text naming what is wrong with polaritas or metode;
    "" off the matrix."""
    if not hidup_:
        return ""
    m = _trim(teks_sel(metode))
    met = m.lower() if m.lower() in ("", *METODE_NEGATIF) else _pesan_py(normalkan_metode, m)
    met = met or "standar"
    p = _trim(teks_sel(polaritas))
    baku = SINONIM_POLARITAS.get(p.lower())
    if not p:
        return tdd("polaritas belum diisi")
    if baku is None:
        return _pesan_py(normalkan_polaritas, p)
    if baku == "positif" or _teks_tdd(met):
        return met if _teks_tdd(met) else "positif"
    return met if baku == "negatif" else f"stabil {met}"


def aturan_excel(hidup_: str, polaritas: str, metode: str) -> str:
    m, p = f'TRIM({metode}&"")', f'TRIM({polaritas}&"")'
    met = (
        f'IF(OR({m}="",{_salah_satu(m, list(METODE_NEGATIF)[:1])}),{teks_excel("standar")},'
        + "".join(f"IF({m}={teks_excel(k)},{teks_excel(k)}," for k in list(METODE_NEGATIF)[1:])
        + _pesan_excel(normalkan_metode, m)
        + ")" * len(list(METODE_NEGATIF)[1:])
        + ")"
    )
    pol = _sinonim(SINONIM_POLARITAS)
    return (
        f'IF(NOT({hidup_}),"",IF({p}="",{teks_excel(tdd("polaritas belum diisi"))},'
        f'IF({_salah_satu(p, pol["positif"])},IF({_ex_tdd(met)},{met},"positif"),'
        f"IF({_salah_satu(p, pol['negatif'])},{met},IF({_salah_satu(p, pol['stabil'])},"
        f'IF({_ex_tdd(met)},{met},"stabil "&{met}),{_pesan_excel(normalkan_polaritas, p)})))))'
    )


def sifat_baku(hidup_: bool, sifat: Sel, ada_komponen: bool) -> str:
    """The sifat of a row in its one spelling, or why there is none ("rasio" needs compiled components)."""
    if not hidup_:
        return ""
    mentah = _trim(teks_sel(sifat))
    s = _trim(mentah.replace("_", " ")).lower()
    if not s:
        return tdd("sifat belum diisi")
    baku = SINONIM_SIFAT.get(s)
    if baku is None:
        return _pesan_py(normalkan_sifat, mentah)
    if baku == "rasio" and not ada_komponen:
        return tdd("sifat rasio memerlukan rumus dengan komponen")
    return baku


def sifat_baku_excel(hidup_: str, sifat: str, baris_komponen: str) -> str:
    s = f'TRIM(SUBSTITUTE({sifat}&"","_"," "))'
    hasil = _pesan_excel(normalkan_sifat, f'TRIM({sifat}&"")')
    for baku, sinonim in reversed(_sinonim(SINONIM_SIFAT).items()):
        isi = (
            f'IF(ISNUMBER({baris_komponen}),"rasio",{teks_excel(tdd("sifat rasio memerlukan rumus dengan komponen"))})'
            if baku == "rasio"
            else teks_excel(baku)
        )
        hasil = f"IF({_salah_satu(s, sinonim)},{isi},{hasil})"
    return f'IF(NOT({hidup_}),"",IF({s}="",{teks_excel(tdd("sifat belum diisi"))},{hasil}))'


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

RUMUS_BERUBAH = tdd("Rumus berubah sejak terakhir dihitung — jalankan Hitung Capaian")
RUMUS_BELUM_DIHITUNG = tdd("Rumus berkomponen belum dihitung — jalankan Hitung Capaian")
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
        f'{teks_excel(RUMUS_BERUBAH)}),IF(ISNUMBER(SEARCH("[",{rumus}&"")),{teks_excel(RUMUS_BELUM_DIHITUNG)},"")))'
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
    if all(_kosong(v) for v in komponen.values()):
        return ""
    return rumus.hitung(komponen).teks


def realisasi_tw_excel(rumus: Rumus, ref: Mapping[str, str]) -> str:
    semua_kosong = ",".join(f'{r}=""' for r in ref.values())
    return f'IF(AND({semua_kosong}),"",{rumus.ke_excel(ref)[1:]})'


def komponen_lengkap(komponen: Mapping[str, Sel]) -> bool:
    return all(adalah_angka(v) for v in komponen.values())


def komponen_lengkap_excel(rentang: str, jumlah: int) -> str:
    return f"COUNT({rentang})={jumlah}"


def rasio_tahunan(rumus: Rumus, komponen: Sequence[Mapping[str, Sel]]) -> Sel:
    t = agregasi_tahunan("rasio", komponen_tw=komponen, rumus=rumus)
    return "" if not t.triwulan else t.realisasi if t.realisasi is not None else tdd(t.alasan)


def rasio_tahunan_excel(rumus: Rumus, komponen: Sequence[Mapping[str, str]], lengkap: Sequence[str]) -> str:
    """The Rumus over each component summed across the quarters where all of them are filled."""
    jumlah = {n: "(" + "+".join(f"IF({lengkap[q]},{komponen[q][n]},0)" for q in range(4)) + ")" for n in komponen[0]}
    return f'IF(OR({",".join(lengkap)}),{rumus.ke_excel(jumlah, angka=True)[1:]},"")'


# --- a range target ("80 - 90") typed in a target cell --------------------------------------------
# The workbook reads two numbers of digits with at most one decimal separator ("," or ".") and at most
# two decimals, between "-", "–", "—", "s.d." or "s/d", so "1.500" (a thousands point) is never read as
# 1,5. A number is its own two bounds; what the workbook cannot read stays as it is (a text: "target
# belum diisi"), and Validasi says how to write it (RENTANG_TEKS). Helper columns keep each formula short
# without LET, which Excel 2010 lacks.

PEMISAH_RENTANG = ("–", "—", "s.d.", "s/d")  # each read as "-"
CARA_RENTANG = (
    "seperti 80 - 90 atau 2,5 s.d. 3,5: dua angka tanpa satuan dan tanpa titik ribuan, "
    "paling banyak dua desimal"
)  # how to write one, in the prompts, Petunjuk and Validasi
_DIGIT_MAKS = 15


def teks_rentang(x: Sel) -> str:
    """A text target cell in lower case, its separators as "-" and its decimal commas as points."""
    if not isinstance(x, str):
        return ""
    t = _trim(x).lower()
    for p in PEMISAH_RENTANG:
        t = t.replace(p, "-")
    return t.replace(",", ".")


def teks_rentang_excel(x: str) -> str:
    t = f"LOWER(TRIM({x}))"
    for p in PEMISAH_RENTANG:
        t = f'SUBSTITUTE({t},"{p}","-")'
    return f'IF(ISTEXT({x}),SUBSTITUTE({t},",","."),"")'


def _angka_batas(s: str) -> float | None:
    n, p = len(s), (s + ".").find(".") + 1  # p as Excel's FIND counts
    digit = sum(c in "0123456789" for c in s[:_DIGIT_MAKS])
    if not (p > 1 and p != n and n - p <= 2 and n <= _DIGIT_MAKS and digit == n - (p <= n)):
        return None
    return float(s[: p - 1]) + (float(s[p : p + 2]) / 10 ** (n - p) if p < n else 0)


def _sah_excel(s: str) -> str:
    p, n = f'FIND(".",{s}&".")', f"LEN({s})"
    posisi = ",".join(str(i) for i in range(1, _DIGIT_MAKS + 1))
    return f"AND({p}>1,{p}<>{n},{n}-{p}<=2,{n}<={_DIGIT_MAKS},SUMPRODUCT(--ISNUMBER(-MID({s},{{{posisi}}},1)))={n}-({p}<={n}))"


def _angka_batas_excel(s: str) -> str:
    p, n = f'FIND(".",{s}&".")', f"LEN({s})"
    return f"VALUE(LEFT({s},{p}-1))+IF({p}<{n},VALUE(MID({s},{p}+1,2))/10^({n}-{p}),0)"


def batas_atas(x: Sel, teks: str) -> Sel:
    """The upper bound of a target cell `x` whose teks_rentang is `teks` (a number is its own bound)."""
    if adalah_angka(x) or teks.count("-") != 1:
        return x
    atas = _angka_batas(_trim(teks.split("-")[1]))
    return x if atas is None else atas


def batas_atas_excel(x: str, teks: str) -> str:
    kanan = f'TRIM(MID({teks},FIND("-",{teks})+1,LEN({teks})))'
    return (
        f'IF(ISNUMBER({x}),{x},IF(LEN({teks})-LEN(SUBSTITUTE({teks},"-",""))=1,'
        f"IF({_sah_excel(kanan)},{_angka_batas_excel(kanan)},{x}),{x}))"
    )


def batas_bawah(x: Sel, teks: str, atas: Sel) -> Sel:
    """The lower bound: read only where the upper one was (so each formula reads one side), and not above it."""
    if adalah_angka(x) or not adalah_angka(atas):
        return x
    bawah = _angka_batas(_trim(teks.split("-")[0]))
    return bawah if bawah is not None and bawah <= atas else x


def batas_bawah_excel(x: str, teks: str, atas: str) -> str:
    kiri = f'TRIM(LEFT({teks},FIND("-",{teks})-1))'
    angka = _angka_batas_excel(kiri)
    return f"IF(ISNUMBER({x}),{x},IF(ISNUMBER({atas}),IF({_sah_excel(kiri)},IF({angka}<={atas},{angka},{x}),{x}),{x}))"


def rentang_terbaca(x: Sel) -> bool:
    """A text target the workbook reads as a range."""
    teks = teks_rentang(x)
    return isinstance(x, str) and adalah_angka(batas_bawah(x, teks, batas_atas(x, teks)))


def target_tampil(bawah: Sel, atas: Sel) -> Sel:
    """A target as shown: the number, or "bawah – atas" for a range."""
    if adalah_angka(bawah) and adalah_angka(atas) and bawah < atas:
        return f"{teks_sel(float(bawah))} – {teks_sel(float(atas))}"
    return bawah


def target_tampil_excel(bawah: str, atas: str) -> str:
    return f'IF(AND(ISNUMBER({bawah}),ISNUMBER({atas})),IF({bawah}<{atas},{bawah}&" – "&{atas},{bawah}),{bawah})'


# --- capaian of a target/realisasi pair -----------------------------------------------------------

_ATURAN = {
    "positif": ("positif", None),
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
    lantai: Sel = None,
    berlantai: bool = True,
    atas: Sel = None,
) -> Sel:
    """`target` the lower bound and `atas` the upper one of a range target (see batas_bawah, batas_atas);
    `lantai`: the floor setting's cell value (see capaian.lantai_capaian); berlantai=False: the raw value."""
    if aturan_ == "" or _teks_tdd(aturan_):
        return aturan_
    if _kosong(realisasi) and kosong_tanpa_realisasi:
        return ""
    for nilai, nama in ((realisasi, "realisasi"), (target, "target")):
        if not adalah_angka(nilai):
            return nilai if _teks_tdd(nilai) else tdd(f"{nama} belum diisi")
    if adalah_angka(atas) and target < atas:
        target = (target, atas)
    hasil = hitung_capaian(target, realisasi, *_ATURAN[aturan_], lantai=lantai_capaian(lantai) if berlantai else None)
    return hasil.nilai if hasil.nilai is not None else tdd(hasil.alasan)


def capaian_excel(
    aturan_: str,
    target: str,
    realisasi: str,
    kosong_tanpa_realisasi: bool = False,
    lantai: str | None = None,
    atas: str | None = None,
) -> str:
    """`atas`: the upper bound's cell of a range target; `lantai`: the floor setting's cell (None: the raw value)."""
    A, R = aturan_, realisasi
    # a range: inside it 100; outside, the nearer bound is the target (capaian.hitung_capaian)
    T = target if atas is None else f"IF({R}>{atas},{atas},{target})"
    nol = f'IF({A}="positif",{teks_excel(tdd("target 0"))},IF({R}=0,100,{teks_excel(tdd("target 0"))}))'
    # stabil: above the target as negatif (its metode), below as positif
    naik = f'OR({A}="positif",AND(LEFT({A},6)="stabil",{R}<={T}))'
    rumus = (
        f'IF({naik},{R}/{T}*100,IF(RIGHT({A},9)="kebalikan",IF({R}=0,'
        f"{teks_excel(tdd('realisasi 0 (metode target/realisasi)'))},{T}/{R}*100),(2*{T}-{R})/{T}*100))"
    )
    hitung = f"IF({T}=0,{nol},{_berlantai(rumus, lantai)})"
    if atas is not None:
        hitung = f"IF(AND({target}<{atas},{R}>={target},{R}<={atas}),{_berlantai('100', lantai)},{hitung})"
    hitung = f"IF({target}<0,{teks_excel(tdd('target negatif'))},{hitung})"
    for ref, nama in ((target, "target"), (R, "realisasi")):
        hitung = f"IF(ISNUMBER({ref}),{hitung},IF({_ex_tdd(ref)},{ref},{teks_excel(tdd(f'{nama} belum diisi'))}))"
    if kosong_tanpa_realisasi:
        hitung = f'IF({R}="","",{hitung})'
    return f'IF(OR({A}="",{_ex_tdd(A)}),{A},{hitung})'


def _lantai_excel(x: str, lantai: str) -> str:
    """x at least the floor the setting's cell says (capaian.lantai_capaian): a number; blank 0; a text none."""
    return f'IF(ISNUMBER({lantai}),MAX({lantai},{x}),IF({lantai}="",MAX(0,{x}),{x}))'


def _berlantai(rumus: str, lantai: str | None) -> str:
    """The floor applied to a number, a text (from IF) kept as it is."""
    if lantai is None:
        return rumus
    if rumus.startswith("IF("):
        return f"IF(ISNUMBER({rumus}),{_lantai_excel(rumus, lantai)},{rumus})"
    return _lantai_excel(rumus, lantai)


def capaian_dibatasi(mentah: Sel, batas: Sel, lantai: Sel = None) -> Sel:
    if adalah_angka(mentah):
        return dibatasi(mentah, float(batas) if adalah_angka(batas) else None, lantai_capaian(lantai))
    return mentah


def capaian_dibatasi_excel(mentah: str, batas: str, lantai: str) -> str:
    x = _lantai_excel(mentah, lantai)
    return f"IF(ISNUMBER({mentah}),IF(ISNUMBER({batas}),MIN({batas},{x}),{x}),{mentah})"


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
) -> tuple[Sel, Sel]:
    """(realisasi s.d. the last reported quarter, the target of the same quarters)."""
    if not hidup_:
        return "", ""
    for galat in (sifat, status):
        if _teks_tdd(galat):
            return galat, galat
    t = agregasi_tahunan(sifat, realisasi, target, target_tahunan, komponen, rumus)
    if not t.triwulan:
        return "", ""
    return (t.realisasi if t.realisasi is not None else tdd(t.alasan), t.target if t.target is not None else tdd(t.alasan_target))


def tahunan_excel(
    hidup_: str,
    sifat: str,
    status: str,
    realisasi: Sequence[str],
    target: Sequence[str],
    target_tahunan: str,
    lapor_: Sequence[str],
    rasio: str,
) -> tuple[str, str]:
    """Generic over sifat (read from its cell); `rasio`: the compiled year of a rasio indicator."""
    f, R = lapor_, list(realisasi)

    def bungkus(isi: str) -> str:
        return (
            f'IF(NOT({hidup_}),"",IF({_ex_tdd(sifat)},{sifat},IF({_ex_tdd(status)},{status},'
            f'IF(NOT(OR({",".join(f)})),"",{isi}))))'
        )

    realisasi_f = (
        f'IF({sifat}="kumulatif",SUM({",".join(R)}),IF({sifat}="rata-rata",AVERAGE({",".join(R)}),'
        f'IF({sifat}="rasio",{rasio},{_terakhir(f, R, chr(34) * 2)})))'
    )

    def cek(q: int) -> str:
        return teks_excel(tdd(f"target triwulan {TRIWULAN[q]} belum diisi"))

    jumlah_t = "+".join(f"IF({f[q]},{target[q]},0)" for q in range(4))
    isi = f'IF({sifat}="kumulatif",{jumlah_t},({jumlah_t})/({"+".join(f"IF({b},1,0)" for b in f)}))'
    for q in reversed(range(4)):
        isi = f"IF(AND({f[q]},NOT(ISNUMBER({target[q]}))),{cek(q)},{isi})"
    akhir = _terakhir(f, [f"IF(ISNUMBER({target[q]}),{target[q]},{cek(q)})" for q in range(4)], '""')
    lengkap = f"AND({','.join(f)},ISNUMBER({target_tahunan}))"
    target_f = f'IF({lengkap},{target_tahunan},IF(OR({sifat}="kumulatif",{sifat}="rata-rata"),{isi},{akhir}))'
    return bungkus(realisasi_f), bungkus(target_f)


def _terakhir(bendera: Sequence[str], nilai: Sequence[str], lain: str) -> str:
    """The value of the last quarter whose condition holds (built from I up, so IV is tested first)."""
    hasil = lain
    for b, n in zip(bendera, nilai):
        hasil = f"IF({b},{n},{hasil})"
    return hasil


def target_tahunan(hidup_: bool, nilai_iku: Sel) -> Sel:
    """The year's target cell on IKU as it is (a range text too); "" when the year is outside the period."""
    return cermin(hidup_, nilai_iku)


def target_tahunan_excel(hidup_: str, ref_iku: str) -> str:
    return f'IF({hidup_},IF(ISERROR({ref_iku}),"",IF({ref_iku}="","",{ref_iku})),"")'


# --- kategori -------------------------------------------------------------------------------------

KATEGORI_TDD = "Tidak dapat dihitung"


def kategori_sel(capaian: Sel, skala: Skala) -> Sel:
    if capaian == "":
        return ""
    return skala.kategori(capaian)


def kategori_excel(capaian: str, skala: Skala, ref_pita: Sequence[tuple[str, str]]) -> str:
    """Nested IF over the scale's cells on Referensi; `ref_pita` gives (batas, label) cell
    references of the bands in the order of `skala.pita` (highest first)."""
    if skala.rusak:
        return f'IF({capaian}="","",{teks_excel(skala.kategori(None))})'
    hasil = teks_excel(KATEGORI_TDD)
    for pita, (batas, label) in reversed(list(zip(skala.pita, ref_pita))):
        if pita.batas is None:
            hasil = label
        else:
            syarat = f"{capaian}>={batas}" if pita.inklusif else f"{capaian}>{batas}"
            hasil = f"IF({syarat},{label},{hasil})"
    return f'IF({capaian}="","",IF(ISNUMBER({capaian}),{hasil},{teks_excel(KATEGORI_TDD)}))'
