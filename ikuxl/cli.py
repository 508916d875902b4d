"""The `ikuxl` command: a thin layer over the library."""

from __future__ import annotations

import glob
import re
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Optional, get_args, get_origin

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__, bahasa
from .capaian import hitung_capaian, kategori
from .nilai import format_angka, parse_nilai
from .rumus import Rumus, RumusError


class _Ubah:
    """A parameter's value converted as Typer converts it, without pydantic: Typer 0.29 converts every value
    but a flag's through a pydantic TypeAdapter, built on first use even for a value left out, and importing
    pydantic alone costs each command about 0.13 s. Only text, numbers, paths and flags (and lists of them)
    without bounds or a parser of their own, ikuxl's kinds; any other parameter, and a flag given as text, keeps
    Typer's conversion (tests/test_proyek.py compares the two)."""

    SALAH = {int: "harus berupa bilangan bulat", float: "harus berupa angka"}

    def __init__(self, jenis: type, banyak: bool, info):
        self.jenis, self.banyak, self.info = jenis, banyak, info

    @staticmethod
    def pasang() -> None:
        """Typer's parameters (also the --help each command adds as it parses) convert their values here."""
        kelas = getattr(typer.core, "_TyperParameter", None)  # Typer's private parts: without them, Typer's way
        if kelas is None or getattr(kelas.get_runtime_param, "_ikuxl", False):
            return
        asli = kelas.get_runtime_param

        def get_runtime_param(self):
            if getattr(self, "_runtime_param", None) is None:
                self._runtime_param = _Ubah.untuk(self)
            return self._runtime_param or asli(self)

        get_runtime_param._ikuxl = True
        kelas.get_runtime_param = get_runtime_param

    @classmethod
    def untuk(cls, p) -> _Ubah | None:
        d = getattr(p, "type_descriptor", None)
        if d is None:
            return None
        jenis, banyak = (get_args(d.annotation)[0], True) if get_origin(d.annotation) is list else (d.annotation, False)
        info = d.parameter_info
        biasa = info.parser is None and info.min is None and info.max is None and getattr(info, "path_type", None) is None
        return cls(jenis, banyak, info) if jenis in (str, int, float, Path, bool) and biasa else None

    def coerce(self, value, param, ctx):
        if value is None:
            return () if param.multiple or param.nargs == -1 else None
        if self.banyak:
            return [self._satu(v, param, ctx) for v in (value if isinstance(value, (list, tuple)) else [value])]
        return self._satu(value, param, ctx)

    def _satu(self, nilai, param, ctx):
        from typer._click.exceptions import BadParameter

        if self.jenis is bool and not isinstance(nilai, bool):  # a flag's text (from an environment variable)
            from typer._coercion import build_runtime_param

            return build_runtime_param(param.type_descriptor).coerce(nilai, param, ctx)
        if self.jenis is bool:
            return nilai
        if self.jenis is Path:  # Typer's checks of a path (exists, readable…), given a Path: no pydantic
            from typer._param_types import coerce_cli_path

            return coerce_cli_path(Path(nilai), self.info, path_type=Path, param=param, ctx=ctx)
        try:
            return self.jenis(nilai)
        except ValueError:
            raise BadParameter(self.SALAH[self.jenis], ctx=ctx, param=param) from None


bahasa.pasang()  # Click's and Typer's own texts in Indonesian too
_Ubah.pasang()  # and their values converted without pydantic

app = typer.Typer(
    help="ikuxl: Indikator Kinerja Utama (IKU) di Excel: validasi, hitung capaian, ringkasan.",
    no_args_is_help=True,
    add_completion=True,  # ikuxl --install-completion: commands and options complete with Tab
    pretty_exceptions_enable=False,
)


def main() -> None:
    """The `ikuxl` program: the app with Typer's own option texts (shell completion) in Indonesian."""
    perintah = typer.main.get_command(app)
    for p in perintah.params:
        if p.help:
            p.help = bahasa.terjemah(p.help)
    perintah(prog_name="ikuxl")


# Wide enough for the tables when the output goes to a file or a pipe (rich assumes 80 there).
_LEBAR = None if sys.stdout.isatty() else 160
console = Console(soft_wrap=True, width=_LEBAR)
galat = Console(stderr=True, soft_wrap=True, width=_LEBAR)


def _versi(tampil: bool):
    if tampil:
        console.print(f"ikuxl {__version__}")
        raise typer.Exit()


@app.callback()
def utama(versi: Annotated[bool, typer.Option("--version", callback=_versi, is_eager=True, help="Tampilkan versi.")] = False):
    """ikuxl: Indikator Kinerja Utama (IKU) di Excel."""


