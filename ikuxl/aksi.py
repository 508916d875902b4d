"""The three actions staff click (Validasi, Hitung Capaian, Perbarui Ringkasan) and `recalc`,
which runs all three on a workbook file. The xlwings shell calls the same functions."""

from __future__ import annotations

import errno
import gc
import os
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Sequence

from . import ketikan, tutup
from .dokumen import Dokumen
from .periksa import periksa
from .temuan import GALAT, INFO, PERINGATAN, Temuan
from .plan import Plan
from .skema import ARSIP, IKU, PETUNJUK, REFERENSI, VERSI_TEMPLATE
from .rakit import susun, triwulan_iku
from .hitung import Hitungan, hitung
from .workbook.baca import BATAS_BERKAS, BacaError, buka_aman, cek_berkas, cek_kunci, dokumen_paket, periksa_paket
from .workbook.cangkok import MILIK, CangkokError, cangkok
from .workbook.lite import edisi_lite, temuan_lite
from .workbook.tulis import BerubahError, simpan_atomik


@dataclass
class Hasil:
    """What one run did to one workbook, for the CLI table and the batch report."""

    berkas: str
    indikator: int = 0
    temuan: list[Temuan] = field(default_factory=list)
    capaian_rata: float | None = None
    keluar: str | None = None

    def jumlah(self, tingkat: str) -> int:
        return sum(t.tingkat == tingkat for t in self.temuan)

    @property
    def galat(self) -> int:
        return self.jumlah(GALAT)

    @property
    def peringatan(self) -> int:
        return self.jumlah(PERINGATAN)

    @property
    def info(self) -> int:
        return self.jumlah(INFO)


def rencana(
    dok: Dokumen, lengkap: bool = False, dihitung: bool = True, lain: Sequence[Temuan] = ()
) -> tuple[Plan, list[Temuan], Hitungan]:
    """Validasi, Hitung Capaian and Perbarui Ringkasan on a Dokumen: the write plan of ikuxl's sheets and
    marks (of the whole workbook with lengkap=True, and for a workbook of an older template), the findings,
    and the computed rows. `dihitung`: Realisasi and the Komponen rows of the plan will be written; what was
    typed over their formulas first goes to its input cell on IKU, or, where that is not certain,
    KetikanError stops the run before anything is written. `lain`: the file's findings beyond its sheets (periksa)."""
    diketik, isian, penutupan = [], {}, tutup.Penutupan()
    if dihitung:
        diketik = ketikan.cari(dok)
        tanpa_tempat = [k for k in diketik if k.tujuan is None]
        if tanpa_tempat:
            raise ketikan.KetikanError(tanpa_tempat)
        isian = ketikan.pindahkan(dok, diketik)
        # the quarters' year closed when the reporting year moved on (after the moves: they are inputs too)
        penutupan = tutup.tutup_tahun(dok)
        isian.update(penutupan.iku)
    temuan = periksa(dok, dihitung, [*lain, *penutupan.temuan], dipindah=diketik)
    plan = susun(dok, temuan, lengkap or dok.versi < VERSI_TEMPLATE)
    plan[IKU].isian.update(isian)
    plan[REFERENSI].isian.update(penutupan.referensi)
    if penutupan.referensi and not lengkap and dok.versi >= VERSI_TEMPLATE:  # the quarters' year changed
        plan[IKU].isian.update(triwulan_iku(dok))
    return plan, temuan, hitung(dok)


def milik(dok: Dokumen) -> tuple[str, ...]:
    """The sheets a recalculation rewrites: ikuxl's own, and all of them to upgrade an older template's
    workbook (every value and text typed in it was read, and is written back in the new layout); the archive of
    the quarters when this run closed a year (read whole, written whole with the year added)."""
    return MILIK + ((PETUNJUK, IKU, REFERENSI) if dok.versi < VERSI_TEMPLATE else ()) + ((ARSIP,) if dok.arsip_baru else ())


AKHIRAN_CADANGAN = ".bak"

_SEBAB = {
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EROFS: "sistem berkas hanya-baca",
    errno.EACCES: "tidak ada izin",
    errno.EPERM: "tidak ada izin",
    errno.ENOENT: "folder atau berkas tidak ada",
    errno.ENOTDIR: "bagian jalurnya bukan folder",
    errno.EISDIR: "itu sebuah folder",
    errno.ENAMETOOLONG: "nama terlalu panjang",
    errno.EADDRINUSE: "sudah dipakai program lain",
    errno.EADDRNOTAVAIL: "alamat itu bukan milik komputer ini",
    errno.EEXIST: "sudah ada",
}


def sebab(e: OSError) -> str:
    """Why a file operation failed, in Indonesian (the system's own text is in English)."""
    return _SEBAB.get(e.errno, e.strerror or str(e))


@contextmanager
def tanpa_gc():
    """Python's cycle collector paused while one workbook is processed: a run builds many small objects
    and frees them all at the end, so the collector's passes find nothing and cost CPU (benchmarks/)."""
    aktif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aktif:
            gc.enable()


def recalc(path: Path, keluar: Path | None = None, cadangan: bool = False, lite: dict[str, str] | None = None) -> Hasil:
    with tanpa_gc():
        return _recalc(path, keluar, cadangan, lite)


