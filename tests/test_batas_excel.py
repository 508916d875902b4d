"""Formulas ikuxl writes stay within Excel's limits (8,192 characters, 64 nested functions,
255 characters of text, 255 arguments), or the indicator gets a Validasi galat and its cells
hold no over-limit formula; a Rumus of thousands of terms fails that indicator only."""

import re
import shutil

import openpyxl
from hypothesis import HealthCheck, example, given, settings, strategies as st

from ikuxl.aksi import recalc, rencana, validasi
from ikuxl.dokumen import KOLOM_TW_KOMPONEN, KOLOM_TW_REALISASI, Dokumen
from ikuxl.plan import Rumusan
from ikuxl.rumus import Rumus
from ikuxl.skema import BARIS_DATA, IKU, REALISASI, Tata, kolom_realisasi
from ikuxl.hitung import TEKS_MELAMPAUI_EXCEL
from ikuxl.workbook.kerangka import tulis_plan

from .bantu import WORKBOOKS, per_kode, ikuxl as _ikuxl
from .oracle import bandingkan
from .strategi import pohon

_TEKS = re.compile(r'"((?:[^"]|"")*)"')


def _dalam_batas(f: str) -> bool:
    """Excel's limits, measured here on their own: length, text values, nested functions, arguments."""
    if len("=" + f) > 8192 or any(len(t.replace('""', '"')) > 255 for t in _TEKS.findall(f)):
        return False
    tanpa_teks = _TEKS.sub('""', f)
    tumpukan, terdalam = [], 0
    for m in re.finditer(r"([A-Z][A-Z0-9.]*)?\(|\)|,", tanpa_teks):
        if m[0].endswith("("):
            tumpukan.append([bool(m[1]), 1])
            terdalam = max(terdalam, sum(f for f, _ in tumpukan))
        elif m[0] == ")":
            tumpukan.pop()
        elif tumpukan:
            tumpukan[-1][1] += 1
            if tumpukan[-1][0] and tumpukan[-1][1] > 255:
                return False
    return terdalam <= 64


def _dokumen(rumus: list[tuple[str, str]], nilai: int | None = 7) -> Dokumen:
    """One indicator per (sifat, Rumus), components filled with `nilai` in every quarter."""
    dok = Dokumen.kosong("Dinas Uji", "kabupaten", "Kab. Uji", 2024, 2026, 2024)
    baris, realisasi, komponen = [], {}, []
    for i, (sifat, teks) in enumerate(rumus):
        kode = f"U-{i + 1:02d}"
        baris.append(
            {
                **{k.kunci: None for k in dok.kolom_iku},
                "kode": kode,
                "jabatan": "Kepala Dinas",
                "indikator": f"Indikator {i + 1}",
                "satuan": "%",
                "polaritas": "positif",
                "sifat": sifat,
                "rumus": teks,
                "target_2024": 80,
            }
        )
        realisasi[kode] = dict(zip(KOLOM_TW_REALISASI, [20, 20, 20, 20, 15, 25, 20, None]))
        try:
            nama = Rumus(teks).komponen
        except ValueError:
            nama = []
        komponen += [{"kode": kode, "komponen": n, **dict.fromkeys(KOLOM_TW_KOMPONEN, nilai)} for n in nama]
    dok.iku = baris
    dok.isi_triwulan(realisasi)
    dok.komponen = komponen
    return dok


def _jumlah(nama: list[str]) -> str:
    return " + ".join(f"[{n}]" for n in nama[1:]) + f" / [{nama[0]}] × 100" if len(nama) > 1 else f"[{nama[0]}]"


nama_komponen = st.text("abcdefghij KLMN-", min_size=1, max_size=250).map(lambda t: " ".join(t.split())).filter(bool)
rumus_acak = st.one_of(
    st.lists(nama_komponen, min_size=1, max_size=45, unique_by=lambda n: n.casefold()).map(_jumlah),
    pohon.map(lambda p: str(Rumus.dari_pohon(p))),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(st.sampled_from(["rasio", "kumulatif", "akhir periode"]), rumus_acak), min_size=1, max_size=3))
