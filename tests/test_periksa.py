"""Validasi: each check on the entry errors staff make (README, "Validasi, Hitung Capaian, Perbarui Ringkasan"),
with the cell it names."""

import pytest

from ikuxl.dokumen import Dokumen
from ikuxl.skema import BARIS_DATA, Tata
from ikuxl.periksa import periksa
from ikuxl.rakit import susun

from .bantu import WORKBOOKS


def _dok(baris: list[dict], realisasi: dict | None = None, komponen: list[dict] | None = None) -> Dokumen:
    dok = Dokumen.kosong("Dinas Uji", "kabupaten", "Kab. Uji", 2024, 2025, 2024)
    rekaman = []
    for i, b in enumerate(baris, start=1):
        r = {k.kunci: None for k in dok.kolom_iku}
        r.update(
            kode=f"A-{i}",
            jabatan="Kepala Dinas",
            indikator=f"Indikator nomor {i}",
            satuan="Unit",
            polaritas="positif",
            sifat="kumulatif",
            target_2024=100,
            target_2025=100,
        )
        r.update(b)
        rekaman.append(r)
    dok.iku = rekaman
    dok.isi_triwulan(realisasi or {})
    dok.komponen = komponen or []
    return dok


def _kode(dok) -> dict[str, list]:
    hasil: dict[str, list] = {}
    for t in periksa(dok):
        hasil.setdefault(t.kode, []).append(t)
    return hasil


def test_contoh_tanpa_galat_kecuali_satuan_yang_tidak_disebut_sumber():
    from ikuxl.workbook.baca import baca_dokumen

    tanjab = _kode(baca_dokumen(WORKBOOKS / "iku-tanjabbar-2022.xlsx"))
    assert set(tanjab) == {"TARGET_TAHUN_KOSONG", "EJAAN_TIDAK_DIKENAL"}  # the typos: test_ejaan
    kalsel = _kode(baca_dokumen(WORKBOOKS / "iku-kalsel-2020.xlsx"))
    assert [(t.sel, t.indikator) for t in kalsel["WAJIB_KOSONG"]] == [("H37", "PFU-03")]
    assert any('"yangghg"' in t.pesan for t in kalsel["EJAAN_TIDAK_DIKENAL"])
    assert [t.pesan for t in kalsel["KATA_MIRIP"]] == ['kata "pemukiman" mirip "permukiman": salah ketik?']


@pytest.mark.parametrize(
    "isi, satuan, kode, tingkat, kata",
    [
        ("20 Unit", "Unit", "SATUAN_DI_SEL_ANGKA", "galat", "isi angka 20 saja"),
        ("9,85", "Ha", "ANGKA_TERSIMPAN_TEKS", "galat", "ketik ulang sebagai angka 9,85"),
        ("1.500", "Ha", "ANGKA_AMBIGU", "galat", "1500 atau 1,5"),
        ("1.500", "Unit", "ANGKA_TERSIMPAN_TEKS", "galat", "sebagai angka 1.500"),  # a count: one thousand five hundred
        ("10 - 15 Ha", "Ha", "RENTANG_TEKS", "peringatan", "tanpa satuan"),  # the workbook reads "10 - 15" only
        ("1,5 - 2,125", "Ha", "RENTANG_TEKS", "peringatan", "maks. dua desimal"),
        ("N/A", "%", "TANDA_KOSONG", "info", "belum diisi"),
        ("9,85 Ha", "%", "SATUAN_BERBEDA", "peringatan", "bersatuan Ha"),
        ("Jumlah rumah", "Unit", "BUKAN_ANGKA", "galat", "bukan angka"),
        (-5, "Unit", "NILAI_NEGATIF", "peringatan", "negatif"),
        (
            "1:32",
            "Orang",
            "RASIO_DI_SEL_ANGKA",
            "galat",
            'rasio "1:32" sebagai teks sehingga tidak dihitung; isi angka 32 saja dan tulis 1:N di kolom Satuan',
        ),
        ("1 : 1.000", "1:N", "RASIO_DI_SEL_ANGKA", "galat", "isi angka 1.000 saja"),
        ("1:17,9", "1:n", "RASIO_DI_SEL_ANGKA", "galat", "isi angka 17,9 saja"),
        (
            "2:3",
            "1:N",
            "RASIO_DI_SEL_ANGKA",
            "galat",
            "suku pertama harus 1; tulis sebagai 1:N (2:3 = 1:1,5); isi angka N dari rasio 1:N saja",
        ),
        ("25,478", "Km", "ANGKA_TERSIMPAN_TEKS", "galat", "sebagai angka 25,478"),  # a measure: the decimal comma
        ("25,478 km", "Km", "SATUAN_DI_SEL_ANGKA", "galat", "isi angka 25,478 saja"),
        ("1,500", "Ha", "ANGKA_TERSIMPAN_TEKS", "galat", "sebagai angka 1,5"),
        ("1,500", "Indeks", "ANGKA_AMBIGU", "galat", "1,5 atau 1500"),
    ],
)
def test_isi_sel_angka(isi, satuan, kode, tingkat, kata):
    temuan = _kode(_dok([{"target_2025": isi, "satuan": satuan}]))
    [t] = temuan[kode]
    assert (t.lembar, t.sel, t.tingkat, t.indikator) == ("IKU", "S5", tingkat, "A-1") and kata in t.pesan
    assert satuan.lower() != "1:n" or "kolom Satuan" not in t.pesan  # the unit is already right: only the number to fix


