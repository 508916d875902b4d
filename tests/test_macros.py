"""The classic desktop add-in's source: ribbon XML, VBA module, and the ribbon injection into a package."""

import re
import subprocess
import sys
import zipfile
from xml.etree.ElementTree import fromstring

from ikuxl.excel.server import FOLDER
from ikuxl.excel.skrip import TOMBOL

from .bantu import WORKBOOKS
from .conftest import AKAR

MACROS = AKAR / "macros"
UI = "{http://schemas.microsoft.com/office/2009/07/customui}"


def test_pita_klasik_sama_dengan_pita_server():
    akar = fromstring((MACROS / "customUI14.xml").read_bytes())
    tombol = akar.findall(f".//{UI}button")
    assert [t.get("id") for t in tombol] == list(TOMBOL) == ["iku-validasi", "iku-hitung", "iku-ringkasan"]
    assert {t.get("onAction") for t in tombol} == {"IkuTombol"}
    assert [t.get("label") for t in tombol] == ["Validasi", "Hitung Capaian", "Perbarui Ringkasan"]
    assert akar.find(f".//{UI}tab").get("label") == "IKU"
    manifest = (FOLDER / "templates" / "manifest.xml").read_text(encoding="utf-8")
    assert re.findall(r"<FunctionName>(.*?)</FunctionName>", manifest) == list(TOMBOL)


def test_modul_vba_hanya_meneruskan_id_tombol():
    vba = (MACROS / "ikuxl.bas").read_text(encoding="utf-8")
    kode = [b for b in vba.splitlines() if b.strip() and not b.lstrip().startswith("'") and not b.startswith("Attribute")]
    assert kode == [
        "Option Explicit",
        "Public Sub IkuTombol(control As IRibbonControl)",
        '    Application.Run "xlwings.xlam!RunPython", "import ikuxl.excel.desktop as d; d.jalankan(\'" & control.Id & "\')"',
        "End Sub",
    ]


def test_sisipkan_customui_ke_paket(tmp_path):
    xlam = tmp_path / "ikuxl.xlam"
    xlam.write_bytes((WORKBOOKS / "template-iku.xlsx").read_bytes())
    sebelum = {n: zipfile.ZipFile(xlam).read(n) for n in zipfile.ZipFile(xlam).namelist()}
    for _ in range(2):  # twice: replaced, not doubled
        subprocess.run([sys.executable, str(MACROS / "sisipkan_customui.py"), str(xlam)], check=True, capture_output=True)
    with zipfile.ZipFile(xlam) as z:
        assert z.testzip() is None
        sesudah = {n: z.read(n) for n in z.namelist()}
    rels = sesudah["_rels/.rels"].decode()
    assert rels.count("ui/extensibility") == 1 and 'Target="customUI/customUI14.xml"' in rels
    assert sesudah["customUI/customUI14.xml"] == (MACROS / "customUI14.xml").read_bytes()
    assert {n: v for n, v in sesudah.items() if n not in ("_rels/.rels", "customUI/customUI14.xml")} == {
        n: v for n, v in sebelum.items() if n != "_rels/.rels"
    }


def test_addin_klasik_disalin_dari_pemasangan(tmp_path):
    """`ikuxl addin-klasik FOLDER` writes the classic add-in's sources (what macros/README.md builds ikuxl.xlam
    from) where staff can use them after a pip install, and does not overwrite without --timpa."""

    def ikuxl(*argumen):
        return subprocess.run([sys.executable, "-m", "ikuxl", *argumen], capture_output=True, text=True, timeout=120)

    tujuan = tmp_path / "addin"
    r = ikuxl("addin-klasik", str(tujuan))
    assert r.returncode == 0, r.stderr
    assert {p.name: p.read_bytes() for p in tujuan.iterdir()} == {p.name: p.read_bytes() for p in MACROS.iterdir() if p.is_file()}
    r = ikuxl("addin-klasik", str(tujuan))
    assert r.returncode == 2 and "--timpa" in r.stderr
