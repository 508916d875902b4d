"""Batch safety: a worker that dies, names that clash, links, backups, locks, stale temporary files, odd names
and files that are not workbooks. Where the process boundary is the point the CLI runs as a process."""

import fcntl
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ikuxl import aksi
from ikuxl.aksi import recalc
from ikuxl.cli import app
from ikuxl.workbook.baca import BacaError

from .bantu import WORKBOOKS, ikuxl as _ikuxl

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"


def _cli(*argumen):
    return CliRunner().invoke(app, [str(a) for a in argumen])


def _tulis(path: Path, isi: bytes = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(CONTOH.read_bytes() if isi is None else isi)
    return path


def _sel_jauh() -> bytes:
    """The example with one cell at XFD1048577 in a sheet the reader reads (it aborted the calamine reader)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(CONTOH) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for n in zin.namelist():
            isi = zin.read(n)
            if n == "xl/worksheets/sheet2.xml":
                isi = isi.replace(b"</sheetData>", b'<row r="1048577"><c r="XFD1048577"><v>1</v></c></row></sheetData>')
            zout.writestr(n, isi)
    return buf.getvalue()


def _laporan(path: Path) -> dict[str, dict]:
    return {Path(l["berkas"]).name: l for l in json.loads(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_berkas_yang_merusak_pembaca_hanya_menggagalkan_dirinya(tmp_path, jobs):
    masuk = tmp_path / "masuk"
    for n in ("a", "b", "c"):
        _tulis(masuk / f"dinas-{n}.xlsx")
    _tulis(masuk / "dinas-jauh.xlsx", _sel_jauh())
    r = _ikuxl("recalc", masuk, "-o", tmp_path / "hasil", "--jobs", jobs, "--report", tmp_path / "lap.json")
    assert r.returncode == 1, r.stderr
    assert "3 ok, 1 gagal" in r.stdout and "dinas-jauh.xlsx" in r.stderr
    lap = _laporan(tmp_path / "lap.json")
    assert {n: l["status"] for n, l in lap.items()} == {
        "dinas-a.xlsx": "ok",
        "dinas-b.xlsx": "ok",
        "dinas-c.xlsx": "ok",
        "dinas-jauh.xlsx": "gagal",
    }
    pesan = lap["dinas-jauh.xlsx"]["pesan"]
    assert pesan.startswith("dinas-jauh.xlsx, lembar IKU: ") and "1048577" in pesan, pesan  # the reader names the place
    assert sorted(p.name for p in (tmp_path / "hasil").iterdir()) == ["dinas-a.xlsx", "dinas-b.xlsx", "dinas-c.xlsx"]

    r = _ikuxl("rekap", masuk, "-o", tmp_path / "rekap.xlsx", "--jobs", jobs)
    assert r.returncode == 0 and "Rekap 1 instansi (3 berkas)" in r.stdout and "dinas-jauh.xlsx" in r.stderr, r.stderr


def _penunggu_kunci(ino: int) -> list[int]:
    """The processes waiting for a lock on the file with this inode (/proc/locks: '1: -> FLOCK ... PID MAJ:MIN:INODE')."""
    return [
        int(k[-4])
        for k in map(str.split, Path("/proc/locks").read_text().splitlines())
        if "->" in k and k[-3].endswith(f":{ino}")
    ]


def test_pekerja_yang_dibunuh_hanya_menggagalkan_berkasnya(tmp_path):
    """A worker killed (kill -9, as the OOM killer does) while on one file: that file is named as failed and
    left as it was, the others are done, the report is written, exit code 1. The worker is caught on the file
    by holding the lock an --in-place run takes (its lock file), and killed while it waits."""
    masuk = tmp_path / "masuk"
    berkas = [_tulis(masuk / f"dinas-{n}.xlsx") for n in ("a", "b", "c")]
    korban = berkas[1]
    asli = CONTOH.read_bytes()
    with open(aksi.berkas_kunci(korban), "ab") as kunci:
        fcntl.flock(kunci, fcntl.LOCK_EX)
        proses = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ikuxl",
                "recalc",
                *map(str, berkas),
                "--in-place",
                "--jobs",
                "1",
                "--report",
                str(tmp_path / "lap.json"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        while not (pekerja := _penunggu_kunci(os.fstat(kunci.fileno()).st_ino)):
            assert proses.poll() is None, "recalc selesai tanpa menunggu kunci berkas"
            time.sleep(0.05)
        os.kill(pekerja[0], signal.SIGKILL)
    keluar, salah = proses.communicate(timeout=300)
    assert proses.returncode == 1, salah
    assert "2 ok, 1 gagal" in keluar
    lap = _laporan(tmp_path / "lap.json")
    assert [lap[p.name]["status"] for p in berkas] == ["ok", "gagal", "ok"]
    assert "dinas-b.xlsx: proses yang mengerjakannya berhenti mendadak (SIGKILL" in lap["dinas-b.xlsx"]["pesan"]
    assert korban.read_bytes() == asli and berkas[0].read_bytes() != asli and berkas[2].read_bytes() != asli


def test_hasil_bernama_sama_dari_dua_folder_tidak_saling_menimpa(tmp_path):
    a = _tulis(tmp_path / "dinas-a" / "IKU 2024.xlsx")
    b = _tulis(tmp_path / "dinas-b" / "IKU 2024.xlsx")
    wb = __import__("openpyxl").load_workbook(b)
    wb["IKU"]["C5"] = "Indikator dinas B"
    wb.save(b)
    r = _cli("recalc", tmp_path / "dinas-a", tmp_path / "dinas-b", "-o", tmp_path / "hasil", "--jobs", "2")
    assert r.exit_code == 0 and "2 ok" in r.output, r.output
    for asal in (a, b):
        acuan = _tulis(tmp_path / "acuan" / asal.parent.name / asal.name, asal.read_bytes())
        recalc(acuan)
        assert (tmp_path / "hasil" / asal.parent.name / asal.name).read_bytes() == acuan.read_bytes()


def test_o_ke_folder_berkas_asli_ditolak(tmp_path, monkeypatch):
    masuk = tmp_path / "masuk"
    p = _tulis(masuk / "IKU.xlsx")
    for argumen in ((masuk, "-o", masuk), (masuk, "-o", tmp_path / "masuk" / ".." / "masuk")):
        r = _cli("recalc", *argumen)
        assert r.exit_code == 2 and "akan menimpa berkas asli (IKU.xlsx)" in r.output, r.output
    monkeypatch.chdir(masuk)
    r = _cli("recalc", "IKU.xlsx", "-o", ".")
    assert r.exit_code == 2 and "akan menimpa berkas asli" in r.output
    assert p.read_bytes() == CONTOH.read_bytes() and sorted(x.name for x in masuk.iterdir()) == ["IKU.xlsx"]


def test_in_place_menulis_lewat_tautan_dan_menolak_hard_link(tmp_path):
    asli = _tulis(tmp_path / "arsip" / "IKU.xlsx")
    tautan = tmp_path / "IKU-tautan.xlsx"
    tautan.symlink_to(asli)
    r = _cli("recalc", tautan, "--in-place")
    assert r.exit_code == 0, r.output
    assert tautan.is_symlink() and tautan.resolve() == asli
    assert asli.read_bytes() != CONTOH.read_bytes() and (tmp_path / "arsip" / "IKU.xlsx.bak").read_bytes() == CONTOH.read_bytes()
    assert "berkas tujuan tautannya" in r.output

    keras = tmp_path / "IKU-keras.xlsx"
    os.link(asli, keras)
    sebelum = asli.read_bytes()
    r = _cli("recalc", keras, "--in-place")
    assert r.exit_code == 1 and "hard link" in r.output
    assert os.path.samefile(asli, keras) and keras.read_bytes() == sebelum


def test_cadangan_pertama_tidak_pernah_ditimpa(tmp_path):
    p = _tulis(tmp_path / "IKU.xlsx")
    recalc(p, cadangan=True)
    kedua = p.read_bytes()
    recalc(p, cadangan=True)
    assert (tmp_path / "IKU.xlsx.bak").read_bytes() == CONTOH.read_bytes()
    assert (tmp_path / "IKU.xlsx.2.bak").read_bytes() == kedua


def test_dua_recalc_serentak_pada_satu_berkas_bergiliran(tmp_path):
    """Two --in-place runs on one file: the second waits for the first (at the lock file both take, as on Windows,
    where the workbook itself cannot be locked) and works on what it wrote; the lock file goes when done."""
    p = _tulis(tmp_path / "IKU.xlsx")
    acuan = _tulis(tmp_path / "acuan" / "IKU.xlsx")
    recalc(acuan)
    with open(aksi.berkas_kunci(p), "ab") as kunci:
        fcntl.flock(kunci, fcntl.LOCK_EX)  # both runs start while the file is locked, so they meet at the lock
        proses = [
            subprocess.Popen(
                [sys.executable, "-m", "ikuxl", "recalc", str(p), "--in-place"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        while len(_penunggu_kunci(os.fstat(kunci.fileno()).st_ino)) < 2:
            assert all(x.poll() is None for x in proses), "recalc selesai tanpa menunggu kunci berkas"
            time.sleep(0.05)
    assert [x.communicate(timeout=300)[0].count("1 ok") for x in proses] == [1, 1]
    assert p.read_bytes() == acuan.read_bytes()  # a recalculated workbook recalculates to the same bytes
    assert (tmp_path / "IKU.xlsx.bak").read_bytes() == CONTOH.read_bytes()
    assert (tmp_path / "IKU.xlsx.2.bak").read_bytes() == acuan.read_bytes()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["IKU.xlsx", "IKU.xlsx.2.bak", "IKU.xlsx.bak", "acuan"]


def test_berkas_kunci_yang_terbuka_tidak_terhapus_dihapus_sesudah_ditutup(tmp_path, monkeypatch):
    """Windows removes no file that is open: the lock file an in-place run holds is removed just after it is
    closed, so nothing is left beside the workbook there either."""
    p = _tulis(tmp_path / "IKU.xlsx")
    hapus, ditolak = Path.unlink, []

    def seperti_windows(self, *a, **k):
        if self == aksi.berkas_kunci(p) and not ditolak:  # still open: refused, as Windows refuses it
            ditolak.append(self.name)
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        return hapus(self, *a, **k)

    monkeypatch.setattr(Path, "unlink", seperti_windows)
    recalc(p)
    assert ditolak == [".IKU.xlsx.kunci"] and sorted(x.name for x in tmp_path.iterdir()) == ["IKU.xlsx"]


def test_berkas_diubah_program_lain_selama_dihitung_tidak_ditimpa(tmp_path, monkeypatch):
    p = _tulis(tmp_path / "IKU.xlsx")
    simpanan_lain = b"PK simpanan program lain"
    rencana = aksi.rencana

    def sambil_disimpan_program_lain(dok, **opsi):  # another program saves the file while ikuxl computes
        p.write_bytes(simpanan_lain)
        return rencana(dok, **opsi)

    monkeypatch.setattr(aksi, "rencana", sambil_disimpan_program_lain)
    with pytest.raises(BacaError, match="IKU.xlsx: berubah di disk selama dihitung"):
        recalc(p, cadangan=True)
    assert p.read_bytes() == simpanan_lain
    assert not list(tmp_path.glob(".*.tmp"))


def test_berkas_sementara_basi_dibersihkan_yang_hidup_tidak(tmp_path):
    p = _tulis(tmp_path / "IKU.xlsx")
    basi = _tulis(tmp_path / ".IKU.xlsx.k9s0dq1x.tmp", b"sisa kill -9")
    hidup = _tulis(tmp_path / ".IKU.xlsx.hidup123.tmp", b"sedang ditulis proses lain")
    lain = [_tulis(tmp_path / ".IKU.xlsx.catatan", b"bukan milik ikuxl"), _tulis(tmp_path / ".Lain.xlsx.k9s0dq1x.tmp", b"x")]
    lama = time.time() - 3600
    for x in (basi, hidup, *lain):
        os.utime(x, (lama, lama))
    with open(hidup, "rb") as kunci:
        fcntl.flock(kunci, fcntl.LOCK_EX)  # a live writer holds the lock on its temporary file
        recalc(p, cadangan=True)
    assert not basi.exists() and hidup.exists() and all(x.exists() for x in lain)


def test_o_berupa_berkas_laporan_ke_folder_baru_dan_sistem_berkas_hanya_baca(tmp_path):
    p = _tulis(tmp_path / "masuk" / "IKU.xlsx")
    bukan_folder = _tulis(tmp_path / "hasil.xlsx", b"x")
    r = _ikuxl("recalc", p, "-o", bukan_folder)
    assert r.returncode == 2 and "-o " in r.stderr and "itu sebuah berkas" in r.stderr and "Traceback" not in r.stderr
    r = _ikuxl("recalc", p, "-o", tmp_path / "hasil", "--report", tmp_path / "baru" / "lap.json")
    assert r.returncode == 0 and (tmp_path / "baru" / "lap.json").exists(), r.stderr


def _pasang(folder: Path, *opsi: str) -> bool:
    folder.mkdir()
    return (
        subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(opsi), "tmpfs", str(folder)], capture_output=True).returncode == 0
    )


def test_disk_penuh_dan_hanya_baca_diberi_tahu_dalam_bahasa_indonesia(tmp_path):
    p = _tulis(tmp_path / "IKU.xlsx")
    penuh, hanya_baca = tmp_path / "penuh", tmp_path / "hanya-baca"
    if not (_pasang(penuh, "size=4k") and _pasang(hanya_baca, "ro", "size=64k")):
        pytest.skip("perlu hak root untuk memasang tmpfs")
    try:
        r = _ikuxl("recalc", p, "-o", hanya_baca)
        assert r.returncode == 2 and "tidak dapat ditulis (sistem berkas hanya-baca)" in r.stderr, r.stderr
        r = _ikuxl("recalc", p, "-o", tmp_path / "hasil", "--report", penuh / "laporan.xlsx")
        assert r.returncode == 2 and "laporan" in r.stderr and "(disk penuh)" in r.stderr and "Traceback" not in r.stderr
        assert (tmp_path / "hasil" / "IKU.xlsx").exists() and not list(penuh.iterdir())
        r = _ikuxl("recalc", p, "-o", penuh)
        assert r.returncode == 1 and "IKU.xlsx: tidak dapat ditulis (disk penuh)" in r.stderr
        assert not list(penuh.iterdir())
    finally:
        for f in (penuh, hanya_baca):
            subprocess.run(["umount", str(f)], check=True)


@pytest.mark.parametrize("perintah", ["validate", "recalc", "rekap"])
def test_nama_berkurung_siku_dan_pola_tanpa_hasil(tmp_path, perintah, monkeypatch):
    p = _tulis(tmp_path / "IKU Dinas [revisi].xlsx")
    opsi = {"validate": [], "recalc": ["-o", tmp_path / "hasil"], "rekap": ["-o", tmp_path / "rekap.xlsx"]}[perintah]
    monkeypatch.chdir(tmp_path)
    for nama in (p.name, p):
        r = _cli(perintah, nama, *opsi)
        assert r.exit_code in (0, 1) and "Traceback" not in r.output, r.output
        if perintah != "rekap":
            assert "IKU Dinas [revisi].xlsx" in r.output
    if perintah == "recalc":
        assert (tmp_path / "hasil" / p.name).exists()
    r = _cli(perintah, tmp_path / "tidak-ada-*.xlsx", *opsi)
    assert r.exit_code == 2 and "tidak-ada-*.xlsx" in r.output and "tidak cocok" in r.output


def test_folder_menyebut_setiap_berkas_yang_tidak_dapat_dibaca(tmp_path):
    masuk = tmp_path / "masuk"
    _tulis(masuk / "dinas-a.xlsx")
    asing = {
        "lama.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000),
        "kalc.ods": b"PK\x03\x04 ods",
        "biner.xlsb": b"PK\x03\x04 xlsb",
        "tabel.csv": b"Kode;Indikator\n1;a\n",
        "templat.xltx": CONTOH.read_bytes(),
        "tabel.tsv": b"Kode\tIndikator\n",
    }
    for n, isi in asing.items():
        _tulis(masuk / n, isi)
    for n in ("~$dinas-a.xlsx", ".~lock.dinas-b.xlsx#", ".tersembunyi.xlsx", "dinas-a.xlsx.bak", ".dinas-a.xlsx.abc.tmp"):
        _tulis(masuk / n, b"bukan untuk diproses")
    (masuk / "~$dinas-a.xlsx").rename(masuk / "~$dinas-c.xlsx")  # a lock file of a workbook not in the folder

    r = _ikuxl("recalc", masuk, "-o", tmp_path / "hasil", "--report", tmp_path / "lap.json")
    assert r.returncode == 1, r.stderr
    lap = _laporan(tmp_path / "lap.json")
    assert set(lap) == {"dinas-a.xlsx", *asing}
    assert lap["dinas-a.xlsx"]["status"] == "ok"
    for n in asing:
        assert lap[n]["status"] == "gagal" and lap[n]["pesan"].startswith(n + ": ") and n in r.stderr

    r = _cli("validate", masuk)
    assert r.exit_code == 2 and all(n in r.output for n in asing)
    r = _cli("rekap", masuk, "-o", tmp_path / "rekap.xlsx")
    assert r.exit_code == 0 and f"{len(asing)} berkas tidak terbaca" in r.output and all(n in r.output for n in asing)


def _kunci_excel(nama: str) -> bytes:
    """An Excel owner file as Excel writes it: the user name's length and ANSI text, padded, then at byte 54
    the same in UTF-16."""
    ansi = bytes([len(nama)]) + nama.encode("cp1252")
    return ansi.ljust(54, b" ") + bytes([len(nama), 0]) + nama.encode("utf-16-le") + b"\x00" * 20


@pytest.mark.parametrize(
    "berkas_kunci, isi, siapa",
    [
        ("~$iku.xlsx", _kunci_excel("Siti Aminah"), "Excel oleh Siti Aminah"),
        (
            ".~lock.iku.xlsx#",
            b"Budi Santoso,PC-BAPPEDA,budi,07.12.2026 09:15,file:///home/budi/.config/libreoffice/4;",
            "LibreOffice oleh Budi Santoso (komputer PC-BAPPEDA)",
        ),
    ],
)
def test_di_tempat_ditolak_selama_program_lain_membukanya(tmp_path, monkeypatch, berkas_kunci, isi, siapa):
    """A program that opens the workbook while recalc --in-place computes would later save over the result (or
    lose its own save): the lock file it leaves is looked for again just before the file is replaced, and the
    message names who holds it. Nothing is written, not even a backup."""
    path = tmp_path / "iku.xlsx"
    path.write_bytes(CONTOH.read_bytes())
    asli = path.read_bytes()
    rencana = aksi.rencana

    def dibuka_selama_dihitung(*a, **k):
        (tmp_path / berkas_kunci).write_bytes(isi)  # the program opens the file while ikuxl computes
        return rencana(*a, **k)

    monkeypatch.setattr(aksi, "rencana", dibuka_selama_dihitung)
    with pytest.raises(BacaError, match=f"sedang dibuka di {re.escape(siapa)}"):
        recalc(path, cadangan=True)
    assert path.read_bytes() == asli and sorted(p.name for p in tmp_path.iterdir()) == sorted([berkas_kunci, "iku.xlsx"])
    monkeypatch.undo()
    r = _ikuxl("recalc", path, "--in-place")  # already there when the run starts: refused at once, by name
    assert r.returncode != 0 and siapa in r.stdout + r.stderr and path.read_bytes() == asli