@app.command("capaian")
def perintah_capaian(
    target: Annotated[str, typer.Argument(help='Target, mis. 150, "10%" atau rentang "80 - 90".')],
    realisasi: Annotated[str, typer.Argument(help="Realisasi.")],
    polaritas: Annotated[str, typer.Option(help="positif, negatif atau stabil.")] = "positif",
    metode: Annotated[Optional[str], typer.Option(help="Untuk negatif: standar atau kebalikan.")] = None,
    batas: Annotated[Optional[float], typer.Option(help="Batas atas capaian, mis. 100 atau 120.")] = None,
):
    """Hitung capaian satu indikator dan kategorinya."""
    hasil = hitung_capaian(target, realisasi, polaritas, metode, batas)
    if hasil.nilai is None:
        galat.print(f"Tidak dapat dihitung: {hasil.alasan}")
        raise typer.Exit(1)
    teks = f"Capaian {format_angka(hasil.nilai, 2)}% ({kategori(hasil.nilai)})"
    if hasil.mentah != hasil.nilai:
        teks += f"; sebelum batas {format_angka(hasil.mentah, 2)}%"
    console.print(teks)


@app.command("nilai")
def perintah_nilai(teks: Annotated[list[str], typer.Argument(help='Teks seperti "9,85 Ha" atau "1.234,5".')]):
    """Baca angka dan satuan dari teks seperti yang diketik di dokumen IKU."""
    for t in teks:
        n = parse_nilai(t)
        if n.masalah:
            console.print(f"{t!r}: [red]{n.masalah}[/red]")
        elif n.rentang:
            console.print(f"{t!r}: rentang {format_angka(n.rentang[0])} – {format_angka(n.rentang[1])} {n.satuan or ''}")
        elif n.angka is None:
            console.print(f"{t!r}: kosong")
        elif n.rasio:
            console.print(f"{t!r}: {format_angka(n.angka)} (rasio 1:N)")
        else:
            console.print(f"{t!r}: {format_angka(n.angka)} {n.satuan or ''}".rstrip())


@app.command("rumus")
def perintah_rumus(
    teks: Annotated[str, typer.Argument(help='Cara Perhitungan, mis. "[A] / [B] × 100".')],
    komponen: Annotated[list[str] | None, typer.Option("--komponen", "-k", help='Nilai komponen: "Nama=nilai".')] = None,
):
    """Periksa sebuah rumus, dan hitung bila nilai komponennya diberikan."""
    try:
        r = Rumus(teks)
    except RumusError as e:
        galat.print(f"[red]{e}[/red]")
        raise typer.Exit(1)
    console.print(f"Rumus baku: {r}")
    console.print(f"Komponen: {', '.join(r.komponen) or '-'}")
    if komponen:
        nilai = {}
        for k in komponen:
            nama, _, isi = k.partition("=")
            nilai[nama.strip()] = parse_nilai(isi).angka
        hasil = r.hitung(nilai)
        console.print(f"Hasil: {format_angka(hasil.nilai) if hasil.nilai is not None else hasil.teks}")


def _gagal(pesan: str, kode: int = 2):
    galat.print(f"[red]{escape(pesan)}[/red]")
    raise typer.Exit(kode)


def _modul_impor():
    """ikuxl.impor, which reads tables with pandas: an extra (`ikuxl[impor]`, about 130 MB with numpy), so a
    plain install is light; without it, the command says how to install it."""
    try:
        from . import impor
    except ModuleNotFoundError as e:
        if e.name not in ("pandas", "numpy"):
            raise
        _gagal(
            f"perintah ini membaca tabel dengan pandas, yang belum terpasang ({e.name} tidak ditemukan); "
            "pasang dengan: pip install 'ikuxl[impor]' (atau pip install pandas), lalu jalankan lagi"
        )
    return impor


def _folder_tertulis(folder: Path, opsi: str) -> None:
    """Stop before any work when the folder results go to cannot be made or written (read-only, no rights)."""
    from .aksi import sebab

    try:
        folder.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=folder).close()
    except OSError as e:
        _gagal(f"{opsi} {folder}: tidak dapat ditulis ({sebab(e)}); tidak ada berkas yang diproses")


def _periode(teks: str) -> tuple[int, int]:
    cocok = re.fullmatch(r"\s*(\d{4})\s*(?:[-–—]|s\.?d\.?|sampai)\s*(\d{4})\s*", teks or "")
    if not cocok:
        _gagal(f'periode "{teks}" tidak dapat dibaca; tulis seperti 2022-2026')
    return int(cocok[1]), int(cocok[2])


