"""Numbers and units as the seed documents write them."""

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from ikuxl import AngkaAmbigu, format_angka, parse_nilai
from ikuxl.nilai import kanan, kiri, teks_rentang
from ikuxl.nilai import baca_angka


@pytest.mark.parametrize(
    "teks, angka, satuan",
    [
        ("9,85 Ha", 9.85, "Ha"),  # Tanjung Jabung Barat, kondisi awal indikator 4
        ("1.234,5", 1234.5, None),
        ("20 Unit", 20, "Unit"),  # indikator 1, target 2022
        ("150 Unit", 150, "Unit"),
        ("49 Unit", 49, "Unit"),
        ("2 Perumahan", 2, "Perumahan"),
        ("2 Dokumen", 2, "Dokumen"),
        ("10%", 10, "%"),
        ("3.5", 3.5, None),
        ("3,5", 3.5, None),
        ("1.500bh", 1500, "bh"),  # a count unit decides the ambiguous 1.500
        ("1.500 Unit", 1500, "Unit"),
        ("2 hari", 2, "hari"),
        ("1.234.567", 1234567, None),
        ("1,234.5", 1234.5, None),
        ("0,1", 0.1, None),
        ("-5", -5, None),
        ("\u22122,5 %", -2.5, "%"),
        ("Rp 1.000.000", 1_000_000, "Rp"),
        ("  7  ", 7, None),
    ],
)
def test_teks_dokumen_menjadi_angka_dan_satuan(teks, angka, satuan):
    n = parse_nilai(teks)
    assert (n.angka, n.satuan, n.masalah) == (pytest.approx(angka), satuan, None)
    assert n.teks == teks


@pytest.mark.parametrize("teks", ["-", "N/A", "", "  ", "n/a", "—", None, float("nan")])
def test_tanda_kosong_berarti_tidak_ada_nilai(teks):
    n = parse_nilai(teks)
    assert n.angka is None and n.kosong and n.masalah is None


@pytest.mark.parametrize("teks, ordinal", [("BB", 5), ("AA", 7), ("D", 1), ("WTP", 4), ("wdp", 3), ("TMP", 1)])
def test_predikat_punya_nilai_urut(teks, ordinal):
    n = parse_nilai(teks)
    assert (n.angka, n.satuan) == (ordinal, "Predikat")


@pytest.mark.parametrize("teks, kandidat", [("1.500", (1500, 1.5)), ("1,500", (1.5, 1500)), ("-1.500", (-1500, -1.5))])
def test_angka_ambigu_dilaporkan_bukan_ditebak(teks, kandidat):
    n = parse_nilai(teks)
    assert n.angka is None and n.ambigu and n.kandidat == kandidat
    assert "ambigu" in n.masalah and "1500" in n.masalah and "1,5" in n.masalah


def test_satuan_konteks_cacah_memutus_ambigu():
    assert parse_nilai("1.500", satuan="Unit").angka == 1500
    assert parse_nilai("1.500", satuan="%").ambigu


@pytest.mark.parametrize(
    "teks, angka",
    [
        ("1:32", 32),
        ("1:17,9", 17.9),
        ("1 : 1.000", 1000),
        ("1: 20", 20),
        ("1 :1.234,5", 1234.5),
        ("1,0:40", 40),
        ("1:17.9", 17.9),
    ],
)
def test_rasio_dibaca_suku_keduanya(teks, angka):
    """Rasio guru : murid, dokter : penduduk: the value is N of "1:N", never the leading 1."""
    n = parse_nilai(teks)
    assert (n.angka, n.satuan, n.masalah, n.rasio) == (pytest.approx(angka), "1:N", None, True)


@pytest.mark.parametrize(
    "teks, kata",
    [
        ("2:3", "tulis sebagai 1:N (2:3 = 1:1,5)"),
        ("3:2", "(3:2 = 1:0,67)"),
        ("0:5", "suku pertama harus 1"),
        ("-1:32", "suku pertama harus 1"),
        ("1:0", "suku kedua harus lebih dari 0"),
        ("1:32 siswa", '"32 siswa" bukan angka'),
        ("1:", "bukan angka"),
        ("08:30", "suku pertama harus 1"),
    ],
)
def test_rasio_lain_dilaporkan_bukan_dibaca_angka_pertamanya(teks, kata):
    n = parse_nilai(teks)
    assert n.angka is None and n.rasio and not n.kosong
    assert n.masalah.startswith(f'rasio "{teks}" tidak dapat dibaca') and kata in n.masalah


