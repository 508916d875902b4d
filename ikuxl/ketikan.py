"""Values typed over the cells ikuxl computes: found before any rewrite, so that nothing typed is lost.

Realisasi and Komponen are formulas that ikuxl writes anew at every recalc and Hitung Capaian. Where a sheet
can be typed on (the xlwings Lite edition is not protected; some programs ignore protection), a number typed
over such a formula would be replaced by it. So the shells hand over what those cells hold (Dokumen.diketik),
and before anything is written:
- a value typed over a Realisasi cell that only shows an IKU input (the mirrored columns) goes to that input
  when this is certain: the row shows the indicator of IKU's row of the same number and the input is empty;
- any other (a computed column, an occupied input, a row without an indicator) has no certain place: the run
  refuses, naming the cell, and changes nothing; Validasi reports it.
A value equal to what the formula gives loses nothing and is not reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dokumen import Dokumen
from .kolom import teks_sel
from .nilai import adalah_angka, isi_sel, teks_rapi
from .rumus import hampir_sama
from .alamat import huruf_kolom
from .hitung import hitung, kosong_cermin
from .skema import BARIS_DATA, DICERMINKAN, IKU, KOMPONEN, REALISASI, VERSI_TEMPLATE, Tata, kolom_komponen, kolom_realisasi
from .skema import kolom_tampak_realisasi

# Komponen's columns that hold ikuxl's formulas and nothing else (its Kode, Komponen and Rumus are values)
KOLOM_RUMUS_KOMPONEN = (*[f"realisasi_tw{q}" for q in range(1, 5)], "rasio", *[f"lapor_tw{q}" for q in range(1, 5)])


def kolom_dipantau() -> dict[str, set[int]]:
    """The columns of each computed sheet where a value can only have been typed over ikuxl's formula: every
    column of Realisasi, the formula columns of Komponen (the file shell reads these and no others)."""
    tk = Tata(kolom_komponen())
    return {REALISASI: set(range(1, len(kolom_realisasi()) + 1)), KOMPONEN: {tk.posisi[k] for k in KOLOM_RUMUS_KOMPONEN}}


@dataclass(frozen=True)
class Ketikan:
    lembar: str
    sel: str
    nilai: object
    judul: str  # the column's header
    tujuan: tuple[int, str] | None = None  # (IKU matrix row, column key) where it belongs, when certain
    sebab: str = ""  # why there is no certain place

    @property
    def teks(self) -> str:
        return f'"{self.nilai}"' if isinstance(self.nilai, str) else teks_sel(self.nilai)

    @property
    def uraian(self) -> str:
        """What was typed where, as the refusal and Validasi's findings (KETIKAN_*) begin."""
        return f"{self.teks} diketik di atas rumus kolom {self.judul}"


class KetikanError(ValueError):
    """Values typed over computed cells that have no certain place: the run writes nothing."""

    def __init__(self, ketikan: list[Ketikan]):
        self.ketikan = ketikan
        k = ketikan[0]
        self.lembar, self.sel = k.lembar, k.sel
        lain = f" (dan {len(ketikan) - 1} sel lain, lihat ikuxl validate)" if len(ketikan) > 1 else ""
        super().__init__(
            f"{k.uraian} ({k.sebab}){lain}; ikuxl menghitung sel ini sendiri "
            "dan akan menimpanya. Pindahkan isian itu ke tempatnya atau hapus, lalu ulangi. Tidak ada yang diubah"
        )


def _sama(lama: object, baru: object) -> bool:
    """Whether a cell's value is what the formula gives (then nothing typed would be lost)."""
    if isi_sel(lama) is None:  # nothing there to lose
        return True
    if isinstance(lama, date) or isinstance(baru, date):  # a date is shown as its serial on one side or the other
        return True
    if isinstance(lama, bool) or isinstance(baru, bool):
        return type(lama) is type(baru) and lama == baru
    if adalah_angka(lama) and adalah_angka(baru):
        return hampir_sama(float(lama), float(baru))
    if adalah_angka(lama) != adalah_angka(baru):  # a number shown as a formula's text, or the reverse
        try:
            return hampir_sama(float(lama), float(baru))
        except (TypeError, ValueError):
            return False
    # Excel joins a number into a text with the PC's decimal separator ("80.5 – 90.25" on an English Excel)
    return teks_rapi(lama).replace(",", ".") == teks_rapi(baru).replace(",", ".")


