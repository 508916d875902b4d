"""The wheels `ikuxl serve` offers xlwings Lite: ikuxl's own and those of its pure-Python dependencies on the
Lite path, so a Lite workbook installs its code from the agency's own server when public PyPI is out of reach.

They are gathered into a cache folder once per version: ikuxl's wheel is packed from the running package (no
build tools, no index needed); a dependency's from its installed files when that distribution is pure Python,
else downloaded with pip (`--only-binary=:all: --platform any`) where an index is reachable. What cannot be had
is said in Indonesian, with where to put the wheel by hand. Served under /lite/ with CORS headers (Excel loads
them from its add-in's origin), with a PEP 503 index under /lite/simple/ for a self-hosted xlwings Lite."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from html import escape
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from ... import __version__

AWALAN = "/lite"  # where the wheels are served, after the server's app path
CORS = [(b"access-control-allow-origin", b"*"), (b"access-control-allow-methods", b"GET, HEAD, OPTIONS")]
_NAMA = re.compile(r"([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")


def nama_baku(nama: str) -> str:
    """A distribution name as indexes compare them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", nama).lower()


def folder_tembolok() -> Path:
    """The wheels' cache folder: IKUXL_RODA, else the user's cache (per ikuxl version)."""
    if os.environ.get("IKUXL_RODA"):
        return Path(os.environ["IKUXL_RODA"])
    akar = os.environ.get("LOCALAPPDATA") if os.name == "nt" else os.environ.get("XDG_CACHE_HOME")
    return Path(akar or Path.home() / ".cache") / "ikuxl" / f"roda-{__version__}"


def _akar_sumber() -> Path | None:
    """The source checkout the running package comes from (its pyproject.toml names ikuxl), if any."""
    akar = Path(__file__).resolve().parents[3]
    pp = akar / "pyproject.toml"
    return akar if pp.is_file() and re.search(r'^name\s*=\s*"ikuxl"', pp.read_text(encoding="utf-8"), re.M) else None


