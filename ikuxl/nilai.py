"""Numbers and units as they are typed in Indonesian IKU documents.

"9,85 Ha", "1.234,5", "20 Unit", "10%", "1.500bh", "-", "N/A", "BB", "80 - 90", "1:32", "104,84*",
"Rp1,846 juta".
A number that could be read two ways ("1.500": 1500 or 1,5) is reported as
ambiguous instead of guessed, unless its unit decides: a count takes the whole
number ("1.500 bh"), a measure or a multiplier takes the comma as the Indonesian
decimal comma ("25,478 km", "1,846 juta"). A ratio "1:N" is read as N. A footnote
mark after a number ("104,84*", "88¹", "76 a)") is noted, not read as a unit.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache


SATUAN_PREDIKAT = "Predikat"

# Ordinal value of each predikat: nilai SAKIP (D … AA) and opini BPK (TMP … WTP).
PREDIKAT = {"D": 1, "C": 2, "CC": 3, "B": 4, "BB": 5, "A": 6, "AA": 7, "TMP": 1, "TW": 2, "WDP": 3, "WTP": 4}

# A ratio "1:N" is read as N with this unit.
SATUAN_RASIO = "1:N"

# Units that count whole things: "1.500 Unit" can only be one thousand five hundred.
SATUAN_CACAH = {
    "unit",
    "bh",
    "buah",
    "orang",
    "dokumen",
    "perumahan",
    "kab/kota",
    "kawasan",
    "laporan",
    "kegiatan",
    "paket",
    "rumah",
    "kk",
    "jiwa",
    "desa",
    "kali",
    "hari",
    "lokasi",
    "titik",
    "sertifikat",
    "registrasi",
    "kab./kota",
    SATUAN_RASIO.lower(),  # the N of a ratio counts (murid per guru, penduduk per dokter): "1 : 1.000" is one thousand
}

# Units that measure: a measure is often fractional and Indonesian writes the fraction after a comma,
# so "25,478 km" is 25,478 and not 25478. With a dot ("1.500 km") both readings stay open.
SATUAN_UKUR = {
    "%",
    "persen",
    "km",
    "kilometer",
    "m",
    "meter",
    "cm",
    "mm",
    "km2",
    "km²",
    "m2",
    "m²",
    "m3",
    "m³",
    "ha",
    "hektar",
    "hektare",
    "ton",
    "kg",
    "kilogram",
    "kuintal",
    "kwintal",
    "liter",
    "l",
    "lt",
    "kwh",
    "mw",
    "ton/ha",
    "m3/detik",
    "liter/detik",
}

# Multipliers written after a number ("Rp1,846 juta", "2,5 miliar", "500 ribu"): the value is scaled to the
# whole number (1,846 juta → 1.846.000), so that a target and a realisasi written with different multipliers
# ("Rp 2 miliar", "Rp 1.846 juta") compare; a unit that names a multiplier itself ("Juta Rupiah") keeps the
# value in it. "M" and "T" are miliar and triliun only after "Rp" (else "M" is a metre).
PENGALI = {
    "ribu": 10**3,
    "rb": 10**3,
    "juta": 10**6,
    "jt": 10**6,
    "miliar": 10**9,
    "milyar": 10**9,
    "triliun": 10**12,
    "trilyun": 10**12,
}
PENGALI_RUPIAH = {"m": 10**9, "t": 10**12}  # "Rp 3,2 M", "Rp 1,2 T"

# A footnote mark closing a number: "*", "**", "*)", a superscript digit or a letter in brackets ("a)", "(a)").
_POLA_TANDA_KAKI = re.compile(r"(?<=[\d%\s.a-zA-Z)])\s*(\*+\)?|(?<=[\d%])[¹²³⁴⁵⁶⁷⁸⁹⁰]+|(?<=\s)\(?[a-z]\))$")

# --- a range target ("80 - 90"): the one grammar of the library, IKU.CAPAIAN and the workbook's formulas ----------
# Two numbers of digits with at most one decimal separator ("," or ".") and at most two decimals, between "-" or a
# separator below, an optional "%" after them; so "1.500" (a thousands point) is never read as 1,5. Each step is
# what a helper column of Realisasi does (kolom.py writes its formula beside it).

PEMISAH_RENTANG = ("s.d.", "s.d", "s/d", "sd", "sampai", "hingga", "–", "—")  # each read as "-", in this order
CARA_RENTANG = (
    "seperti 80 - 90 atau 5 s.d. 6: dua angka tanpa satuan (boleh %) dan titik ribuan, maks. dua desimal "
    "(Excel mengubah 5-6 menjadi tanggal)"
)  # how to write one, in the prompts, Petunjuk and Validasi
DIGIT_MAKS = 15


def _trim(teks: str) -> str:
    """Excel's TRIM: no spaces at the ends, single spaces inside."""
    return " ".join(t for t in teks.split(" ") if t)


