"""Validasi's spelling check against the Indonesian dictionary (hunspell-id read by spylls)."""

import random
import re
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from ikuxl import ejaan
from ikuxl.periksa import _berimbuhan, _salah_ketik, periksa

from .bantu import WORKBOOKS
from .test_periksa import _dok

# The typos of the two seed documents, each in a text of the kind it was found in.
SALAH_KETIK = [
    {"tujuan": "MENINGKATNYA KINERJJA PELAYANAN PERUMAHAN"},
    {"tujuan": "Terperuhnya Kebutuhan Infrastruktur Dasar di kawasan perumahan dan permukiman"},
    {
        "rumus": "(%) = ([Luas kawasan kumuh tahun n-1] − [Luas kawasan kumuh tahun n]) / [Luas kawasan kumuh yangghg ditangani] × 100"
    },
    {"kinerja_utama": "Meyediakan data kepegawaian, evaluasi dan pelaporan"},
    {"sasaran": "Peningkatan Pelayanan, Serifikasi, Kalifikasi, Klasifikasi dan Registrasi Jasa Konstruksi"},
]
# Correct texts as agencies write them: acronyms, abbreviations, place names, Title Case, -nya and ter- forms.
BENAR = [
    {
        "indikator": "Persentase Rumah Tidak Layak Huni (RTLH) yang Terfasilitasi PSU di Kab. Tanjung Jabung Barat",
        "rumus": "(%) = [Jumlah rumah layak] / [Jumlah RTLH di Prov. Kalsel] × 100",
    },
    {
        "kinerja_utama": "Meningkatnya akuntabilitas kinerja Dinas di Provinsi Kalimantan Selatan",
        "indikator": "Nilai SAKIP dan LKjIP Dinas (e-SAKIP)",
        "program": "Sosialisasi Peraturan Perundang-Undangan",
    },
    {
        "sasaran": "Menurunnya luasan kawasan permukiman kumuh",
        "indikator": "Jumlah Kab./Kota yang memahami NSPK",
        "cara_perhitungan": "Jumlah rumah yang ditingkatkan kualitasnya dan terealisasi pada tahun berjalan, dalam Km2",
    },
]


def _ejaan(dok) -> dict[str, object]:
    """The spelling findings by the word they name."""
    return {t.pesan.split('"')[1]: t for t in periksa(dok) if t.kode == "EJAAN_TIDAK_DIKENAL"}


def test_salah_ketik_dokumen_sumber_ditandai_dengan_saran_kata_benar_tidak():
    temuan = _ejaan(_dok(SALAH_KETIK + BENAR))
    assert {k: (t.sel, t.indikator, t.tingkat) for k, t in temuan.items()} == {
        "KINERJJA": ("B5", "A-1", "info"),
        "Terperuhnya": ("B6", "A-2", "info"),
        "yangghg": ("L7", "A-3", "info"),
        "Meyediakan": ("F8", "A-4", "info"),
        "Serifikasi": ("C9", "A-5", "info"),
        "Kalifikasi": ("C9", "A-5", "info"),
    }
    assert 'maksudnya "KINERJA"' in temuan["KINERJJA"].pesan
    assert 'maksudnya "Terpenuhnya"' in temuan["Terperuhnya"].pesan
    assert temuan["Meyediakan"].pesan == 'kata "Meyediakan" tidak ada di kamus bahasa Indonesia: maksudnya "Menyediakan"?'
    assert '"Sertifikasi"' in temuan["Serifikasi"].pesan
    assert '"Kualifikasi"' in temuan["Kalifikasi"].pesan
    # Hunspell has nothing close for "yangghg"; "yang" is a word the workbook uses elsewhere
    assert temuan["yangghg"].pesan.endswith('maksudnya "yang"?')


