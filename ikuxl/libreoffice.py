"""LibreOffice headless as an independent spreadsheet engine.

Used by the tests (the oracle that checks ikuxl's values against what a spreadsheet
computes from the same formulas) and by the benchmarks. Each call gets its own
profile directory, so several can run at once.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# Recalculate every formula on load, even those with cached values (mode 0 = always),
# mark the profile as already started so each start skips the first-run work, and show
# numbers as an Indonesian reader sees them (decimal comma). Formula groups are calculated in threads, as in
# LibreOffice's default that users have: that order once computed a capaian group before the helpers it reads
# (tests/test_excel_saja.py's yearly test caught it), so the oracle must not turn it off.
_PROFIL = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>{versi}</value></prop></item>
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Calculation"><prop oor:name="UseThreadedCalculationForFormulaGroups" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>id-ID</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _versi(program: str) -> str:
    keluaran = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60).stdout.split()
    nomor = next((k for k in keluaran if k[:1].isdigit()), "7.4")
    return ".".join(nomor.split(".")[:2])


def buat_profil(folder: Path, program: str | None = None) -> Path:
    program = program or soffice()
    user = folder / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFIL.format(versi=_versi(program)), encoding="utf-8")
    return folder


def perintah(berkas: list[Path], keluar: Path, profil: Path, format: str = "xlsx") -> list[str]:
    """The soffice command that recalculates `berkas` into `keluar` with the given profile."""
    filter_ = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "pdf": "pdf"}[format]
    return [
        soffice(),
        f"-env:UserInstallation={profil.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        filter_,
        "--outdir",
        str(keluar),
        *map(str, berkas),
    ]


def hitung_ulang(
    berkas: list[Path], keluar: Path, format: str = "xlsx", profil: Path | None = None, batas_waktu: float = 600
) -> list[Path]:
    """Open each file in LibreOffice headless, recalculate every formula, and save a
    copy in `keluar` (xlsx by default, or pdf). Returns the written paths in order."""
    program = soffice()
    if program is None:
        raise RuntimeError("LibreOffice (soffice) tidak ditemukan; pasang paket libreoffice-calc-nogui")
    keluar.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ikuxl-lo-") as sementara:
        profil = profil or buat_profil(Path(sementara) / "profil", program)
        hasil = subprocess.run(perintah(berkas, keluar, profil, format), capture_output=True, text=True, timeout=batas_waktu)
    tertulis = [keluar / (Path(b).stem + "." + format) for b in berkas]
    hilang = [p for p in tertulis if not p.exists()]
    if hasil.returncode != 0 or hilang:
        raise RuntimeError(f"LibreOffice gagal ({hasil.returncode}): {hasil.stderr.strip() or hasil.stdout.strip()}")
    return tertulis
