import os

# before anything imports xlwings: its remote engine and server decorators (PolyForm Noncommercial)
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from ikuxl.libreoffice import buat_profil, soffice

AKAR = Path(__file__).resolve().parent.parent

# The property tests draw the same examples on every run, so that a commit passes or fails on its own code, and
# with no time limit per example (a loaded machine is slow; time is for benchmarks/). HYPOTHESIS_PROFILE=acak
# draws new examples each run (that is how the fuzz test found a damaged workbook.xml crashing under defusedxml 0.7.0).
settings.register_profile("tetap", deadline=None, derandomize=True)
settings.register_profile("acak", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "tetap"))


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """A LibreOffice profile that recalculates on load; the test is skipped only where
    LibreOffice is missing, which .ci/run never allows (it installs it)."""
    if soffice() is None:
        if shutil.os.environ.get("CI"):
            pytest.fail("LibreOffice tidak terpasang di CI; .ci/run harus memasangnya")
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    return buat_profil(tmp_path_factory.mktemp("lo-profil"))


@pytest.fixture(params=["utuh", "sepotong-sepotong"])
def potongan(request, monkeypatch):
    """Sheets read whole, and in pieces of a few rows, as a large sheet is read (paket.Paket.potongan): what was
    typed and added on a sheet is found in either."""
    if request.param != "utuh":
        monkeypatch.setattr("ikuxl.workbook.paket.UKURAN_POTONGAN", 3000)


@pytest.fixture
def pakai_mesin(monkeypatch):
    """pakai_mesin("hunspell" or "spylls"): the spelling check reads the dictionary with that engine from now on."""
    from ikuxl import ejaan

    def lupakan():
        for f in (ejaan._muat, ejaan._dikenal, ejaan.saran):
            f.cache_clear()

    asli = sys.modules.get("hunspell")

    def pakai(mesin: str) -> None:
        if mesin == "spylls":
            monkeypatch.setitem(sys.modules, "hunspell", None)  # as where chunspell's wheel is missing: the fallback
        elif asli:
            monkeypatch.setitem(sys.modules, "hunspell", asli)
        else:
            monkeypatch.delitem(sys.modules, "hunspell", raising=False)
        lupakan()
        if mesin == "hunspell" and ejaan.mesin(ejaan.jalur()) != "hunspell":
            pytest.skip("Hunspell C (chunspell) tidak terpasang untuk Python ini: pip install chunspell")
        assert ejaan.mesin(ejaan.jalur()) == mesin

    yield pakai
    lupakan()