def test_satu_temuan_per_kata_dan_tidak_dobel_dengan_kata_mirip():
    dok = _dok(
        [
            {"tujuan": "Terperuhnya Kebutuhan Dasar"},
            {"tujuan": "Terperuhnya Kebutuhan Dasar"},
            {"kinerja_utama": "Meyediakan data"},
            {"kinerja_utama": "Menyediakan data"},
        ]
    )
    temuan = [t for t in periksa(dok) if t.kode in ("EJAAN_TIDAK_DIKENAL", "KATA_MIRIP")]
    assert [(t.kode, t.sel) for t in temuan] == [("EJAAN_TIDAK_DIKENAL", "B5"), ("EJAAN_TIDAK_DIKENAL", "F7")]
    assert "(juga di sel B6)" in temuan[0].pesan


def test_kata_dari_daftar_dan_pengaturan_workbook_diterima():
    dok = _dok([{"indikator": "Jumlah Prasarana Wilker Tabalong", "kinerja_utama": "Capaian Dinas Perkimtan"}])
    assert set(_ejaan(dok)) == {"Wilker", "Tabalong", "Perkimtan"}
    dok.daftar["Jabatan"] = ["Kepala Seksi Prasarana Wilker I"]
    dok.pengaturan.update(instansi="Dinas Perkimtan", wilayah="Kabupaten Tabalong")
    assert _ejaan(dok) == {}


def test_saran_dibatasi(monkeypatch):
    """Suggestions are slow (up to seconds a word): only the first distinct unknown words get them."""
    monkeypatch.setattr(ejaan, "MAKS_KATA_BERSARAN", 1)
    temuan = _ejaan(_dok([{"kinerja_utama": "Meyediakan data"}, {"kinerja_utama": "Meningkatkn mutu"}]))
    assert temuan["Meyediakan"].pesan.endswith('maksudnya "Menyediakan"?')
    assert "salah ketik?" in temuan["Meningkatkn"].pesan and "maksudnya" not in temuan["Meningkatkn"].pesan


@pytest.mark.parametrize(
    "berkas, kata",
    [
        ("iku-kalsel-2020.xlsx", {"yangghg": "L16", "Meyediakan": "F22", "Survey": "P34"}),
        ("iku-tanjabbar-2022.xlsx", {"Terperuhnya": "B7", "Serifikasi": "C9", "Kalifikasi": "C9"}),
    ],
)
def test_contoh_hanya_salah_ketik_yang_ditandai(berkas, kata):
    """The shipped examples carry the seed typos (KINERJJA is in a heading of the seed document, not in the
    matrix) and one English spelling (Survey, KBBI: survei); every other word passes."""
    from ikuxl.workbook.baca import baca_dokumen

    assert {k: t.sel for k, t in _ejaan(baca_dokumen(WORKBOOKS / berkas)).items()} == kata


def test_tanpa_kamus_satu_catatan_bukan_galat(monkeypatch, tmp_path):
    monkeypatch.setenv(ejaan.VARIABEL, str(tmp_path / "id_ID.dic"))
    temuan = periksa(_dok(SALAH_KETIK + BENAR))
    catatan = [t for t in temuan if t.kode.startswith("EJAAN")]
    assert [(t.kode, t.tingkat) for t in catatan] == [("EJAAN_TIDAK_DIPERIKSA", "info")]
    assert "tidak ditemukan" in catatan[0].pesan and "apt-get install hunspell-id" in catatan[0].pesan
    assert ejaan.VARIABEL in catatan[0].pesan
    # the comparison of words within the workbook still runs
    assert 'kata "yangghg" mirip "yang": salah ketik?' in [t.pesan for t in temuan if t.kode == "KATA_MIRIP"]
    assert not [t for t in periksa(_dok([])) if t.kode.startswith("EJAAN")]  # nothing to check: no note


