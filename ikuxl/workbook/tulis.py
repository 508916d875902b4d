"""Files written atomically (a temporary file beside the target, then replaced), with fixed time
stamps on request; the one way ikuxl puts bytes on disk."""

from __future__ import annotations

import glob
import io
import os
import re
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows (the desktop add-in): no advisory locks; stale temporary files stay
    fcntl = None


class BerubahError(OSError):
    """The target changed on disk after it was read: another program saved it meanwhile."""


BASI = 60  # seconds: an unlocked temporary file this old was left by a killed process


def simpan_atomik(data: bytes, tujuan: Path, *, timpa: bool = True, harus_sama: bytes | None = None) -> None:
    """Write to a temporary file beside the target, then replace it: a reader never sees half a file.
    timpa=False never replaces a file that exists (FileExistsError); with `harus_sama` the target is replaced
    only if it still holds those bytes (BerubahError), so another program's save in between is not lost."""
    tujuan = Path(tujuan)
    _hapus_sementara_basi(tujuan)
    fd, sementara = tempfile.mkstemp(prefix=f".{tujuan.name}.", suffix=".tmp", dir=tujuan.parent)
    diklaim = False
    try:
        if fcntl:
            fcntl.flock(fd, fcntl.LOCK_EX)  # held while this process lives: the file is not stale
        # keep the permissions the file had, or give the ones a new file gets
        mode = tujuan.stat().st_mode & 0o7777 if tujuan.exists() else 0o666 & ~_umask()
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            if harus_sama is not None and _isi(tujuan) != harus_sama:
                raise BerubahError(f"{tujuan.name} berubah sejak dibaca")
            if not timpa:  # claim the name first: an existing file is never replaced
                os.close(os.open(tujuan, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
                diklaim = True
            os.replace(sementara, tujuan)
    except BaseException:
        Path(sementara).unlink(missing_ok=True)
        if diklaim:
            tujuan.unlink(missing_ok=True)
        raise


def _isi(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _hapus_sementara_basi(tujuan: Path) -> None:
    """Remove the temporary files of this target that a killed process left (kill -9, power cut). A live
    writer holds a lock on its own, so only unlocked ones, and only old ones (a new one may not be locked yet)."""
    if not fcntl:
        return
    for p in tujuan.parent.glob(f".{glob.escape(tujuan.name)}.*.tmp"):
        try:
            with open(p, "rb") as f:
                if time.time() - os.fstat(f.fileno()).st_mtime < BASI:
                    continue
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                p.unlink()
        except OSError:  # locked by a live writer, or gone already
            continue


def _umask() -> int:
    lama = os.umask(0)
    os.umask(lama)
    return lama


def dengan_waktu(data: bytes, waktu: datetime) -> bytes:
    """The package with every time stamp in it set to `waktu`, so the same content gives the same bytes."""
    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            isi = zin.read(info.filename)
            info.date_time = waktu.timetuple()[:6]
            if info.filename == "docProps/core.xml":
                cap = waktu.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                isi = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + cap, isi)
            zout.writestr(info, isi)
    return keluar.getvalue()