def _recalc(path: Path, keluar: Path | None, cadangan: bool, lite: dict[str, str] | None) -> Hasil:
    """Validate, recompute and summarise a workbook file, and write it atomically to `keluar`
    (default: in place, keeping the original as NAME.xlsx.bak, NAME.xlsx.2.bak, … when `cadangan`).
    In place, a symbolic link is written through to its target, another ikuxl on the same file is waited
    for, and a file another program saved meanwhile is not replaced.
    Only ikuxl's own sheets, names and marks change; a file that cannot be read is left alone. With `lite`
    (workbook/lite.berkas_ikuxl), the xlwings Lite add-in and those files go in, unless it has the add-in."""
    di_tempat = keluar is None
    path = Path(path).resolve() if di_tempat else Path(path)
    tujuan = path if di_tempat else Path(keluar)
    cek_berkas(path)  # before any byte is read
    diperiksa = path.stat().st_ino
    with _buka(path, kunci=di_tempat) as f:
        if di_tempat and os.fstat(f.fileno()).st_nlink > 1:
            raise BacaError(
                path.name,
                f"punya {os.fstat(f.fileno()).st_nlink} nama (hard link); --in-place akan memisahkannya. Pakai -o FOLDER",
            )
        if os.fstat(f.fileno()).st_ino != diperiksa:  # another run replaced it while this one waited for the lock
            cek_berkas(path)
        # read once: every later step works on this package (its kind, size and shape bounded first)
        paket = periksa_paket(path.name, f.read(BATAS_BERKAS + 1))
        f.close()  # read once; Windows replaces no file that is open (the lock file still holds other runs off)
        asli = paket.data
        dok = dokumen_paket(paket)
        try:
            plan, temuan, hasil = rencana(dok, lain=temuan_lite(paket, lite))  # the add-in as it was, before --lite
        except ketikan.KetikanError as e:
            raise BacaError(path.name, str(e), e.lembar, e.sel) from None
        try:
            edisi_lite(paket, plan, lite)
            baru = cangkok(paket, plan, milik(dok))
        except CangkokError as e:
            raise BacaError(path.name, str(e)) from None
        if di_tempat:  # a program that opened it meanwhile would save over the result, or lose its own save
            cek_kunci(path)
        try:
            if cadangan and di_tempat:
                _cadangkan(asli, path)
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            simpan_atomik(baru, tujuan, harus_sama=asli if di_tempat else None)
        except BerubahError:
            raise BacaError(
                path.name,
                "berubah di disk selama dihitung (disimpan program lain?); tidak ditimpa, "
                "simpanan program itu tetap. Tutup program itu, lalu ulangi",
            ) from None
        except OSError as e:
            raise BacaError(tujuan.name, f"tidak dapat ditulis ({sebab(e)}); berkas tidak diubah") from None
    return Hasil(path.name, len(dok.aktif()), temuan, hasil.capaian_rata(), str(tujuan))


def berkas_kunci(path: Path) -> Path:
    """The lock file of an in-place run on `path`: beside it, its own (the workbook itself is replaced)."""
    return path.with_name(f".{path.name}.kunci")


@contextmanager
def _buka(path: Path, kunci: bool):
    """The file opened for reading; with `kunci`, under a lock against another ikuxl recalculating it in place
    (its lock is waited for, and then the file it wrote is the one opened)."""
    with _dikunci(path) if kunci else nullcontext():
        try:
            f = open(path, "rb")
        except OSError as e:
            raise BacaError(path.name, f"tidak dapat dibaca ({sebab(e)})") from None
        with f:
            yield f


@contextmanager
def _dikunci(path: Path):
    """Hold the lock file of `path`, waiting for another run's, on Linux, macOS and Windows alike (portalocker: flock,
    msvcrt.locking). Not a lock on the workbook itself: on Windows that stops every other handle reading it, this
    process's own too. The lock file is removed when done, while still held where the system allows it (a run
    waiting for it then finds it gone and takes a new one), else just after (Windows removes no file that another
    has open)."""
    import portalocker  # here only: in-place runs of the command line, not the browser (xlwings Lite)

    nama = berkas_kunci(path)
    while True:
        try:
            k = open(nama, "ab")
        except OSError as e:
            raise BacaError(path.name, f"berkas kunci {nama.name} tidak dapat dibuat ({sebab(e)}); berkas tidak diubah") from None
        while True:
            try:
                portalocker.lock(k, portalocker.LOCK_EX)
                break
            except portalocker.AlreadyLocked:  # Windows stops waiting after 10 s: wait on, as flock does
                continue
        with suppress(OSError):
            if os.stat(nama).st_ino == os.fstat(k.fileno()).st_ino:
                break
        k.close()  # the run before removed it while this one waited: take the one there now
    try:
        yield
    finally:
        try:
            nama.unlink()
        except PermissionError:  # Windows: an open file stays; closed, it goes unless another run has it open
            k.close()
            with suppress(OSError):
                nama.unlink()
        except OSError:
            pass
        k.close()


def _cadangkan(asli: bytes, path: Path) -> None:
    """A copy of the original beside it. An earlier backup is never replaced: NAME.xlsx.bak, then NAME.xlsx.2.bak, …"""
    for n in count(1):
        cadangan = path.with_name(path.name + (f".{n}" if n > 1 else "") + AKHIRAN_CADANGAN)
        if cadangan.exists():
            continue
        try:
            return simpan_atomik(asli, cadangan, timpa=False)
        except FileExistsError:
            continue


def validasi(path: Path) -> Hasil:
    """The findings only; the file is not changed."""
    with tanpa_gc():
        paket = buka_aman(path)
        dok = dokumen_paket(paket)
        return Hasil(Path(path).name, len(dok.aktif()), periksa(dok, dihitung=False, lain=temuan_lite(paket)))
