"""Every text ikuxl writes is valid XML 1.0 and reads back as typed: control characters (a Word line
break pasted into Excel, a NUL from a CSV), a typed _xHHHH_, lone surrogates and U+FFFE/U+FFFF go into
the sheets ikuxl writes as OOXML escapes (_xHHHH_, as Excel does), in new workbooks, through recalc and in
a rekap; openpyxl and LibreOffice open the result with the same text."""

import copy
import random
import re

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.escape import unescape

from ikuxl.aksi import recalc
from ikuxl.contoh import semua
from ikuxl.impor import impor
from ikuxl.libreoffice import hitung_ulang
from ikuxl.nilai import isi_sel
from ikuxl.rekap import kumpulkan, plan_rekap
from ikuxl.skema import BARIS_DATA, IKU, REALISASI, Tata, kolom_realisasi
from ikuxl.rakit import susun
from ikuxl.workbook.baca import baca_dokumen
from ikuxl.workbook.kerangka import tulis_plan

SULIT = [
    "_x000B_",
    "_x0001_",
    "\x0b",
    "\x00",
    "\x01",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "_x005F_",
    "_x005f_x000B_",
    "\ud800",
    "\udfff",
    "\ufffe",
    "\uffff",
    "&<>\"'",
    "😀",
    "_xABCD_",
    "_X000B_",
    " ",
    "=1+1",
    "]]>",
]
teks = st.one_of(
    st.text(st.characters(exclude_categories=()), min_size=1, max_size=30),
    st.lists(st.sampled_from(SULIT), min_size=1, max_size=6).map("".join),
)
KOLOM = ("indikator", "satuan", "jabatan", "tujuan", "sasaran", "catatan")