def test_kamus_di_lokasi_lain_dan_tanpa_spylls(monkeypatch, tmp_path):
    """IKUXL_KAMUS points to another copy of the dictionary; without spylls (nor Hunspell's C library) the note
    says what to install."""
    import shutil
    import sys

    for akhiran in (".dic", ".aff"):
        shutil.copy(ejaan.JALUR_BAWAAN + akhiran, tmp_path / f"id_ID{akhiran}")
    monkeypatch.setenv(ejaan.VARIABEL, str(tmp_path / "id_ID.dic"))
    assert set(_ejaan(_dok([{"kinerja_utama": "Meyediakan data"}]))) == {"Meyediakan"}

    monkeypatch.setenv(ejaan.VARIABEL, str(tmp_path / "id_ID"))  # .dic may be left out
    monkeypatch.setitem(sys.modules, "spylls", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "spylls.hunspell", None)
    monkeypatch.setitem(sys.modules, "hunspell", None)
    ejaan._muat.cache_clear()
    catatan = [t for t in periksa(_dok([{"kinerja_utama": "Meyediakan data"}])) if t.kode.startswith("EJAAN")]
    ejaan._muat.cache_clear()
    assert [t.kode for t in catatan] == ["EJAAN_TIDAK_DIPERIKSA"]
    assert "pustaka spylls belum terpasang" in catatan[0].pesan and "pip install spylls" in catatan[0].pesan


# The one suggestion the two engines give differently on the examples: the C library's second for "Terperuhnya"
# is "Terperintahnya", spylls' "Terperenyak" (both far; the first, "Terpenuhnya", is the same).
SARAN_BERBEDA = {'"Terperenyak"': '"Terperintahnya"'}


def test_temuan_ejaan_sama_dengan_hunspell_c_dan_spylls(pakai_mesin):
    """Hunspell's C library (chunspell) and spylls, its fallback (Pyodide, a platform without the wheel), find the
    same words with the same suggestions, but the one listed in SARAN_BERBEDA (the Kalimantan Selatan example
    gives the same findings too: spylls takes seconds longer there)."""
    from ikuxl.workbook.baca import baca_dokumen

    def temuan() -> list[tuple[str, str, str]]:
        dok = baca_dokumen(WORKBOOKS / "iku-tanjabbar-2022.xlsx")
        return [(t.kode, t.sel, t.pesan) for t in periksa(dok) if t.kode.startswith(("EJAAN", "KATA_MIRIP"))]

    pakai_mesin("hunspell")
    c = temuan()
    pakai_mesin("spylls")
    spylls = [(k, sel, re.sub("|".join(SARAN_BERBEDA), lambda m: SARAN_BERBEDA[m.group()], p)) for k, sel, p in temuan()]
    assert [k for k, _, _ in c].count("EJAAN_TIDAK_DIKENAL") == 3
    assert c == spylls


def test_kata_dengan_spasi_sesudahnya_di_kamus_dikenal_kedua_mesin(pakai_mesin):
    """hunspell-id lists "agentif ", "dekagram " and "geleca " with a blank after them: spylls reads the word,
    the C library a word with a blank, unless told."""
    for mesin in ("spylls", "hunspell"):
        pakai_mesin(mesin)
        assert ejaan.tidak_dikenal("Agentif dekagram GELECA agentiff", set(), ejaan.jalur()) == ["agentiff"], mesin


def _kata_mirip(dok) -> set[tuple[str, str]]:
    """The KATA_MIRIP findings: (message, indicator)."""
    return {(t.pesan, t.indikator) for t in periksa(dok) if t.kode == "KATA_MIRIP"}


def _mirip_semua_pasangan(baris: list[list[str]]) -> set[tuple[str, str]]:
    """KATA_MIRIP as found by comparing every word used in one row with every word of the workbook (n²: the reference)."""
    baris_kata: dict[str, set[int]] = defaultdict(set)
    for i, kata in enumerate(baris):
        for k in kata:
            if len(k) >= 4:  # shorter ones are not words to kata_mirip
                baris_kata[k.lower()].add(i)
    semua = sorted(baris_kata)
    dilaporkan: set[frozenset] = set()
    hasil = set()
    for k in semua:
        if len(baris_kata[k]) > 1 or len(k) < 5:
            continue
        for lain in semua:
            if lain == k or frozenset((k, lain)) in dilaporkan or _berimbuhan(k, lain) or _berimbuhan(lain, k):
                continue
            tambahan = k[len(lain) :] if k.startswith(lain) else None
            if _salah_ketik(k, lain) or (tambahan and len(tambahan) <= 3):
                dilaporkan.add(frozenset((k, lain)))
                hasil.add((f'kata "{k}" mirip "{lain}": salah ketik?', f"A-{min(baris_kata[k]) + 1}"))
                break
    return hasil


