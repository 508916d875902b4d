import os

# before anything imports xlwings: its remote engine and server decorators (PolyForm Noncommercial)
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import shutil
from pathlib import Path

import pytest

from ikuxl.libreoffice import buat_profil, soffice

AKAR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """A LibreOffice profile that recalculates on load; the test is skipped only where
    LibreOffice is missing, which .ci/run never allows (it installs it)."""
    if soffice() is None:
        if shutil.os.environ.get("CI"):
            pytest.fail("LibreOffice tidak terpasang di CI; .ci/run harus memasangnya")
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    return buat_profil(tmp_path_factory.mktemp("lo-profil"))
