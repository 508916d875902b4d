"""The Realisasi row of an indicator follows its own IKU row, even when a removed row shares its kode."""

import re

import pytest
from openpyxl.utils import column_index_from_string

from ikuxl.dokumen import Dokumen
from ikuxl.plan import Rumusan
from ikuxl.skema import BARIS_DATA, REFERENSI, Tata, kolom_iku, kolom_realisasi
from ikuxl.rakit import susun

TARGET = {"Baru": {2024: 100, 2025: 110}, "Dihapus": {2024: 50, 2025: 55}}  # the desk review replaced A-1 and kept its kode


def _dokumen(tahun: int) -> Dokumen:
    dok = Dokumen.kosong("Dinas Uji", "kabupaten", "Kab. Uji", 2024, 2025, tahun)
    baris = []
    for status, target in TARGET.items():
        r = {k.kunci: None for k in dok.kolom_iku}
        r.update(
            kode="A-1",
            jabatan="Kepala Dinas",
            indikator=f"Indikator {status}",
            satuan="Unit",
            polaritas="positif",
            sifat="kumulatif",
            status=status,
            **{f"target_{t}": v for t, v in target.items()},
        )
        baris.append(r)
    dok.iku = baris
    return dok


def _nilai_nama(plan, nama: str):
    """The value of a defined name of one cell on Referensi, as the plan writes it."""
    lembar, sel = plan.nama[nama].split("!")
    assert lembar == f"'{REFERENSI}'"
    kolom, baris = re.fullmatch(r"\$([A-Z]+)\$(\d+)", sel).groups()
    return plan[REFERENSI].sel[(int(baris), column_index_from_string(kolom))].nilai


@pytest.mark.parametrize("tahun", [2024, 2025])
def test_target_tahunan_merujuk_baris_iku_indikator_itu(tahun):
    """Target Tahunan of each Realisasi row reads the reporting year's target on IKU's row of the same number:
    its formula's INDEX, evaluated on the IKU sheet ikuxl writes, gives that indicator's own target for that year
    (not the removed row's of the same kode), and the cached value is that target."""
    plan = susun(_dokumen(tahun))
    lr, iku = plan["Realisasi"], plan["IKU"]
    c = Tata(kolom_realisasi()).posisi["target_tahunan"]
    for r, status in enumerate(TARGET, start=BARIS_DATA):
        assert iku.sel[(r, Tata(kolom_iku(2024)).posisi["indikator"])].nilai == f"Indikator {status}"  # IKU's row r
        rumus = lr.rumus(r, c)
        acuan = set(re.findall(r"INDEX\('IKU'!\$([A-Z]+):\$([A-Z]+),([^,()]*(?:\(\))?),([^)]*)\)", rumus))
        assert len(acuan) == 1, rumus  # one IKU lookup, the same wherever the formula uses it
        ((awal, akhir, baris, ke),) = acuan
        assert baris == "ROW()"  # the row of the Realisasi cell itself, which shows IKU's row of the same number
        nama = re.fullmatch(r"([A-Za-z_]+)-([A-Za-z_]+)\+1", ke)  # the column within the block: a setting less another, +1
        assert nama, ke
        ke = _nilai_nama(plan, nama[1]) - _nilai_nama(plan, nama[2]) + 1
        assert 1 <= ke <= column_index_from_string(akhir) - column_index_from_string(awal) + 1
        ditunjuk = iku.sel[(r, column_index_from_string(awal) + ke - 1)].nilai
        assert ditunjuk == TARGET[status][tahun]  # the cell the formula reads: this indicator's target for this year
        target = lr.sel[(r, c)].nilai
        assert isinstance(target, Rumusan)
        assert target.nilai == (TARGET[status][tahun] if status != "Dihapus" else "")  # a removed row shows nothing


def test_rumus_dihitung_dari_baris_yang_berlaku_bukan_baris_terhapus_berkode_sama():
    """A removed row listed first with the same kode and another Rumus: Komponen compiles the Rumus of the
    indicator in force, so its Realisasi row computes (before, it compiled the removed row's and said
    "Rumus berubah" until the removed row was deleted)."""
    dok = _dokumen(2024)
    dok.iku = [
        {**b, "rumus": rumus, "realisasi_tw1": None, "target_tw1": target}  # the removed row first
        for b, rumus, target in zip(dok.iku[::-1], ["[Lama] × 2", "[Dibangun] / [Rencana] × 100"], [None, 50])
    ]
    dok.komponen = [{"kode": "A-1", "komponen": "Dibangun", "tw1": 30}, {"kode": "A-1", "komponen": "Rencana", "tw1": 40}]
    plan = susun(dok)
    tk = {k: c for c, k in enumerate(["kode", "indikator", "komponen"], 1)}
    komponen = {plan["Komponen"].sel[(r, tk["komponen"])].nilai for r in (BARIS_DATA, BARIS_DATA + 1)}
    assert komponen == {"Dibangun", "Rencana"}
    tr = Tata(kolom_realisasi())
    real = plan["Realisasi"].sel[(BARIS_DATA + 1, tr.posisi["realisasi_tw1"])].nilai.nilai
    assert real == pytest.approx(75.0)