Instansi = Annotated[str, typer.Option(help="Nama instansi, mis. Dinas Perumahan dan Kawasan Permukiman.")]
Tingkat = Annotated[str, typer.Option(help="provinsi, kabupaten atau kota.")]
Wilayah = Annotated[str, typer.Option(help="Mis. Kabupaten Tanjung Jabung Barat.")]
Urusan = Annotated[str, typer.Option(help="Urusan pemerintahan, mis. Perumahan Rakyat dan Kawasan Permukiman.")]
Tahun = Annotated[Optional[int], typer.Option(help="Tahun pelaporan (bawaan: tahun pertama periode).")]


Lite = Annotated[
    bool,
    typer.Option("--lite", help="Edisi xlwings Lite: tombol IKU dan fungsi IKU.* di dalam workbook, tanpa Python di komputer."),
]
LitePaket = Annotated[
    Optional[str],
    typer.Option(help="Dengan --lite: paket ikuxl yang dipasang xlwings Lite (nama di PyPI/indeks instansi, atau URL wheel)."),
]
LiteServer = Annotated[
    Optional[str],
    typer.Option(
        help="Dengan --lite: pasang ikuxl dan dependensinya dari `ikuxl serve` instansi, mis. https://iku.instansi.go.id:8000."
    ),
]


def _berkas_lite(lite: bool, paket: str | None, server: str | None = None) -> dict[str, str] | None:
    if (paket or server) and not lite:
        _gagal(f"{'--lite-paket' if paket else '--lite-dari-server'} hanya berlaku bersama --lite")
    if paket and server:
        _gagal("pilih salah satu: --lite-paket atau --lite-dari-server")
    if not lite:
        return None
    from .workbook.lite import berkas_ikuxl

    if server:
        if not re.match(r"https?://[^/\s]+", server):
            _gagal(f"--lite-dari-server {server}: tulis alamat server lengkap, mis. https://iku.instansi.go.id:8000")
        if server.startswith("http://"):
            galat.print("[yellow]peringatan:[/yellow] Excel hanya memuat paket lewat https; jalankan ikuxl serve dengan --certs")
        from .excel.server.roda import syarat_dari_server

        return berkas_ikuxl(syarat=syarat_dari_server(server))
    return berkas_ikuxl(paket)


@app.command("template")
def perintah_template(
    tujuan: Annotated[Path, typer.Argument(help="Berkas .xlsx yang dibuat.")],
    instansi: Instansi = "",
    tingkat: Tingkat = "kabupaten",
    wilayah: Wilayah = "",
    urusan: Urusan = "",
    periode: Annotated[str, typer.Option(help="Periode perencanaan, mis. 2025-2029.")] = "2025-2029",
    tahun: Tahun = None,
    timpa: Annotated[bool, typer.Option("--timpa", help="Timpa berkas yang sudah ada.")] = False,
    lite: Lite = False,
    lite_paket: LitePaket = None,
    lite_dari_server: LiteServer = None,
):
    """Buat workbook IKU kosong (template) yang siap diisi."""
    from . import skema
    from .dokumen import Dokumen
    from .rakit import susun
    from .workbook.kerangka import tulis_plan

    if tingkat not in ("provinsi", "kabupaten", "kota"):
        _gagal(f'tingkat "{tingkat}" tidak dikenal; pilih provinsi, kabupaten atau kota')
    if tujuan.exists() and not timpa:
        _gagal(f"{tujuan} sudah ada; pakai --timpa untuk menimpanya")
    awal, akhir = _periode(periode)
    try:
        dok = Dokumen.kosong(instansi, tingkat, wilayah, awal, akhir, tahun, urusan=urusan)
    except ValueError as e:
        _gagal(str(e))
    berkas_lite = _berkas_lite(lite, lite_paket, lite_dari_server)
    tulis_plan(susun(dok), tujuan, lite=berkas_lite)
    edisi = " edisi xlwings Lite" if berkas_lite else ""
    console.print(f"Template IKU (versi {skema.VERSI_TEMPLATE}){edisi} ditulis ke {tujuan}")


@app.command("import")
def perintah_import(
    sumber: Annotated[list[Path], typer.Argument(help="Tabel IKU yang ada: .xlsx atau .csv (boleh beberapa).")],
    keluar: Annotated[Path, typer.Option("-o", "--output", help="Workbook IKU yang dibuat.")],
    instansi: Instansi = "",
    tingkat: Tingkat = "kabupaten",
    wilayah: Wilayah = "",
    urusan: Urusan = "",
    periode: Annotated[Optional[str], typer.Option(help="Mis. 2022-2026 (bawaan: dari kolom target).")] = None,
    tahun: Tahun = None,
):
    """Impor tabel IKU yang sudah ada (judul kolom bebas) ke workbook IKU ikuxl."""
    modul = _modul_impor()
    from .rakit import susun
    from .workbook.kerangka import tulis_plan

    try:
        dok, temuan = modul.impor(
            sumber,
            _periode(periode) if periode else None,
            tahun,
            instansi=instansi,
            tingkat=tingkat,
            wilayah=wilayah,
            urusan=urusan,
        )
    except (modul.ImporError, ValueError, OSError) as e:
        _gagal(str(e))
    tulis_plan(susun(dok), keluar)
    console.print(f"{len(dok.iku)} indikator diimpor ke {keluar}")
    for t in temuan:
        console.print(f"[yellow]perhatian[/yellow] {t}")