# Few letters, and words made from others by a few edits, so that many are a slip of another; long ones too
KATA = st.text("abivA", min_size=4, max_size=12) | st.text("ab", min_size=26, max_size=36)


@st.composite
def _baris(draw) -> list[list[str]]:
    kata = draw(st.lists(KATA, min_size=1, max_size=4))
    for _ in range(draw(st.integers(0, 12))):
        w, i = draw(st.sampled_from(kata)), draw(st.integers(0, 36))
        kata.append(w[:i] + draw(st.text("abiv", max_size=2)) + w[i + draw(st.integers(0, 2)) :])
    return [draw(st.lists(st.sampled_from(kata), max_size=8)) for _ in range(draw(st.integers(1, 4)))]


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(baris=[["ab" * 16, "ab" * 15 + "b", "abbab" * 6 + "a"], ["ab" * 15 + "bab", "abab" * 7 + "aabb", "abbab" * 6 + "b"]])
@example(baris=[["pemukiman", "Meyediakan", "yangghg"], ["permukiman", "menyediakan", "yang", "yang"]])
@given(baris=_baris())
def test_kata_mirip_sama_dengan_membandingkan_semua_pasangan(baris, monkeypatch, tmp_path):
    """Without comparing all pairs, the workbook's typos are those the comparison of all pairs finds."""
    monkeypatch.setenv(ejaan.VARIABEL, str(tmp_path / "id_ID.dic"))  # no dictionary: every similar word is reported
    dok = _dok([{"indikator": " ".join(kata)} for kata in baris])
    assert _kata_mirip(dok) == _mirip_semua_pasangan(baris)


def test_kata_mirip_tidak_membandingkan_semua_pasangan(monkeypatch, tmp_path):
    """3,000 distinct words: the typos are still found, and far fewer words are compared than the 4.5 million
    pairs (comparing them all took hours for the 5,000 indicators a workbook may have)."""
    acak = random.Random(3)
    suku = [k + v for k in "bcdfghjklmnprstwy" for v in "aiueo"] + ["ng", "an", "kan", "nya", "per", "ber", "pem", "men"]
    kata = list(dict.fromkeys("".join(acak.choices(suku, k=acak.randint(2, 6))) for _ in range(3000)))
    kata += ["pemukiman", "meyediakan"]
    dibandingkan = 0

    def salah_ketik(a, b):
        nonlocal dibandingkan
        dibandingkan += 1
        assert dibandingkan <= len(kata), "kata_mirip membandingkan (hampir) semua pasangan kata"
        return _salah_ketik(a, b)

    monkeypatch.setattr("ikuxl.periksa._salah_ketik", salah_ketik)
    monkeypatch.setenv(ejaan.VARIABEL, str(tmp_path / "id_ID.dic"))
    baris = [" ".join(kata[j : j + 10]) for j in range(0, len(kata), 10)] + ["permukiman menyediakan"] * 2
    dok = _dok([{"indikator": t} for t in baris])
    pesan = {p for p, _ in _kata_mirip(dok)}
    assert {'kata "pemukiman" mirip "permukiman": salah ketik?', 'kata "meyediakan" mirip "menyediakan": salah ketik?'} <= pesan
    assert len(pesan) > 20  # the generated words' own slips


def test_kata_kesehatan_dikenal_tanpa_saran_keliru():
    """Words every health office writes (balita, puskesmas, posyandu) are known: no finding, and so no
    suggestion such as "barita" for "balita"."""
    if ejaan.sebab_tidak_ada(ejaan.jalur()):
        pytest.skip("kamus hunspell-id tidak ada")
    assert list(ejaan.tidak_dikenal("Prevalensi balita stunting di puskesmas dan posyandu", set(), ejaan.jalur())) == []