def test_kolom_baru_cukup_satu_baris_tabel(monkeypatch):
    """A Realisasi column is one row of skema.kolom_realisasi: a row added there (header, width, format, both
    twins, nothing else) gets its header, its width, one shared formula down the prepared rows, its number format
    and, as each cell's cached value, what its Python twin computes, which Hitungan then carries for every reader."""
    from ikuxl import hitung, skema, susun as S
    from ikuxl.plan import BARIS_POLA

    baru = skema.Kolom(
        "target_ganda",
        "Target Ganda",
        13,
        rumus=True,
        format=skema.FORMAT_PERSEN,
        python=lambda v: v["target_tw1"] * 2 if isinstance(v["target_tw1"], (int, float)) else "",
        excel=lambda s: f'IF(ISNUMBER({s["target_tw1"]}),{s["target_tw1"]}*2,"")',
    )
    tabel = [*kolom_realisasi(), baru]
    for modul in (hitung, S):
        monkeypatch.setattr(modul, "kolom_realisasi", lambda: tabel)
    hitung._tabel_realisasi.cache_clear()
    monkeypatch.setattr(hitung, "_tabel_realisasi", hitung._tabel_realisasi.__wrapped__)
    dok = _dokumen(2024)
    for b in dok.iku:
        b["target_tw1"] = 40
    lr = susun(dok)["Realisasi"]
    c = len(tabel)
    assert lr.sel[(BARIS_DATA - 1, c)].nilai == "Target Ganda" and lr.lebar[c] == 13
    awal, akhir, pola = lr.bersama[c]
    t = Tata(tabel).huruf("target_tw1")
    assert (awal, akhir, pola) == (BARIS_DATA, hitung.hitung(dok).akhir, f'IF(ISNUMBER({t}{BARIS_POLA}),{t}{BARIS_POLA}*2,"")')
    aktif = BARIS_DATA + [b["status"] for b in dok.iku].index("Baru")
    sel = lr.sel[(aktif, c)]
    assert sel.nilai == Rumusan(None, 80) and sel.format == skema.FORMAT_PERSEN
    assert hitung.hitung(dok).baris(aktif - BARIS_DATA)["target_ganda"] == 80


def test_komponen_ditulis_dari_bloknya_seperti_sel_satu_per_satu():
    """Komponen's rows are kept as rows of values (plan.SelBlok): asked cell by cell (the Excel shell, tests) an
    indicator's first row holds the compiled formulas with their number format, its other rows blank cells with
    none, and the one row of an unreadable Rumus no input cells; the sheet written from the block is byte for
    byte the one written from the same cells one by one (readable, unreadable and too-long Rumus, typed text)."""
    from itertools import count

    from ikuxl.dokumen import KOLOM_TW_KOMPONEN
    from ikuxl.plan import LembarPlan
    from ikuxl.skema import FORMAT_ANGKA, kolom_komponen
    from ikuxl.workbook.lembar_xml import lembar_xml, tinggi_baris

    dok = _dokumen(2024)
    nama = [f"Komponen {i}" for i in range(1, 71)]
    rumus = ["[Dibangun] / [Rencana] × 100", "[Dibangun] /", " + ".join(f"[{n}]" for n in nama)]
    dok.iku = [
        {**dok.iku[0], "kode": f"K-{i}", "status": "Baru", "sifat": "kumulatif", "rumus": r} for i, r in enumerate(rumus, 1)
    ]
    dok.komponen = [
        {"kode": "K-1", "komponen": "Dibangun", **dict(zip(KOLOM_TW_KOMPONEN, [30, 0.0, "sepuluh", None]))},
        {"kode": "K-1", "komponen": "Rencana", "tw1": 40},
        *({"kode": "K-3", "komponen": n, "tw2": i} for i, n in enumerate(nama)),
    ]
    lk = susun(dok)["Komponen"]
    tk = Tata(kolom_komponen())
    c = tk.posisi
    pertama, kedua, tak_terbaca, terlalu_besar = BARIS_DATA, BARIS_DATA + 1, BARIS_DATA + 2, BARIS_DATA + 3
    sel = lk.sel[(pertama, c["realisasi_tw1"])]
    assert isinstance(sel.nilai, Rumusan) and sel.nilai.excel and sel.nilai.nilai == pytest.approx(75.0)
    assert (sel.gaya, sel.format) == ("rumus", FORMAT_ANGKA)
    assert lk.sel[(pertama, c["tw3"])].nilai == "sepuluh" and lk.sel[(pertama, c["tw3"])].gaya == "input"
    sel = lk.sel[(kedua, c["realisasi_tw1"])]
    assert (sel.nilai, sel.gaya, sel.format) == (None, "rumus", None)
    assert lk.sel[(kedua, c["tw1"])].nilai == 40 and lk.sel[(kedua, c["tw1"])].format == FORMAT_ANGKA
    assert lk.sel[(tak_terbaca, c["komponen"])].nilai == "(Rumus tidak dapat dibaca)"
    assert all((tak_terbaca, c[f"tw{q}"]) not in lk.sel for q in range(1, 5))
    with pytest.raises(KeyError):
        lk.sel[(tak_terbaca, c["tw1"])]
    assert lk.sel[(terlalu_besar, c["galat"])].nilai and (terlalu_besar + 69, c["tw2"]) in lk.sel
    assert lk.baris_akhir() == terlalu_besar + 69

    satu_per_satu = LembarPlan(**{**vars(lk), "sel": dict(lk.sel.items()), "_sama": {}})
    assert len(lk.sel) == len(satu_per_satu.sel) == len(set(lk.sel))
    for cara in ("kolom_ada", "gaya_ada", "baris_akhir", "isi_kolom", "terpakai"):
        assert getattr(lk, cara)() == getattr(satu_per_satu, cara)(), cara
    assert tinggi_baris(lk) == tinggi_baris(satu_per_satu)
    nomor = count()
    gaya = {g: next(nomor) for g in sorted(lk.gaya_ada(), key=str)}
    assert "".join(lembar_xml(lk, gaya)) == "".join(lembar_xml(satu_per_satu, gaya))


