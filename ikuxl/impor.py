"""Import existing IKU tables (Excel or CSV, with the agency's own headers) into a Dokumen.

Columns are matched through aliases ("Indikator Kinerja", "IKU", "Indikator Kinerja
Utama" …), two-row headers are joined ("Sebelum" over "Kinerja Utama"), merged
cells of Tujuan/Sasaran/Jabatan are filled down, and numbers with units are split
into number and Satuan. Nothing is dropped silently: every cell or row that could
not be placed is reported with its location and kept in the Catatan column.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .dokumen import Dokumen
from .nilai import format_angka, isi_sel, parse_nilai, teks_angka
from .skema import kolom_iku

URUT = "_urut"  # a running number column: recognised, not kept (the row order keeps it)
# Aliases per column, compared as sets of words after normalisation.
ALIAS: dict[str, list[str]] = {
    URUT: ["no", "nomor", "no urut"],
    "kode": ["kode", "kode indikator", "kode iku", "id"],
    "tujuan": ["tujuan", "tujuan strategis", "tujuan renstra"],
    "sasaran": ["sasaran", "sasaran strategis", "sasaran renstra", "sasaran program"],
    "jabatan": ["jabatan", "nama jabatan", "pejabat"],
    "atasan": ["atasan", "jabatan atasan", "atasan langsung"],
    "kinerja_utama": ["kinerja utama", "sesudah kinerja utama", "sesudah desk kinerja utama"],
    "indikator": ["indikator", "iku", "indikator kinerja", "indikator kinerja utama", "indikator kinerja tujuan dan sasaran",
                  "indikator kinerja sasaran", "sesudah indikator kinerja utama", "sesudah desk indikator kinerja utama"],
    "satuan": ["satuan"],
    "polaritas": ["polaritas", "arah polaritas"],
    "sifat": ["sifat", "sifat indikator"],
    "metode": ["metode", "metode capaian"],
    "rumus": ["rumus", "rumus ikuxl"],
    "cara_perhitungan": ["cara perhitungan", "formulasi", "formula", "keterangan", "rumus perhitungan",
                         "cara perhitungan teks asli", "definisi operasional formulasi", "formulasi perhitungan"],
    "sumber_data": ["sumber data"],
    "bidang": ["bidang", "penanggung jawab", "penanggung jawab bidang", "unit kerja", "pj"],
    "program": ["program kegiatan", "program", "kegiatan", "program dan kegiatan"],
    "kondisi_awal": ["kondisi awal", "baseline", "capaian awal", "kondisi awal tahun"],
    "status": ["status", "status reviu"],
    "kinerja_utama_sebelum": ["kinerja utama sebelum", "sebelum kinerja utama", "kinerja utama sebelum reviu"],
    "indikator_sebelum": ["indikator sebelum", "sebelum indikator kinerja utama", "iku sebelum", "indikator sebelum reviu",
                          "sebelum iku", "sebelum indikator"],
    "catatan": ["catatan", "catatan sumber"],
}
KOLOM_TURUN = ("tujuan", "sasaran", "jabatan", "atasan", "bidang", "kinerja_utama", "kinerja_utama_sebelum")
KOLOM_ANGKA = ("kondisi_awal",)
# Indicators one workbook holds: what ikuxl writes it must read back (the Realisasi sheet takes about
# 7 KB of XML per indicator, well inside the reader's limits), in seconds and a few hundred MB.
BATAS_INDIKATOR = 5_000
_TAHUN = re.compile(r"\b(20\d\d)\b")


@dataclass(frozen=True)
class CatatanImpor:
    """Something of the source that could not be placed as it was."""

    berkas: str
    lembar: str
    sel: str
    pesan: str

    def __str__(self) -> str:
        tempat = f"{self.berkas}" + (f", lembar {self.lembar}" if self.lembar else "") + (f", {self.sel}" if self.sel else "")
        return f"{tempat}: {self.pesan}"


class ImporError(ValueError):
    pass


def _normal(teks: object) -> str:
    teks = re.sub(r"<[^>]+>", " ", str(teks or ""))  # <sup>(6)</sup> from converted documents
    teks = re.sub(r"\(\s*\d+\s*\)", " ", teks)  # column numbers such as (1)
    teks = re.sub(r"[^\w%]+|_", " ", teks.lower())
    return " ".join(teks.split())


def cocokkan_kolom(judul: str) -> str | None:
    """The ikuxl column a header names, or None."""
    kata = set(_normal(judul).split())
    if not kata:
        return None
    terbaik, skor_terbaik = None, 0
    for kunci, alias in ALIAS.items():
        for a in alias:
            ka = set(a.split())
            if ka == kata:
                skor = 1000 + len(ka)
            elif ka <= kata and not ({"sebelum"} & kata and "sebelum" not in ka):
                skor = len(ka)
            else:
                continue
            if skor > skor_terbaik:
                terbaik, skor_terbaik = kunci, skor
    if terbaik in (None, "indikator") and not ({"kondisi", "awal"} <= kata):
        tahun = _TAHUN.search(_normal(judul))
        if tahun and (kata <= {tahun[1], "target", "tahun"}):
            return f"target_{tahun[1]}"
    if terbaik is None and {"kondisi", "awal"} <= kata:
        return "kondisi_awal"
    return terbaik


def _baca_csv(path: Path, temuan: list[CatatanImpor]) -> list[list[object]]:
    data = path.read_bytes()
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text": UTF-16 with a BOM, tabs between
            teks = data.decode("utf-16")
        else:
            teks = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        teks = data.decode("cp1252")
        temuan.append(CatatanImpor(path.name, "", "", "berkas bukan UTF-8; dibaca sebagai Windows-1252"))
    contoh = teks[:4096]
    try:
        dialek = csv.Sniffer().sniff(contoh, delimiters=";,\t|")
        pemisah = dialek.delimiter
    except csv.Error:
        pemisah = ";" if contoh.count(";") > contoh.count(",") else ","
    return [list(b) for b in csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)]


def _baca_xlsx(path: Path) -> dict[str, list[list[object]]]:
    import openpyxl

    from .workbook.baca import SIMPAN_XLSX, BacaError, buka_aman

    try:
        buka_aman(path, lembar=None)  # every sheet is read: each one measured first
        wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except BacaError as e:
        raise ImporError(str(e)) from None
    except Exception:  # openpyxl raises many kinds, in English, for a broken package
        raise ImporError(f"{path.name}: tidak dapat dibuka sebagai berkas Excel; {SIMPAN_XLSX}") from None
    try:
        lembar = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()  # the size the sheet declares may lie; the rows are what counts
            lembar[ws.title] = [[_sel_xlsx(c) for c in r] for r in ws.iter_rows()]
        return lembar
    finally:
        wb.close()


def _sel_xlsx(sel) -> object:
    """A cell's value; a number shown as a percentage (0.1 formatted 0%) becomes the text "10%",
    as the reader of the table sees it."""
    nilai = getattr(sel, "value", None)
    if isinstance(nilai, (int, float)) and not isinstance(nilai, bool) and "%" in (getattr(sel, "number_format", "") or ""):
        return f"{teks_angka(round(nilai * 100, 10))}%"
    return nilai


def _kolom_huruf(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _kepala(baris: list[list[object]]) -> tuple[int, int, list[str | None], list[str]]:
    """(first header row, number of header rows, column key per column, header texts)."""
    terbaik = (0, 0, 1, [], [])
    for r in range(min(len(baris), 30)):
        for tinggi in (1, 2, 3):
            if r + tinggi > len(baris):
                break
            teks = _gabung_kepala(baris[r:r + tinggi])
            kunci = [cocokkan_kolom(t) for t in teks]
            dikenal = len({k for k in kunci if k})
            if "indikator" in kunci and dikenal > terbaik[0]:
                terbaik = (dikenal, r, tinggi, kunci, teks)
    if terbaik[0] < 2:
        raise ImporError("tidak ditemukan baris judul kolom dengan kolom Indikator")
    _, r, tinggi, kunci, teks = terbaik
    # one column per key: the first one wins, the others are reported
    terpakai: set[str] = set()
    for i, k in enumerate(kunci):
        if k in terpakai:
            kunci[i] = None
        elif k:
            terpakai.add(k)
    return r, tinggi, kunci, teks


def _gabung_kepala(baris: list[list[object]]) -> list[str]:
    """Header rows joined top to bottom; a merged parent (blank to its right) spans its children."""
    lebar = max(len(b) for b in baris)
    hasil = [""] * lebar
    for i, b in enumerate(baris):
        sebelumnya = ""
        for c in range(lebar):
            nilai = str(b[c]).strip() if c < len(b) and b[c] is not None else ""
            if not nilai and i < len(baris) - 1:
                nilai = sebelumnya  # merged across: inherit from the left
            sebelumnya = nilai
            hasil[c] = f"{hasil[c]} {nilai}".strip()
    return hasil


def _teks(x: object) -> str:
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return "\n".join(b.strip() for b in str(x).strip().splitlines())


def _tabel(baris: list[list[object]], berkas: str, lembar: str, temuan: list[CatatanImpor]) -> pd.DataFrame:
    r0, tinggi, kunci, judul = _kepala(baris)
    rekaman: list[dict[str, object]] = []
    turun: dict[str, object] = {}
    for r in range(r0 + tinggi, len(baris)):
        b = baris[r]
        isi = {i: _teks(v) for i, v in enumerate(b) if _teks(v)}
        if not isi:
            continue
        rec = {k: isi.get(i, "") for i, k in enumerate(kunci) if k and k != URUT}
        lain = [(i, v) for i, v in isi.items() if i >= len(kunci) or not kunci[i]]
        for k in KOLOM_TURUN:  # merged cells: the value above continues
            if rec.get(k):
                turun[k] = rec[k]
            elif k in rec and (rec.get("indikator") or rec.get("indikator_sebelum")):
                rec[k] = turun.get(k, "")
        if not rec.get("indikator") and not rec.get("indikator_sebelum"):
            sisa = "; ".join(f"{judul[i] if i < len(judul) else _kolom_huruf(i)}: {v}" for i, v in isi.items())
            if rekaman:
                rekaman[-1]["catatan"] = "; ".join(x for x in (rekaman[-1].get("catatan"), f"baris {r + 1} sumber: {sisa}") if x)
                temuan.append(CatatanImpor(berkas, lembar, f"baris {r + 1}", "baris tanpa indikator; isinya disimpan di Catatan indikator di atasnya"))
            else:
                temuan.append(CatatanImpor(berkas, lembar, f"baris {r + 1}", f"baris tanpa indikator sebelum indikator pertama tidak ditempatkan: {sisa}"))
            continue
        for i, v in lain:
            nama = judul[i] if i < len(judul) and judul[i] else f"kolom {_kolom_huruf(i)}"
            rec["catatan"] = "; ".join(x for x in (rec.get("catatan"), f"{nama}: {v}") if x)
            temuan.append(CatatanImpor(berkas, lembar, f"{_kolom_huruf(i)}{r + 1}",
                                 f'kolom "{nama}" tidak dikenali; isinya disimpan di Catatan'))
        rec["_sel"] = {k: f"{_kolom_huruf(i)}{r + 1}" for i, k in enumerate(kunci) if k}
        rekaman.append(rec)
    return pd.DataFrame(rekaman, dtype=object)


def _angka(df: pd.DataFrame, berkas: str, lembar: str, temuan: list[CatatanImpor]) -> pd.DataFrame:
    """Numbers with units → number in the cell, unit in Satuan; any difference kept in Catatan."""
    kolom = [k for k in df.columns if k in KOLOM_ANGKA or k.startswith("target_")]
    for k in ("satuan", "catatan"):
        if k not in df.columns:
            df[k] = None
    for i, b in df.iterrows():
        satuan = _teks(b.get("satuan"))
        catatan = [c for c in [_teks(b.get("catatan"))] if c]
        for k in kolom:
            mentah = b.get(k)
            if mentah is None or (isinstance(mentah, float) and pd.isna(mentah)) or _teks(mentah) == "":
                df.at[i, k] = None
                continue
            n = parse_nilai(mentah, satuan or None)
            label = _label(k)
            sel = b["_sel"].get(k, "")
            if n.masalah or n.rentang:
                df.at[i, k] = None
                catatan.append(f"{label} di sumber: {mentah}")
                temuan.append(CatatanImpor(berkas, lembar, sel, f"{label} \"{mentah}\" tidak diisikan sebagai angka: "
                                                          f"{n.masalah or 'rentang belum didukung di lembar IKU'}"))
                continue
            df.at[i, k] = int(n.angka) if isinstance(n.angka, float) and n.angka.is_integer() else n.angka
            if n.angka is None:
                catatan.append(f"{label} di sumber: {mentah}")
            elif n.satuan and not satuan:
                satuan = n.satuan
                df.at[i, "satuan"] = satuan
            elif n.satuan and n.satuan.lower() != satuan.lower():
                catatan.append(f"{label} di sumber: {mentah} (satuan {n.satuan} berbeda dengan {satuan})")
                temuan.append(CatatanImpor(berkas, lembar, sel, f"{label} \"{mentah}\": satuan {n.satuan} berbeda dengan Satuan "
                                                          f"indikator {satuan}; angka {format_angka(n.angka)} diisikan dan ditandai"))
        df.at[i, "catatan"] = "; ".join(catatan) if catatan else None
    return df




def _label(kunci: str) -> str:
    return "Kondisi Awal" if kunci == "kondisi_awal" else kunci.replace("target_", "Target ")


def baca_tabel(path: Path, temuan: list[CatatanImpor]) -> pd.DataFrame:
    """The IKU rows of one source file, columns as ikuxl names them."""
    path = Path(path)
    akhiran = path.suffix.lower()
    if akhiran in (".csv", ".txt", ".tsv"):
        lembar = {"": _baca_csv(path, temuan)}
    elif akhiran in (".xlsx", ".xlsm"):
        lembar = _baca_xlsx(path)
    else:
        raise ImporError(f"{path.name}: jenis berkas {akhiran or '(tanpa akhiran)'} tidak didukung; gunakan .xlsx atau .csv")
    galat = []
    for nama, baris in lembar.items():
        try:
            df = _tabel(baris, path.name, nama, temuan)
        except ImporError as e:
            galat.append(f"lembar {nama}: {e}" if nama else str(e))
            continue
        _cek_jumlah(len(df), path.name)
        return _angka(df, path.name, nama, temuan)
    raise ImporError(f"{path.name}: " + "; ".join(galat))


def _cek_jumlah(n: int, sumber: str) -> None:
    """Refuse more indicators than a workbook holds, before the workbook is built."""
    if n > BATAS_INDIKATOR:
        raise ImporError(f"{sumber}: {n:,} indikator; satu workbook IKU memuat paling banyak {BATAS_INDIKATOR:,} "
                         "indikator. Bagi tabelnya (mis. per perangkat daerah) lalu impor tiap bagian ke workbook "
                         "sendiri".replace(",", "."))


def impor(sumber: list[Path], periode: tuple[int, int] | None = None, tahun: int | None = None,
          **pengaturan) -> tuple[Dokumen, list[CatatanImpor]]:
    """A Dokumen from one or more source tables, and what could not be placed as it was."""
    temuan: list[CatatanImpor] = []
    tabel = [baca_tabel(Path(s), temuan) for s in sumber]
    df = pd.concat(tabel, ignore_index=True) if tabel else pd.DataFrame()
    _cek_jumlah(len(df), ", ".join(Path(s).name for s in sumber))
    tahun_target = sorted(int(k.split("_")[1]) for k in df.columns if k.startswith("target_"))
    if periode is None:
        if not tahun_target:
            raise ImporError("periode tidak diketahui: tidak ada kolom target per tahun; berikan --periode")
        periode = (tahun_target[0], tahun_target[-1])
    dok = Dokumen.kosong(periode_awal=periode[0], periode_akhir=periode[1], tahun=tahun, **pengaturan)
    for t in tahun_target:
        if not periode[0] <= t <= periode[1]:
            temuan.append(CatatanImpor("", "", "", f"kolom Target {t} di luar periode {periode[0]}–{periode[1]}; disimpan di Catatan"))
            df["catatan"] = [("; ".join(x for x in (c, f"Target {t}: {format_angka(v)}") if x) if v is not None and v == v else c)
                             for c, v in zip(df.get("catatan", [None] * len(df)), df[f"target_{t}"])]
            df = df.drop(columns=[f"target_{t}"])  # the matrix has a column for it, labelled outside the period
    kolom = [k.kunci for k in kolom_iku(dok.tahun_periode.start)]
    rekaman = []
    for i, b in enumerate(df.to_dict("records")):
        r = {k: isi_sel(b.get(k)) for k in kolom}
        r["kode"] = r["kode"] or f"IKU-{i + 1:02d}"  # codes where the source has none
        rekaman.append(r)
    dok.iku = pd.DataFrame(rekaman, columns=kolom, dtype=object)
    return dok, temuan
