"""Reading ikuxl workbooks back, including ones saved by LibreOffice, and refusing what is not one."""

import zipfile

import openpyxl
import pytest

from ikuxl.libreoffice import hitung_ulang
from ikuxl.susun import susun
from ikuxl.workbook.baca import BacaError, baca_dokumen

from .bantu import WORKBOOKS


def _isi(plan):
    return {l.nama: {k: (s.nilai, s.gaya) for k, s in l.sel.items()} for l in plan.lembar}


@pytest.mark.parametrize("path", sorted(WORKBOOKS.glob("*.xlsx")), ids=lambda p: p.name)
def test_baca_lalu_susun_memberi_workbook_yang_sama(path):
    from ikuxl.contoh import semua

    assert _isi(susun(baca_dokumen(path))) == _isi(susun(semua()[path.name]))


@pytest.mark.libreoffice
def test_workbook_yang_disimpan_libreoffice_tetap_terbaca(tmp_path, libreoffice):
    asli = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    [lo] = hitung_ulang([asli], tmp_path, profil=libreoffice)
    a, b = baca_dokumen(asli), baca_dokumen(lo)
    assert a.iku.equals(b.iku) and a.pengaturan == b.pengaturan
    assert a.komponen.equals(b.komponen)


def test_berkas_bukan_workbook_ikuxl(tmp_path):
    bukan_zip = tmp_path / "laporan.xlsx"
    bukan_zip.write_text("Nama;Nilai\n", encoding="utf-8")
    with pytest.raises(BacaError, match="laporan.xlsx: bukan berkas Excel"):
        baca_dokumen(bukan_zip)
    lain = tmp_path / "lain.xlsx"
    openpyxl.Workbook().save(lain)
    with pytest.raises(BacaError, match="lain.xlsx: lembar IKU tidak ada"):
        baca_dokumen(lain)
    rusak = tmp_path / "rusak.xlsx"
    with zipfile.ZipFile(rusak, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook")
    with pytest.raises(BacaError, match="rusak.xlsx: berkas Excel rusak"):
        baca_dokumen(rusak)


def test_kolom_yang_dipindah_disebut_selnya(tmp_path):
    path = tmp_path / "geser.xlsx"
    wb = openpyxl.load_workbook(WORKBOOKS / "iku-tanjabbar-2022.xlsx")
    wb["IKU"]["H4"] = "Unit Ukur"
    wb.save(path)
    with pytest.raises(BacaError) as e:
        baca_dokumen(path)
    assert str(e.value).startswith("geser.xlsx, lembar IKU, sel H4: judul kolom \"Satuan\" diharapkan")
