"""The web app `ikuxl serve` runs: xlwings Server's app behind ikuxl's guards.

- Static files are served by Starlette's own StaticFiles, which resolves every path and keeps it
  inside its folders (xlwings Server's override class joins the path unchecked: /static/../.. escaped).
- A request body is bounded in bytes and, for the calls into ikuxl, in cells; the calls are checked
  for shape first, so a bad request is a 4xx with a message (a 500 makes Excel retry it).
- The wheels xlwings Lite installs ikuxl from are served under /lite/ with CORS headers (roda.py).
- Each call into ikuxl is served whole in a worker thread, so a large one does not hold up
  everyone else's requests.
"""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import json
import os
import re
import sys

from ... import __version__
from . import BATAS_BYTE, BATAS_SEL, akhiran_lingkungan, lingkungan, namespace_fungsi, url_ikon, versi_manifest
from .roda import AWALAN, AplikasiRoda, folder_tembolok

os.environ.update(lingkungan())  # read by xlwings Server when it is imported

from ...alamat import huruf_kolom  # noqa: E402
from starlette.responses import PlainTextResponse  # noqa: E402
from starlette.routing import Mount  # noqa: E402
from starlette.staticfiles import StaticFiles  # noqa: E402
from xlwings_server import main  # noqa: E402
from xlwings_server.config import settings  # noqa: E402
from xlwings_server.routers import xlwings as rute  # noqa: E402
from xlwings_server.templates import env as templat  # noqa: E402

# what templates/manifest.xml fills in besides xlwings Server's own: <Version>, the environment's namespace and
# name, and the icons' public folder (None: the server's static/images)
templat.globals.update(
    versi_manifest=versi_manifest(__version__),
    namespace_fungsi=namespace_fungsi(settings.environment),
    akhiran_lingkungan=akhiran_lingkungan(settings.environment),
    url_ikon=url_ikon(os.environ),
)

# xlwings looks for Pyodide once per cell and a failed import is not cached (20k cells: 4 s);
# there is no Pyodide on a server, so say so once.
if importlib.util.find_spec("pyodide") is None:
    sys.modules["pyodide"] = None

_SURROGAT = re.compile("[\ud800-\udfff]")


def _kurung_statis() -> None:
    """Every static mount of xlwings Server (its own class checks the user folder with no
    containment) becomes a StaticFiles over the same folders, user folder first."""
    ganti = 0
    for r in main.app.routes:
        if isinstance(r, Mount) and isinstance(r.app, StaticFiles):
            folder = [getattr(r.app, "user_dir", None), getattr(r.app, "package_dir", None), r.app.directory]
            statis = StaticFiles(directory=folder[-1])
            statis.all_directories = list(dict.fromkeys(str(f) for f in folder if f and os.path.isdir(f)))
            r.app = statis
            ganti += 1
    if not ganti:  # a later xlwings Server mounts them otherwise: refuse to run unguarded
        raise RuntimeError("ikuxl: folder statis xlwings Server tidak ditemukan")


class Tolak(Exception):
    def __init__(self, status: int, pesan: str):
        super().__init__(pesan)
        self.status = status


def _teks_sah(x: object, tempat: str) -> None:
    if isinstance(x, str) and _SURROGAT.search(x):
        raise Tolak(400, f"{tempat} berisi karakter yang tidak sah (surrogate Unicode tunggal); perbaiki teksnya")


def _baris(x: object, tempat: str) -> list[list]:
    """An argument or a sheet's values as rows of one length (a single value is one cell)."""
    if not isinstance(x, list):
        x = [[x]]
    if not all(isinstance(b, list) for b in x) or len({len(b) for b in x}) > 1:
        raise Tolak(400, f"{tempat} harus berupa baris-baris sel yang sama panjang")
    return x