def test_rumus_komponen_sama_menyebut_baris_bloknya_sendiri():
    """Indicators sharing a Rumus text (compiled once a run) each get the formulas hitung.rumus_komponen_excel
    compiles for their own rows, whatever the components are called (a "%" in a name)."""
    from ikuxl.hitung import blok_komponen, rumus_komponen_excel
    from ikuxl.skema import kolom_komponen

    dok = _dokumen(2024)
    rumus = ["[Rumah % layak] / [Rumah semua] × 100", "[A] + [B] + [C]"]
    dok.iku = [
        {**dok.iku[0], "kode": f"K-{i}", "status": "Baru", "sifat": "kumulatif", "rumus": rumus[i % 2]} for i in range(1, 7)
    ]
    dok.komponen = [{"kode": "K-1", "komponen": "Rumah % layak", "tw1": 30}, {"kode": "K-2", "komponen": "B", "tw2": 4}]
    lk = susun(dok)["Komponen"]
    tk = Tata(kolom_komponen())
    dihitung = [k.kunci for k in tk.kolom if k.excel]
    bloks = list(blok_komponen(dok).values())
    assert len(bloks) == 6 and len({b.baris for b in bloks}) == 6
    for b in bloks:
        harapan = rumus_komponen_excel(b.rumus, list(range(b.baris, b.baris + len(b.nama))), tk)
        assert {k: lk.sel[(b.baris, tk.posisi[k])].nilai.excel for k in dihitung} == harapan


def test_realisasi_ditulis_dari_bloknya_seperti_sel_satu_per_satu():
    """Realisasi's rows (plan.SelBlok of shared formulas, each row written from a template made once per kind of row)
    are written byte for byte as the same cells one by one, whatever a row holds: numbers (a zero's sign, NaN, a
    large int), truth values, texts to escape or cut, empty texts and blanks, and two rows alike but their values."""
    from itertools import count

    from ikuxl.plan import BATAS_TEKS, LembarPlan
    from ikuxl.workbook.lembar_xml import lembar_xml

    lr = susun(_dokumen(2024))["Realisasi"]
    blok = lr.blok
    lebar = blok.lebar
    ragam = [
        1.5,
        -0.0,
        float("nan"),
        0.0,
        10**20,
        7,
        True,
        False,
        "",
        None,
        "a & b <c> _x0041_ \x01\r",
        "é" * (BATAS_TEKS + 5),
        "teks",
    ]
    baris = [tuple(ragam[(i + j) % len(ragam)] for i in range(lebar)) for j in range(len(ragam))]
    baris += [tuple(x * 2 if type(x) in (int, float) else x for x in b) for b in baris]  # the same kinds, other values
    blok.isi[:] = baris + [None] * (len(blok.isi) - len(baris))
    satu_per_satu = LembarPlan(**{**vars(lr), "sel": dict(lr.sel.items()), "_sama": {}})
    nomor = count()
    gaya = {g: next(nomor) for g in sorted(lr.gaya_ada(), key=str)}
    assert "".join(lembar_xml(lr, gaya)) == "".join(lembar_xml(satu_per_satu, gaya))
