"""The `ikuxl` command: a thin layer over the library."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.console import Console

from . import __version__
from .capaian import hitung_capaian, kategori
from .nilai import format_angka, parse_nilai
from .rumus import Rumus, RumusError

app = typer.Typer(
    help="ikuxl: Indikator Kinerja Utama (IKU) di Excel: validasi, hitung capaian, ringkasan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
galat = Console(stderr=True)


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
    polaritas: Annotated[str, typer.Option(help="positif atau negatif.")] = "positif",
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
        else:
            console.print(f"{t!r}: {format_angka(n.angka)} {n.satuan or ''}".rstrip())


@app.command("rumus")
def perintah_rumus(
    teks: Annotated[str, typer.Argument(help='Cara Perhitungan, mis. "[A] / [B] × 100".')],
    komponen: Annotated[list[str], typer.Option("--komponen", "-k", help='Nilai komponen: "Nama=nilai".')] = [],
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