def _dokumen(texts: list[str]):
    """The example workbook with the texts in the IKU columns that reappear on ikuxl's sheets, the
    agency's name, and a realisasi typed as text (Validasi quotes it)."""
    dok = copy.deepcopy(semua()["iku-tanjabbar-2022-contoh-realisasi.xlsx"])
    dok.pengaturan["instansi"] = texts[0]
    dok.iku = [dict(b) for b in dok.iku]
    for i, t in enumerate(texts):
        dok.iku[i % len(dok.iku)][KOLOM[i // len(dok.iku) % len(KOLOM)]] = t
    dok.iku[0]["realisasi_tw1"] = texts[-1]  # typed on the indicator's IKU row
    return dok


def _kolom(path, lembar: str, kunci: str, dok) -> list:
    """One column of an ikuxl sheet as openpyxl gives it (what its formulas show, as computed when the file
    was saved), OOXML escapes decoded."""
    k = Tata(dok.kolom_iku if lembar == IKU else kolom_realisasi()).posisi[kunci]
    ws = openpyxl.load_workbook(path, data_only=True)[lembar]
    return [
        unescape(v) if isinstance(v, str) else v
        for (v,) in ws.iter_rows(
            min_row=BARIS_DATA, max_row=BARIS_DATA + len(dok.iku) - 1, min_col=k, max_col=k, values_only=True
        )
    ]


def _periksa(tmp_path, texts: list[str]) -> None:
    path = tmp_path / "teks.xlsx"
    dok = _dokumen(texts)
    tulis_plan(susun(dok), path)
    for k in KOLOM:  # a new workbook holds every text exactly
        assert _kolom(path, IKU, k, dok) == [isi_sel(x) for x in dok.kolom(k)]
    for _ in range(2):
        recalc(path)
        terbaca = baca_dokumen(path)  # the texts as ikuxl's reader gives them, written again on Realisasi
        assert _kolom(path, REALISASI, "indikator", dok) == [isi_sel(x) for x in terbaca.kolom("indikator")]
    for lembar in openpyxl.load_workbook(path).worksheets:
        list(lembar.values)
    rekap = tmp_path / "rekap.xlsx"
    tulis_plan(plan_rekap(kumpulkan([path])), rekap)
    openpyxl.load_workbook(rekap)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(teks, min_size=5, max_size=30))
def test_teks_apa_pun_ditulis_sebagai_xml_yang_sah(tmp_path, texts):
    _periksa(tmp_path, texts)


def test_teks_sulit_tetap_sama(tmp_path):
    """The probe's cases, each in place: a Word line break, a control character, a NUL from a CSV."""
    _periksa(tmp_path, [f"Indikator {i} {s} akhir" for i, s in enumerate(SULIT)])


def _acak(n: int) -> list[str]:
    """Texts of random code points from the whole of Unicode (surrogates included) and the hard cases."""
    acak = random.Random(10)
    return [
        f"{i} "
        + "".join(
            chr(acak.randrange(0x110000)) if acak.random() < 0.8 else acak.choice(SULIT) for _ in range(acak.randint(1, 12))
        )
        for i in range(n)
    ]


@pytest.mark.libreoffice
def test_libreoffice_membaca_teks_yang_sama(tmp_path, libreoffice):
    """One LibreOffice conversion of a recalculated workbook holding many generated texts: it loses
    no row and reads every text as written."""
    path = tmp_path / "teks.xlsx"
    dok = _dokumen(_acak(30))
    tulis_plan(susun(dok), path)
    recalc(path)
    [lo] = hitung_ulang([path], tmp_path / "lo", profil=libreoffice)
    for lembar, kunci in ((IKU, "kode"), (REALISASI, "kode")):
        assert _kolom(lo, lembar, kunci, dok) == dok.kolom("kode")  # no row lost
    dibandingkan = 0
    for lembar, kunci in [(IKU, k) for k in KOLOM] + [(REALISASI, "indikator")]:
        pasangan = list(zip(_kolom(lo, lembar, kunci, dok), _kolom(path, lembar, kunci, dok)))
        # LibreOffice saves a typed "_xHHHH_" without escaping it (its own export bug): such texts are
        # compared by openpyxl above only; a lone surrogate is no character, LibreOffice shows "?"; it may
        # turn a carriage return into a line feed
        pasangan = [
            (
                a.replace("\r\n", "\n").replace("\r", "\n"),
                re.sub("[\ud800-\udfff]", "?", b).replace("\r\n", "\n").replace("\r", "\n"),
            )
            for a, b in pasangan
            if isinstance(b, str) and not re.search("_x[0-9A-Fa-f]{4}_", b)
        ]
        assert [a for a, b in pasangan] == [b for a, b in pasangan], kunci
        dibandingkan += len(pasangan)
    assert dibandingkan > 10


def test_rumus_nama_dan_tautan_dengan_teks_sulit(tmp_path):
    """Formula text (a component name can end up in a formula literal), its cached text, a hyperlink's
    display and a validation prompt go through the same escaping."""  # (defined names hold ikuxl's references only)
    from ikuxl.plan import LembarPlan, Plan, Rumusan, ValidasiData

    sulit = "".join(SULIT)
    lp = LembarPlan("Uji", validasi=[ValidasiData("A1", "decimal", judul="\x0bJudul", pesan=sulit)])
    lp.tulis(1, 1, Rumusan(f'"{sulit}"', sulit), "rumus")
    lp.tulis(2, 1, sulit, "tautan", tautan="#'Uji'!A1")
    path = tmp_path / "rumus.xlsx"
    tulis_plan(Plan([lp]), path)
    ws = openpyxl.load_workbook(path)["Uji"]
    assert unescape(ws["A1"].value) == f'="{sulit}"' and unescape(ws["A2"].value) == sulit
    assert unescape(openpyxl.load_workbook(path, data_only=True)["Uji"]["A1"].value) == sulit
    assert unescape(ws.data_validations.dataValidation[0].prompt) == sulit[:250]


def test_import_csv_dengan_karakter_kendali(tmp_path):
    """The probe's case: a CSV with a Word line break (_x000B_ and raw), a control character and a NUL,
    imported and recalculated by the CLI: every indicator is there, in openpyxl and in ikuxl's reader."""
    import subprocess
    import sys

    baris = [
        "Kode;IKU;Satuan;Polaritas;Target 2024",
        "A-1;Persentase_x000B_rumah;%;positif;10",
        "A-2;Jalan\x0bmantap;%;positif;20",
        "A-3;Luas\x01kumuh;Ha;negatif;30",
        "A-4;Air\x00minum;%;positif;40",
        "A-5;Sanitasi _x0001_ layak;%;positif;50",
    ]
    sumber = tmp_path / "iku.csv"
    sumber.write_bytes("\n".join(baris).encode("utf-8") + b"\n")
    hasil = tmp_path / "iku.xlsx"
    for perintah in (["import", str(sumber), "-o", str(hasil)], ["recalc", str(hasil), "--in-place"]):
        subprocess.run([sys.executable, "-m", "ikuxl", *perintah], check=True, capture_output=True)
    dok = baca_dokumen(hasil)
    diimpor = impor([sumber])[0].kolom("indikator")  # as the importer reads the CSV
    assert dok.kolom("indikator") == diimpor and len(diimpor) == 5
    assert diimpor[0] == "Persentase_x000B_rumah" and diimpor[4] == "Sanitasi _x0001_ layak"  # as typed
    assert _kolom(hasil, REALISASI, "indikator", dok) == dok.kolom("indikator")