def test_tanggal_dari_rentang_yang_diubah_excel():
    import datetime as dt

    [t] = _kode(_dok([{"target_2024": dt.datetime(2024, 10, 15)}]))["TANGGAL_DI_SEL_ANGKA"]
    assert t.sel == "R5" and "tanggal" in t.pesan


def test_matriks_wajib_kode_ganda_polaritas_satuan_target():
    temuan = _kode(
        _dok(
            [
                {"kode": "X", "polaritas": None, "satuan": "Meter persegi", "target_2025": None},
                {"kode": "X", "indikator": None, "sifat": "bulanan"},
            ]
        )
    )
    assert [t.sel for t in temuan["KODE_GANDA"]] == ["A5", "A6"]
    assert [t.sel for t in temuan["POLARITAS_KOSONG"]] == ["I5"]
    assert [t.sel for t in temuan["SATUAN_TIDAK_DIKENAL"]] == ["H5"]
    assert [t.sel for t in temuan["TARGET_TAHUN_KOSONG"]] == ["S5"]
    assert [(t.sel, t.pesan) for t in temuan["WAJIB_KOSONG"]] == [("G6", "Indikator Kinerja Utama belum diisi")]
    assert [t.sel for t in temuan["SIFAT_TIDAK_DIKENAL"]] == ["J6"]


def test_rumus_dan_komponen():
    """An unreadable Rumus is named on IKU and keeps one Komponen row that says so (the first, A-1 comes
    first), so B's components follow it: the zero divisor is named where the written sheet shows it."""
    dok = _dok(
        [{"rumus": "[a] /", "sifat": "rasio"}, {"rumus": "[Layak] / [RTLH] * 100", "kode": "B"}],
        komponen=[{"kode": "B", "komponen": "Layak", "tw1": 5, "tw2": 5}, {"kode": "B", "komponen": "RTLH", "tw1": 10, "tw2": 0}],
    )
    temuan = _kode(dok)
    [t] = temuan["RUMUS_TIDAK_TERBACA"]
    assert (t.lembar, t.sel) == ("IKU", "L5") and "posisi 6" in t.pesan
    [nol] = temuan["PEMBAGI_NOL"]
    assert (nol.lembar, nol.sel, nol.indikator) == ("Komponen", "E7", "B") and "[RTLH] TW II" in nol.pesan
    komponen = susun(dok)["Komponen"].sel
    assert [komponen[(r, c)].nilai for r in (5, 6, 7) for c in (1, 3)] == [
        "A-1",
        "(Rumus tidak dapat dibaca)",
        "B",
        "Layak",
        "B",
        "RTLH",
    ]
    assert (komponen[(4, 5)].nilai, komponen[(7, 5)].nilai) == ("TW II", 0)  # E7: RTLH's TW II, the zero
    temuan = _kode(_dok([{"rumus": "[Layak] / [Miskin]"}], komponen=[{"kode": "A-1", "komponen": "Layak"}]))
    assert "[Miskin]" in temuan["KOMPONEN_BELUM_ADA"][0].pesan


