"""The xlwings Lite edition: the add-in and its code kept in the workbook as xlwings Lite keeps them, and the
same buttons and IKU.* functions run in Pyodide (Python in the browser runtime) under Node.js."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from xlwings.server import custom_functions_call, custom_scripts_call

from ikuxl.aksi import recalc
from ikuxl.excel import fungsi, skrip
from ikuxl.workbook.lite import ID_LITE, berkas_ikuxl, berkas_lite, pasang_lite
from ikuxl.workbook.paket import Paket

from .bantu import WORKBOOKS, bangun_roda, ikuxl
from .conftest import AKAR
from .muatan import muatan

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
PYODIDE = "314.0.7"  # the npm package: Python 3.14, as xlwings Lite runs it
# ikuxl's Lite path, all pure Python; xlwings as under CPython here (the actions compared are its)
RODA = [f"xlwings=={xw.__version__}", "defusedxml", "lark", "spylls"]


def _bagian(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_template_lite_menyimpan_kode_seperti_xlwings_lite(tmp_path):
    """`ikuxl template --lite` writes what xlwings Lite writes (learned from workbooks it saved): a web extension
    part referring to the store add-in, main.py and requirements.txt as JSON string properties, a task pane
    part from the package's relationships, their content types. Other readers open the workbook as before."""
    path = tmp_path / "iku-lite.xlsx"
    r = ikuxl("template", path, "--lite", "--lite-paket", "https://iku.example.go.id/ikuxl-0.1.0-py3-none-any.whl")
    assert r.returncode == 0 and "edisi xlwings Lite" in r.stdout, r.stderr
    isi = _bagian(path)
    ekstensi = isi["xl/webextensions/webextension1.xml"].decode()
    assert f'<we:reference id="{ID_LITE}"' in ekstensi and 'storeType="OMEX"' in ekstensi
    assert (
        b"webextensiontaskpanes" in isi["_rels/.rels"]
        and b"webextension1.xml" in isi["xl/webextensions/_rels/taskpanes.xml.rels"]
    )
    jenis = isi["[Content_Types].xml"].decode()
    assert 'PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"' in jenis
    assert 'ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"' in jenis
    berkas = berkas_lite(Paket(path.read_bytes()))
    assert berkas["main.py"] == (AKAR / "ikuxl" / "excel" / "lite" / "main.py").read_text(encoding="utf-8")
    syarat = berkas["requirements.txt"].splitlines()
    assert "https://iku.example.go.id/ikuxl-0.1.0-py3-none-any.whl" in syarat
    # bounds, no exact pin: xlwings Lite records what it installed in requirements-pinned.txt and keeps to it
    assert "xlwings>=0.37.5,<1" in syarat and not [b for b in syarat if "==" in b]
    # the task pane saved hidden, as xlwings Lite saves it (whether the add-in starts is Lite's workbook setting)
    assert b'visibility="0"' in isi["xl/webextensions/taskpanes.xml"]
    compile(berkas["main.py"], "main.py", "exec")
    # xlwings Lite cannot lift a protection before its buttons write: the Lite edition's sheets have none
    wb = openpyxl.load_workbook(path)
    assert not any(ws.protection.sheet for ws in wb.worksheets)


def test_recalc_menjaga_kode_yang_disunting_staf(tmp_path):
    """A Lite workbook whose main.py staff edited goes through `ikuxl recalc` (with or without --lite) with the
    add-in's parts byte for byte; --lite puts the add-in into a workbook that has none, once."""
    lite = tmp_path / "lite.xlsx"
    berkas = berkas_ikuxl()
    berkas["main.py"] += "\n\n# kode tambahan staf\n"
    p = Paket(CONTOH.read_bytes())
    pasang_lite(p, berkas)
    lite.write_bytes(p.simpan())
    sebelum = {n: b for n, b in _bagian(lite).items() if "webextension" in n}
    for lagi in ([], ["--lite"]):
        assert ikuxl("recalc", lite, "--in-place", "--tanpa-cadangan", *lagi).returncode == 0
        sesudah = _bagian(lite)
        assert {n: sesudah[n] for n in sebelum} == sebelum
    assert not any(ws.protection.sheet for ws in openpyxl.load_workbook(lite).worksheets)

    biasa = tmp_path / "biasa.xlsx"
    shutil.copy(CONTOH, biasa)
    recalc(biasa, cadangan=False)
    assert openpyxl.load_workbook(biasa)["Realisasi"].protection.sheet  # not Lite: protected as ever
    recalc(biasa, lite=berkas_ikuxl())
    assert berkas_lite(Paket(biasa.read_bytes())) == berkas_ikuxl()
    recalc(biasa, lite=berkas_ikuxl())
    assert [n for n in _bagian(biasa) if n.startswith("xl/webextensions/webextension")] == ["xl/webextensions/webextension1.xml"]