@app.command("reviu")
def perintah_reviu(
    lama: Annotated[Path, typer.Argument(help="Workbook IKU versi sebelum reviu (atau satu workbook berkolom Sebelum).")],
    baru: Annotated[Optional[Path], typer.Argument(help="Workbook IKU versi sesudah reviu.")] = None,
    keluar: Annotated[Path, typer.Option("-o", "--output", help="Tabel reviu .xlsx yang dibuat.")] = Path("reviu.xlsx"),
):
    """Susun tabel reviu (Sebelum dan Sesudah Desk) per jabatan."""
    from collections import Counter

    from .reviu import plan_reviu, reviu
    from .workbook.baca import BacaError, baca_dokumen
    from .workbook.kerangka import tulis_plan

    try:
        dok_lama = baca_dokumen(lama)
        dok_baru = baca_dokumen(baru) if baru else None
    except BacaError as e:
        _gagal(str(e))
    pasangan = reviu(dok_lama, dok_baru)
    judul = f"{lama.name} → {baru.name}" if baru else f"{lama.name} (kolom Sebelum Reviu)"
    tulis_plan(plan_reviu(pasangan, judul), keluar)
    hitung = Counter(p.status for p in pasangan)
    console.print(f"Tabel reviu ditulis ke {keluar}: " + ", ".join(f"{k} {v}" for k, v in sorted(hitung.items())))


@app.command("contoh")
def perintah_contoh(
    folder: Annotated[Path, typer.Argument(help="Folder tujuan.")] = Path("workbooks"),
    timpa: Annotated[bool, typer.Option("--timpa", help="Timpa berkas yang sudah ada.")] = False,
):
    """Buat ulang template dan workbook contoh dari tabel sumber (ikuxl/sumber_contoh)."""
    _modul_impor()  # the examples are imported from the seed tables
    from .contoh import buat_contoh, semua

    ada = [folder / n for n in semua() if (folder / n).exists()]
    if ada and not timpa:  # as template: a workbook staff filled in under an example's name is not lost
        _gagal(f"{', '.join(str(p) for p in ada)} sudah ada; pakai --timpa untuk menimpanya")
    for p in buat_contoh(folder):
        console.print(f"ditulis {p}")


BERKAS_KLASIK = ("README.md", "buat_xlam.ps1", "customUI14.xml", "ikuxl.bas", "sisipkan_customui.py")


def folder_klasik() -> Path | None:
    """Where the classic add-in's sources are: the repository's macros/ (a source checkout), or the wheel's data
    files (share/ikuxl/macros under the installation's prefix)."""
    import sys

    for akar in (Path(__file__).resolve().parent.parent / "macros", Path(sys.prefix) / "share" / "ikuxl" / "macros"):
        if all((akar / n).is_file() for n in BERKAS_KLASIK):
            return akar
    return None


@app.command("addin-klasik")
def perintah_addin_klasik(
    folder: Annotated[Path, typer.Argument(help="Folder tujuan.")] = Path("ikuxl-addin"),
    timpa: Annotated[bool, typer.Option("--timpa", help="Timpa berkas yang sudah ada.")] = False,
):
    """Salin bahan add-in klasik (ikuxl.xlam untuk Excel desktop) ke FOLDER; lalu ikuti README.md di sana."""
    import shutil

    asal = folder_klasik()
    if asal is None:
        _gagal("bahan add-in klasik tidak ditemukan di pemasangan ini; pasang ulang ikuxl dengan pip")
    ada = [folder / n for n in BERKAS_KLASIK if (folder / n).exists()]
    if ada and not timpa:
        _gagal(f"{', '.join(str(p) for p in ada)} sudah ada; pakai --timpa untuk menimpanya")
    folder.mkdir(parents=True, exist_ok=True)
    for n in BERKAS_KLASIK:
        shutil.copyfile(asal / n, folder / n)
        console.print(f"ditulis {folder / n}")
    console.print(f"Bangun ikuxl.xlam di Windows dengan Excel: lihat {folder / 'README.md'}")


def _diabaikan(nama: str) -> bool:
    """Not an agency's file in a folder: Office lock files (~$…, .~lock…#), hidden files, ikuxl's own
    temporary files and backups."""
    return nama.startswith(("~$", ".")) or nama.lower().endswith((".bak", ".tmp"))