@pytest.mark.parametrize("teks", ["Rp 1:32", "Rp. 1 : 1.000"])
def test_titik_dua_setelah_angka_tidak_pernah_menjadi_satuan(teks):
    n = parse_nilai(teks)
    assert n.angka is None and n.rentang is None and n.masalah


def test_capaian_rasio_membandingkan_suku_kedua():
    from ikuxl import capaian

    assert capaian("1:32", "1:17,9") == pytest.approx(17.9 / 32 * 100)
    assert capaian("1:32", "1:17,9", "negatif") == pytest.approx((2 * 32 - 17.9) / 32 * 100)  # fewer pupils per teacher
    assert capaian("1 : 1.000", "1 : 1.250", "negatif") == pytest.approx(75)
    assert capaian("2:3", 3) is None


def test_perintah_nilai_menyebut_rasio_dan_masalahnya():
    from typer.testing import CliRunner

    from ikuxl.cli import app

    hasil = CliRunner().invoke(app, ["nilai", "1:32", "1 : 1.000", "2:3", "12,125 Ha"], env={"COLUMNS": "200"})
    baris = hasil.output.splitlines()
    assert baris[:2] == ["'1:32': 32 (rasio 1:N)", "'1 : 1.000': 1.000 (rasio 1:N)"]
    assert baris[2].startswith("'2:3': rasio \"2:3\" tidak dapat dibaca") and baris[3] == "'12,125 Ha': 12,125 Ha"


@pytest.mark.parametrize(
    "teks, angka, satuan",
    [
        ("25,478 km", 25.478, "km"),
        ("109,337 %", 109.337, "%"),
        ("109,337%", 109.337, "%"),
        ("12,125 Ha", 12.125, "Ha"),
        ("3,250 ton", 3.25, "ton"),
        ("1,125 Km2", 1.125, "Km2"),
        ("2,500 liter", 2.5, "liter"),
        ("-1,410 %", -1.41, "%"),
        ("1.500 bh", 1500, "bh"),
        ("1.500 unit", 1500, "unit"),
        ("1.500 orang", 1500, "orang"),
        ("1,500 orang", 1500, "orang"),
    ],
)
def test_satuan_ukur_koma_tiga_angka_desimal_satuan_cacah_bulat(teks, angka, satuan):
    n = parse_nilai(teks)
    assert (n.angka, n.satuan, n.masalah) == (pytest.approx(angka), satuan, None)


@pytest.mark.parametrize("teks", ["1.500", "1,500", "1.500 km", "12.125 Ha", "1,500 buku besar"])
def test_tetap_ambigu_bila_bacaannya_terbuka(teks):
    """A dot with a measure (1.500 km, or 1,5 km written in English) and an unknown unit stay open."""
    assert parse_nilai(teks).ambigu


def test_satuan_konteks_ukur_memutus_koma():
    assert parse_nilai("25,478", satuan="Km").angka == pytest.approx(25.478)
    assert parse_nilai("25,478", satuan="Dokumen").angka == 25478
    assert parse_nilai("25,478").ambigu


def test_baca_angka_ambigu_melempar_galat_bernama():
    with pytest.raises(AngkaAmbigu) as e:
        baca_angka("2.500")
    assert e.value.kandidat == (2500, 2.5)


@pytest.mark.parametrize("nilai", [0, 12, -3, 3.25, 1e300])
def test_angka_dari_sel_lewat_tanpa_diubah(nilai):
    n = parse_nilai(nilai)
    assert n.angka == nilai and type(n.angka) is type(nilai)


@pytest.mark.parametrize(
    "teks, rentang, satuan",
    [
        ("80-90", (80, 90), None),
        ("80 s.d. 90 %", (80, 90), "%"),
        ("7,5–9,5", (7.5, 9.5), None),
        ("80 sampai 90", (80, 90), None),
        ("80 sd 90", (80, 90), None),
        ("80 - 90 %", (80, 90), "%"),
    ],
)
def test_rentang_target(teks, rentang, satuan):
    n = parse_nilai(teks)
    assert (n.rentang, n.satuan, n.angka) == (rentang, satuan, None)


@pytest.mark.parametrize("teks", ["10 - 15 Ha", "1.500 - 2.000", "80,125 - 90", "90 - 80", "80 - 90 - 100"])
def test_rentang_satu_tata_bahasa(teks):
    """One range grammar for the library, IKU.CAPAIAN and the workbook: what the workbook's formulas do not read is
    not a range here either, and the message says how to write one (never a guess)."""
    from ikuxl import capaian
    from ikuxl.kolom import batas_atas, batas_bawah

    n = parse_nilai(teks)
    assert n.rentang is None and n.bentuk_rentang and "tulis seperti 80 - 90" in n.masalah
    t = teks_rentang(teks)  # the workbook's helper columns: no bound read
    assert batas_bawah(teks, kiri(t), batas_atas(teks, kanan(t))) == teks
    assert capaian(teks, 85) is None