def teks_rentang(x: object) -> str:
    """A text in lower case, its separators as "-", without "%", its decimal commas as points ("" for a non-text)."""
    if not isinstance(x, str) or not x:  # a number, or a blank cell
        return ""
    t = _trim(x).lower()
    for p in PEMISAH_RENTANG:
        t = t.replace(p, "-")
    return t.replace("%", "").replace(",", ".")


def kiri(teks: str) -> str:
    """The text before the one "-" of a teks_rentang ("" without exactly one)."""
    return _trim(teks.split("-")[0]) if teks.count("-") == 1 else ""


def kanan(teks: str) -> str:
    """The text after the one "-" of a teks_rentang ("" without exactly one)."""
    return _trim(teks.split("-")[1]) if teks.count("-") == 1 else ""


def angka_batas(s: str) -> float | None:
    """A bound: digits with at most one point and two decimals, at most DIGIT_MAKS characters."""
    n, p = len(s), (s + ".").find(".") + 1  # p as Excel's FIND counts
    if not (p > 1 and p != n and n - p <= 2 and n <= DIGIT_MAKS):  # ("": a blank cell's, the common case)
        return None
    digit = sum(c in "0123456789" for c in s[:DIGIT_MAKS])
    return float(s) if digit == n - (p <= n) else None


def baca_rentang(x: object) -> tuple[float, float] | None:
    """The (lower, upper) bounds of a range text, or None when the grammar does not read it."""
    t = teks_rentang(x)
    atas = angka_batas(kanan(t))
    bawah = angka_batas(kiri(t)) if atas is not None else None
    return (bawah, atas) if bawah is not None and bawah <= atas else None


TEKS_KOSONG = {"", "-", "–", "—", "n/a", "na", "#n/a", "tidak ada", "belum ada", "t/a"}

_ANGKA = r"\d[\d.,]*"
_POLA_NILAI = re.compile(
    rf"^(?P<rupiah>rp\.?\s*)?(?P<tanda>[-+])?\s*(?P<angka>{_ANGKA})\s*(?P<satuan>[^\d\s:\-–—].*)?$", re.IGNORECASE
)
_POLA_RENTANG = re.compile(
    rf"^(?P<bawah>{_ANGKA})\s*(?:-|–|—|s\.?\s?d\.?|s\s?/\s?d|sampai|hingga)\s*(?P<atas>{_ANGKA})\s*(?P<satuan>[^\d\s:].*)?$",
    re.IGNORECASE,
)
# A unit never starts with a dash: "80 -" or "Rp 5 - 6" is a broken range, not 80 or Rp 5.
# Anything that starts as a number followed by a colon is a ratio: read as one, or reported; never its first number.
_POLA_RASIO = re.compile(rf"^(?P<kiri>[-+]?\s*{_ANGKA})\s*:\s*(?P<kanan>.*)$")


@dataclass(frozen=True)
class Nilai:
    """A value read from a cell or a document.

    `angka` is the number (None when there is none), `satuan` the unit written with
    it (SATUAN_RASIO for a ratio "1:N", whose `angka` is N), `rentang` a (lower,
    upper) pair for range targets such as "80 - 90".
    `masalah` says in Indonesian why the text is not a clean number; `kandidat`
    holds both readings of an ambiguous number.
    """

    angka: float | int | None
    satuan: str | None = None
    teks: str | None = None
    rentang: tuple[float, float] | None = None
    masalah: str | None = None
    kandidat: tuple[float, ...] = ()
    bentuk_rentang: bool = False  # written as a range, but not one the grammar reads (masalah says how to write it)
    tanda_kaki: str | None = None  # a footnote mark after the number ("*", "¹", "a)"), not part of it
    pengali: str | None = None  # the multiplier word the number was scaled by ("juta")

    @property
    def kosong(self) -> bool:
        """True for a blank, "-" or "N/A": nothing was entered."""
        return self.angka is None and self.rentang is None and self.masalah is None

    @property
    def ambigu(self) -> bool:
        return len(self.kandidat) > 1

    @property
    def catatan(self) -> str | None:
        """How the text was read beyond its digits, for a note beside the number ("" when nothing was)."""
        bagian = []
        if self.pengali and self.angka is not None:
            bagian.append(f'"{self.pengali}" dikalikan, dibaca {format_angka(self.angka)}')
        if self.tanda_kaki:
            bagian.append(f'tanda catatan kaki "{self.tanda_kaki}"')
        return "; ".join(bagian) or None

    @property
    def rasio(self) -> bool:
        """Written as a ratio ("1:32"); `angka` is None when it could not be read ("2:3")."""
        return self.satuan == SATUAN_RASIO


