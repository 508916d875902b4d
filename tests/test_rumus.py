"""Rumus: the seeds' Cara Perhitungan, parsing, printing and evaluation."""

import pickle

import pytest
from hypothesis import given, settings, strategies as st

from ikuxl import Rumus, RumusError
from ikuxl.rumus import TIDAK_DAPAT_DIHITUNG

from .strategi import nilai_komponen, pohon

# Cara Perhitungan of the seeds, typed in the Rumus notation.
SEED_RUMUS = {
    "(%) = [Luas kawasan permukiman dalam kondisi baik] / [Luas permukiman di Prov. Kalsel] × 100": (
        {"Luas kawasan permukiman dalam kondisi baik": 30, "Luas permukiman di Prov. Kalsel": 120},
        25.0,
    ),
    "Backlog hunian = Σ Keluarga − Σ Rumah": ({"Keluarga": 1200, "Rumah": 950}, 250.0),
    "(%) = ([Luas kawasan kumuh tahun n-1] - [Luas kawasan kumuh tahun n]) / [Luas kawasan kumuh yang ditangani] × 100": (
        {"Luas kawasan kumuh tahun n-1": 9.85, "Luas kawasan kumuh tahun n": 8.85, "Luas kawasan kumuh yang ditangani": 9.85},
        (9.85 - 8.85) / 9.85 * 100,
    ),
    "Jumlah Registrasi yang diterbitkan / Jumlah target Registrasi yang diterbitkan X 100%": (
        {"Jumlah Registrasi yang diterbitkan": 1, "Jumlah target Registrasi yang diterbitkan": 2},
        50.0,
    ),
    "[Jumlah dokumen kinerja yang telah selesai pada tahun berjalan]": (
        {"jumlah dokumen kinerja yang telah selesai pada tahun berjalan": 4},
        4.0,
    ),
}


@pytest.mark.parametrize("teks", SEED_RUMUS)
def test_rumus_seed_dihitung(teks):
    nilai, harapan = SEED_RUMUS[teks]
    r = Rumus(teks)
    assert r.hitung(nilai).nilai == pytest.approx(harapan)
    assert len(r.komponen) == len(nilai)


def test_komponen_urut_kemunculan_dan_unik():
    r = Rumus("([A] + [b]) / ([a] * [C])")
    assert r.komponen == ["A", "b", "C"]


def test_awal_persen_dan_nama_hasil():
    assert Rumus("(%) = [a] / [b] × 100").persen
    r = Rumus("Backlog hunian = Σ Keluarga − Σ Rumah")
    assert r.hasil == "Backlog hunian" and r.komponen == ["Keluarga", "Rumah"]


@pytest.mark.parametrize(
    "teks, nilai, harapan",
    [
        ("[a] ÷ [b]", {"a": 1, "b": 4}, 0.25),
        ("2,5 × [a]", {"a": 2}, 5.0),
        ("MIN([a]; [b]; 3)", {"a": 5, "b": 4}, 3.0),
        ("MAX([a], [b])", {"a": 5, "b": 4}, 5.0),
        ("ABS([a] - [b])", {"a": 1, "b": 4}, 3.0),
        ("SUM([a]; [b]; [c])", {"a": 1, "b": 2, "c": 3}, 6.0),
        ("Σ([a]; [b])", {"a": 1, "b": 2}, 3.0),
        ("AVERAGE([a]; [b])", {"a": 1, "b": 2}, 1.5),
        ("IF([a] > [b]; 100; [a] / [b] * 100)", {"a": 5, "b": 4}, 100.0),
        ("IF([a] ≥ [b]; 100; [a] / [b] * 100)", {"a": 2, "b": 4}, 50.0),
        ("if([a] <> 0; 1; 2)", {"a": 0}, 2.0),
        ("-[a] + 2", {"a": 5}, -3.0),
        ("[a] - [b] - [c]", {"a": 10, "b": 3, "c": 2}, 5.0),
        ("[a] / [b] / [c]", {"a": 12, "b": 3, "c": 2}, 2.0),
        ("0,1 * 3 - 0,3", {}, 0.0),  # as a spreadsheet computes it
    ],
)
def test_hitung(teks, nilai, harapan):
    assert Rumus(teks).hitung(nilai).nilai == pytest.approx(harapan)


def test_pembagian_nol_dan_komponen_kosong_tidak_dapat_dihitung():
    r = Rumus("(%) = [Jumlah rumah layak] / [Jumlah RTLH] × 100")
    nol = r.hitung({"Jumlah rumah layak": 3, "Jumlah RTLH": 0})
    assert nol.nilai is None and "nol" in nol.alasan
    kosong = r.hitung({"Jumlah rumah layak": 3})
    assert kosong.nilai is None and "[Jumlah RTLH]" in kosong.alasan
    teks = r.hitung({"Jumlah rumah layak": "20 Unit", "Jumlah RTLH": 5})
    assert teks.nilai is None and "[Jumlah rumah layak]" in teks.alasan
    assert kosong.teks.startswith(TIDAK_DAPAT_DIHITUNG)