def _isi_sah(baris: list[list], tempat: str, a1: bool = False) -> None:
    """Every cell a value; `a1`: the rows are a sheet's from A1, so a bad cell is named by its address."""
    for r, b in enumerate(baris, 1):
        for c, v in enumerate(b, 1):
            if isinstance(v, (list, dict)) or isinstance(v, str) and _SURROGAT.search(v):
                di = f"{tempat} sel {huruf_kolom(min(c, 16384))}{r}" if a1 else f"{tempat} (baris {r}, kolom {c})"
                _teks_sah(v, di)
                raise Tolak(400, f"{di} berisi nilai yang bukan isi sel")


def _jumlah(*larik: list[list]) -> int:
    return sum(len(b) for baris in larik for b in baris)


def _teks_kunci(data: dict, wajib: tuple[str, ...], boleh: tuple[str, ...] = ()) -> None:
    """The settings xlwings reads as texts: those in `wajib` must be there."""
    for k in wajib + boleh:
        if (k in wajib or data.get(k) is not None) and not isinstance(data.get(k), str):
            raise Tolak(400, f"permintaan dari add-in Excel tidak lengkap ({k}); muat ulang add-in lalu ulangi")


def _cukup(n: int, apa: str) -> None:
    if n > BATAS_SEL:
        raise Tolak(
            413,
            f"{apa} terlalu besar: {n:,} sel (batas {BATAS_SEL:,} sel); "
            "perkecil rentangnya atau pakai `ikuxl recalc` untuk berkasnya".replace(",", "."),
        )


def _periksa_fungsi(data: dict) -> None:
    nama, args = data.get("func_name"), data.get("args")
    _teks_kunci(data, ("runtime",), ("caller_address", "culture_info_name", "date_format"))
    f = getattr(rute.custom_functions, nama, None) if isinstance(nama, str) else None
    if not hasattr(f, "__xlfunc__"):
        ns = templat.globals["namespace_fungsi"]
        raise Tolak(404, f"fungsi {nama!r} tidak dikenal; fungsi ikuxl: {ns}.CAPAIAN, {ns}.KATEGORI, {ns}.NILAI, {ns}.ANGKA")
    if not isinstance(args, list):
        raise Tolak(400, f"argumen fungsi {nama} harus berupa daftar (args)")
    try:
        inspect.signature(f).bind(*args)
    except TypeError:
        raise Tolak(400, f"jumlah argumen fungsi {nama} tidak cocok ({len(args)})") from None
    larik = [(f"argumen ke-{i} fungsi {nama}", _baris(a, f"argumen ke-{i} fungsi {nama}")) for i, a in enumerate(args, 1)]
    _cukup(_jumlah(*(b for _, b in larik)), f"argumen fungsi {nama}")
    for tempat, baris in larik:
        _isi_sah(baris, tempat)


def _periksa_buku(nama_skrip: str, data: dict) -> None:
    f = getattr(rute.custom_scripts, nama_skrip, None)
    if not hasattr(f, "__xlscript__"):
        raise Tolak(404, f"skrip {nama_skrip!r} tidak dikenal")
    buku, lembar = data.get("book"), data.get("sheets")
    if (
        not isinstance(buku, dict)
        or not isinstance(buku.get("name"), str)
        or not isinstance(lembar, list)
        or not lembar
        or not isinstance(buku.get("active_sheet_index"), int)
        or not 0 <= buku["active_sheet_index"] < len(lembar)
        or not isinstance(data.get("names", []), list)
        or not all(isinstance(s, dict) for s in lembar)
    ):
        raise Tolak(400, "isi buku dari Excel tidak lengkap (book, sheets); muat ulang add-in lalu ulangi")
    if not all(isinstance(s.get("name"), str) and "values" in s for s in lembar):
        raise Tolak(400, "isi buku dari Excel tidak lengkap (nama atau nilai lembar); muat ulang add-in lalu ulangi")
    larik = [(f"lembar {s['name']}", _baris(s["values"], f"lembar {s['name']}")) for s in lembar]
    _cukup(_jumlah(*(b for _, b in larik)), f"buku {buku['name']}")
    for tempat, baris in larik:
        _isi_sah(baris, tempat, a1=True)