class AngkaAmbigu(ValueError):
    """A number such as "1.500" that reads as 1500 in Indonesian and 1,5 in English."""

    def __init__(self, teks: str, kandidat: tuple[float, float]):
        self.teks, self.kandidat = teks, kandidat
        super().__init__(
            f'"{teks}" ambigu: bisa {format_angka(kandidat[0], ribuan=False)} atau {format_angka(kandidat[1], ribuan=False)}; '
            "tulis tanpa pemisah ribuan (1500) atau dengan koma desimal (1,5)"
        )


_KONTEKS = decimal.Context(prec=400, rounding=decimal.ROUND_HALF_EVEN)  # any float's digits, rounded as Babel does


@lru_cache(maxsize=4096)  # Validasi formats the same targets again and again
def format_angka(x: float | int, desimal: int | None = None, ribuan: bool = True) -> str:
    """A number as Indonesians write it: 1.234,5 (or 1234,5 without the thousands dot); `desimal` digits after
    the comma, or up to 15 without trailing zeros. What Babel's "id" locale wrote (but 0 for -0),
    without loading Babel's locale data."""
    d = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-(15 if desimal is None else desimal)), context=_KONTEKS)
    bulat, _, pecahan = format(abs(d), "f").partition(".")
    if desimal is None:
        pecahan = pecahan.rstrip("0")
    if ribuan:
        bulat = f"{int(bulat):,}".replace(",", ".")
    tanda = "-" if d < 0 else ""  # a value that rounds to zero is 0, never -0 (Babel wrote -0)
    return tanda + bulat + ("," + pecahan if pecahan else "")


def teks_angka(x: float | int) -> str:
    """A number as text that reads back to the same number, never ambiguous: 1.125 is
    written 1.1250, since "1.125" could be one thousand one hundred twenty-five."""
    teks = format(Decimal(repr(float(x))), "f")
    teks = teks[:-2] if teks.endswith(".0") else teks
    bulat, _, pecahan = teks.partition(".")
    if len(pecahan) == 3 and bulat.lstrip("-") != "0":
        teks += "0"
    return teks


@lru_cache(maxsize=None)
def _pola_desimal(ribuan: str, desimal: str, berkelompok: bool) -> re.Pattern:
    r, d = re.escape(ribuan), re.escape(desimal)
    if berkelompok:
        return re.compile(rf"-?[1-9][0-9]{{0,2}}(?:{r}[0-9]{{3}})+(?:{d}[0-9]+)?")
    return re.compile(rf"[-+]?(?=[0-9]|{d}[0-9])[0-9]*(?:{d}[0-9]*)?")


def _desimal(teks: str, ribuan: str, desimal: str) -> float | None:
    """Digits with the given separators, strictly, as Babel's parse_decimal(strict=True) reads them (checked
    by tests/test_nilai.py against Babel), without loading Babel's 11 MB of locale data (xlwings Lite downloads
    it): without a thousands separator, any digits with at most one decimal separator ("1234,5", "1234,"
    and ",5" too); with one, groups of three after a first group of one to three not starting with 0, then any
    decimals ("1.234.567,25"). None where that is not the text. Exponents, NaN, infinity and underscores,
    which Babel let through from Python's Decimal, are not numbers here."""
    teks = teks.strip()
    if not teks.isascii():  # "１２", "٣": digits the number patterns' \d matches, as Decimal read them
        import unicodedata

        teks = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in teks)
    if not _pola_desimal(ribuan, desimal, ribuan in teks).fullmatch(teks):
        return None
    return float(teks.replace(ribuan, "").replace(desimal, "."))


