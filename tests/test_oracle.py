"""The oracle: LibreOffice recalculates what ikuxl wrote; every formula cell must equal ikuxl's cached value."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ikuxl.aksi import recalc
from ikuxl.rakit import susun
from ikuxl.workbook.kerangka import tulis_plan

from .bantu import WORKBOOKS
from .oracle import bandingkan
from .strategi import dokumen

pytestmark = pytest.mark.libreoffice


def test_template_dan_contoh_dihitung_sama_tanpa_galat(tmp_path, libreoffice):
    berkas = sorted(WORKBOOKS.glob("*.xlsx"))
    assert bandingkan(berkas, tmp_path, libreoffice) == []


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(dokumen(), min_size=3, max_size=5))
def test_workbook_acak_dihitung_sama(tmp_path_factory, libreoffice, daftar):
    folder = tmp_path_factory.mktemp("acak")
    berkas = []
    for i, dok in enumerate(daftar):
        berkas.append(folder / f"acak-{i}.xlsx")
        tulis_plan(susun(dok), berkas[-1])  # a new workbook, as `ikuxl template` + typing would give
        recalc(berkas[-1])  # then Validasi, Hitung Capaian, Perbarui Ringkasan grafted into it
    beda = bandingkan(berkas, folder / "lo", libreoffice)
    assert beda == [], "\n".join(beda[:10])
