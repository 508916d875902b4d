"""Batch recalculation: many files, one bad among them, reports, backups, kill -9, hostile input, fuzz."""

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ikuxl.aksi import recalc
from ikuxl.workbook.baca import BacaError
from ikuxl.workbook.paket import CangkokError

from .bantu import WORKBOOKS, ikuxl as _ikuxl

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"


def _salin(folder, n, sumber=CONTOH):
    folder.mkdir(exist_ok=True)
    hasil = []
    for i in range(n):
        p = folder / f"dinas-{i:02d}.xlsx"
        p.write_bytes(sumber.read_bytes())
        hasil.append(p)
    return hasil


def test_batch_satu_berkas_buruk_tidak_menghentikan(tmp_path):
    berkas = _salin(tmp_path / "masuk", 4)
    (tmp_path / "masuk" / "rusak.xlsx").write_bytes(b"PK\x03\x04 terpotong")
    asli = CONTOH.read_bytes()
    for akhiran in ("json", "csv", "xlsx"):
        for p in berkas:
            p.write_bytes(asli)
        r = _ikuxl("recalc", tmp_path / "masuk", "--in-place", "--jobs", "2", "--report", tmp_path / f"lap.{akhiran}")
        assert r.returncode == 1, r.stderr
        assert "rusak.xlsx: bukan berkas Excel .xlsx yang utuh" in r.stderr
        assert "4 ok, 1 gagal" in r.stdout
    lap = json.loads((tmp_path / "lap.json").read_text(encoding="utf-8"))
    assert [(os.path.basename(l["berkas"]), l["status"]) for l in lap] == [(p.name, "ok") for p in berkas] + [
        ("rusak.xlsx", "gagal")
    ]
    sendiri = tmp_path / "sendiri.xlsx"
    sendiri.write_bytes(asli)
    acuan = recalc(sendiri)
    assert (lap[0]["indikator"], lap[0]["galat"], lap[0]["capaian_rata"]) == (acuan.indikator, acuan.galat, acuan.capaian_rata)
    baris = list(csv.DictReader(io.StringIO((tmp_path / "lap.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [b["status"] for b in baris] == ["ok"] * 4 + ["gagal"]
    # a decimal comma, as a spreadsheet set to Indonesian reads the number (the delimiter is the semicolon)
    assert "," in baris[0]["capaian_rata"] and float(baris[0]["capaian_rata"].replace(",", ".")) == acuan.capaian_rata
    ws = openpyxl.load_workbook(tmp_path / "lap.xlsx")["Laporan"]
    assert ws["B6"].value == "gagal" and "terpotong" in ws["I6"].value
    for p in berkas:  # the backups hold the files as they were
        assert p.with_name(p.name + ".bak").read_bytes() == asli
    assert (tmp_path / "masuk" / "rusak.xlsx").read_bytes() == b"PK\x03\x04 terpotong"


def test_batch_dibunuh_kapan_saja_tidak_pernah_setengah_tertulis(tmp_path):
    """kill -9 at random moments: each file is the original or the full recalculation, byte for byte."""
    asli = CONTOH.read_bytes()
    harapan_path = tmp_path / "harapan.xlsx"
    harapan_path.write_bytes(asli)
    recalc(harapan_path)
    harapan = harapan_path.read_bytes()
    acak = random.Random(7)
    terlihat = set()
    # from before the first file is done (interpreter start-up) to the middle of the batch; the later kills
    # wait for the first finished file, so a slow or busy machine still kills mid-batch
    for putaran, tunda in enumerate((0.3, 0.0, 0.4, 1.0)):
        berkas = _salin(tmp_path / f"p{putaran}", 24)
        proses = subprocess.Popen(
            [sys.executable, "-m", "ikuxl", "recalc", *map(str, berkas), "--in-place", "--tanpa-cadangan", "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        if putaran:
            batas = time.monotonic() + 120
            while all(p.read_bytes() == asli for p in berkas) and proses.poll() is None and time.monotonic() < batas:
                time.sleep(0.02)
        time.sleep(tunda + acak.uniform(0, 0.2))
        os.killpg(proses.pid, signal.SIGKILL)  # the workers too
        proses.wait()
        isi = [p.read_bytes() for p in berkas]
        assert all(x in (asli, harapan) for x in isi), f"putaran {putaran}: berkas setengah tertulis"
        terlihat |= {"asli" if x == asli else "baru" for x in isi}
    assert terlihat == {"asli", "baru"}  # the kills did land in the middle of the batch


def _paket(isi: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, v in isi.items():
            z.writestr(n, v)
    return buf.getvalue()


def _isi_contoh() -> dict[str, bytes]:
    with zipfile.ZipFile(CONTOH) as z:
        return {n: z.read(n) for n in z.namelist()}


BOM_XML = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><workbook>&lol3;</workbook>'
)


def _buat(jenis: str, folder):
    p = folder / "masuk.xlsx"
    if jenis == "bukan zip":
        p.write_bytes(b"Nama;Nilai\nBudi;3\n")
    elif jenis == "zip terpotong":
        p.write_bytes(CONTOH.read_bytes()[:20000])
    elif jenis == "bom zip":
        p.write_bytes(_paket({**_isi_contoh(), "xl/media/lampiran.bin": bytes(60 * 2**20)}))
    elif jenis == "bom xml":
        p.write_bytes(_paket({**_isi_contoh(), "xl/workbook.xml": BOM_XML}))
    elif jenis == "daftar lembar rusak":  # found by the fuzz test: the first "<" of workbook.xml gone
        isi = _isi_contoh()
        p.write_bytes(_paket({**isi, "xl/workbook.xml": isi["xl/workbook.xml"][1:]}))
    elif jenis in ("terenkripsi", "xls lama"):
        isi = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
        if jenis == "terenkripsi":
            isi += "EncryptionInfo".encode("utf-16-le")
        p.write_bytes(isi + bytes(2048))
    elif jenis == "xlsx bernama csv":
        p = folder / "masuk.csv"
        p.write_bytes(CONTOH.read_bytes())
    elif jenis == "bukan workbook iku":
        wb = openpyxl.Workbook()
        wb.active["A1"] = "laporan keuangan"
        wb.save(p)
    elif jenis == "template lama":
        wb = openpyxl.load_workbook(CONTOH)
        wb["IKU"]["H4"] = "Unit Ukur"
        wb.save(p)
    elif jenis == "terlalu besar":
        with open(p, "wb") as f:
            f.truncate(250 * 2**20)  # sparse: no time or disk spent
    elif jenis == "sejuta baris":
        baris = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 1_000_002))
        isi = _isi_contoh()
        isi["xl/worksheets/sheet2.xml"] = (
            b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><dimension ref="A1:A1000001"/><sheetData>' + baris + b"</sheetData></worksheet>"
        )
        p.write_bytes(_paket(isi))
    elif jenis == "terkunci":
        p.write_bytes(CONTOH.read_bytes())
        (folder / "~$masuk.xlsx").write_bytes(b"\x05Budi")
    return p


@pytest.mark.parametrize(
    "jenis, kata",
    [
        ("bukan zip", "bukan berkas Excel .xlsx yang utuh"),
        ("zip terpotong", "bukan berkas Excel .xlsx yang utuh"),
        ("bom zip", "bom zip"),
        ("bom xml", "DOCTYPE/ENTITY"),
        ("daftar lembar rusak", "daftar lembarnya (xl/workbook.xml) tidak terbaca"),
        ("terenkripsi", "dilindungi kata sandi"),
        ("xls lama", "Excel 97–2003"),
        ("xlsx bernama csv", "ubah namanya menjadi .xlsx"),
        ("bukan workbook iku", "lembar IKU tidak ada"),
        ("template lama", 'sel H4: judul kolom "Satuan" diharapkan'),
        ("terlalu besar", "terlalu besar"),
        ("sejuta baris", "1.000.001 baris"),
        ("terkunci", "sedang dibuka di Excel"),
    ],
)
def test_masukan_bermusuhan_ditolak_dengan_jelas_tanpa_mengubah_berkas(tmp_path, jenis, kata):
    p = _buat(jenis, tmp_path)
    sebelum = p.read_bytes() if p.stat().st_size < 2**27 else None
    r = _ikuxl("recalc", p, "--in-place", "--jobs", "1")
    assert r.returncode == 1 and kata in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    if sebelum is not None:
        assert p.read_bytes() == sebelum
    assert not list(tmp_path.glob("*.bak")) and not list(tmp_path.glob(".*.tmp"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fuzz_paket_yang_dirusak(tmp_path, data):
    """Mutated packages: a clear refusal or a sound result, never a crash, never a damaged original."""
    isi = _isi_contoh()
    nama = data.draw(st.sampled_from(sorted(isi)))
    bagian = bytearray(isi[nama])
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, max(len(bagian) - 1, 0)))
        aksi = data.draw(st.sampled_from(["ganti", "hapus", "sisip", "potong"]))
        if aksi == "ganti" and bagian:
            bagian[i] = data.draw(st.integers(0, 255))
        elif aksi == "hapus" and bagian:
            del bagian[i : i + data.draw(st.integers(1, 40))]
        elif aksi == "sisip":
            bagian[i:i] = data.draw(st.binary(min_size=1, max_size=20))
        else:
            del bagian[i:]
    isi[nama] = bytes(bagian)
    paket = _paket(isi)
    if data.draw(st.booleans()):
        j = data.draw(st.integers(0, len(paket) - 1))
        paket = paket[:j] + bytes([data.draw(st.integers(0, 255))]) + paket[j + 1 :]
    p = tmp_path / "fuzz.xlsx"
    p.write_bytes(paket)
    try:
        recalc(p)
    except (BacaError, CangkokError) as e:
        assert str(e).startswith("fuzz.xlsx") and p.read_bytes() == paket
    else:
        with zipfile.ZipFile(p) as z:
            assert z.testzip() is None


def test_batch_panjang_menampilkan_yang_gagal_saja(tmp_path):
    """Past 50 files the table lists the failures only (a table of hundreds of ok rows hides them) and says
    where every file is; the report holds them all. Unless told, the batch uses one process per 4 files."""
    from ikuxl.batch import jobs_bawaan

    assert [jobs_bawaan(n) for n in (1, 4, 7, 8)] == [1, 1, 1, min(2, os.cpu_count() or 1)]
    _salin(tmp_path / "masuk", 51, WORKBOOKS / "template-iku.xlsx")
    (tmp_path / "masuk" / "rusak.xlsx").write_bytes(b"PK\x03\x04 terpotong")
    r = _ikuxl("recalc", tmp_path / "masuk", "-o", tmp_path / "hasil", "--report", tmp_path / "lap.json")
    assert r.returncode == 1
    assert "51 ok, 1 gagal" in r.stdout and "rusak.xlsx" in r.stdout and "dinas-00.xlsx" not in r.stdout
    assert "52 berkas: tabel ini hanya memuat yang gagal; semua berkas ada di laporan" in r.stdout
    assert len(json.loads((tmp_path / "lap.json").read_text(encoding="utf-8"))) == 52


def _dimuat_di_pekerja(_):
    from ikuxl import ejaan, rumus

    return ejaan._muat.cache_info().currsize, rumus._parser.cache_info().currsize


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the workers are forked on Linux only")
def test_pekerja_memakai_kamus_dan_parser_yang_dimuat_induk():
    """A batch's workers find the dictionary and the Rumus parser loaded: once, by the parent before it forks them,
    not once in each (spylls reads the dictionary in 0.4 s, Lark builds the parser in 40 ms)."""
    from ikuxl import ejaan, rumus
    from ikuxl.batch import di_pekerja

    ejaan._muat.cache_clear()
    rumus._parser.cache_clear()
    hasil = dict(di_pekerja(_dimuat_di_pekerja, [(i,) for i in range(4)], 2, lambda *a: None))
    assert set(hasil.values()) == {(1, 1)}