def syarat_ikuxl() -> list[str]:
    """ikuxl's declared dependencies (Requires-Dist): from the checkout's pyproject.toml when running from one
    (the installed metadata may be older), else from the installed distribution."""
    akar = _akar_sumber()
    if akar:
        import tomllib

        proyek = tomllib.loads((akar / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        hasil = list(proyek.get("dependencies", []))
        for ekstra, daftar in proyek.get("optional-dependencies", {}).items():
            for r in daftar:
                r, _, tanda = r.partition(";")
                hasil.append(f"{r.strip()}; {f'({tanda.strip()}) and ' if tanda.strip() else ''}extra == '{ekstra}'")
        return hasil
    try:
        return list(distribution("ikuxl").requires or [])
    except PackageNotFoundError:
        return []


def dependensi_lite(syarat: list[str] | None = None) -> list[str]:
    """The names of the dependencies Pyodide installs: those without a marker (the command line's are marked
    sys_platform != 'emscripten', the extras' extra == …), xlwings first."""
    nama = [nama_baku(_NAMA.match(r.strip())[1]) for r in (syarat_ikuxl() if syarat is None else syarat) if ";" not in r]
    return sorted(dict.fromkeys(nama), key=lambda n: (n != "xlwings", n))


def _metadata_ikuxl() -> str:
    """ikuxl's METADATA, with this version and the dependencies syarat_ikuxl() gives."""
    baris = ["Metadata-Version: 2.1", "Name: ikuxl", f"Version: {__version__}"]
    try:
        asli = distribution("ikuxl").read_text("METADATA") or ""
    except PackageNotFoundError:
        asli = ""
    kepala, _, isi = asli.partition("\n\n")
    for b in kepala.splitlines():
        if b.split(":")[0] in ("Summary", "Requires-Python", "License-Expression", "Author"):
            baris.append(b)
    baris += [f"Requires-Dist: {r}" for r in syarat_ikuxl()]
    return "\n".join(baris) + "\n\n" + isi


def _rekam(isi: dict[str, bytes]) -> str:
    baris = []
    for nama, data in isi.items():
        h = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        baris.append(f"{nama},sha256={h},{len(data)}")
    return "\n".join(baris) + "\n"


def _tulis_roda(tujuan: Path, isi: dict[str, bytes], info: str) -> Path:
    """A wheel of these files (path → bytes) with its dist-info WHEEL and RECORD, written atomically."""
    isi = {**isi, f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: ikuxl\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
    rekam = f"{info}/RECORD"
    isi[rekam] = (_rekam(isi) + f"{rekam},,\n").encode()
    sementara = tujuan.with_name(tujuan.name + ".tmp")
    with zipfile.ZipFile(sementara, "w", zipfile.ZIP_DEFLATED) as z:
        for nama, data in isi.items():
            z.writestr(zipfile.ZipInfo(nama, (2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    os.replace(sementara, tujuan)
    return tujuan


def roda_ikuxl(folder: Path) -> Path:
    """ikuxl's own wheel, packed from the running package's files (what `ikuxl serve` runs is what Lite gets)."""
    paket = Path(__file__).resolve().parents[2]
    isi = {
        f"ikuxl/{p.relative_to(paket).as_posix()}": p.read_bytes()
        for p in sorted(paket.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
    }
    info = f"ikuxl-{__version__}.dist-info"
    isi[f"{info}/METADATA"] = _metadata_ikuxl().encode()
    for lisensi in ("LICENSE",):
        sumber = _akar_sumber()
        if sumber and (sumber / lisensi).is_file():
            isi[f"{info}/licenses/{lisensi}"] = (sumber / lisensi).read_bytes()
    for lama in folder.glob("ikuxl-*.whl"):  # the package may have changed since: always this one
        lama.unlink()
    return _tulis_roda(folder / nama_roda("ikuxl", __version__), isi, info)


def _dari_terpasang(nama: str, folder: Path) -> Path | None:
    """A pure-Python distribution's wheel, packed from its installed files (None: not installed, not pure, or
    its file list is missing)."""
    try:
        d = distribution(nama)
    except PackageNotFoundError:
        return None
    roda = d.read_text("WHEEL") or ""
    tag = re.findall(r"^Tag:\s*(\S+)", roda, re.M)
    if not tag or not all(t.endswith("-none-any") for t in tag) or not d.files:
        return None
    isi: dict[str, bytes] = {}
    info = None
    for f in d.files:
        jalur = f.as_posix()
        if jalur.startswith("..") or "__pycache__" in jalur or jalur.endswith((".pyc", ".pyo")):
            continue
        if jalur.split("/")[0].endswith(".dist-info"):
            info = jalur.split("/")[0]
            if jalur.split("/")[-1] in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json", "WHEEL"):
                continue
        p = Path(d.locate_file(f))
        if not p.is_file():
            return None
        isi[jalur] = p.read_bytes()
    if info is None:
        return None
    return _tulis_roda(folder / nama_roda(d.metadata["Name"], d.version), isi, info)


def _unduh(nama: str, versi: str | None, folder: Path) -> str:
    """Download a platform-independent wheel with pip; "" when done, else pip's last line."""
    syarat = f"{nama}=={versi}" if versi else nama
    perintah = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:", "--platform", "any"]
    perintah += ["--python-version", "3.12", "-d", str(folder), syarat]
    try:
        r = subprocess.run(perintah, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    return "" if r.returncode == 0 else (r.stderr.strip().splitlines() or ["pip gagal"])[-1]


def _versi_terpasang(nama: str) -> str | None:
    try:
        return distribution(nama).version
    except PackageNotFoundError:
        return None


@dataclass
class Roda:
    """The wheels gathered for Lite: distribution name → file, and what could not be had (name → why)."""

    folder: Path
    berkas: dict[str, Path] = field(default_factory=dict)
    kurang: dict[str, str] = field(default_factory=dict)

    def urutan(self) -> list[Path]:
        """The wheels in the order Lite installs them: dependencies first, ikuxl last."""
        return [p for n, p in self.berkas.items() if n != "ikuxl"] + ([self.berkas["ikuxl"]] if "ikuxl" in self.berkas else [])


def _ada(folder: Path, nama: str, versi: str | None) -> Path | None:
    """A wheel of that distribution (and version, when given) already in the folder."""
    for p in sorted(folder.glob("*.whl")):
        n, v = p.name.split("-")[:2]
        if nama_baku(n) == nama and (versi is None or v == versi) and p.name.endswith("-none-any.whl"):
            return p
    return None


def siapkan_roda(folder: Path | None = None, unduh: bool = True) -> Roda:
    """Gather ikuxl's wheel and its Lite dependencies' into `folder` (default folder_tembolok()). A dependency's
    wheel is the one already there, else packed from its installed files (the version tested here), else
    downloaded; xlwings' installed wheel is platform-specific, so its pure wheel of the same version is
    downloaded (or put there by hand)."""
    folder = folder or folder_tembolok()
    folder.mkdir(parents=True, exist_ok=True)
    hasil = Roda(folder)
    hasil.berkas["ikuxl"] = roda_ikuxl(folder)
    for nama in dependensi_lite():
        versi = _versi_terpasang(nama)
        p = _ada(folder, nama, versi) or _dari_terpasang(nama, folder)
        if p is None and unduh:
            sebab = _unduh(nama, versi, folder)
            p = _ada(folder, nama, versi)
            if p is None:
                hasil.kurang[nama] = sebab or "tidak ada wheel untuk semua platform"
                continue
        if p is None:
            hasil.kurang[nama] = "tidak terpasang sebagai paket Python murni"
            continue
        hasil.berkas[nama] = p
    return hasil


def nama_roda(nama: str, versi: str) -> str:
    """The file name a wheel is served under: what micropip reads name and version from (a downloaded wheel's
    own name may say py2.py3; the server answers either)."""
    return f"{re.sub(r'[-_.]+', '_', nama)}-{versi}-py3-none-any.whl"


def syarat_dari_server(url: str) -> str:
    """requirements.txt for a Lite workbook that installs from `ikuxl serve` at `url` (https://host:port): one
    wheel URL a line, dependencies first, at the versions installed here (those `ikuxl serve` on this
    installation serves); a dependency not installed here comes from the index by name."""
    dasar = url.rstrip("/") + AWALAN
    baris = []
    for nama in dependensi_lite():
        versi = _versi_terpasang(nama)
        baris.append(f"{dasar}/{nama_roda(nama, versi)}" if versi else nama)
    return "\n".join([*baris, f"{dasar}/{nama_roda('ikuxl', __version__)}"]) + "\n"


def cari_roda(folder: Path, berkas: str) -> Path | None:
    """The wheel of the folder a requested file name means: the same file, or the same distribution and
    version under another tag."""
    if "/" in berkas or "\\" in berkas or not berkas.endswith(".whl"):
        return None
    daftar = {p.name: p for p in folder.glob("*.whl")}
    if berkas in daftar:
        return daftar[berkas]
    bagian = berkas.split("-")
    if len(bagian) < 3:
        return None
    for n, p in sorted(daftar.items()):
        if [nama_baku(x) for x in n.split("-")[:2]] == [nama_baku(x) for x in bagian[:2]] and n.endswith("-none-any.whl"):
            return p
    return None


class AplikasiRoda:
    """ASGI app serving the wheels of a folder under AWALAN: GET/HEAD of a wheel, a PEP 503 index under
    simple/, and CORS preflight; every answer with CORS headers. Only file names the folder lists are served."""

    def __init__(self, folder: Path, awalan: str = AWALAN):
        self.folder, self.awalan = folder, awalan

    def _daftar(self) -> dict[str, Path]:
        return {p.name: p for p in self.folder.glob("*.whl")}

    async def __call__(self, scope, receive, send):
        metode, jalur = scope["method"], scope["path"][len(self.awalan) :].lstrip("/")
        if metode == "OPTIONS":
            return await self._kirim(send, 204, b"", "text/plain")
        if metode not in ("GET", "HEAD"):
            return await self._kirim(send, 405, "metode tidak diizinkan".encode(), "text/plain; charset=utf-8")
        daftar = self._daftar()
        roda = cari_roda(self.folder, jalur)
        if roda is not None:
            return await self._kirim(send, 200, roda.read_bytes(), "application/octet-stream", kepala=metode == "HEAD")
        if jalur.startswith("simple"):
            return await self._indeks(send, jalur.removeprefix("simple").strip("/"), daftar, metode == "HEAD")
        if jalur == "":
            teks = "Wheel ikuxl untuk xlwings Lite:\n" + "\n".join(sorted(daftar)) + "\n"
            return await self._kirim(send, 200, teks.encode(), "text/plain; charset=utf-8", kepala=metode == "HEAD")
        return await self._kirim(send, 404, f"{jalur} tidak ada di server ini".encode(), "text/plain; charset=utf-8")

    async def _indeks(self, send, proyek: str, daftar: dict[str, Path], kepala: bool):
        per_proyek: dict[str, list[str]] = {}
        for n in sorted(daftar):
            per_proyek.setdefault(nama_baku(n.split("-")[0]), []).append(n)
        if not proyek:
            tautan = "".join(f'<a href="{escape(p)}/">{escape(p)}</a>\n' for p in sorted(per_proyek))
        elif nama_baku(proyek) in per_proyek:
            tautan = "".join(
                f'<a href="../../{escape(n)}#sha256={hashlib.sha256(daftar[n].read_bytes()).hexdigest()}">{escape(n)}</a>\n'
                for n in per_proyek[nama_baku(proyek)]
            )
        else:
            return await self._kirim(send, 404, f"paket {proyek} tidak ada di server ini".encode(), "text/plain; charset=utf-8")
        html = f"<!DOCTYPE html>\n<html><body>\n{tautan}</body></html>\n"
        await self._kirim(send, 200, html.encode(), "text/html; charset=utf-8", kepala=kepala)

    @staticmethod
    async def _kirim(send, status: int, data: bytes, jenis: str, kepala: bool = False):
        headers = [(b"content-type", jenis.encode()), (b"content-length", str(len(data)).encode()), *CORS]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if kepala else data})