@pytest.mark.parametrize(
    "nilai, kata", [("Jumlah rumah layak", "bukan angka"), (True, "bukan angka"), (dt.datetime(2024, 10, 15), "tanggal")]
)
def test_bukan_angka_diberi_alasan(nilai, kata):
    n = parse_nilai(nilai)
    assert n.angka is None and not n.kosong and kata in n.masalah


def test_format_angka_gaya_indonesia():
    assert format_angka(1234.5) == "1.234,5"
    assert format_angka(9.85, 2) == "9,85"
    assert format_angka(107.142857, 2) == "107,14"
    assert format_angka(1500, ribuan=False) == "1500"


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_angka_yang_ditulis_gaya_indonesia_terbaca_kembali(x):
    teks = format_angka(float(x), 2, ribuan=False)
    assert parse_nilai(teks).angka == pytest.approx(float(x))
    assert parse_nilai(format_angka(float(x), 2) + " Ha").angka == pytest.approx(float(x))


@given(st.text(max_size=30))
def test_teks_apa_pun_tidak_pernah_melempar(teks):
    n = parse_nilai(teks)
    assert n.angka is None or isinstance(n.angka, (int, float))


@given(st.floats(-1e12, 1e12, allow_nan=False))
def test_teks_angka_terbaca_kembali_tanpa_ambigu(x):
    from ikuxl.nilai import teks_angka

    assert parse_nilai(teks_angka(x)).angka == x


@pytest.mark.parametrize("teks", ["Rp 5 - 6", "80 -", "80 S/D 90", "10 s/d 15"])
def test_rentang_rusak_atau_s_garis_d_tidak_pernah_dibaca_sebagai_angka_pertamanya(teks):
    n = parse_nilai(teks)
    assert n.angka is None and (n.rentang or n.masalah)


@pytest.mark.parametrize(
    "teks, angka, satuan, tanda",
    [
        ("104,84*", 104.84, None, "*"),
        ("95,2**", 95.2, None, "**"),
        ("88¹", 88, None, "¹"),
        ("76 a)", 76, None, "a)"),
        ("76 (b)", 76, None, "(b)"),
        ("104,84 *)", 104.84, None, "*)"),
        ("95,2 %*", 95.2, "%", "*"),
        ("Rp 1.000.000*", 1_000_000, "Rp", "*"),
        ("12 km²", 12, "km²", None),  # a unit's superscript is the unit's
    ],
)
def test_tanda_catatan_kaki_dicatat_bukan_dibaca_sebagai_satuan(teks, angka, satuan, tanda):
    """Published tables mark figures with footnotes ("104,84*"): the number is read, the mark noted (never a unit,
    never a reason to refuse the number)."""
    n = parse_nilai(teks)
    assert (n.angka, n.satuan, n.masalah, n.tanda_kaki) == (pytest.approx(angka), satuan, None, tanda)
    assert n.teks == teks and (tanda is None or f'"{tanda}"' in n.catatan)


@pytest.mark.parametrize("teks", ["*", "abc*", "a)", "**)"])
def test_tanda_tanpa_angka_tetap_bukan_angka(teks):
    n = parse_nilai(teks)
    assert n.angka is None and n.masalah


@pytest.mark.parametrize(
    "teks, satuan_konteks, angka, satuan",
    [
        ("Rp1,846 juta", None, 1_846_000, "Rp"),
        ("2,5 miliar", None, 2_500_000_000, None),
        ("Rp 3,2 M", None, 3_200_000_000, "Rp"),
        ("1,2 triliun", None, 1_200_000_000_000, None),
        ("500 ribu", None, 500_000, None),
        ("1,2 juta jiwa", None, 1_200_000, "jiwa"),
        ("Rp. 1,5 jt", None, 1_500_000, "Rp"),
        ("Rp1,846 juta", "Juta Rupiah", 1.846, "Juta Rupiah"),  # the unit names the multiplier: kept in it
        ("2,5 miliar", "Juta Rupiah", 2500, "Juta Rupiah"),
        ("1,846", "Juta Rupiah", 1.846, None),
        ("3,2 M", None, 3.2, "M"),  # without Rp, M is a metre
    ],
)
def test_pengali_memutuskan_koma_desimal_dan_menskalakan(teks, satuan_konteks, angka, satuan):
    """A multiplier makes the comma a decimal comma (as a unit of measurement does) and scales the number, so a
    target "Rp 2 miliar" and a realisasi "Rp1,846 juta" compare."""
    n = parse_nilai(teks, satuan_konteks)
    assert (n.angka, n.satuan, n.masalah) == (angka, satuan, None)
    assert n.angka == angka and type(n.angka) is type(angka)  # 1846000 exactly, not 1846000.0000000002


