"""The README's promises about the project itself."""

import os
import re

from .bantu import bangun_roda
from .conftest import AKAR


def _perintah_readme() -> list[str]:
    blok = re.search(r"```bash\n(.*?)```", (AKAR / "README.md").read_text(encoding="utf-8"), re.S)
    return [b.strip() for b in blok.group(1).strip().splitlines()]


def test_readme_dibuka_dengan_dua_perintah_dan_ci_menjalankan_perintah_tes():
    pasang, tes = _perintah_readme()
    assert pasang.startswith("pip install -e") and "ikuxl " in pasang
    ci = (AKAR / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tes in [baris.strip() for baris in ci if not baris.lstrip().startswith("#")]


def test_aturan_di_readme_dan_petunjuk_sama_dengan_definisinya():
    """The capaian rules' texts and the default scale are defined once (capaian.py); the README's table and
    sentence and the template's Petunjuk sheet must say what those definitions say."""
    import openpyxl

    from ikuxl.capaian import METODE_NEGATIF, RUMUS_POSITIF, SKALA_PERMENDAGRI_86

    readme = (AKAR / "README.md").read_text(encoding="utf-8")
    tabel = dict(re.findall(r"^\| (polaritas [^|]+?) \| ([^|]+?) \|$", readme, re.M))
    assert tabel["polaritas positif"] == RUMUS_POSITIF
    assert tabel["polaritas negatif (standar)"] == METODE_NEGATIF["standar"]
    assert tabel["polaritas negatif, metode `kebalikan`"].startswith(METODE_NEGATIF["kebalikan"] + " ")
    pita = ", ".join(f"{p.label} ≥ {p.batas}" if p.batas is not None else p.label for p in SKALA_PERMENDAGRI_86.pita)
    assert f"Skala kategori bawaan: Permendagri 86/2017 ({pita})" in " ".join(readme.split())

    petunjuk = " ".join(
        str(c.value)
        for r in openpyxl.load_workbook(AKAR / "workbooks" / "template-iku.xlsx")["Petunjuk"].iter_rows()
        for c in r
        if c.value
    )
    for rumus in (RUMUS_POSITIF, *METODE_NEGATIF.values()):
        assert rumus in petunjuk


def test_tabel_aturan_membaca_angka_di_readme_benar():
    """Every example in the README's table of reading rules reads as the table says."""
    from ikuxl import format_angka, parse_nilai

    def dibaca(n) -> str:
        if n.masalah:
            return "dilaporkan"
        if n.rentang:
            return f"rentang {format_angka(n.rentang[0])} – {format_angka(n.rentang[1])}"
        if n.angka is None:
            return "kosong"
        return f"{format_angka(n.angka)} {n.satuan or ''}".strip()

    bagian = re.search(r"^## Angka dan satuan$(.*?)^## ", (AKAR / "README.md").read_text(encoding="utf-8"), re.M | re.S)
    baris = re.findall(r"^\| (`[^|]+`) \| ([^|]+?) \| [^|]+ \|$", bagian.group(1), re.M)
    assert len(baris) >= 10
    for contoh, hasil in baris:
        teks = re.findall(r"`([^`]+)`", contoh)
        harapan = hasil.split("; ") if ";" in hasil else [hasil] * len(teks)
        assert [dibaca(parse_nilai(t)) for t in teks] == harapan, contoh


def _graf_impor() -> dict[str, set[str]]:
    """ikuxl's modules and the ikuxl modules each imports (at the top or inside a function)."""
    import ast

    akar = AKAR / "ikuxl"
    modul = {".".join(p.relative_to(AKAR).with_suffix("").parts).removesuffix(".__init__"): p for p in akar.rglob("*.py")}
    graf = {}
    for m, p in modul.items():
        paket = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        keluar = set()
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(n, ast.ImportFrom):
                dasar = paket.split(".")[: len(paket.split(".")) - n.level + 1] if n.level else []
                tujuan = ".".join(dasar + ([n.module] if n.module else []))
                keluar |= {next((c for c in (f"{tujuan}.{a.name}", tujuan) if c in modul), "") for a in n.names}
            elif isinstance(n, ast.Import):
                keluar |= {a.name for a in n.names if a.name in modul}
        graf[m] = keluar & set(modul) - {m}
    return graf


def test_impor_antarmodul_tanpa_lingkaran():
    graf = _graf_impor()
    assert "ikuxl.susun" in graf and graf["ikuxl.rakit"] >= {"ikuxl.susun", "ikuxl.ringkasan"}
    # validation and the summaries read the computation (hitung), not the layout builder (susun)
    for m in ("ikuxl.periksa", "ikuxl.ringkasan", "ikuxl.rekap", "ikuxl.ketikan", "ikuxl.hitung"):
        assert "ikuxl.susun" not in graf[m], m
    assert graf["ikuxl.periksa"] >= {"ikuxl.hitung"} and graf["ikuxl.susun"] >= {"ikuxl.hitung"}
    selesai: set[str] = set()

    def kunjungi(m: str, jalur: list[str]) -> None:
        assert m not in jalur, "lingkaran impor: " + " → ".join(jalur[jalur.index(m) :] + [m])
        if m not in selesai:
            for n in sorted(graf[m]):
                kunjungi(n, jalur + [m])
            selesai.add(m)

    for m in sorted(graf):
        kunjungi(m, [])


def test_recalc_dan_validate_tanpa_pandas_openpyxl_xlwings(tmp_path):
    """The paths a staff member or a batch runs load neither pandas nor openpyxl nor xlwings (start-up time);
    nor pydantic (Typer 0.29 converts the arguments with it: ikuxl.cli does without), rich.markdown (Typer's
    help and error formatting, imported only to print them), nor Lark before a Rumus is parsed (its grammar is
    built, or loaded from Lark's cache, on first use), nor Babel (not a dependency: ikuxl reads and writes numbers
    itself): `import ikuxl` and the command line start sooner."""
    import shutil
    import subprocess
    import sys

    kode = (
        "import sys, ikuxl, ikuxl.aksi, ikuxl.batch, ikuxl.cli; from ikuxl import rumus\n"
        "dimuat = lambda: sorted(m for m in ('pandas', 'openpyxl', 'numpy', 'xlwings', 'pydantic', 'rich.markdown', 'lark', 'babel')"
        " if m in sys.modules)\n"
        "print(dimuat(), rumus._parser.cache_info().currsize, file=sys.stderr)\n"
        "sys.argv = ['ikuxl', 'recalc', sys.argv[1], '-o', sys.argv[2]]\n"
        "try:\n    ikuxl.cli.main()\nexcept SystemExit as e:\n    print(e.code, dimuat(), file=sys.stderr)\n"
    )
    contoh = shutil.copy(AKAR / "workbooks" / "iku-kalsel-2020.xlsx", tmp_path)
    hasil = subprocess.run(
        [sys.executable, "-c", kode, str(contoh), str(tmp_path / "hasil")], capture_output=True, text=True, cwd=AKAR, check=True
    )
    # a batch makes the Rumus parser (Lark) before it forks its workers, which share it
    baris = hasil.stderr.splitlines()
    assert (baris[0], baris[-1]) == ("[] 0", "0 ['lark']"), hasil.stderr


def test_impor_tanpa_pandas_berkata_cara_memasangnya(tmp_path):
    """pandas is an extra (`ikuxl[impor]`): without it, `ikuxl import` and `ikuxl contoh` (its examples are imported
    from tables) say in Indonesian how to install it, write nothing, and the other commands work."""
    import subprocess
    import sys

    kode = "import sys; sys.modules['pandas'] = None\nfrom ikuxl.cli import main\nsys.argv[0] = 'ikuxl'\nmain()"
    sumber = AKAR / "ikuxl" / "sumber_contoh" / "kalsel-2020.csv"
    for perintah in (["import", str(sumber), "-o", str(tmp_path / "iku.xlsx")], ["contoh", str(tmp_path / "contoh")]):
        r = subprocess.run([sys.executable, "-c", kode, *perintah], capture_output=True, text=True, cwd=AKAR)
        pesan = " ".join(r.stderr.split())
        assert r.returncode == 2 and "pandas, yang belum terpasang" in pesan, r.stderr
        assert "pip install 'ikuxl[impor]'" in pesan and "Traceback" not in r.stderr, r.stderr
    assert list(tmp_path.iterdir()) == []
    r = subprocess.run([sys.executable, "-c", kode, "capaian", "80", "88"], capture_output=True, text=True, cwd=AKAR)
    assert r.returncode == 0 and "Capaian 110" in r.stdout, r.stderr


def test_bantuan_tanpa_modul_berat():
    """`ikuxl --help`, a new user's first command, loads only the command line and the domain rules it names:
    no table, workbook, server, Excel or spelling library (ikuxl.cli imports each in the command that uses it)."""
    import subprocess
    import sys

    kode = (
        "import sys, io, contextlib\nberat = set(sys.argv[1:])\nfrom ikuxl.cli import main\nsys.argv = ['ikuxl', '--help']\n"
        "try:\n    with contextlib.redirect_stdout(io.StringIO()):\n        main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & berat), "
        "sorted(m for m in sys.modules if m.startswith('ikuxl.')))"
    )
    berat = "pandas numpy openpyxl python_calamine xlwings xlwings_server uvicorn fastapi babel lark pydantic spylls"
    r = subprocess.run([sys.executable, "-c", kode, *berat.split()], capture_output=True, text=True, cwd=AKAR, check=True)
    assert r.stdout.split("] ")[0] == "[", r.stdout
    assert not any(m in r.stdout for m in ("ikuxl.excel", "ikuxl.workbook", "ikuxl.aksi", "ikuxl.impor")), r.stdout


def test_galat_contoh_disebut_disengaja(tmp_path):
    """The example's one galat is its source document's gap, left in on purpose: recalc says so under its table
    (for that example only), and the gap is still what it says."""
    from ikuxl.aksi import recalc
    from ikuxl.cli import GALAT_CONTOH

    from .bantu import ikuxl

    contoh = [AKAR / "workbooks" / n for n in ("iku-kalsel-2020.xlsx", "iku-tanjabbar-2022.xlsx")]
    r = ikuxl("recalc", *contoh, "-o", tmp_path / "hasil")
    [baris] = [b for b in r.stdout.splitlines() if "disengaja" in b]
    assert baris.startswith("Galat iku-kalsel-2020.xlsx disengaja: dokumen sumbernya tidak menyebut Satuan indikator PFU-03")
    for n, (jumlah, _) in GALAT_CONTOH.items():
        galat = [t for t in recalc(AKAR / "workbooks" / n, tmp_path / "lagi" / n).temuan if t.tingkat == "galat"]
        assert len(galat) == jumlah and (galat[0].kode, galat[0].indikator) == ("WAJIB_KOSONG", "PFU-03"), galat
        assert "Satuan" in galat[0].pesan


def test_benchmark_memakai_nama_yang_ada():
    """The scripts in benchmarks/ are run by hand, not by the tests: every ikuxl name they import must exist."""
    import ast
    import importlib

    hilang = []
    for p in sorted((AKAR / "benchmarks").glob("*.py")):
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(n, ast.ImportFrom) and (n.module or "").startswith("ikuxl"):
                modul = importlib.import_module(n.module)
                hilang += [f"{p.name}: {n.module}.{a.name}" for a in n.names if not hasattr(modul, a.name)]
    assert hilang == []


def test_api_publik_sama_dengan_readme():
    """`import ikuxl` offers what the README's library table lists, no more and no less, and each name exists."""
    import ikuxl

    readme = (AKAR / "README.md").read_text(encoding="utf-8")
    tabel = readme.split("<!-- api:awal -->")[1].split("<!-- api:akhir -->")[0]
    didokumentasikan = [n for baris in tabel.splitlines()[2:] for n in re.findall(r"`(\w+)`", baris.split("|")[1])]
    assert sorted(didokumentasikan) == sorted(ikuxl.__all__)
    assert len(set(ikuxl.__all__)) == len(ikuxl.__all__)
    assert all(hasattr(ikuxl, n) for n in ikuxl.__all__)


def test_wheel_siap_terbit_dan_contoh_jalan_darinya(tmp_path):
    """The wheel is what a package index (PyPI, the agency's own) or xlwings Lite installs: it carries the licence,
    its authors and address, py.typed (type checkers read its annotations), the xlwings Lite main.py and the seed
    tables, so `ikuxl contoh` works from it alone (run here from the unpacked wheel, away from the repository)
    and makes the committed example workbooks byte for byte."""
    import subprocess
    import sys
    import zipfile

    roda = bangun_roda(tmp_path)
    with zipfile.ZipFile(roda) as z:
        nama = z.namelist()
        meta = z.read(next(n for n in nama if n.endswith(".dist-info/METADATA"))).decode()
        z.extractall(tmp_path / "paket")
    assert any(n.endswith("licenses/LICENSE") for n in nama) and "License-Expression: BSD-3-Clause" in meta
    assert "Author: the ikuxl developers" in meta and "Project-URL: " in meta
    inti = {
        "ikuxl/py.typed",
        "ikuxl/excel/lite/main.py",
        "ikuxl/sumber_contoh/kalsel-2020.csv",
        "ikuxl/sumber_contoh/tanjabbar-2022.csv",
    }
    assert inti <= set(nama)
    # the classic add-in's sources, installed under share/ikuxl/macros (ikuxl addin-klasik copies them from there)
    with zipfile.ZipFile(roda) as z:
        makro = {n.rsplit("/", 1)[1]: z.read(n) for n in nama if "/data/share/ikuxl/macros/" in n}
    assert makro == {p.name: p.read_bytes() for p in (AKAR / "macros").iterdir() if p.is_file()}
    # pandas only with the extra of `ikuxl import` (a plain install, and xlwings Lite, go without it)
    assert 'Requires-Dist: pandas>=2.2.2; extra == "impor"' in meta and "Requires-Dist: pandas>=2.2.2\n" not in meta
    keluar, env = tmp_path / "contoh", {**os.environ, "PYTHONPATH": str(tmp_path / "paket")}
    asal = subprocess.run(
        [sys.executable, "-c", "import ikuxl; print(ikuxl.__file__)"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert asal.stdout.startswith(str(tmp_path / "paket")), asal.stdout  # the wheel's, not the repository's
    r = subprocess.run(
        [sys.executable, "-m", "ikuxl", "contoh", str(keluar)], capture_output=True, text=True, timeout=600, cwd=tmp_path, env=env
    )
    assert r.returncode == 0, r.stderr
    dibuat = sorted(p.name for p in keluar.glob("*.xlsx"))
    assert dibuat == sorted(p.name for p in (AKAR / "workbooks").glob("*.xlsx"))
    assert all((keluar / n).read_bytes() == (AKAR / "workbooks" / n).read_bytes() for n in dibuat)


def test_baris_perintah_berbahasa_indonesia():
    """The command line speaks Indonesian throughout, also in the texts Click and Typer print themselves."""
    import subprocess
    import sys

    def ikuxl(*argumen):
        r = subprocess.run(
            [sys.executable, "-m", "ikuxl", *argumen], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}
        )
        return r.returncode, r.stdout + r.stderr

    _, bantuan = ikuxl("--help")
    assert all(
        t in bantuan
        for t in (
            "Cara pakai:",
            "╭─ Opsi",
            "╭─ Perintah",
            "Tampilkan bantuan ini lalu keluar.",
            "--install-completion",
            "Pasang pelengkapan otomatis",
        )
    )
    kode, galat = ikuxl("recalc")
    assert kode == 2 and "Argumen 'berkas' belum diberikan." in galat and "Ketik 'ikuxl recalc --help' untuk bantuan." in galat
    _, galat = ikuxl("capaian", "1", "2", "--batas", "x")
    assert "Nilai '--batas' tidak sah: harus berupa angka" in galat
    _, galat = ikuxl("recal")
    assert "Perintah 'recal' tidak ada. Maksudnya 'recalc'" in galat
    _, lebih = ikuxl("capaian", "1", "2", "3")
    assert "Ada argumen lebih yang tidak dikenal (3)" in lebih
    _, salah = ikuxl("recalc", "a.xlsx", "--jbs", "2")
    assert "Opsi tidak dikenal: --jbs (opsi yang ada: --jobs)" in salah
    _, bantuan = ikuxl("capaian", "--help")
    assert "<teks>" in bantuan and "<angka>" in bantuan and "[wajib]" in bantuan and "[bawaan: positif]" in bantuan
    _, bantuan_recalc = ikuxl("recalc", "--help")
    assert "Cara pakai: ikuxl recalc [OPSI]" in bantuan_recalc and "<jalur>" in bantuan_recalc
    semua = ikuxl("--help")[1] + bantuan + bantuan_recalc + galat + lebih + salah
    assert "Cara pakai: ikuxl [OPSI] PERINTAH [ARGUMEN]..." in semua
    english = ("Show this message", "Missing argument", "Usage:", "Try '", "Invalid value", "[required]", "<bool>", "<str>")
    english += ("[OPTIONS]", "COMMAND", "<list[", "Possible options", "unexpected extra")
    assert not [t for t in english if t in semua]


def test_argumen_diubah_tanpa_pydantic_seperti_typer(tmp_path):
    """ikuxl.cli converts the arguments itself, without pydantic (0.13 s of every command): to the same values,
    and with the same errors, as Typer's own conversion, for every parameter of every command."""
    import typer
    from typer._click.exceptions import BadParameter
    from typer._coercion import build_runtime_param

    from ikuxl.bahasa import terjemah_galat
    from ikuxl.cli import _Ubah, app

    ada = tmp_path / "ada.xlsx"
    ada.write_bytes(b"")
    # (not "3.0" for a whole number: pydantic takes it as 3, ikuxl refuses it as Python's int() does)
    contoh = ["3", "-2", "+4", "2.5", "1e3", "nan", "x", "", "a.xlsx", str(ada), str(tmp_path), True, False]

    def ubah(runtime, nilai, p, ctx):
        try:
            return runtime.coerce(nilai, param=p, ctx=ctx)
        except BadParameter as e:
            return "galat: " + terjemah_galat(e.format_message())

    grup = typer.main.get_command(app)
    diperiksa = 0
    for perintah in [grup, *grup.commands.values()]:
        ctx = typer._click.Context(perintah)
        for p in [*perintah.params, perintah.get_help_option(ctx)]:
            ringan = _Ubah.untuk(p)
            assert ringan is not None, f"{perintah.name} {p.name}: Typer's conversion (pydantic) would be imported"
            typer_sendiri = build_runtime_param(p.type_descriptor)
            jenis = p.type_descriptor.annotation
            for nilai in [None, *(c for c in contoh if isinstance(c, bool) == (jenis is bool))]:
                nilai = [nilai, "7"] if (p.nargs == -1 or p.multiple) and nilai is not None else nilai
                sama = repr(ubah(ringan, nilai, p, ctx)) == repr(ubah(typer_sendiri, nilai, p, ctx))  # repr: nan
                assert sama, (perintah.name, p.name, nilai)
                diperiksa += 1
    assert diperiksa > 200