def _berkas(masukan: list[Path]) -> list[Path]:
    """Files, folders (every file in them: what the reader cannot take is reported with advice, never
    skipped) and patterns the shell did not expand. A path that exists is taken as it is, brackets and all;
    a pattern that matches nothing stops the command."""
    hasil = []

    def tambah(m: Path, dari_pola: bool) -> None:
        if m.is_dir():
            hasil.extend(sorted(p for p in m.iterdir() if p.is_file() and not _diabaikan(p.name)))
        elif not (dari_pola and _diabaikan(m.name)):
            hasil.append(m)

    for m in masukan:
        if m.exists() or m.is_symlink() or not any(ch in str(m) for ch in "*?["):
            tambah(m, False)
            continue
        cocok = sorted(glob.glob(str(m)))
        if not cocok:
            _gagal(f'"{m}": tidak ada berkas atau folder seperti itu, dan sebagai pola tidak cocok dengan apa pun')
        for p in cocok:
            tambah(Path(p), True)
    # a file named twice (a folder and a glob, say) is done once: two workers must never write one file
    unik: dict[Path, Path] = {}
    for p in hasil:
        unik.setdefault(p.resolve(), p)
    return list(unik.values())


@app.command("validate")
def perintah_validate(
    berkas: Annotated[list[Path], typer.Argument(help="Workbook IKU, folder atau pola.")],
    format: Annotated[str, typer.Option("--format", help="tabel atau json.")] = "tabel",
):
    """Periksa isian workbook IKU. Keluar 1 bila ada galat, 2 bila berkas tak terbaca."""
    import json

    from rich.table import Table

    from .aksi import validasi
    from .workbook.baca import BacaError

    if format not in ("tabel", "json"):
        _gagal('format harus "tabel" atau "json"')
    daftar = _berkas(berkas)
    if not daftar:
        _gagal("tidak ada berkas untuk diproses")
    kode, keluaran = 0, []
    for p in daftar:
        try:
            hasil = validasi(p)
        except BacaError as e:
            kode = 2
            keluaran.append({"berkas": p.name, "galat_baca": str(e)})
            if format == "tabel":
                galat.print(f"[red]{escape(str(e))}[/red]")
            continue
        if hasil.galat and kode == 0:
            kode = 1
        keluaran += [t.untuk_json(p.name) for t in hasil.temuan]
        if format == "tabel":
            tabel = Table(title=f"{escape(p.name)}: {hasil.galat} galat, {hasil.peringatan} peringatan, {hasil.info} info")
            for judul in ("Tingkat", "Kode Temuan", "Lembar", "Sel", "Indikator", "Pesan"):  # as the Validasi sheet
                tabel.add_column(judul, overflow="fold")
            for t in hasil.temuan:
                warna = {"galat": "red", "peringatan": "yellow"}.get(t.tingkat, "")
                tabel.add_row(
                    f"[{warna}]{t.tingkat}[/{warna}]" if warna else t.tingkat,
                    *map(escape, (t.kode, t.lembar, t.sel, t.indikator, t.pesan)),
                )
            console.print(tabel)
    if format == "json":
        console.print_json(json.dumps(keluaran, ensure_ascii=False))
    raise typer.Exit(kode)


BARIS_TABEL_PENUH = 50  # files up to which recalc's table lists every one
# The shipped examples whose source document has a gap on purpose left in (workbooks/, ikuxl.contoh): its galat
# count, and the word recalc says under its table so a new user does not take it for a fault of ikuxl
GALAT_CONTOH = {
    n: (1, "dokumen sumbernya tidak menyebut Satuan indikator PFU-03; dibiarkan agar contoh memperlihatkan temuan Validasi")
    for n in ("iku-kalsel-2020.xlsx", "iku-kalsel-2020-contoh-realisasi.xlsx")
}


