"""One LibreOffice kept running as a listener and driven over UNO: the peer with no start-up per file.

Run by recalc_vs_libreoffice.py --uno with the system Python that has LibreOffice's `uno` module
(Debian: apt-get install python3-uno), not ikuxl's interpreter:

    /usr/bin/python3 benchmarks/lo_uno.py PROFIL PORT MULAI KELUAR FILE...

Starts soffice on PROFIL listening on 127.0.0.1:PORT and connects (not timed), waits until the file
MULAI exists (so that every process starts its files together), then for each file: load (every
formula recalculated on load, the profile's setting, as in the headless conversion), store as .xlsx
into KELUAR, close. Prints "siap" once connected. Prints JSON: the wall-clock start and end of that work, and soffice's peak memory.
"""

import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def sifat_uno(**kv):
    hasil = []
    for k, v in kv.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        hasil.append(p)
    return tuple(hasil)


def _proses_soffice(port: str) -> list[str]:
    """The processes of this listener: `soffice` is a script that starts soffice.bin, which does the work."""
    hasil = []
    for d in Path("/proc").iterdir():
        try:
            perintah = (d / "cmdline").read_bytes()
        except OSError:
            continue
        if d.name.isdigit() and f"port={port};".encode() in perintah:
            hasil.append(d.name)
    return hasil or ["self"]


def _puncak_kib(pid: str) -> int:
    try:
        return next(
            (int(b.split()[1]) for b in Path(f"/proc/{pid}/status").read_text().splitlines() if b.startswith("VmHWM:")), 0
        )
    except OSError:
        return 0


@contextmanager
def desktop_uno(profil: str, port: str):
    """soffice started on PROFIL listening on 127.0.0.1:PORT, and its Desktop over UNO; killed on leaving."""
    soffice = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={Path(profil).resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--invisible",
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        lokal = uno.getComponentContext()
        penyelesai = lokal.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", lokal)
        for _ in range(600):
            try:
                ctx = penyelesai.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.1)
        else:
            raise SystemExit("soffice tidak menjawab")
        yield ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    finally:
        for pid in _proses_soffice(port):  # the wrapper and soffice.bin it started
            if pid != "self":
                os.kill(int(pid), 9)
        soffice.wait()


def main() -> None:
    profil, port, mulai, keluar, *berkas = sys.argv[1:]
    with desktop_uno(profil, port) as desktop:
        print("siap", flush=True)
        while not os.path.exists(mulai):
            time.sleep(0.01)
        awal = time.time()
        Path(keluar).mkdir(parents=True, exist_ok=True)
        for f in berkas:
            doc = desktop.loadComponentFromURL(Path(f).resolve().as_uri(), "_blank", 0, sifat_uno(Hidden=True))
            tujuan = Path(keluar) / Path(f).name
            doc.storeToURL(tujuan.resolve().as_uri(), sifat_uno(FilterName="Calc MS Excel 2007 XML"))
            doc.close(True)
        akhir = time.time()
        puncak = max(_puncak_kib(pid) for pid in _proses_soffice(port))
        print(json.dumps({"awal": awal, "akhir": akhir, "rss_kib": puncak}))


if __name__ == "__main__":
    main()