def test_capaian_dari_angka_berpengali_berbeda():
    from ikuxl import capaian

    assert capaian("Rp 2 miliar", "Rp1.846 juta") is None  # "1.846" with a dot stays ambiguous
    assert capaian("Rp 2 miliar", "Rp1,846 juta") == pytest.approx(0.0923)
    assert capaian("2,5 miliar", "2.500.000.000") == pytest.approx(100)


def test_pengali_dengan_titik_tetap_ambigu_dan_kandidatnya_berskala():
    n = parse_nilai("1.500 juta")
    assert n.ambigu and n.kandidat == (1_500_000_000, 1_500_000)


@settings(max_examples=500, deadline=None)
@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    st.sampled_from([None, 0, 1, 2, 3]),
    st.booleans(),
)
def test_format_angka_sama_dengan_babel(x, desimal, ribuan):
    """ikuxl's own formatter (no Babel in xlwings Lite's download) writes what Babel's "id" locale writes, but
    never -0 (which a cache keyed by value would also give for 0.0)."""
    from decimal import Decimal

    from babel.numbers import format_decimal

    from ikuxl.nilai import format_angka

    pola = ("#,##0" if ribuan else "0") + ("." + "0" * desimal if desimal is not None else ".###############").rstrip(".")
    babel = format_decimal(Decimal(repr(x)), format=pola, locale="id")
    nol = not any(c in "123456789" for c in babel)  # rounds to zero: 0, where Babel wrote -0
    assert format_angka(x, desimal, ribuan) == (babel.lstrip("-") if nol else babel)


@st.composite
def _teks_angka_hampir(draw):
    """Digits in groups (mostly of three, often starting with 0) joined by dots and commas: near misses of a
    well-written number, where a reading's strictness shows."""
    grup = st.one_of(st.sampled_from(["", "0", "00", "000", "007", "1", "12", "123", "1000"]), st.text("0123456789", max_size=4))
    bagian = [draw(st.sampled_from(["", "", "-", "+"])), draw(grup)]
    for _ in range(draw(st.integers(0, 4))):
        bagian += [draw(st.sampled_from(".,")), draw(grup)]
    return "".join(bagian)


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        _teks_angka_hampir(),
        st.text(alphabet="0123456789.,-+", max_size=16),
        st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9).map(
            lambda d: format(d, ",f")
        ),
    ),
    st.sampled_from(["id", "en"]),
)
def test_baca_angka_sama_dengan_babel(teks, locale):
    """ikuxl's own strict reading of digits (no Babel in xlwings Lite's download) accepts what Babel's
    parse_decimal(strict=True) accepts, with the same value, for the Indonesian and the English separators."""
    from decimal import InvalidOperation

    from babel.numbers import NumberFormatError, parse_decimal

    from ikuxl.nilai import _desimal

    ribuan, desimal = (".", ",") if locale == "id" else (",", ".")
    if locale == "id":  # Python writes 1,234.5: swap to 1.234,5
        teks = teks.translate(str.maketrans(",.", ".,"))
    try:
        babel = float(parse_decimal(teks, locale=locale, strict=True))
    except NumberFormatError:
        babel = None
    except InvalidOperation:  # past Babel's own precision (28 digits): nothing to compare
        return
    assert _desimal(teks, ribuan, desimal) == babel


@pytest.mark.parametrize("teks", ["1e5", "1E+5", "NaN", "Infinity", "inf", "1_000", "1:NaN", "- 5", ",", "-", ""])
def test_baca_angka_tanpa_eksponen_nan_atau_garis_bawah(teks):
    """Python's Decimal (behind Babel's reading) took exponents, NaN, infinity and underscores as numbers; a
    table's "1e5" or a ratio "1:NaN" are not numbers in ikuxl."""
    with pytest.raises(ValueError, match="bukan angka"):
        baca_angka(teks)


def test_angka_unicode_dibaca_seperti_ascii():
    assert baca_angka("１２,５") == 12.5 and parse_nilai("٣٠ %").angka == 30