@app.command("recalc")
def perintah_recalc(
    berkas: Annotated[list[Path], typer.Argument(help="Workbook IKU, folder atau pola (boleh banyak).")],
    keluar: Annotated[Optional[Path], typer.Option("-o", "--output", help="Folder hasil (berkas asli tidak diubah).")] = None,
    di_tempat: Annotated[bool, typer.Option("--in-place", help="Tulis ke berkas asli (cadangan NAMA.xlsx.bak dibuat).")] = False,
    tanpa_cadangan: Annotated[bool, typer.Option("--tanpa-cadangan", help="Dengan --in-place: tanpa cadangan.")] = False,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", help="Jumlah proses (bawaan: satu per 4 berkas, paling banyak jumlah inti).")
    ] = None,
    laporan: Annotated[Optional[Path], typer.Option("--report", help="Laporan untuk mesin: .json, .csv atau .xlsx.")] = None,
    lite: Lite = False,
    lite_paket: LitePaket = None,
    lite_dari_server: LiteServer = None,
):
    """Validasi, Hitung Capaian dan Perbarui Ringkasan, lalu tulis workbooknya. Keluar 1 bila ada berkas gagal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from . import batch

    if (keluar is None) == (not di_tempat):
        _gagal("pilih salah satu: -o FOLDER atau --in-place")
    if laporan and laporan.suffix.lower() not in (".json", ".csv", ".xlsx"):
        _gagal(f"laporan {laporan.name}: pilih akhiran .json, .csv atau .xlsx")
    daftar = _berkas(berkas)
    if not daftar:
        _gagal("tidak ada berkas untuk diproses")
    if keluar:
        if keluar.exists() and not keluar.is_dir():
            _gagal(f"-o {keluar}: itu sebuah berkas; -o adalah folder tempat hasil ditulis")
        try:
            batch.nama_keluar(daftar, keluar)
        except ValueError as e:
            _gagal(str(e))
        _folder_tertulis(keluar, "-o")
    if laporan:
        _folder_tertulis(laporan.parent, "--report")
    kolom = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("sisa"), TimeRemainingColumn())
    with Progress(*kolom, console=galat, transient=True) as kemajuan:
        tugas = kemajuan.add_task("mulai", total=len(daftar))

        def maju(l: batch.Laporan):
            kemajuan.update(tugas, advance=1, description=Path(l.berkas).name)
            if l.status == "gagal":
                kemajuan.console.print(f"[red]gagal:[/red] {escape(l.pesan)}")

        hasil = batch.jalankan(
            daftar,
            keluar,
            cadangan=not tanpa_cadangan,
            jobs=jobs,
            kemajuan=maju,
            lite=_berkas_lite(lite, lite_paket, lite_dari_server),
        )
    tabel = Table(
        title=f"Hasil recalc: {sum(h.status == 'ok' for h in hasil)} ok, {sum(h.status == 'gagal' for h in hasil)} gagal"
    )
    for judul in ("Berkas", "Indikator", "Galat", "Peringatan", "Capaian rata-rata (%)", "Status"):
        tabel.add_column(judul)
    # a long batch lists its failures only: the report (--report) has every file
    ringkas = len(hasil) > BARIS_TABEL_PENUH
    for h in hasil:
        if ringkas and h.status == "ok":
            continue
        if h.status == "ok":
            rata = format_angka(h.capaian_rata, 2) if h.capaian_rata is not None else "-"
            tautan = " (berkas tujuan tautannya)" if di_tempat and Path(h.berkas).is_symlink() else ""
            tabel.add_row(
                escape(Path(h.berkas).name),
                str(h.indikator),
                str(h.galat),
                str(h.peringatan),
                rata,
                f"ditulis ke {escape(h.keluar)}{tautan}",
            )
        else:
            tabel.add_row(escape(Path(h.berkas).name), "-", "-", "-", "-", "[red]gagal, berkas tidak diubah[/red]")
    if not ringkas or tabel.row_count:
        console.print(tabel)
    else:
        console.print(tabel.title)
    contoh = sorted(n for h in hasil if (n := Path(h.berkas).name) in GALAT_CONTOH and h.galat == GALAT_CONTOH[n][0])
    if contoh:
        console.print(f"Galat {' dan '.join(contoh)} disengaja: {GALAT_CONTOH[contoh[0]][1]}")
    if ringkas:
        console.print(
            f"{len(hasil)} berkas: tabel ini hanya memuat yang gagal; "
            + ("semua berkas ada di laporan" if laporan else "--report LAPORAN.xlsx memuat semuanya")
        )
    if laporan:
        try:
            batch.tulis_laporan(hasil, laporan)
        except OSError as e:
            from .aksi import sebab

            _gagal(f"laporan {laporan} tidak dapat ditulis ({sebab(e)})")
        console.print(f"laporan ditulis ke {escape(str(laporan))}")
    raise typer.Exit(1 if any(h.status == "gagal" for h in hasil) else 0)


@app.command("rekap")
def perintah_rekap(
    berkas: Annotated[list[Path], typer.Argument(help="Workbook IKU semua instansi: berkas, folder atau pola.")],
    keluar: Annotated[Path, typer.Option("-o", "--output", help="Workbook rekap yang dibuat.")],
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", help="Jumlah proses (bawaan: satu per 4 berkas, paling banyak jumlah inti).")
    ] = None,
):
    """Rekap capaian banyak instansi dalam satu workbook (berkas sumber tidak diubah)."""
    from .rekap import kumpulkan, peringatan, plan_rekap, terkini
    from .workbook.kerangka import tulis_plan

    daftar = _berkas(berkas)
    if not daftar:
        _gagal("tidak ada berkas untuk diproses")
    instansi = kumpulkan(daftar, jobs)
    rusak = [i for i in instansi if i.masalah]
    for i in rusak:
        galat.print(f"[yellow]tidak terbaca:[/yellow] {escape(i.masalah)}")
    if len(rusak) == len(instansi):
        _gagal("tidak ada berkas yang terbaca; rekap tidak dibuat")
    for p in peringatan(instansi):
        galat.print(f"[yellow]peringatan:[/yellow] {escape(p)}")
    tulis_plan(plan_rekap(instansi), keluar)
    console.print(
        f"Rekap {len(terkini(instansi))} instansi"
        + (f" ({len(instansi) - len(rusak)} berkas)" if len(terkini(instansi)) < len(instansi) - len(rusak) else "")
        + f" ditulis ke {escape(str(keluar))}"
        + (f"; {len(rusak)} berkas tidak terbaca (lihat lembar Perlu Tindak Lanjut)" if rusak else "")
    )


def _port_bebas(host: str, port: int) -> None:
    """The address the server is to listen on, tried first: uvicorn's own message for a port in use is English."""
    import os
    import socket

    from .aksi import sebab

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            if os.name != "nt":  # as uvicorn binds (on Windows the option would let two programs share a port)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
    except OSError as e:
        _gagal(f"alamat {host}:{port} tidak dapat dipakai ({sebab(e)}); pilih --port lain atau hentikan program itu")