def cari(dok: Dokumen) -> list[Ketikan]:
    """The values typed over ikuxl's formulas in this workbook, each with its place where that is certain."""
    if not any(dok.diketik.values()):  # (the file shell gives each computed sheet's cells, often none)
        return []
    hasil, tr, tk = hitung(dok), Tata(kolom_realisasi()), Tata(kolom_komponen())
    kunci_kolom = {c: k for k, c in tr.posisi.items()}
    per_baris = {dok.baris_sheet(i): i for i in range(len(dok.iku))}
    ketikan, dituju = [], set()
    for (r, c), nilai in sorted(dok.diketik.get(REALISASI, {}).items()):
        kunci = kunci_kolom.get(c)
        if kunci is None or r < BARIS_DATA:
            continue
        baru = hasil.baris(r - BARIS_DATA) if r <= hasil.akhir else {}
        if _sama(nilai, baru.get(kunci, kosong_cermin(kunci))):
            continue
        sel, judul = f"{huruf_kolom(c)}{r}", tr.kolom[c - 1].judul
        tujuan, sebab = _tujuan(dok, kunci, r, per_baris.get(r), baru, nilai)
        if tujuan in dituju:
            tujuan, sebab = None, "sel tujuannya sudah menerima isian lain"
        dituju.add(tujuan)
        ketikan.append(Ketikan(REALISASI, sel, nilai, judul, tujuan, sebab))
    dipantau = kolom_dipantau()[KOMPONEN]
    for (r, c), nilai in sorted(dok.diketik.get(KOMPONEN, {}).items()):
        if c in dipantau and r >= BARIS_DATA and isi_sel(nilai) is not None:
            judul = tk.kolom[c - 1].judul
            ketikan.append(
                Ketikan(KOMPONEN, f"{huruf_kolom(c)}{r}", nilai, judul, None, "hasil Rumus dari komponen; isi komponennya")
            )
    return ketikan


def _tujuan(dok: Dokumen, kunci: str, r: int, i: int | None, baru: dict, nilai: object) -> tuple[tuple[int, str] | None, str]:
    """Where a value typed over Realisasi's cell (row r, column `kunci`) belongs, or why that is not certain."""
    asal = (
        kunci
        if kunci in DICERMINKAN
        else f"target_{dok.tahun}"
        if kunci == "target_tahunan"
        else kunci
        if kunci.startswith("realisasi_tw")
        else None
    )
    if asal is None:
        return None, "kolom hitungan, bukan isian"
    if i is None or not baru:
        return None, f"baris {r} lembar IKU tidak memuat indikator yang berlaku"
    kode = teks_rapi(dok.iku[i].get("kode"))
    tampak = teks_rapi(dok.kode_tampil.get(r))
    if tampak and tampak != kode and kunci != "kode":
        return None, f"baris ini menampilkan {tampak}, sedangkan baris {r} lembar IKU kini {kode}"
    if kunci.startswith("realisasi_tw") and baru.get("baris_komponen") != "":
        return None, "indikator ini dihitung dari komponennya di lembar Komponen"
    if not (adalah_angka(nilai) or isinstance(nilai, str)):
        return None, "bukan angka atau teks"
    ada = dok.iku[i].get(asal)
    if isi_sel(ada) is not None:
        return None, f"sel isiannya di lembar IKU sudah berisi {teks_rapi(ada)}"
    return (i, asal), ""


def dari_nilai(nilai: list[list[object]] | None, versi: int = VERSI_TEMPLATE) -> tuple[dict, dict]:
    """Dokumen.diketik and kode_tampil from Realisasi's values as Excel shows them (2-D from A1): there every
    cell is a value, so each is compared with what its formula gives. The columns people read only: the helper
    columns (grouped, out of sight) change with ikuxl's versions, and a book written by an earlier one shows
    them where this one has others. Komponen is not read: its rows follow IKU's Rumus, so a value there may be
    an earlier layout's formula result."""
    tampak = kolom_tampak_realisasi(versi)  # the book's column → this layout's column of the same key
    isi = {
        (r, tampak[c]): baris[c - 1]
        for r, baris in enumerate(nilai or [], start=1)
        if r >= BARIS_DATA
        for c in tampak
        if c <= len(baris) and isi_sel(baris[c - 1]) is not None
    }
    kode = {r: baris[0] for r, baris in enumerate(nilai or [], start=1) if r >= BARIS_DATA and baris}
    return {REALISASI: isi}, kode


def pindahkan(dok: Dokumen, ketikan: list[Ketikan]) -> dict[tuple[int, int], object]:
    """Put each typed value that has a certain place into its IKU input (a new row list, so everything is
    computed again with it); the IKU cells to write, (row, column) → value. Nothing typed: the rows and
    what was computed from them stay (Dokumen.sekali)."""
    if not ketikan:
        return {}
    ti = Tata(dok.kolom_iku)
    iku, isian = [dict(b) for b in dok.iku], {}
    for k in ketikan:
        i, asal = k.tujuan
        iku[i][asal] = k.nilai
        isian[(dok.baris_sheet(i), ti.posisi[asal])] = k.nilai
    dok.iku = iku
    return isian


def sel_iku(dok: Dokumen, tujuan: tuple[int, str]) -> str:
    i, asal = tujuan
    return f"{IKU}!{Tata(dok.kolom_iku).huruf(asal)}{dok.baris_sheet(i)}"