@example([("kumulatif", _jumlah([f"K{i}" for i in range(70)])), ("rasio", _jumlah(["A", "B"]))])  # one over the limit
def test_setiap_rumus_yang_ditulis_dalam_batas_excel_atau_indikatornya_bergalat(daftar):
    dok = _dokumen(daftar)
    plan, temuan, _ = rencana(dok, lengkap=True)
    for lembar in plan.lembar:
        for sel, s in lembar.sel.items():
            if isinstance(s.nilai, Rumusan):  # a column's shared formula too, as on that row
                f = lembar.rumus(*sel)
                assert _dalam_batas(f), (lembar.nama, sel, len(f))
    bergalat = {t.indikator for t in temuan if t.kode == "RUMUS_MELAMPAUI_BATAS_EXCEL"}
    tr = Tata(kolom_realisasi())
    for i, (_, teks) in enumerate(daftar):
        kode = f"U-{i + 1:02d}"
        nilai = {k: plan[REALISASI].sel[(BARIS_DATA + i, c)].nilai.nilai for k, c in tr.posisi.items()}
        per_tw = [nilai[f"{k}_tw{q}"] for k in ("realisasi", "capaian") for q in range(1, 5)]
        assert (kode in bergalat) == (per_tw == [TEKS_MELAMPAUI_EXCEL] * 8), kode  # every quarter says why
        if kode in bergalat:  # and the year has no capaian
            assert str(nilai["capaian"]).startswith("tidak dapat dihitung"), (kode, nilai["capaian"])


def test_rasio_dengan_banyak_komponen_dan_nama_panjang_dihitung_sama_oleh_libreoffice(tmp_path, libreoffice):
    """A long component name costs nothing (the compiled cells on Komponen refer to the values' cells); 70
    components make those cells longer than Excel's 8,192 characters (checked for rows down to the sheet's
    last): that indicator only gets the galat and says so, and LibreOffice computes what ikuxl cached."""
    nama = [f"Komponen {i} " + "panjang " * (25 if i == 1 else 0) for i in range(1, 71)]
    dok = _dokumen(
        [
            ("rasio", _jumlah(nama[:6])),
            ("rasio", _jumlah(nama[:15])),
            ("rasio", _jumlah(nama[:40])),
            ("kumulatif", _jumlah(nama[:2])),
            ("rasio", _jumlah(nama)),
            ("rasio", f"[{nama[0]}] /"),
        ]
    )
    path = tmp_path / "banyak.xlsx"
    tulis_plan(rencana(dok, lengkap=True)[0], path)
    recalc(path)
    temuan = [(t.kode, t.sel) for t in validasi(path).temuan if t.kode == "RUMUS_MELAMPAUI_BATAS_EXCEL"]
    assert temuan == [("RUMUS_MELAMPAUI_BATAS_EXCEL", "L9")]  # the 70 components only; column Rumus
    nilai = per_kode(path, REALISASI)
    assert all(isinstance(nilai[f"U-0{i}"]["Capaian (%)"], float) for i in range(1, 5))
    for kode, alasan in (("U-05", TEKS_MELAMPAUI_EXCEL), ("U-06", "tidak dapat dihitung: Rumus tidak dapat dibaca")):
        assert all(
            str(nilai[kode][judul]).startswith(alasan)
            for t in ("I", "II", "III", "IV")
            for judul in (f"Realisasi TW {t}", f"Capaian TW {t} (%)")
        ), kode  # no number Excel cannot compute
        assert not isinstance(nilai[kode]["Capaian (%)"], (int, float)), kode
    beda = bandingkan([path], tmp_path / "lo", libreoffice)
    assert beda == [], "\n".join(beda[:10])


def test_rumus_ribuan_suku_hanya_menggagalkan_indikatornya(tmp_path):
    path = tmp_path / "contoh.xlsx"
    shutil.copy(WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx", path)
    sebelum = per_kode(path, REALISASI)
    wb = openpyxl.load_workbook(path)
    ws = wb[IKU]
    kolom = [c.value for c in ws[4]].index("Rumus") + 1
    sel = ws.cell(BARIS_DATA, kolom)
    kode = ws.cell(BARIS_DATA, 1).value
    sel.value = " + ".join(f"[K{i}]" for i in range(3000))
    wb.save(path)
    hasil = _ikuxl("recalc", "--in-place", path)
    assert hasil.returncode == 0 and "Traceback" not in hasil.stderr, hasil.stderr
    temuan = [(t.kode, t.sel, t.indikator) for t in validasi(path).temuan if t.kode == "RUMUS_TIDAK_TERBACA"]
    assert temuan == [("RUMUS_TIDAK_TERBACA", sel.coordinate, kode)]
    sesudah = per_kode(path, REALISASI)
    lain = [k for k in sebelum if k != kode]
    assert lain and all(sesudah[k]["Capaian (%)"] == sebelum[k]["Capaian (%)"] for k in lain)

    hasil = _ikuxl("rumus", sel.value)
    assert hasil.returncode == 1 and "Traceback" not in hasil.stderr + hasil.stdout
    assert "rumus terlalu panjang" in " ".join(hasil.stderr.split())