def _loopback(host: str) -> bool:
    """Only this computer reaches the address: 127.0.0.0/8, ::1 or localhost."""
    import ipaddress

    try:
        return host.lower() == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def _aplikasi():
    """ikuxl's app, imported before the server is announced: a setting xlwings Server cannot read is said here
    (uvicorn would import it after the announcement and print pydantic's traceback)."""
    import os

    try:
        from .excel.server.aplikasi import app as aplikasi
    except ValueError as e:  # pydantic's ValidationError (errors()) and pydantic-settings' SettingsError (not JSON)
        salah = e.errors() if hasattr(e, "errors") else [{"loc": re.findall(r'field "(\w+)"', str(e)), "type": "json"}]
        if not all(s.get("loc") for s in salah):
            raise  # not a setting's
        bentuk = {
            "json": "teks JSON yang sah",
            "list_type": 'daftar JSON, mis. ["a", "b"]',
            "bool_parsing": "true atau false",
            "int_parsing": "bilangan bulat",
        }
        teks = []
        for s in salah:
            kunci = f"XLWINGS_{str(s['loc'][0]).upper()}"
            harap = s.get("ctx", {}).get("expected", "").replace(" or ", " atau ") or bentuk.get(
                s["type"], "lihat dokumentasi xlwings Server"
            )
            teks.append(f"{kunci}={os.environ.get(kunci, '')!r} tidak sah (yang diterima: {harap})")
        _gagal(f"pengaturan xlwings Server tidak terbaca: {'; '.join(teks)}; server tidak dijalankan")
    return aplikasi