def baca_angka(teks: str, satuan: str | None = None) -> float:
    """Read digits with Indonesian or English separators.

    Tried as Indonesian (1.234,5) and as English (1,234.5); when both readings are
    valid and differ, a count unit picks the whole number, a measurement unit the
    Indonesian decimal comma ("25,478 km"), otherwise AngkaAmbigu.
    Raises ValueError for text that is not a number.
    """
    bacaan = [x for x in (_desimal(teks, ".", ","), _desimal(teks, ",", ".")) if x is not None]
    if not bacaan:
        raise ValueError(f'"{teks}" bukan angka')
    if len(bacaan) == 2 and bacaan[0] != bacaan[1]:
        jenis = (satuan or "").strip().lower()
        if jenis in SATUAN_CACAH:
            return next(x for x in bacaan if x.is_integer())
        if (jenis in SATUAN_UKUR or _pengali(jenis)) and "," in teks:
            return bacaan[0]  # the Indonesian reading: the comma is the decimal comma
        raise AngkaAmbigu(teks, (bacaan[0], bacaan[1]))
    return bacaan[0]


def _pengali(satuan: str | None, rupiah: bool = False) -> tuple[str, int] | None:
    """The multiplier a unit starts with or is ("juta", "Juta Rupiah", "miliar rupiah"; "M" after Rp): (word,
    factor)."""
    kata = (satuan or "").strip().lower().split()
    if not kata:
        return None
    if kata[0] in PENGALI:
        return kata[0], PENGALI[kata[0]]
    if rupiah and len(kata) == 1 and kata[0] in PENGALI_RUPIAH:
        return satuan.strip(), PENGALI_RUPIAH[kata[0]]
    if kata[0] in ("rp", "rp.", "rupiah") and len(kata) == 2 and kata[1] in PENGALI:  # "Rp Juta", "Rupiah juta"
        return kata[1], PENGALI[kata[1]]
    return None


def _skala(angka: float, kali: int, bagi: int) -> float:
    """angka × kali / bagi in decimal, so 1,846 juta is 1846000 and not 1846000.0000000002."""
    x = float(Decimal(repr(float(angka))) * kali / bagi)
    return int(x) if x.is_integer() else x


def adalah_angka(x: object) -> bool:
    """A finite number as a cell holds it (not a bool, not text)."""
    t = type(x)
    if t is float:  # the common cases first: this runs for every cell
        return x - x == 0  # false for inf and NaN
    if t is int:
        return True
    if t is str or x is None:  # a cell's text or an empty cell
        return False
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def isi_sel(x: object) -> object:
    """A value as a cell holds it: None for what leaves a cell empty (None, NaN, "", blanks)."""
    if type(x) is str:  # the common case first: this runs for every cell
        return x if x.strip() else None
    if x is None or (isinstance(x, float) and x != x) or (isinstance(x, str) and not x.strip()):
        return None
    return x


def teks_rapi(x: object) -> str:
    """A cell's text with its spaces folded; "" for an empty cell."""
    return "" if isi_sel(x) is None else " ".join(str(x).split())


def _rapikan(teks: str) -> str:
    return teks.replace("\u2212", "-").replace("\xa0", " ").strip()