def test_pembagian_nol_di_cabang_if_yang_tidak_dipilih_tidak_mengganggu():
    assert Rumus("IF([b] = 0; 0; [a] / [b])").hitung({"a": 1, "b": 0}).nilai == 0.0


def test_nilai_komponen_dicocokkan_tanpa_peduli_huruf_dan_spasi():
    """Values named as the Rumus writes them (Komponen's rows) or spelled otherwise give the same result."""
    r = Rumus("[Jumlah  A] / [b] × 100 + ABS(MIN([b]; 2) - MAX([Jumlah A]; 1))")
    assert r.komponen == ["Jumlah A", "b"] and r.kunci == ("jumlah a", "b")
    seperti_ditulis = r.hitung({"Jumlah A": 1, "b": 4})
    assert seperti_ditulis.nilai == 26.0
    assert r.hitung({"jumlah   a": 1, "B": 4, "lain": "x"}) == seperti_ditulis
    assert r.urut({"B": 4}) == [None, 4]
    assert "[b]" in r.hitung({"Jumlah A": 1, "b": ""}).alasan
    salinan = pickle.loads(pickle.dumps(r))  # evaluated once: still sent to and from a batch's workers
    assert salinan == r and salinan.hitung({"Jumlah A": 1, "b": 4}) == seperti_ditulis


@pytest.mark.parametrize(
    "teks, posisi, kata",
    [
        ("[a] /", 6, "akhir rumus"),
        ("[a] + * 2", 7, '"*"'),
        ("a $ b", 3, '"$"'),
        ("([a] + [b]", 11, ")"),
        ("MIN(1.500; 2)", 5, "ambigu"),
        ("ABS([a]; [b])", 1, "1 argumen"),
        ("IF([a]; 1; 2)", 1, "perbandingan"),
        ("MIN([a] > [b]; 2)", 1, "syarat IF"),
        ("", 1, "kosong"),
    ],
)
def test_galat_sintaks_menyebut_posisi_dan_harapan(teks, posisi, kata):
    with pytest.raises(RumusError) as e:
        Rumus(teks)
    assert kata in str(e.value)
    assert e.value.posisi == posisi - 1
    assert f"posisi {posisi}" in str(e.value) or teks == ""


def test_pesan_galat_menyebut_yang_diharapkan():
    with pytest.raises(RumusError, match="yang diharapkan: .*angka"):
        Rumus("[a] + ")


@settings(max_examples=300)
@given(pohon)
def test_bentuk_cetak_diurai_kembali_menjadi_pohon_yang_sama(p):
    r = Rumus.dari_pohon(p)
    assert r.pohon == p
    assert Rumus(str(r)) == r


@settings(max_examples=200)
@given(pohon, nilai_komponen)
def test_bentuk_cetak_menghitung_hasil_yang_sama(p, nilai):
    r = Rumus.dari_pohon(p)
    assert Rumus(str(r)).hitung(nilai) == r.hitung(nilai)


@given(pohon, nilai_komponen)
def test_hitung_tidak_pernah_melempar_atau_tak_hingga(p, nilai):
    hasil = Rumus.dari_pohon(p).hitung(nilai)
    assert (hasil.nilai is None) != (hasil.alasan is None)
    assert hasil.nilai is None or abs(hasil.nilai) != float("inf")


@given(st.text(max_size=40))
def test_teks_apa_pun_hanya_menghasilkan_rumus_atau_rumuserror(teks):
    try:
        Rumus(teks)
    except RumusError as e:
        assert str(e)


def test_ke_excel_meminta_sel_untuk_setiap_komponen():
    r = Rumus("[a] / [b]")
    with pytest.raises(RumusError, match="b"):
        r.ke_excel({"a": "B2"})
    rumus = r.ke_excel({"A": "Komponen!$C$5", "B": "Komponen!$D$5"})
    assert rumus.startswith("=IF(ISNUMBER(Komponen!$C$5)") and "IFERROR(" in rumus
    assert "IFERROR" not in Rumus("[a] + [b]").ke_excel({"a": "A1", "b": "B1"})


def test_parser_disimpan_lark_di_folder_cache_pengguna(tmp_path, monkeypatch):
    """Lark keeps the parser it built in the user's own cache folder: the next process loads it (3 ms instead of
    40 to build it) and parses alike. It is a pickle: a folder others can write to is not used."""
    import os
    import subprocess
    import sys

    from ikuxl import rumus

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("LOCALAPPDATA", None)
    kode = "from ikuxl.rumus import Rumus; print(Rumus('(%) = [A] / [B] × 100').ke_excel({'A': 'B2', 'B': 'C2'}))"
    keluar = [subprocess.run([sys.executable, "-c", kode], env=env, capture_output=True, text=True, check=True).stdout]
    assert [p.name for p in (tmp_path / "ikuxl").iterdir()][0].startswith("rumus-lark")
    keluar.append(subprocess.run([sys.executable, "-c", kode], env=env, capture_output=True, text=True, check=True).stdout)
    assert keluar[0] == keluar[1] and keluar[0].strip()

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    assert rumus._berkas_cache().startswith(str(tmp_path / "ikuxl"))
    if hasattr(os, "getuid"):
        (tmp_path / "ikuxl").chmod(0o777)
        assert rumus._berkas_cache() is False