# --- the same scripts and functions in Pyodide -------------------------------------------------------

PANGGILAN = [
    (
        "CAPAIAN",
        [[7], [8], [0], [None], ["20 Unit"], ["80 - 90"]],
        [[6.5], [9], [5], [None], ["18"], [95]],
        [["negatif"], ["negatif"], ["negatif"], [None], ["positif"], ["positif"]],
        [[None]],
    ),
    ("KATEGORI", [[95], [55], ["tidak dapat dihitung: target 0"]]),
    ("NILAI", [["[A] / [B] × 100"]], [["A", "B"]], [[3, 4], [1, 0]]),
    ("ANGKA", [["9,85 Ha"], ["1.234,5"], ["1.500"]]),
]
SKRIP = ("validasi", "hitung_capaian", "perbarui_ringkasan")
PYTHON_DI_PYODIDE = """
import json, os, sys
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
import xlwings as xw
from xlwings.server import custom_functions_call, custom_scripts_call
from ikuxl.excel import fungsi, skrip

MUATAN, PANGGILAN, SKRIP = json.loads({muatan!r}), json.loads({panggilan!r}), {skrip!r}
hasil = {{"platform": sys.platform, "skrip": {{}}, "fungsi": [],
          "modul": sorted(m for m in ("pandas", "openpyxl", "python_calamine", "numpy") if m in sys.modules)}}
for nama, m in MUATAN.items():
    for s in SKRIP:
        book = xw.Book(json=json.loads(json.dumps(m)))
        try:
            hasil["skrip"][nama + ":" + s] = (await custom_scripts_call(skrip, s, typehint_to_value={{xw.Book: book}})).json()["actions"]
        finally:
            book.close()
for nama, *args in PANGGILAN:
    hasil["fungsi"].append(await custom_functions_call(
        {{"func_name": nama, "args": args, "client": "Office.js", "version": xw.__version__, "runtime": "1.4"}}, fungsi))
# the names Excel gets for the functions of the workbook's main.py (the Lite edition's own, from the package)
import importlib.util, pathlib, ikuxl
from xlwings.server import custom_functions_meta
spec = importlib.util.spec_from_file_location("main", pathlib.Path(ikuxl.__file__).parent / "excel" / "lite" / "main.py")
main = importlib.util.module_from_spec(spec)
spec.loader.exec_module(main)
hasil["nama_fungsi"] = sorted(f["name"] for f in custom_functions_meta(main)["functions"])
print("HASIL " + json.dumps(hasil))
"""


