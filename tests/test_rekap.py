"""Rekap across agencies: rows per agency and indicator, averages, and the agencies that need follow-up."""

import openpyxl
import pytest

from ikuxl.aksi import recalc
from ikuxl.contoh import semua
from ikuxl.rakit import susun
from ikuxl.workbook.kerangka import tulis_plan

from .bantu import WORKBOOKS, per_kode, ikuxl


PUPR = "Pekerjaan Umum dan Penataan Ruang"
PERKIM = "Perumahan Rakyat dan Kawasan Permukiman"


def test_rekap_instansi_indikator_urusan_sasaran_dan_tindak_lanjut(tmp_path):
    kalsel = WORKBOOKS / "iku-kalsel-2020-contoh-realisasi.xlsx"
    tanjab = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    pupr = tmp_path / "dinas-pupr.xlsx"  # another agency, another urusan
    dok = semua()[tanjab.name]
    dok.pengaturan.update(instansi="Dinas PUPR", urusan=PUPR)
    tulis_plan(susun(dok), pupr)
    rusak = tmp_path / "dinas-rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 putus")
    keluar = tmp_path / "rekap.xlsx"
    r = ikuxl("rekap", str(kalsel), str(tanjab), str(pupr), str(rusak), "-o", str(keluar), "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "Rekap 3 instansi" in r.stdout and "dinas-rusak.xlsx: bukan berkas Excel" in r.stderr
    assert tanjab.read_bytes() == (WORKBOOKS / tanjab.name).read_bytes()  # sources untouched

    acuan = tmp_path / "acuan.xlsx"
    acuan.write_bytes(tanjab.read_bytes())
    hasil = recalc(acuan)
    real = per_kode(acuan, "Realisasi")
    wb = openpyxl.load_workbook(keluar)
    instansi = {b[0]: b for b in wb["Rekap Instansi"].iter_rows(min_row=5, values_only=True)}
    baris = instansi["Dinas Perumahan dan Kawasan Permukiman Kabupaten Tanjung Jabung Barat"]
    assert baris[1] == PERKIM and baris[3:6] == (5, 5, pytest.approx(hasil.capaian_rata)) and baris[10] == "lengkap"
    assert instansi["Dinas Perumahan Rakyat dan Kawasan Permukiman Provinsi Kalimantan Selatan"][10] == "ada galat"
    assert instansi["Dinas PUPR Kabupaten Tanjung Jabung Barat"][1] == PUPR
    ws = wb["Rekap Indikator"]
    kepala = [c.value for c in ws[4]]
    assert kepala[:4] == ["Instansi", "Tahun", "Berkas", "Kode"]
    rinci = [dict(zip(kepala, b)) for b in ws.iter_rows(min_row=5, values_only=True) if b[2] == tanjab.name]
    assert {b["Tahun"] for b in rinci} == {2022}
    # value cells written by openpyxl keep 15-16 significant digits
    assert {b["Kode"]: b["Capaian (%)"] for b in rinci} == pytest.approx(
        {k: v["Capaian (%)"] for k, v in real.items()}, rel=1e-12
    )
    tindak = [b for b in wb["Perlu Tindak Lanjut"].iter_rows(min_row=5, values_only=True)]
    assert {b[1] for b in tindak} == {"dinas-rusak.xlsx", kalsel.name}
    sasaran = {b[0]: b for b in wb["Rekap Sasaran"].iter_rows(min_row=5, values_only=True)}
    layak = [v["Capaian (%)"] for v in real.values() if v["Sasaran"] == "Penyediaan Perumahan Layak Huni"]
    assert sasaran["Penyediaan Perumahan Layak Huni"][1:3] == (2, 2 * len(layak))  # Tanjab Barat and its PUPR copy
    assert sasaran["Penyediaan Perumahan Layak Huni"][4] == pytest.approx(sum(layak) / len(layak))

    # per urusan: every indicator of the agencies carrying it out, from their own recalculated sheets
    kalsel_real = tmp_path / "kalsel.xlsx"
    kalsel_real.write_bytes(kalsel.read_bytes())
    recalc(kalsel_real)
    perkim = [v["Capaian (%)"] for f in (kalsel_real, acuan) for v in per_kode(f, "Realisasi").values()]
    angka = [c for c in perkim if isinstance(c, (int, float))]
    urusan = {b[0]: b for b in wb["Rekap Urusan"].iter_rows(min_row=5, values_only=True)}
    assert set(urusan) == {PERKIM, PUPR}
    assert urusan[PERKIM][1:4] == (2, len(perkim), len(angka))
    assert urusan[PERKIM][4] == pytest.approx(sum(angka) / len(angka))
    assert urusan[PUPR][4] == pytest.approx(hasil.capaian_rata)


def test_rekap_memperingatkan_tahun_campur_dan_instansi_ganda_lalu_gagal_bila_tak_ada_yang_terbaca(tmp_path):
    """A rekap of workbooks of different years, or of one agency twice, says so (and shows the year per agency);
    with nothing readable it writes nothing and exits non-zero."""
    kalsel = WORKBOOKS / "iku-kalsel-2020-contoh-realisasi.xlsx"
    tanjab = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
    salinan = tmp_path / "tanjab-salinan.xlsx"
    salinan.write_bytes(tanjab.read_bytes())
    keluar = tmp_path / "rekap.xlsx"
    r = ikuxl("rekap", kalsel, tanjab, salinan, "-o", keluar)
    assert r.returncode == 0, r.stderr
    assert "tahun pelaporan berbeda: 2020: iku-kalsel-2020-contoh-realisasi.xlsx; 2022:" in r.stderr
    assert "ada di 2 berkas (iku-tanjabbar-2022-contoh-realisasi.xlsx, tanjab-salinan.xlsx)" in r.stderr
    ws = openpyxl.load_workbook(keluar)["Rekap Instansi"]
    kepala = [c.value for c in ws[4]]
    assert {b[0]: b[kepala.index("Tahun")] for b in ws.iter_rows(min_row=5, max_row=7, values_only=True)} == {
        "Dinas Perumahan Rakyat dan Kawasan Permukiman Provinsi Kalimantan Selatan": 2020,
        "Dinas Perumahan dan Kawasan Permukiman Kabupaten Tanjung Jabung Barat": 2022,
    }
    rusak = tmp_path / "rusak.xlsx"
    rusak.write_bytes(b"PK\x03\x04 putus")
    r = ikuxl("rekap", rusak, "-o", tmp_path / "kosong.xlsx")
    assert r.returncode != 0 and "tidak ada berkas yang terbaca" in r.stdout + r.stderr
    assert not (tmp_path / "kosong.xlsx").exists()


def _tahun(dok, tahun: int, **ubah):
    """The same agency's workbook for another reporting year (its quarters as they are)."""
    import copy

    dok = copy.deepcopy(dok)
    dok.pengaturan.update(tahun=tahun, **ubah)
    return dok


def test_rekap_satu_instansi_beberapa_tahun_menjadi_seri_tanpa_peringatan(tmp_path):
    """Three years of one agency: no warning, a row per year on Rekap Instansi, Tahun and Berkas on Rekap Indikator,
    a series per indicator (Kode and Indikator) on Rekap Antartahun, and the averages across agencies take its
    latest year once; two files of the same agency and year stay a warning."""
    from ikuxl.rekap import kumpulkan

    dok = semua()["iku-tanjabbar-2022-contoh-realisasi.xlsx"]
    berkas = []
    for t in (2022, 2023, 2024):
        berkas.append(tmp_path / f"tanjab-{t}.xlsx")
        tulis_plan(susun(_tahun(dok, t)), berkas[-1])
    keluar = tmp_path / "rekap.xlsx"
    r = ikuxl("rekap", *berkas, "-o", keluar)
    assert r.returncode == 0, r.stderr
    assert "peringatan" not in r.stderr and "Rekap 1 instansi (3 berkas)" in r.stdout

    per_tahun = {i.tahun: i for i in kumpulkan(berkas)}
    wb = openpyxl.load_workbook(keluar)
    ws = wb["Rekap Instansi"]
    kepala = [c.value for c in ws[4]]
    assert [b[kepala.index("Tahun")] for b in ws.iter_rows(min_row=5, max_row=7, values_only=True)] == [2022, 2023, 2024]
    assert "(tahun terakhir setiap instansi)" in ws["A2"].value
    ws = wb["Rekap Indikator"]
    assert [(b[1], b[2]) for b in ws.iter_rows(min_row=5, values_only=True)][::5] == [
        (2022, "tanjab-2022.xlsx"),
        (2023, "tanjab-2023.xlsx"),
        (2024, "tanjab-2024.xlsx"),
    ]
    ws = wb["Rekap Antartahun"]
    kepala = [c.value for c in ws[4]]
    assert kepala[4:] == [x for t in (2022, 2023, 2024) for x in (f"Realisasi {t}", f"Capaian {t} (%)")]
    seri = {b[1]: b for b in ws.iter_rows(min_row=5, values_only=True)}
    assert len(seri) == 5  # one row per indicator, not per file
    for t, i in per_tahun.items():
        c = kepala.index(f"Capaian {t} (%)")
        assert {b["kode"]: b["capaian"] for b in i.baris} == {k: b[c] for k, b in seri.items()}
    urusan = [b for b in wb["Rekap Urusan"].iter_rows(min_row=5, values_only=True)]
    assert [b[1:4] for b in urusan] == [(1, 5, 5)]  # the latest year, once
    assert urusan[0][4] == pytest.approx(sum(per_tahun[2024].capaian) / 5)

    salinan = tmp_path / "tanjab-2024-salinan.xlsx"
    salinan.write_bytes(berkas[-1].read_bytes())
    r = ikuxl("rekap", *berkas, salinan, "-o", keluar)
    assert r.returncode == 0, r.stderr
    assert "tahun pelaporan berbeda" not in r.stderr
    assert "tahun 2024 ada di 2 berkas (tanjab-2024.xlsx, tanjab-2024-salinan.xlsx)" in r.stderr


def test_seri_memakai_realisasi_tahunan_dalam_satu_workbook():
    """A workbook holding yearly realisasi (`realisasi_{year}` on IKU rows) gives the series by itself: each year's
    capaian against that year's target by the row's polaritas; the reporting year's from its quarters."""
    from ikuxl.dokumen import Dokumen
    from ikuxl.rekap import instansi_dari, seri
    from ikuxl.capaian import hitung_capaian
    from ikuxl.hitung import hitung

    dok = Dokumen.kosong("Dinas Uji", "kabupaten", "Kab. Uji", 2022, 2024, 2024)
    b = {k.kunci: None for k in dok.kolom_iku}
    b.update(
        kode="U-1",
        indikator="Luas kawasan kumuh",
        satuan="Ha",
        polaritas="negatif",
        sifat="akhir periode",
        target_2022=12,
        target_2023=10,
        target_2024=8,
        target_tw4=8,
        realisasi_tw4=9,
        realisasi_2022=11,
        realisasi_2023=10.5,
    )
    dok.iku = [b]
    hasil = hitung(dok)
    i = instansi_dari(dok, "uji.xlsx", "Dinas Uji", [], hasil)
    tahun, baris = seri([i])
    assert tahun == [2022, 2023, 2024]
    [(_, _, s)] = baris
    assert s[2022] == (11, pytest.approx(hitung_capaian(12, 11, "negatif").nilai))
    assert s[2023] == (10.5, pytest.approx(95))  # (2 × 10 − 10,5) / 10
    assert s[2024] == (9, hasil.aktif()[0]["capaian"])


def test_rata_rata_instansi_menyebut_cakupannya_dan_tidak_dilabeli_sebagian_saja(tmp_path):
    """An agency's average over 3 of its 5 indicators says so on Rekap Instansi (and on the chart's label);
    its kategori is never the partial average's alone."""
    import copy

    dok = copy.deepcopy(semua()["iku-tanjabbar-2022-contoh-realisasi.xlsx"])
    kosong = {b["kode"] for b in dok.iku[:2]}
    for k in dok.komponen:
        if k["kode"] in kosong:
            k.update(tw1=None, tw2=None, tw3=None, tw4=None)
    tulis_plan(susun(dok), tmp_path / "sebagian.xlsx")
    r = ikuxl("rekap", tmp_path / "sebagian.xlsx", "-o", tmp_path / "rekap.xlsx")
    assert r.returncode == 0, r.stderr
    ws = openpyxl.load_workbook(tmp_path / "rekap.xlsx")["Rekap Instansi"]
    kepala = [c.value for c in ws[4]]
    baris = dict(zip(kepala, next(ws.iter_rows(min_row=5, values_only=True))))
    assert (baris["Indikator"], baris["Terhitung"]) == (5, 3)
    assert baris["Kategori"].endswith(" (sebagian: rata-rata 3 dari 5 indikator)")
    assert "(3 dari 5 indikator)" in ws["A2"].value


@pytest.mark.libreoffice
def test_rekap_dicetak_a4_minimal_7pt_dengan_judul_kolom_utuh(tmp_path, libreoffice):
    """The rekap of three years of one agency and another agency prints on A4, text of at least 7 pt, nothing cut at
    the paper's edge, every header word printed (wrapped, not clipped), Instansi repeated on a page across."""
    import shutil
    import subprocess

    from openpyxl.styles import Font

    from ikuxl.libreoffice import hitung_ulang
    from ikuxl.rekap import kumpulkan, plan_rekap

    from .test_cetak import TEKS_MIN, _halaman

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext tidak terpasang; .ci/run memasang poppler-utils")
    dok = semua()["iku-tanjabbar-2022-contoh-realisasi.xlsx"]
    berkas = []
    for t in (2022, 2023, 2024):
        berkas.append(tmp_path / f"tanjab-{t}.xlsx")
        tulis_plan(susun(_tahun(dok, t)), berkas[-1])
    berkas.append(WORKBOOKS / "iku-kalsel-2020-contoh-realisasi.xlsx")
    plan = plan_rekap(kumpulkan(berkas))
    tulis_plan(plan, tmp_path / "rekap.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "Kalibrasi"
    wb.active["A1"] = "Kalibrasi"
    wb.active["A1"].font = Font(size=10)
    wb.active.page_setup.scale = 100
    wb.save(tmp_path / "kalibrasi.xlsx")
    pdf = hitung_ulang([tmp_path / "rekap.xlsx", tmp_path / "kalibrasi.xlsx"], tmp_path / "pdf", format="pdf", profil=libreoffice)
    kalibrasi = next(t for k, t in _halaman(pdf[1])[0]["kata"] if k == "Kalibrasi")
    halaman = _halaman(pdf[0])
    nama = {l.nama.split()[-1]: l.nama for l in plan.lembar}  # the footer's last word names the sheet
    for h in halaman:
        h["lembar"] = nama[h["lembar"]]
    assert {h["lembar"] for h in halaman} == set(nama.values())
    for i, h in enumerate(halaman, start=1):
        assert all(abs(a - b) < 1.5 for a, b in zip(h["ukuran"], (595, 842))), (i, h["ukuran"])
        kecil = [(k, round(t * 10 / kalibrasi, 1)) for k, t in h["kata"] if t < kalibrasi * TEKS_MIN / 10]
        assert not kecil, f"halaman {i} ({h['lembar']}): teks di bawah {TEKS_MIN} pt: {kecil[:5]}"
        assert not h["terpotong"], f"halaman {i} ({h['lembar']}): {h['terpotong'][:5]}"
    teks = subprocess.run(["pdftotext", "-layout", str(pdf[0]), "-"], capture_output=True, text=True, check=True).stdout
    for l in plan.lembar:  # every header, word by word, on that sheet's pages (a clipped header loses words)
        kata = " ".join(k for h in halaman if h["lembar"] == l.nama for k, _ in h["kata"])
        for (r, _), s in l.sel.items():
            if r == 4:
                assert all(w in kata for w in str(s.nilai).split()), (l.nama, s.nilai)
    assert "2020" in teks and "Rekap Antartahun" in teks
    instansi = [h for h in halaman if h["lembar"] == "Rekap Instansi" and any(k == "Status" for k, _ in h["kata"])]
    # Instansi repeated across: its header and the agencies' names (the footer names the sheet "Rekap Instansi")
    assert instansi and all([k for k, _ in h["kata"]].count("Instansi") >= 2 for h in instansi)
    assert all(any(k == "Dinas" for k, _ in h["kata"]) for h in instansi)