def test_angka_setahun_di_satu_triwulan_kumulatif_dilaporkan():
    """A kumulatif indicator's year typed into TW IV alone (quarterly targets 5 each, the year's 20): reported at
    the cell as the year's figure, not only as a realisasi far above its target; quarters filled in order are not."""
    target = {"target_tw1": 5, "target_tw2": 5, "target_tw3": 5, "target_tw4": 5}
    dok = _dok([{"target_2024": 20, "sifat": "kumulatif"}], realisasi={"A-1": {**target, "realisasi_tw4": 18}})
    [t] = _kode(dok)["REALISASI_TAHUNAN_DI_TRIWULAN"]
    assert (t.lembar, t.sel, t.indikator) == ("IKU", _sel(dok, "realisasi_tw4"), "A-1")
    assert "(18)" in t.pesan and "(20)" in t.pesan and "Realisasi 2024" in t.pesan
    biasa = _dok([{"target_2024": 20, "sifat": "kumulatif"}], realisasi={"A-1": {**target, "realisasi_tw1": 6}})
    assert "REALISASI_TAHUNAN_DI_TRIWULAN" not in _kode(biasa)
    akhir = _dok([{"target_2024": 20, "sifat": "akhir periode"}], realisasi={"A-1": {**target, "realisasi_tw4": 18}})
    assert "REALISASI_TAHUNAN_DI_TRIWULAN" not in _kode(akhir)


def _sel(dok, kunci: str) -> str:
    return f"{Tata(dok.kolom_iku).huruf(kunci)}{BARIS_DATA}"


def test_realisasi_jauh_persen_campur_dan_triwulan_tidak_menjumlah():
    """Findings about the quarterly inputs name the IKU cells where they are typed (the indicator's row)."""
    dok = _dok(
        [{"satuan": "%", "target_2024": 10, "target_2025": 12, "sifat": "kumulatif"}],
        realisasi={"A-1": {"target_tw1": 0.1, "target_tw2": 2.5, "target_tw3": 2.5, "target_tw4": 2.5, "realisasi_tw2": 6}},
    )
    temuan = _kode(dok)
    [jauh], [campur], [jumlah] = (temuan[k] for k in ("REALISASI_JAUH_DARI_TARGET", "PERSEN_CAMPUR", "TARGET_TW_TIDAK_SAMA"))
    assert [(t.lembar, t.sel, t.indikator) for t in (jauh, campur, jumlah)] == [
        ("IKU", "AJ5", "A-1"),
        ("IKU", "AE5", "A-1"),
        ("IKU", "AH5", "A-1"),
    ]
    assert "(6)" in jauh.pesan and "(2,5)" in jauh.pesan
    assert "0,1" in campur.pesan
    assert "7,6" in jumlah.pesan
    iku = susun(dok)["IKU"].sel  # the named cells hold what the findings are about, under their headers
    assert [(iku[(4, c)].nilai.nilai, iku[(5, c)].nilai) for c in (31, 34, 36)] == [  # headers naming the quarters' year
        (f"Target TW I {dok.tahun}", 0.1),
        (f"Target TW IV {dok.tahun}", 2.5),
        (f"Realisasi TW II {dok.tahun}", 6),
    ]


def test_pohon_kinerja_atasan_tidak_ada_dan_melingkar():
    temuan = _kode(
        _dok(
            [
                {"jabatan": "Kepala Dinas", "atasan": "Sekretaris"},
                {"jabatan": "Sekretaris", "atasan": "Kepala Dinas"},
                {"jabatan": "Kepala Seksi", "atasan": "Kepala Bidang Fiktif"},
            ]
        )
    )
    assert temuan["ATASAN_TIDAK_ADA"][0].sel == "E7"
    assert "Kepala Dinas → Sekretaris → Kepala Dinas" in temuan["CASCADE_MELINGKAR"][0].pesan


def test_label_hampir_sama():
    temuan = _kode(_dok([{"sasaran": "Meningkatnya kualitas hunian"}, {"sasaran": "Meningkatnya kualitas huniann"}]))
    assert temuan["LABEL_MIRIP"][0].sel == "C6"


def test_label_bernomor_bukan_salah_ketik():
    """Labels that differ only in their number (Kepala Bidang 1 / 2, Seksi I / II) are different units, not typos."""
    temuan = _kode(
        _dok(
            [
                {"jabatan": "Kepala Bidang 1", "sasaran": "Sasaran 1"},
                {"jabatan": "Kepala Bidang 2", "sasaran": "Sasaran 2"},
                {"jabatan": "Kepala Seksi Perumahan I", "sasaran": "Sasaran 1"},
                {"jabatan": "Kepala Seksi Perumahan II", "sasaran": "Sasaran 2"},
                {"jabatan": "Kepala Seksi Perumahn II", "sasaran": "Sasaran 2"},
            ]
        )
    )
    pesan = [t.pesan for t in temuan["LABEL_MIRIP"]]
    assert (
        'Jabatan "Kepala Seksi Perumahn II" hampir sama dengan "Kepala Seksi Perumahan II": salah ketik? '
        "Samakan bila maksudnya sama" in pesan
    )
    assert all(p.startswith('Jabatan "Kepala Seksi Perumahn II"') for p in pesan)  # the typo only