def parse_nilai(nilai: object, satuan: str | None = None) -> Nilai:
    """Read a cell value or a typed text into a Nilai.

    `satuan` is the unit the context expects (the indicator's Satuan); it decides
    ambiguous numbers when it is a count.
    A number from a cell passes through unchanged.
    """
    if nilai is None:
        return Nilai(None)
    if isinstance(nilai, bool):
        return Nilai(None, teks=str(nilai), masalah=f"{nilai} bukan angka")
    if isinstance(nilai, (int, float)):
        if isinstance(nilai, float) and math.isnan(nilai):
            return Nilai(None)
        return Nilai(nilai)
    if isinstance(nilai, (_dt.date, _dt.datetime, _dt.time)):
        return Nilai(
            None,
            teks=str(nilai),
            masalah="berisi tanggal, bukan angka (rentang seperti 5-6 yang diubah Excel menjadi tanggal? tulis 5 s.d. 6)",
        )
    teks = _rapikan(str(nilai))
    tanda = _POLA_TANDA_KAKI.search(teks) if teks[:1].isdigit() or teks[:1] in "-+R" else None
    if tanda and teks[: tanda.start()].strip():
        hasil = parse_nilai(teks[: tanda.start()].strip(), satuan)
        if hasil.angka is not None or hasil.rentang:  # a mark after a number: the number, the mark noted
            return _ganti(hasil, teks=str(nilai), tanda_kaki=tanda.group(0).strip())
    if teks.lower() in TEKS_KOSONG:
        return Nilai(None, teks=str(nilai))
    if teks.upper() in PREDIKAT:
        return Nilai(PREDIKAT[teks.upper()], SATUAN_PREDIKAT, teks=str(nilai))

    cocok = _POLA_RASIO.match(teks)
    if cocok:
        return _rasio(cocok["kiri"].replace(" ", ""), cocok["kanan"], teks, str(nilai))

    rentang = baca_rentang(teks)
    if rentang:
        return Nilai(None, "%" if "%" in teks else None, str(nilai), rentang=rentang)
    if _POLA_RENTANG.match(teks):  # written as a range, which the grammar does not read: said, never guessed
        return Nilai(None, None, str(nilai), masalah=f'rentang "{teks}" tidak terbaca; tulis {CARA_RENTANG}', bentuk_rentang=True)

    cocok = _POLA_NILAI.match(teks)
    if not cocok:
        return Nilai(None, teks=str(nilai), masalah=f'"{teks}" bukan angka')
    unit = "Rp" if cocok["rupiah"] else (cocok["satuan"] or "").strip() or None
    pengali = _pengali(cocok["satuan"], bool(cocok["rupiah"]))
    if pengali:
        return _berpengali(cocok, pengali, satuan, str(nilai))
    try:
        angka = baca_angka(cocok["angka"], unit or satuan)
    except AngkaAmbigu as e:
        tanda = -1 if cocok["tanda"] == "-" else 1
        return Nilai(None, unit, str(nilai), masalah=str(e), kandidat=tuple(tanda * k for k in e.kandidat))
    except ValueError as e:
        return Nilai(None, unit, str(nilai), masalah=str(e))
    if cocok["tanda"] == "-":
        angka = -angka
    return Nilai(angka, unit, teks=str(nilai))


def _ganti(n: Nilai, **ubah) -> Nilai:
    from dataclasses import replace

    return replace(n, **ubah)


def _berpengali(cocok: re.Match, pengali: tuple[str, int], satuan: str | None, asli: str) -> Nilai:
    """A number with a multiplier ("Rp1,846 juta"): the comma is a decimal comma, the value scaled to the whole
    number, or to the context's unit when that names a multiplier itself ("Juta Rupiah")."""
    kata, faktor = pengali
    sisa = " ".join(cocok["satuan"].split()[1:]) or None  # "juta orang" → orang
    unit, bagi = "Rp" if cocok["rupiah"] else sisa, 1
    konteks = _pengali(satuan)
    if konteks and (cocok["rupiah"] or sisa is None or sisa.lower() in satuan.lower()):
        unit, bagi = satuan.strip(), konteks[1]  # "2,5 miliar" for Satuan Juta Rupiah: 2500
    tanda = -1 if cocok["tanda"] == "-" else 1
    try:
        angka = baca_angka(cocok["angka"], kata)
    except AngkaAmbigu as e:
        kandidat = tuple(tanda * _skala(k, faktor, bagi) for k in e.kandidat)
        return Nilai(None, unit, asli, masalah=str(e), kandidat=kandidat, pengali=kata)
    except ValueError as e:
        return Nilai(None, unit, asli, masalah=str(e))
    return Nilai(tanda * _skala(angka, faktor, bagi), unit, asli, pengali=kata)


def _rasio(kiri: str, kanan: str, teks: str, asli: str) -> Nilai:
    """A ratio "1:N" as N; any other ratio is reported, never read as one of its numbers."""

    def gagal(alasan: str) -> Nilai:
        return Nilai(None, SATUAN_RASIO, asli, masalah=f'rasio "{teks}" tidak dapat dibaca: {alasan}')

    try:
        pertama, kedua = baca_angka(kiri, SATUAN_RASIO), baca_angka(kanan, SATUAN_RASIO)
    except ValueError as e:
        return gagal(str(e))
    if kedua <= 0:
        return gagal("suku kedua harus lebih dari 0")
    if pertama != 1:
        setara = f" ({teks} = 1:{format_angka(round(kedua / pertama, 2))})" if pertama > 0 else ""
        return gagal(f"suku pertama harus 1; tulis sebagai 1:N{setara}")
    return Nilai(kedua, SATUAN_RASIO, asli)