@pytest.fixture(scope="session")
def pyodide(tmp_path_factory) -> tuple[Path, Path]:
    """Pyodide from npm and the wheels of ikuxl (built here) and of its pure-Python dependencies on the Lite
    path, fetched here before anything runs in Pyodide (nothing is fetched then) and kept in .cache/ between
    runs; .ci/run installs Node.js and sets IKUXL_PYODIDE_WAJIB, so that CI fails rather than skips."""
    wajib = os.environ.get("IKUXL_PYODIDE_WAJIB") == "1"
    lewati = pytest.fail if wajib else pytest.skip
    if not shutil.which("node") or not shutil.which("npm"):
        lewati("Node.js (node, npm) tidak ada: tes Pyodide dilewati; .ci/run memasangnya")
    cache = AKAR / ".cache" / "pyodide"
    modul = cache / "node_modules" / "pyodide"
    if not (modul / "pyodide.mjs").exists():
        r = subprocess.run(
            ["npm", "install", "--prefix", str(cache), "--no-audit", "--no-fund", f"pyodide@{PYODIDE}"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if r.returncode:
            lewati(f"npm install pyodide@{PYODIDE} gagal: {r.stderr[-500:]}")
    roda = bangun_roda(tmp_path_factory.mktemp("roda")).parent
    unduhan = AKAR / ".cache" / f"roda-xlwings-{xw.__version__}"
    if len(list(unduhan.glob("*.whl"))) < len(RODA):
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "--only-binary=:all:",
                "--platform",
                "any",
                "--python-version",
                "3.14",
                "-d",
                str(unduhan),
                *RODA,
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if r.returncode:
            lewati(f"roda untuk Pyodide tidak dapat diunduh: {r.stderr[-500:]}")
    for w in unduhan.glob("*.whl"):
        shutil.copy(w, roda)
    return modul, roda


def _di_cpython(m: dict, s: str) -> list[dict]:
    book = xw.Book(json=json.loads(json.dumps(m)))  # a book of its own: the remote book writes its names into it
    try:
        return asyncio.run(custom_scripts_call(skrip, s, typehint_to_value={xw.Book: book})).json()["actions"]
    finally:
        book.close()


CONTOH_PYODIDE = (CONTOH, WORKBOOKS / "iku-kalsel-2020-contoh-realisasi.xlsx")


@pytest.fixture(scope="module")
def di_pyodide(pyodide, tmp_path_factory) -> tuple[dict, dict]:
    """The example workbooks' payloads, and what the Lite edition's scripts, functions and main.py give with them
    in Pyodide (one run, for the tests below)."""
    modul, roda = pyodide
    contoh = {p.name: muatan(p) for p in CONTOH_PYODIDE}
    skrip_py = tmp_path_factory.mktemp("pyodide") / "lite.py"
    skrip_py.write_text(
        PYTHON_DI_PYODIDE.format(muatan=json.dumps(contoh), panggilan=json.dumps(PANGGILAN), skrip=SKRIP), encoding="utf-8"
    )
    r = subprocess.run(
        ["node", str(AKAR / "tests" / "pyodide_jalan.mjs"), str(modul), str(roda), str(skrip_py)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    baris = [b for b in r.stdout.splitlines() if b.startswith("HASIL ")]
    assert r.returncode == 0 and baris, (r.stdout[-2000:], r.stderr[-3000:])
    return contoh, json.loads(baris[-1][6:])


def test_tombol_dan_fungsi_di_pyodide_sama_dengan_cpython(di_pyodide, pakai_mesin):
    """ikuxl installed from its wheel into Pyodide (as xlwings Lite installs it), with no pandas, openpyxl nor
    calamine there: the three scripts on the example workbooks ask Excel for the same actions as under CPython,
    except what the browser runtime lacks (the alert, and the ribbon's Office.js callbacks of xlwings Server),
    and the IKU.* functions give the same values. Spelling is read by spylls on both sides, as in the browser
    (Hunspell's C library, CPython's engine, gives one suggestion differently: tests/test_ejaan.py)."""
    pakai_mesin("spylls")
    contoh, di_pyodide = di_pyodide
    assert di_pyodide["platform"] == "emscripten" and di_pyodide["modul"] == []
    for nama, m in contoh.items():
        for s in SKRIP:
            di_cpython = [a for a in _di_cpython(m, s) if a["func"] not in ("alert", "runMacro")]
            assert di_pyodide["skrip"][f"{nama}:{s}"] == json.loads(json.dumps(di_cpython)), (nama, s)
    for (nama, *args), hasil in zip(PANGGILAN, di_pyodide["fungsi"]):
        harap = asyncio.run(
            custom_functions_call(
                {"func_name": nama, "args": args, "client": "Office.js", "version": xw.__version__, "runtime": "1.4"}, fungsi
            )
        )
        assert hasil == json.loads(json.dumps(harap)), nama


SERVER_DI_PROSES_LAIN = """
import json
from xml.etree.ElementTree import fromstring
from fastapi.testclient import TestClient
from ikuxl.excel.server.aplikasi import app

klien = TestClient(app)
meta = klien.get("/xlwings/custom-functions-meta").json()
bt = "{http://schemas.microsoft.com/office/officeappbasictypes/1.0}String"
teks = {s.get("id"): s.get("DefaultValue") for s in fromstring(klien.get("/manifest").text).iter(bt)}
print(json.dumps([f"{teks['Iku.Namespace']}.{f['name']}" for f in meta["functions"]]))
"""


def test_nama_fungsi_di_lite_sama_dengan_di_server(di_pyodide):
    """A formula moves between the deployments: the names xlwings Lite registers for main.py's functions (their
    namespace with them, its manifest having none) are the names Excel shows with ikuxl's xlwings Server
    (its manifest's namespace, then the function's name): IKU.CAPAIAN in both, never CAPAIAN nor IKU.IKU.CAPAIAN.
    The server runs in a process of its own (it sets its settings in the environment when imported)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    r = subprocess.run([sys.executable, "-c", SERVER_DI_PROSES_LAIN], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    di_server = sorted(json.loads(r.stdout.splitlines()[-1]))
    assert di_server == ["IKU.ANGKA", "IKU.CAPAIAN", "IKU.KATEGORI", "IKU.NILAI"]
    assert di_pyodide[1]["nama_fungsi"] == di_server


def test_add_in_lain_di_workbook_tidak_mengganggu(tmp_path):
    """Another add-in's parts in the workbook: a damaged web extension part of it does not fail recalc, and a task
    pane part written with another prefix gets the xlwings Lite pane beside its own, as valid XML."""
    from defusedxml.ElementTree import fromstring

    p = Paket(CONTOH.read_bytes())
    p.tulis("xl/webextensions/webextension1.xml", "<we:webextension rusak")  # damaged, not Lite
    p.tulis(
        "xl/webextensions/taskpanes.xml",
        '<?xml version="1.0"?><taskpanes xmlns="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">'
        "<taskpane/></taskpanes>",
    )
    lain = tmp_path / "lain.xlsx"
    lain.write_bytes(p.simpan())
    recalc(lain, lite=berkas_ikuxl())
    isi = _bagian(lain)
    assert isi["xl/webextensions/webextension1.xml"] == b"<we:webextension rusak"  # another's, left as it was
    panel = fromstring(isi["xl/webextensions/taskpanes.xml"])
    assert len(list(panel)) == 2 and berkas_lite(Paket(lain.read_bytes())) == berkas_ikuxl()


# --- a received workbook's add-in: left-overs and foreign packages ---------------------------------------

EKSTENSI, PANEL_LITE = "xl/webextensions/webextension1.xml", "xl/webextensions/taskpanes.xml"


@pytest.fixture(scope="module")
def template_lite(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lite") / "iku-lite.xlsx"
    assert ikuxl("template", path, "--lite").returncode == 0
    return path


def _ubah(asal: Path, tujuan: Path, ubah) -> Path:
    """A copy of a workbook whose parts (name → bytes) `ubah` edits in place; None drops a part."""
    isi = _bagian(asal)
    ubah(isi)
    with zipfile.ZipFile(tujuan, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in isi.items():
            if b is not None:
                z.writestr(n, b)
    return tujuan


def _sifat(isi: dict, ubah) -> None:
    """The Lite part's files (name → text) as `ubah` edits them, stored as xlwings Lite stores them."""
    from html import escape
    from xml.etree.ElementTree import fromstring

    teks = isi[EKSTENSI].decode()
    berkas = {e.get("name"): json.loads(e.get("value")) for e in fromstring(teks).iter() if e.tag.endswith("}property")}
    ubah(berkas)
    sifat = "".join(f'<we:property name="{n}" value="{escape(json.dumps(t))}"/>' for n, t in berkas.items())
    awal, akhir = teks.index("<we:properties>"), teks.index("</we:properties>") + len("</we:properties>")
    isi[EKSTENSI] = (teks[:awal] + f"<we:properties>{sifat}</we:properties>" + teks[akhir:]).encode()


def _tanpa_panel(isi):  # the add-in's part, but no task pane opens it: Excel never starts it
    isi[PANEL_LITE] = isi["xl/webextensions/_rels/taskpanes.xml.rels"] = None
    isi["_rels/.rels"] = re.sub(rb'<Relationship Id="rIdIkuxlLite"[^>]*/>', b"", isi["_rels/.rels"])


def _panel_tanpa_ekstensi(isi):  # a task pane whose web extension part is missing
    isi[EKSTENSI] = None


def _tanpa_main(isi):  # the add-in without main.py; the requirements.txt staff edited
    _sifat(isi, lambda b: (b.pop("main.py"), b.update({"requirements.txt": b["requirements.txt"] + "# disunting staf\n"})))


def _terlindung(path: Path) -> dict[str, bool]:
    return {ws.title: bool(ws.protection.sheet) for ws in openpyxl.load_workbook(path).worksheets}


@pytest.mark.parametrize("ubah", [_tanpa_panel, _panel_tanpa_ekstensi, _tanpa_main], ids=lambda f: f.__name__)
def test_sisa_add_in_lite_yang_tidak_utuh_dilaporkan_dan_dilengkapi(template_lite, tmp_path, ubah):
    """A workbook with a left-over, incomplete Lite add-in is not the Lite edition: recalc protects its sheets as
    usual and says what it found (naming the part); recalc --lite completes the add-in (the files it had stay as
    they were), writes the sheets unprotected, and says so. Then it is the Lite edition, reported no more."""
    sisa = _ubah(template_lite, tmp_path / "sisa.xlsx", ubah)
    sebelum = {n: b for n, b in _bagian(sisa).items() if "webextension" in n}

    biasa = recalc(sisa, tmp_path / "biasa" / "sisa.xlsx")
    keluar = Path(biasa.keluar)
    terlindung = _terlindung(keluar)
    assert terlindung["Realisasi"] and terlindung["Komponen"] and terlindung["Validasi"], terlindung
    [t] = [t for t in biasa.temuan if t.kode == "LITE_TIDAK_LENGKAP"]
    assert t.tingkat == "peringatan" and "xl/webextensions/" in t.pesan and "diproteksi" in t.pesan, t
    assert {n: b for n, b in _bagian(keluar).items() if "webextension" in n} == sebelum  # not Lite's to mend unasked
    validasi = openpyxl.load_workbook(keluar)["Validasi"]
    assert any(c.value == "LITE_TIDAK_LENGKAP" for r in validasi.iter_rows() for c in r)

    lite = recalc(sisa, tmp_path / "lite" / "sisa.xlsx", lite=berkas_ikuxl())
    [t] = [t for t in lite.temuan if t.kode == "LITE_TIDAK_LENGKAP"]
    assert "dilengkapi" in t.pesan, t
    keluar = Path(lite.keluar)
    assert not any(_terlindung(keluar).values())
    from ikuxl.workbook.lite import keadaan_lite

    k = keadaan_lite(Paket(keluar.read_bytes()))
    assert k.lengkap and k.berkas["main.py"] == berkas_ikuxl()["main.py"]
    if ubah is _tanpa_main:
        assert k.berkas["requirements.txt"].endswith("# disunting staf\n")  # what staff edited stays
    for n, b in _bagian(keluar).items():  # every relationship id once per part (Excel refuses a package otherwise)
        if n.endswith(".rels"):
            ids = re.findall(rb'Id="([^"]+)"', b)
            assert len(ids) == len(set(ids)), (n, ids)
    bagian = {n: b for n, b in _bagian(keluar).items() if "webextension" in n}
    lagi = recalc(keluar, cadangan=False, lite=berkas_ikuxl())
    assert not [t for t in lagi.temuan if t.kode.startswith("LITE_")]
    assert {n: b for n, b in _bagian(keluar).items() if "webextension" in n} == bagian


def test_paket_di_luar_sumber_instansi_dilaporkan_tanpa_diubah(template_lite, tmp_path):
    """A received workbook's requirements.txt that installs another package, a wheel URL or an index is kept as
    staff left it, and reported (LITE_PAKET_LUAR, naming the lines) by recalc --lite against its --lite-paket and by
    validate against ikuxl's default source; ikuxl's own lines and its declared dependencies are not reported."""
    luar = [
        "numpy",
        "https://contoh.example.com/alat-1.0-py3-none-any.whl",
        "--extra-index-url https://pypi.example.com/simple",
        "ikuxl @ https://contoh.example.com/ikuxl-0.1.0-py3-none-any.whl",
    ]
    tambahan = "defusedxml>=0.7  # dependensi ikuxl\nlark\n" + "\n".join(luar) + "\n"
    path = _ubah(
        template_lite,
        tmp_path / "asing.xlsx",
        lambda isi: _sifat(isi, lambda b: b.update({"requirements.txt": b["requirements.txt"] + tambahan})),
    )
    syarat = berkas_lite(Paket(path.read_bytes()))["requirements.txt"]
    baris = syarat.splitlines()

    def dilaporkan(temuan) -> list[str]:
        [t] = [t for t in temuan if t.kode == "LITE_PAKET_LUAR"]
        assert t.tingkat == "peringatan" and "requirements.txt" in t.pesan and EKSTENSI in t.pesan, t
        return [b for b in baris if f'"{b}"' in t.pesan]

    assert dilaporkan(recalc(path, tmp_path / "o" / "asing.xlsx", lite=berkas_ikuxl()).temuan) == luar
    keluar = tmp_path / "o" / "asing.xlsx"
    assert berkas_lite(Paket(keluar.read_bytes()))["requirements.txt"] == syarat  # kept as staff left it
    assert any(c.value == "LITE_PAKET_LUAR" for r in openpyxl.load_workbook(keluar)["Validasi"].iter_rows() for c in r)
    # the agency's wheel URL is its source: then a bare ikuxl from PyPI is foreign, and its URL line is not
    wheel = "https://iku.example.go.id/ikuxl-0.1.0-py3-none-any.whl"
    hasil = recalc(path, tmp_path / "u" / "asing.xlsx", lite=berkas_ikuxl(wheel)).temuan
    assert dilaporkan(hasil) == [b for b in baris if b.startswith("ikuxl>=")] + luar

    r = ikuxl("validate", path, "--format", "json")
    temuan = [t for t in json.loads(r.stdout) if t["kode"] == "LITE_PAKET_LUAR"]
    assert len(temuan) == 1 and [b for b in baris if f'"{b}"' in temuan[0]["pesan"]] == luar
    # ikuxl's own template names nothing foreign
    assert not [
        t for t in json.loads(ikuxl("validate", template_lite, "--format", "json").stdout) if t["kode"].startswith("LITE_")
    ]


# --- ikuxl installed by micropip from the wheels `ikuxl serve` offers -------------------------------------

MICROPIP = ["micropip==0.11.1", "packaging==26.1"]  # as pyodide-lock.json of PYODIDE names them
DARI_SERVER_DI_PYODIDE = """
import importlib.metadata, importlib.util, json, os, pathlib, sys
import micropip
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
baris = [b for b in {syarat!r}.splitlines() if b.strip() and not b.startswith("#")]
# only the agency's server: a dependency missing there fails here instead of coming from PyPI
await micropip.install(baris, index_urls=[{indeks!r}])
import ikuxl
from xlwings.server import custom_functions_meta
spec = importlib.util.spec_from_file_location("main", pathlib.Path(ikuxl.__file__).parent / "excel" / "lite" / "main.py")
main = importlib.util.module_from_spec(spec)
spec.loader.exec_module(main)
print("HASIL " + json.dumps({{
    "nama_fungsi": sorted(f["name"] for f in custom_functions_meta(main)["functions"]),
    "versi": importlib.metadata.version("ikuxl"),
    "terpasang": sorted(p.name for p in micropip.list().values()),
    "spylls": importlib.util.find_spec("spylls") is not None,
}}))
"""


def _port_bebas() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server_roda(tmp_path_factory):
    """`ikuxl serve` on 127.0.0.1 (a port of its own), its wheels gathered into .cache/roda-lite; stopped after."""
    import urllib.request

    port = _port_bebas()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    env["IKUXL_RODA"] = str(AKAR / ".cache" / "roda-lite")
    tmp = tmp_path_factory.mktemp("serve")
    keluar, galat = open(tmp / "keluar.txt", "w+"), open(tmp / "galat.txt", "w+")
    proses = subprocess.Popen(
        [sys.executable, "-m", "ikuxl", "serve", "--port", str(port)], stdout=keluar, stderr=galat, env=env, cwd=tmp
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"{url}/lite/", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proses.poll() is not None:
                    break
                import time

                time.sleep(0.5)
        else:
            pytest.fail("ikuxl serve tidak menjawab")
        assert proses.poll() is None, (tmp / "galat.txt").read_text()
        yield url, tmp
    finally:
        proses.terminate()
        proses.wait(timeout=60)
        keluar.close()
        galat.close()


def test_lite_memasang_ikuxl_dari_ikuxl_serve(server_roda, pyodide, tmp_path):
    """A Lite workbook made with --lite-dari-server installs ikuxl and its dependencies with micropip (as xlwings
    Lite installs requirements.txt) from the wheels `ikuxl serve` offers, with nothing from PyPI; the functions
    its main.py registers are the names that server gives Excel. The wheels come with CORS headers (Excel's
    add-in fetches them from another origin), and the browser gets no spelling engine it has no dictionary for."""
    import urllib.request
    from xml.etree.ElementTree import fromstring

    url, tmp = server_roda
    buku = tmp_path / "lite.xlsx"
    r = ikuxl("template", buku, "--lite", "--lite-dari-server", url)
    assert r.returncode == 0, r.stderr
    syarat = berkas_lite(Paket(buku.read_bytes()))["requirements.txt"]
    baris = [b for b in syarat.splitlines() if b and not b.startswith("#")]
    assert baris[-1] == f"{url}/lite/ikuxl-{ikuxl_versi()}-py3-none-any.whl" and all(b.startswith(url) for b in baris)
    with urllib.request.urlopen(baris[-1]) as jawab:
        assert jawab.headers["Access-Control-Allow-Origin"] == "*"
    # what the running server names the functions: its manifest's namespace, then each function's name
    with urllib.request.urlopen(f"{url}/xlwings/custom-functions-meta") as jawab:
        meta = json.load(jawab)
    with urllib.request.urlopen(f"{url}/manifest") as jawab:
        bt = "{http://schemas.microsoft.com/office/officeappbasictypes/1.0}String"
        teks = {s.get("id"): s.get("DefaultValue") for s in fromstring(jawab.read()).iter(bt)}
    di_server = sorted(f"{teks['Iku.Namespace']}.{f['name']}" for f in meta["functions"])

    modul, _ = pyodide
    roda = tmp_path / "micropip"
    unduhan = AKAR / ".cache" / "roda-micropip"
    if len(list(unduhan.glob("*.whl"))) < len(MICROPIP):
        u = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "--only-binary=:all:",
                "--python-version",
                "3.14",
                "-d",
                str(unduhan),
                *MICROPIP,
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert u.returncode == 0, u.stderr[-500:]
    shutil.copytree(unduhan, roda)
    skrip_py = tmp_path / "dari_server.py"
    skrip_py.write_text(DARI_SERVER_DI_PYODIDE.format(syarat=syarat, indeks=f"{url}/lite/simple/"), encoding="utf-8")
    j = subprocess.run(
        ["node", str(AKAR / "tests" / "pyodide_jalan.mjs"), str(modul), str(roda), str(skrip_py)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    hasil = [b for b in j.stdout.splitlines() if b.startswith("HASIL ")]
    assert j.returncode == 0 and hasil, (j.stdout[-2000:], j.stderr[-3000:], (tmp / "galat.txt").read_text()[-2000:])
    hasil = json.loads(hasil[-1][6:])
    assert hasil["nama_fungsi"] == di_server == ["IKU.ANGKA", "IKU.CAPAIAN", "IKU.KATEGORI", "IKU.NILAI"]
    assert hasil["versi"] == ikuxl_versi()
    assert {"ikuxl", "xlwings", "lark", "defusedxml"} <= set(hasil["terpasang"])
    assert "babel" not in hasil["terpasang"]  # ikuxl reads and writes numbers without it (11 MB less to download)
    assert not hasil["spylls"] and "spylls" not in hasil["terpasang"]


def ikuxl_versi() -> str:
    from ikuxl import __version__

    return __version__