def test_rentang_terbaca_di_sel_target_tanpa_temuan_di_sel_realisasi_dilaporkan():
    dok = _dok([{"target_2025": "80 - 90", "target_tw1": "2,5 s.d. 3,5", "realisasi_tw2": "80 - 90", "satuan": "%"}])
    temuan = [t for t in periksa(dok) if t.kode == "RENTANG_TEKS"]
    assert [(t.sel, "satu angka" in t.pesan) for t in temuan] == [(Tata(dok.kolom_iku).sel("realisasi_tw2", 5), True)]


@pytest.mark.parametrize(
    "sifat, polaritas",
    [
        (("akhir periode", "akhir"), ("positif", "+")),
        (("rata-rata", "rerata"), ("negatif", "-")),
        (("rata-rata", "Rata Rata"), ("stabil", "rentang")),
        (("akhir periode", "Akhir_Periode"), ("positif", " Positif ")),
    ],
)
def test_sifat_dan_polaritas_sinonim_diperiksa_seperti_ejaan_bakunya(tmp_path, sifat, polaritas):
    """The workbook's formulas read "rerata", "akhir", "Rata Rata", "+", "rentang"… as their one spelling; Validasi
    gives exactly the findings it gives for that spelling (here: realisasi far from the baseline, which only
    indicators akhir periode and rata-rata are checked for)."""
    import openpyxl

    from ikuxl.aksi import validasi
    from ikuxl.skema import kolom_iku

    tata = Tata(kolom_iku(2022))

    def temuan(s: str, p: str) -> list[tuple]:
        wb = openpyxl.load_workbook(WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx")
        ws = wb["IKU"]
        # TJB-02 (Unit, Kondisi Awal 49) and TJB-04 (%, 9,85): realisasi typed on their rows, far from the baseline
        for baris, realisasi in ((6, 120), (8, 30)):
            ws[tata.sel("rumus", baris)] = None
            ws[tata.sel("realisasi_tw1", baris)] = realisasi
            ws[tata.sel("sifat", baris)] = s
            ws[tata.sel("polaritas", baris)] = p
            ws[tata.sel("capaian_publikasi", baris)] = 80
        path = tmp_path / "uji.xlsx"
        wb.save(path)
        return [(t.kode, t.lembar, t.sel, t.pesan) for t in validasi(path).temuan]

    baku = temuan(sifat[0], polaritas[0])
    assert [t[2] for t in baku if t[0] == "REALISASI_JAUH_DARI_TAHUN_LALU"] == [tata.sel("realisasi_tw1", r) for r in (6, 8)]
    assert temuan(sifat[1], polaritas[1]) == baku


def test_target_tahun_kosong_satu_temuan_per_indikator_menyebut_tahunnya():
    """A matrix with empty years gives one finding per indicator (at its first empty year), naming every empty year."""
    dok = Dokumen.kosong("Dinas Uji", "kabupaten", "Kab. Uji", 2022, 2026, 2024)
    dok.iku = [
        {k.kunci: None for k in dok.kolom_iku}
        | dict(kode=f"A-{i}", jabatan="Kadis", indikator=f"Indikator {i}", satuan="Unit", polaritas="positif", **t)
        for i, t in enumerate(({"target_2022": 5, "target_2024": 6}, {}), start=1)
    ]
    tata = Tata(dok.kolom_iku)
    temuan = _kode(dok)["TARGET_TAHUN_KOSONG"]
    assert [(t.sel, t.indikator, t.pesan) for t in temuan] == [
        (tata.sel("target_2023", 5), "A-1", "target tahun 2023, 2025, 2026 belum diisi"),
        (tata.sel("target_2022", 6), "A-2", "target tahun 2022, 2023, 2024, 2025, 2026 belum diisi"),
    ]


def test_realisasi_tahunan_tanpa_sifat_dan_diperiksa_sebagai_angka():
    """A yearly realisasi needs no Sifat (only quarters are combined by it); it is a number cell as the quarters
    are, and far above its year's target is reported where it was typed. A quarter typed: Sifat is required."""
    tata = Tata(_dok([]).kolom_iku)
    temuan = _kode(
        _dok(
            [
                {"sifat": None, "realisasi_2024": "95 Unit", "realisasi_2025": 450, "standar_nasional": "1.500"},
                {"sifat": None, "realisasi_tw1": 20},
            ]
        )
    )
    assert [t.sel for t in temuan["WAJIB_KOSONG"]] == [tata.sel("sifat", 6)]
    assert [t.sel for t in temuan["SATUAN_DI_SEL_ANGKA"]] == [tata.sel("realisasi_2024", 5)]
    assert [t.sel for t in temuan["ANGKA_TERSIMPAN_TEKS"]] == [tata.sel("standar_nasional", 5)]
    [jauh] = temuan["REALISASI_JAUH_DARI_TARGET"]
    assert jauh.sel == tata.sel("realisasi_2025", 5) and "realisasi tahun 2025 (450)" in jauh.pesan


def test_realisasi_tahun_lalu_dibandingkan_dengan_realisasi_tahun_ini():
    """The reporting year's realisasi against last year's realisasi where both are typed (any sifat: a year against
    a year); with no yearly realisasi last year, against last year's target as before."""
    tata = Tata(_dok([]).kolom_iku)

    def jauh(**isi) -> list[str]:
        dok = _dok([{"sifat": None, **isi}])
        dok.pengaturan["tahun"] = 2025
        return [t.sel for t in _kode(dok).get("REALISASI_JAUH_DARI_TAHUN_LALU", [])]

    assert jauh(realisasi_2024=10, realisasi_2025=100) == [tata.sel("realisasi_2025", 5)]
    assert jauh(realisasi_2024=90, realisasi_2025=100) == []
    assert jauh(realisasi_2025=10) == [tata.sel("realisasi_2025", 5)]  # target 2024: 100


def test_capaian_publikasi_diuji_dengan_realisasi_tahunan():
    """A published capaian of a row with only the year's realisasi (a PK table) is checked against it."""
    temuan = _kode(
        _dok(
            [
                {"sifat": None, "target_2024": 80, "realisasi_2024": 84, "capaian_publikasi": 105},
                {"sifat": None, "target_2024": 80, "realisasi_2024": 84, "capaian_publikasi": 110},
                {"polaritas": "negatif", "target_2024": 80, "realisasi_2024": 84, "capaian_publikasi": 95},
            ]
        )
    )
    assert "CAPAIAN_PUBLIKASI_TIDAK_DIUJI" not in temuan
    [beda] = temuan["CAPAIAN_PUBLIKASI_BERBEDA"]
    assert beda.indikator == "A-2" and "105,00" in beda.pesan and "realisasi 84" in beda.pesan


def test_persen_campur_membaca_realisasi_tahunan():
    """A yearly realisasi typed as a fraction (0,65) beside targets in percent (65) is the same slip as a quarter's."""
    assert "PERSEN_CAMPUR" in _kode(_dok([{"satuan": "%", "target_2024": 65, "target_2025": 70, "realisasi_2024": 0.65}]))
    assert "PERSEN_CAMPUR" not in _kode(_dok([{"satuan": "%", "target_2024": 65, "target_2025": 70, "realisasi_2024": 66}]))


def test_realisasi_tahun_diketik_beda_dari_triwulan_ditampilkan_dan_dilaporkan():
    """The reporting year's realisasi typed on IKU against what its four quarters give by sifat: the Realisasi
    row shows the disagreement in a text cell, Validasi names the typed cell with both figures; a typed year
    that agrees, or a year whose quarters are not all reported, is not a disagreement. The typed figure is
    the year's capaian, without Sifat where no quarter is reported."""
    from ikuxl.hitung import hitung
    from ikuxl.kolom import PESAN

    tw = {"target_tw1": 25, "target_tw2": 25, "target_tw3": 25, "target_tw4": 25}
    dok = _dok(
        [
            {**tw, "realisasi_2024": 90},  # the quarters give 101
            {**tw, "realisasi_2024": 101},
            {**tw, "realisasi_2024": 50},  # two quarters reported: part of the year
            {"sifat": None, "realisasi_2024": 80},  # no quarters, no Sifat: the year's own capaian
        ],
        {
            k: {f"realisasi_tw{q}": r for q, r in enumerate(tw_, 1)}
            for k, tw_ in (("A-1", (20, 30, 25, 26)), ("A-2", (20, 30, 25, 26)), ("A-3", (20, 30)))
        },
    )
    tata = Tata(dok.kolom_iku)
    beda = _kode(dok).get("REALISASI_TAHUN_BEDA", [])
    assert [t.sel for t in beda] == [tata.sel("realisasi_2024", 5)]
    assert "diketik 90" in beda[0].pesan and "memberi 101" in beda[0].pesan
    hasil = [hitung(dok).dari_iku(dok, i) for i in range(4)]
    assert [v["beda_tahun"] for v in hasil] == [PESAN["Pesan_Realisasi_Tahun_Beda"], "", "", ""]
    assert [v["capaian_t1"] for v in hasil] == [90, 101, 50, 80]
    assert "WAJIB_KOSONG" not in _kode(_dok([{"sifat": None, "realisasi_2024": 80}]))