def periksa(jalur: str, isi: bytes) -> None:
    """Refuse a call into ikuxl whose body is not what Excel sends (Tolak carries status and message)."""
    try:
        data = json.loads(isi)
    except ValueError:  # also a body that is not UTF-8
        raise Tolak(400, "permintaan bukan JSON yang sah; muat ulang add-in lalu ulangi") from None
    if not isinstance(data, dict):
        raise Tolak(400, "permintaan harus berupa objek JSON dari add-in Excel")
    _teks_kunci(data, ("client", "version"))
    if jalur == _FUNGSI:
        _periksa_fungsi(data)
    else:
        _periksa_buku(jalur.removeprefix(_SKRIP), data)
    # anywhere else (names, book settings): such a text cannot be answered in UTF-8
    _teks_sah(json.dumps(data, ensure_ascii=False), "permintaan")


_FUNGSI = f"{settings.app_path}/xlwings/custom-functions-call"
_RODA = f"{settings.app_path}{AWALAN}"
_SKRIP = f"{settings.app_path}/xlwings/custom-scripts-call/"


async def _di_utas(layani, scope, isi, receive, send) -> None:
    """Serve one request on an event loop of its own in a worker thread: reading the book, xlwings'
    conversions and ikuxl's work all happen there, so the server's loop keeps answering others."""
    loop = asyncio.get_running_loop()

    def di_loop_utama(coro):  # receive and send belong to the server's loop
        return asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, loop))

    async def terima():
        return await di_loop_utama(receive())

    async def kirim(pesan):
        await di_loop_utama(send(pesan))

    await asyncio.to_thread(asyncio.run, layani(scope, isi, terima, kirim))


class Penjaga:
    """ASGI middleware: bounds request bodies and checks the calls into ikuxl before they run."""

    def __init__(self, app):
        self.app = app
        self.roda = AplikasiRoda(folder_tembolok(), _RODA)  # the wheels for xlwings Lite (roda.siapkan_roda)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        try:
            panjang = int(dict(scope["headers"]).get(b"content-length", 0))
        except ValueError:
            return await PlainTextResponse("Content-Length tidak sah", 400)(scope, receive, send)
        if panjang > BATAS_BYTE:  # refused before the body is read
            return await self._terlalu_besar(scope, receive, send)
        jalur = scope["path"]
        if jalur == _RODA or jalur.startswith(_RODA + "/"):
            return await self.roda(scope, receive, send)
        if scope["method"] != "POST" or not (jalur == _FUNGSI or jalur.startswith(_SKRIP)):
            return await self.app(scope, receive, send)
        isi = bytearray()
        while True:
            pesan = await receive()
            isi += pesan.get("body", b"")
            if len(isi) > BATAS_BYTE:
                return await self._terlalu_besar(scope, receive, send)
            if not pesan.get("more_body"):
                break
        await _di_utas(self._layani, scope, bytes(isi), receive, send)

    async def _layani(self, scope, isi: bytes, receive, send):
        try:
            periksa(scope["path"], isi)
        except Tolak as t:
            return await PlainTextResponse(str(t), t.status)(scope, receive, send)
        terkirim = False

        async def ulang():  # the body once more, for xlwings Server
            nonlocal terkirim
            if terkirim:
                return await receive()
            terkirim = True
            return {"type": "http.request", "body": isi, "more_body": False}

        await self.app(scope, ulang, send)

    @staticmethod
    async def _terlalu_besar(scope, receive, send):
        pesan = f"permintaan terlalu besar (batas {BATAS_BYTE // 2**20} MiB); perkecil rentang atau buku yang dikirim"
        await PlainTextResponse(pesan, 413, headers={"Connection": "close"})(scope, receive, send)


_kurung_statis()
app = Penjaga(main.main_app)