@app.command("serve")
def perintah_serve(
    host: Annotated[str, typer.Option(help="Alamat yang didengar.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    certs: Annotated[
        Optional[Path], typer.Option(help="Folder berisi cert.pem dan key.pem untuk https (Excel memerlukannya).")
    ] = None,
    tanpa_autentikasi: Annotated[
        bool,
        typer.Option(
            "--tanpa-autentikasi",
            "--no-auth",
            help="Izinkan --host selain 127.0.0.1/localhost tanpa autentikasi (hanya bila jaringannya sudah dibatasi).",
        ),
    ] = False,
    nama_lingkungan: Annotated[
        Optional[str],
        typer.Option(
            "--lingkungan",
            help="dev, qa, uat atau staging: add-in uji yang terpasang di samping produksi (fungsi =IKU_DEV.CAPAIAN, "
            "nama berakhiran \\[dev], id add-in sendiri); bawaan XLWINGS_ENVIRONMENT atau prod.",
        ),
    ] = None,
    url_ikon: Annotated[
        Optional[str],
        typer.Option(
            "--url-ikon",
            help="Alamat publik folder ikon add-in (ikuxl-16/32/64/80.png) agar pusat admin Microsoft 365 dapat "
            "mengambilnya; bawaan XLWINGS_URL_IKON atau ikon dari server ini.",
        ),
    ] = None,
):
    """Jalankan xlwings Server dengan tab IKU dan fungsi IKU.* untuk Excel."""
    from importlib.util import find_spec

    try:
        import uvicorn
    except ImportError:
        uvicorn = None
    if uvicorn is None or find_spec("xlwings_server") is None:  # not imported here: it reads its settings on import
        _gagal("xlwings Server belum terpasang; pasang dengan: pip install 'ikuxl[server]'")

    from .excel.server import (
        IKON,
        KUNCI_URL_IKON,
        LINGKUNGAN,
        PengaturanSalah,
        celah_autentikasi,
        lingkungan,
        penyedia_autentikasi,
    )
    from .excel.server import url_ikon as baca_url_ikon

    pilihan = {}  # the options win over the environment and .env; set in the process only as the app is imported
    if nama_lingkungan is not None:
        if nama_lingkungan not in LINGKUNGAN:
            _gagal(f"--lingkungan {nama_lingkungan}: pilih salah satu dari {', '.join(LINGKUNGAN)}; server tidak dijalankan")
        pilihan["XLWINGS_ENVIRONMENT"] = nama_lingkungan
    if url_ikon is not None:
        pilihan[KUNCI_URL_IKON] = url_ikon
    try:  # the settings the server will run with (environment, then the agency's .env), before anything opens
        env = lingkungan() | pilihan
        celah = celah_autentikasi(penyedia_autentikasi(env))
        ikon = baca_url_ikon(env)
    except PengaturanSalah as e:
        _gagal(f"{e}; server tidak dijalankan")
    if celah and not _loopback(host):
        if not tanpa_autentikasi:
            _gagal(
                f"--host {host} dapat dijangkau komputer lain, tetapi {celah}: siapa pun di jaringan itu dapat memakai "
                "server. Pasang autentikasi Microsoft Entra ID (XLWINGS_AUTH_PROVIDERS='[\"entraid\"]' dengan "
                "XLWINGS_AUTH_ENTRAID_TENANT_ID dan XLWINGS_AUTH_ENTRAID_CLIENT_ID; README, bagian xlwings Server), "
                "atau bila jaringannya sudah dibatasi (firewall, VPN) tambahkan --tanpa-autentikasi; server tidak dijalankan"
            )
        galat.print(
            f"[yellow]peringatan:[/yellow] {escape(celah)}: server menjawab siapa pun yang dapat menjangkau "
            f"{escape(host)}:{port}; batasi jaringannya atau pasang autentikasi (README, bagian xlwings Server)"
        )
    _port_bebas(host, port)
    ssl = {}
    if certs:
        ssl = {"ssl_certfile": str(certs / "cert.pem"), "ssl_keyfile": str(certs / "key.pem")}
        for f in ssl.values():
            if not Path(f).exists():
                _gagal(f"{f} tidak ada; buat sertifikat lebih dulu (lihat README, bagian xlwings Server)")
    import os

    os.environ.update(pilihan)
    aplikasi = _aplikasi()  # ikuxl's app (xlwings Server behind ikuxl's guards) sets xlwings Server's settings itself
    from .excel.server.ikon import FOLDER as FOLDER_IKON
    from .excel.server.roda import siapkan_roda

    skema_url = "https" if certs else "http"
    alamat = f"{skema_url}://{'localhost' if host in ('127.0.0.1', '::1') else host}:{port}"
    console.print(f"ikuxl: xlwings Server di {skema_url}://{host}:{port} (manifest: /manifest)")
    if ikon:
        console.print(f"ikon add-in dari {escape(ikon)}/ (salin {', '.join(IKON)} dari {escape(str(FOLDER_IKON))} ke sana)")
    roda = siapkan_roda()  # the wheels for xlwings Lite, before the first request
    console.print(f"wheel untuk xlwings Lite di {alamat}/lite/ ({len(roda.berkas)} paket, dari {escape(str(roda.folder))})")
    for nama, sebab in roda.kurang.items():
        galat.print(
            f"[yellow]peringatan:[/yellow] wheel {nama} tidak tersedia ({escape(sebab)}); komputer ini tidak menjangkau indeks "
            f"paket: taruh berkas {nama}-VERSI-py3-none-any.whl di {escape(str(roda.folder))} lalu jalankan ulang, atau "
            "biarkan xlwings Lite mengambilnya dari PyPI"
        )
    console.print(f"workbook Lite yang memasang dari sini: ikuxl template BERKAS.xlsx --lite --lite-dari-server {alamat}")
    if not certs:
        galat.print(
            "[yellow]catatan:[/yellow] Excel hanya memuat add-in dan paket lewat https; tanpa --certs server ini hanya untuk "
            "uji coba (lihat README, bagian xlwings Server)"
        )
    console.print("hentikan dengan Ctrl+C")
    uvicorn.run(aplikasi, host=host, port=port, log_level="warning", **ssl)
