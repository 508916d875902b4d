"""Import existing IKU tables (Excel or CSV, with the agency's own headers) into a Dokumen.

Columns are matched through aliases ("Indikator Kinerja", "IKU", "Indikator Kinerja
Utama" …), two-row headers are joined ("Sebelum" over "Kinerja Utama"), merged
cells of Tujuan/Sasaran/Jabatan are filled down, and numbers with units are split
into number and Satuan. Nothing is dropped silently: every cell or row that could
not be placed is reported with its location and kept in the Catatan column.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import islice
from pathlib import Path

import pandas as pd

from .dokumen import KOLOM_TW_REALISASI, Dokumen
from .nilai import Nilai, format_angka, isi_sel, parse_nilai, teks_angka
from .skema import JENIS_TAHUNAN, TRIWULAN, kolom_iku, tahun_kolom

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
    "indikator": [
        "indikator",
        "iku",
        "indikator kinerja",
        "indikator kinerja utama",
        "indikator kinerja tujuan dan sasaran",
        "indikator kinerja sasaran",
        "sesudah indikator kinerja utama",
        "sesudah desk indikator kinerja utama",
        "indikator sasaran",
        "indikator sasaran strategis",
        "indikator tujuan",
        "indikator program",
        "indikator kegiatan",
    ],
    "satuan": ["satuan"],
    "polaritas": ["polaritas", "arah polaritas", "polarisasi"],
    "sifat": ["sifat", "sifat indikator"],
    "metode": ["metode", "metode capaian"],
    "rumus": ["rumus", "rumus ikuxl"],
    "cara_perhitungan": [
        "cara perhitungan",
        "formulasi",
        "formula",
        "keterangan",
        "rumus perhitungan",
        "cara perhitungan teks asli",
        "definisi operasional formulasi",
        "formulasi perhitungan",
        "cara pengukuran",
    ],
    "sumber_data": ["sumber data"],
    "bidang": ["bidang", "penanggung jawab", "penanggung jawab bidang", "unit kerja", "pj"],
    "program": ["program kegiatan", "program", "kegiatan", "program dan kegiatan"],
    "kondisi_awal": ["kondisi awal", "baseline", "capaian awal", "kondisi awal tahun"],
    "status": ["status", "status reviu"],
    "kinerja_utama_sebelum": ["kinerja utama sebelum", "sebelum kinerja utama", "kinerja utama sebelum reviu"],
    "indikator_sebelum": [
        "indikator sebelum",
        "sebelum indikator kinerja utama",
        "iku sebelum",
        "indikator sebelum reviu",
        "sebelum iku",
        "sebelum indikator",
    ],
    "catatan": ["catatan", "catatan sumber"],
    "target": ["target", "target kinerja", "target tahun", "target capaian"],  # one year: the table's (_kepala)
    "realisasi": ["realisasi", "realisasi tahunan", "realisasi kinerja"],  # one year: the table's, as "target"
    # the end-of-period target: the last year's target where that is empty (impor)
    "target_akhir": [
        "target akhir",
        "target akhir renstra",
        "target akhir periode",
        "target kinerja akhir periode",
        "kondisi akhir",
        "kondisi akhir periode",
        "kondisi kinerja akhir periode",
        "kondisi kinerja pada akhir periode",
    ],
    # recognised, kept in Catatan (KE_CATATAN)
    "jenis_indikator": ["jenis indikator", "jenis"],
    "definisi": ["definisi operasional", "definisi"],
    "capaian_publikasi": ["capaian", "capaian kinerja", "persentase capaian"],  # checked by Validasi
}
# The aliases as sets of words, once: a header is looked for in up to 90 joins of a table's first rows, per column
_ALIAS_KATA = [(kunci, frozenset(a.split())) for kunci, alias in ALIAS.items() for a in alias]
_KATA_ALIAS = frozenset().union(*(ka for _, ka in _ALIAS_KATA))
# Columns a standard table has and the workbook has no input for: each cell goes to the row's Catatan,
# and each column is reported once, with its cells, saying why.
KE_CATATAN = {
    "jenis_indikator": "disimpan di Catatan",
    "definisi": "disimpan di Catatan (workbook tidak punya kolom definisi operasional)",
    "realisasi": "realisasi tahunan disimpan di Catatan: judul tabel tidak menyebut tahunnya; "
    "berikan --tahun, atau ketik di kolom Realisasi tahunnya di lembar IKU",
    **{f"capaian_tw{q}": "capaian triwulan yang dipublikasikan disimpan di Catatan" for q in range(1, 5)},
}
# Polarity as agencies write it, to the workbook's own positif/negatif (capaian.SINONIM_POLARITAS, which the
# workbook's formulas read too, holds the short words alone: Maximize, Min, …). Compared after _normal, "+"/"-" kept.
POLARITAS_SUMBER = {
    **dict.fromkeys(
        [
            "positif",
            "indikator positif",
            "+",
            "maximize",
            "maximise",
            "max",
            "maksimal",
            "maksimum",
            "naik",
            "meningkat",
            "semakin tinggi semakin baik",
            "makin tinggi makin baik",
        ],
        "positif",
    ),
    **dict.fromkeys(
        [
            "negatif",
            "indikator negatif",
            "-",
            "minimize",
            "minimise",
            "min",
            "minimal",
            "minimum",
            "turun",
            "menurun",
            "semakin rendah semakin baik",
            "makin rendah makin baik",
            "semakin kecil semakin baik",
            "makin kecil makin baik",
        ],
        "negatif",
    ),
}
KOLOM_TURUN = ("tujuan", "sasaran", "jabatan", "atasan", "bidang", "kinerja_utama", "kinerja_utama_sebelum")
KOLOM_ANGKA = ("kondisi_awal", "capaian_publikasi")
# Indicators one workbook holds: what ikuxl writes it must read back (the Realisasi sheet takes about
# 7 KB of XML per indicator, well inside the reader's limits), in seconds and a few hundred MB.
BATAS_INDIKATOR = 5_000
# Tags ("<") of a web page: a table of the supported size written by e-SAKIP or Excel (5,000 rows of 25 cells, a few
# tags each) needs a few hundred thousand; html.parser takes some microseconds and, for a cell, some hundred bytes per
# tag, so a flood of tags (tens of MiB of <td>) is refused before it is parsed.
BATAS_TAG_HTML = 1_000_000
_PEMISAH_CSV = ";,\t|"
_BARIS_BARU = re.compile(r"\r\n?|\n")  # where the csv module breaks lines
_CARI_KEPALA = 30  # the rows a table's header is looked for in (with up to 3 header rows below the first)
_TAHUN = re.compile(r"\b(20\d\d)\b")
_TRIWULAN = {"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
_PENANDA_TW = re.compile(r"(tw|trw|triwulan)[1-4]?|q[1-4]")


@dataclass(frozen=True)
class CatatanImpor:
    """Something of the source that could not be placed as it was."""

    berkas: str
    lembar: str
    sel: str
    pesan: str

    def __str__(self) -> str:
        tempat = f"{self.berkas}" + (f", {_tempat(self.lembar)}" if self.lembar else "") + (f", {self.sel}" if self.sel else "")
        return f"{tempat}: {self.pesan}"


def _tempat(lembar: str) -> str:
    """A sheet as messages name it; a table of a web page ("tabel 2") as it is."""
    return lembar if re.fullmatch(r"tabel \d+", lembar) else f"lembar {lembar}"


class ImporError(ValueError):
    pass


def _normal(teks: object) -> str:
    teks = re.sub(r"<[^>]+>", " ", str(teks or ""))  # <sup>(6)</sup> from converted documents
    teks = re.sub(r"\(\s*\d+\s*\)", " ", teks)  # column numbers such as (1)
    teks = re.sub(r"[^\w%]+|_", " ", teks.lower())
    return " ".join(teks.split())


def cocokkan_kolom(judul: str) -> str | None:
    """The ikuxl column a header names, or None."""
    urut = [k for k in _normal(judul).split() if k != "%"]
    kata = set(urut)
    if not kata:
        return None
    if any(_PENANDA_TW.fullmatch(k) for k in urut):  # "Target TW I", "Realisasi Triwulan 2", "TW 1–4" over "3"
        q = _TRIWULAN.get(re.sub(r"^(tw|trw|triwulan|q)", "", urut[-1]))
        jenis = next((j for j in ("realisasi", "target", "capaian") if j in kata), None)
        return f"{jenis}_tw{q}" if q and jenis else None
    tahun = _TAHUN.search(" ".join(urut))  # "2025" under "Target Capaian per Tahun", "Target Renstra 2025"
    if tahun and (kata <= {tahun[1], "tahun"} or ("target" in kata and not kata & {"realisasi", "kondisi"})):
        return f"target_{tahun[1]}"
    if tahun and "realisasi" in kata and not kata & {"target", "capaian", "kondisi"}:  # "Realisasi 2023", "Realisasi" over "2023"
        return f"realisasi_{tahun[1]}"
    if kata.isdisjoint(_KATA_ALIAS):
        return None
    terbaik, skor_terbaik = None, 0
    for kunci, ka in _ALIAS_KATA:
        if ka == kata:
            skor = 1000 + len(ka)
        elif ka <= kata and not ("sebelum" in kata and "sebelum" not in ka):
            skor = len(ka)
        else:
            continue
        if skor > skor_terbaik:
            terbaik, skor_terbaik = kunci, skor
    if terbaik is None and {"kondisi", "awal"} <= kata:
        return "kondisi_awal"
    return terbaik


def _dekode(data: bytes, nama: str, temuan: list[CatatanImpor], charset: str | None = None) -> str:
    """A file's text: UTF-16 with a BOM (Excel's "Unicode Text"), the charset a web page declares if the page reads
    as a web page in it (else said so and ignored), UTF-8, else Windows-1252 (said so)."""
    from .workbook.baca import adalah_html

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if charset:
        try:
            teks = data.decode(charset)
        except (LookupError, ValueError):  # unknown, no text codec, or not this page's (punycode raises UnicodeError)
            teks = ""
        if adalah_html(teks[:2048].encode(errors="replace")):  # UTF-16 or EBCDIC read an ASCII page as other letters
            return teks
        temuan.append(CatatanImpor(nama, "", "", f'charset "{charset}" yang dinyatakan halaman tidak sesuai isinya; diabaikan'))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        temuan.append(CatatanImpor(nama, "", "", "berkas bukan UTF-8; dibaca sebagai Windows-1252"))
        return data.decode("cp1252", errors="replace")


def _baca_csv(path: Path, temuan: list[CatatanImpor]) -> list[list[object]]:
    """The rows of a CSV/TSV file. A cell that swallowed rows below it (an opening quote without its closing one)
    is refused, naming its line; so is a cell longer than the csv module reads."""
    teks = _dekode(path.read_bytes(), path.name, temuan)  # tabs between in Excel's "Unicode Text"
    pemisah = _pemisah(teks)
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
    baris: list[list[object]] = []
    awal = [1]  # the line of the file each row starts on, and the next one's
    try:
        for b in pembaca:
            baris.append(b)
            awal.append(pembaca.line_num + 1)
    except csv.Error:  # the one a reader without strict mode raises: a cell over csv.field_size_limit()
        raise ImporError(
            f"{path.name}, baris {awal[-1]}: sel lebih dari {format_angka(csv.field_size_limit())} karakter (sel Excel "
            'paling banyak 32.767); periksa apakah ada tanda petik (") pembuka tanpa penutup'
        ) from None
    lebar = max(map(len, baris), default=0)
    for b, mulai, berikut in zip(baris, awal, awal[1:]):
        for i, v in enumerate(b):
            # lines of a cell that look like rows (as many separators as a row has): its opening quote has no closing one
            if lebar > 2 and any(x.count(pemisah) >= lebar - 1 for x in _BARIS_BARU.split(v)[1:]):
                raise ImporError(
                    f'{path.name}, baris {mulai}, kolom {_kolom_huruf(i)}: sel yang diawali tanda petik (") menelan baris '
                    f"{mulai + 1}–{berikut - 1}, yang tampak seperti baris tabel; tutup atau hapus tanda petik itu, lalu impor lagi"
                )
    return baris


def _pemisah(teks: str) -> str:
    """The separator under which the table's header is recognised best. csv.Sniffer guesses from how often each
    character comes, and loses its way on a separator inside a quoted cell (a tab in a cell of a TSV whose lines end
    in CRLF, as Excel writes them); its guess decides between separators that recognise the header equally."""
    try:
        tebakan = csv.Sniffer().sniff(teks[:4096], delimiters=_PEMISAH_CSV).delimiter
    except csv.Error:
        tebakan = ";" if teks[:4096].count(";") > teks[:4096].count(",") else ","

    def dikenal(pemisah: str) -> int:
        try:
            contoh = io.StringIO(teks[: 2**16], newline="")  # the rows the header is looked for in, not a copy of all
            baris = list(islice(csv.reader(contoh, delimiter=pemisah), _CARI_KEPALA + 3))
            return len({k for k in _kepala(baris)[2] if k})
        except (csv.Error, ImporError):
            return 0

    return max(sorted(_PEMISAH_CSV, key=lambda p: p != tebakan), key=dikenal)


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


class _TabelHTML(HTMLParser):
    """The tables of a web page (e-SAKIP exports saved as .xls): per table, in order of appearance, the text
    before it (its title) and its rows of cells [text, colspan, rowspan]. Unclosed <td>, <th> and <tr> end
    where the next one starts; a table inside a cell is a table of its own; <br> and paragraphs break lines.
    Text is kept in lists of pieces, joined once: a page of many small pieces reads in linear time."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tabel: list[dict] = []
        self._buka: list[dict] = []  # tables being read, innermost last
        self._teks: list[str] = []  # text outside tables since the last one: the title of the next
        self._abaikan = False  # inside <style> or <script>

    def handle_starttag(self, tag, attrs):
        t = self._buka[-1] if self._buka else None
        if tag in ("style", "script"):
            self._abaikan = True
        elif tag == "table":
            self._buka.append({"judul": [" ".join(self._teks)], "baris": [], "sel": None})
            self.tabel.append(self._buka[-1])
            self._teks = []
        elif t and tag == "tr":
            t["sel"] = None
            t["baris"].append([])
        elif t and tag in ("td", "th"):
            if not t["baris"]:
                t["baris"].append([])
            a = dict(attrs)
            t["sel"] = [[], _bentang(a.get("colspan"), 1000), _bentang(a.get("rowspan"), 65534)]
            t["baris"][-1].append(t["sel"])
        elif tag in ("br", "p", "div", "li"):
            self.handle_data("\n", apa_adanya=True)

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._abaikan = False
        elif tag == "table" and self._buka:
            self._buka.pop()
        elif tag in ("td", "th", "tr") and self._buka:
            self._buka[-1]["sel"] = None

    def handle_data(self, data, apa_adanya=False):
        if self._abaikan:
            return
        data = data if apa_adanya else re.sub(r"\s+", " ", data)  # line breaks in the source are spaces
        if not self._buka:
            self._teks.append(data)
        elif self._buka[-1]["sel"] is not None:
            self._buka[-1]["sel"][0].append(data)
        else:
            self._buka[-1]["judul"].append(data)  # <caption>, or text between cells

    def close(self):
        """The end of the page. Not html.parser's close(): before its fix of June 2025 (CPython gh-135462) it read
        each "<!--", "<?" or "</" left open by scanning the rest of the page again, in quadratic time. What feed()
        left is such a markup, which HTML5 reads to the end of the page, or text held back for an "&" near its end."""
        sisa, self.rawdata = self.rawdata, ""
        if not sisa.startswith("<"):
            self.handle_data(html.unescape(sisa))


def _bentang(nilai: str | None, batas: int) -> int:
    angka = re.match(r"\s*0*(\d{1,9})", nilai) if nilai else None  # 9 digits pass any limit; int() refuses 4,300
    return min(max(int(angka[1]), 1), batas) if angka else 1


def _kisi(baris: list[list[list]], nama: str) -> list[list[object]]:
    """HTML rows laid out as a sheet: a cell spanning columns or rows keeps its text in its first cell and
    leaves the others blank, as a merged cell of Excel does. Measured before it is built, against the limits of a
    sheet: a cell spanning down from far right lengthens every row it covers."""
    from .alamat import KOLOM_MAKS
    from .workbook.baca import BATAS_BARIS, BATAS_SEL

    def besar(ukuran: str) -> ImporError:
        return ImporError(
            f"{nama}: tabel HTML terlalu besar ({ukuran}); ikuxl membaca paling banyak "
            f"{format_angka(BATAS_BARIS)} baris, {format_angka(KOLOM_MAKS)} kolom dan {format_angka(BATAS_SEL)} sel"
        )

    if len(baris) > BATAS_BARIS:
        raise besar(f"{format_angka(len(baris))} baris")
    kolom: list[list[int]] = []  # per row, the column of each of its cells
    panjang: list[int] = []  # per row, its length
    turun: list[tuple[int, int, int]] = []  # cells spanning into rows below: (first column, column after, last row)
    luas = 0
    for r, b in enumerate(baris):
        turun = [t for t in turun if t[2] >= r]  # by first column; each still covers row r
        c, i, letak, baru = 0, 0, [], []
        for _, cs, rs in b:
            while i < len(turun) and turun[i][0] <= c:
                c, i = max(c, turun[i][1]), i + 1  # taken by a cell spanning down from above
            letak.append(c)
            if rs > 1:
                baru.append((c, c + cs, r + rs - 1))
            c += cs
        panjang.append(max([c, *(t[1] for t in turun)]))
        luas += panjang[-1]
        if panjang[-1] > KOLOM_MAKS:
            raise besar(f"baris {r + 1}: {format_angka(panjang[-1])} kolom")
        if luas > BATAS_SEL:
            raise besar(f"lebih dari {format_angka(BATAS_SEL)} sel sampai baris {r + 1}, rowspan dan colspan terhitung")
        kolom.append(letak)
        turun = sorted(turun + baru)
    kisi: list[list[object]] = [[None] * n for n in panjang]
    for r, (b, letak) in enumerate(zip(baris, kolom)):
        for (potongan, _, _), c in zip(b, letak):
            kisi[r][c] = "\n".join(x for x in (" ".join(g.split()) for g in "".join(potongan).split("\n")) if x) or None
    return kisi


def _baca_html(path: Path, temuan: list[CatatanImpor]) -> tuple[dict[str, list[list[object]]], dict[str, str]]:
    """The tables of a web page ("tabel 1", "tabel 2" …) and the title text before each."""
    from .workbook.baca import BATAS_BERKAS

    if path.stat().st_size > BATAS_BERKAS:
        raise ImporError(f"{path.name}: terlalu besar ({path.stat().st_size / 2**20:.0f} MiB; batas {BATAS_BERKAS // 2**20} MiB)")
    data = path.read_bytes()
    charset = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096])
    teks = _dekode(data, path.name, temuan, charset and charset[1].decode("ascii"))
    if (tag := teks.count("<")) > BATAS_TAG_HTML:
        raise ImporError(
            f"{path.name}: halaman web terlalu besar untuk diimpor ({format_angka(tag)} tag; batas "
            f"{format_angka(BATAS_TAG_HTML)}); simpan tabel IKU-nya saja sebagai .xlsx atau bagi tabelnya"
        )
    pembaca = _TabelHTML()
    pembaca.feed(teks)
    pembaca.close()
    if not pembaca.tabel:
        raise ImporError(f"{path.name}: halaman web tanpa tabel (<table>)")
    lembar = {f"tabel {i}": _kisi(t["baris"], f"{path.name}, tabel {i}") for i, t in enumerate(pembaca.tabel, 1)}
    return lembar, {f"tabel {i}": "".join(t["judul"]) for i, t in enumerate(pembaca.tabel, 1)}


def _sel_xlsx(sel) -> object:
    """A cell's value; a number shown as a percentage (0.1 formatted 0%) becomes the text "10%",
    as the reader of the table sees it."""
    nilai = getattr(sel, "value", None)
    if isinstance(nilai, (int, float)) and not isinstance(nilai, bool) and "%" in (getattr(sel, "number_format", "") or ""):
        return f"{teks_angka(round(nilai * 100, 10))}%"
    return nilai


def _kolom_huruf(i: int) -> str:
    from .alamat import huruf_kolom

    return huruf_kolom(i + 1)


def _kepala(baris: list[list[object]]) -> tuple[int, int, list[str | None], list[str]]:
    """(first header row, number of header rows, column key per column, header texts)."""
    terbaik = (0, 0, 1, [], [])
    for r in range(min(len(baris), _CARI_KEPALA)):
        for tinggi in (1, 2, 3):
            if r + tinggi > len(baris):
                break
            terisi = [c for c, v in enumerate(baris[r]) if _teks(v)]
            if tinggi > 1 and terisi[:1] == [0] and len(terisi) == 1:
                break  # a title row ("PERJANJIAN KINERJA TAHUN 2024") spans nothing below it
            teks = _gabung_kepala(baris[r : r + tinggi])
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


def _tahun_judul(baris: list[list[object]], judul_luar: str) -> int | None:
    """The one year a table's title names (rows above its header, or the text around it), if one."""
    teks = " ".join([judul_luar, *(_teks(v) for b in baris for v in b)])
    tahun = set(_TAHUN.findall(teks))
    return int(tahun.pop()) if len(tahun) == 1 else None


def _tingkat(judul: str) -> str | None:
    """The level an indicator header names ("Indikator Sasaran Strategis"), kept in Catatan: the IKU sheet
    has no column for it."""
    kata = set(_normal(judul).split())
    if len(kata & {"tujuan", "sasaran", "program", "kegiatan"}) != 1:
        return None
    return " ".join(re.sub(r"\(\s*\d+\s*\)|<[^>]+>", " ", judul).split())


def _tabel(
    baris: list[list[object]],
    berkas: str,
    lembar: str,
    temuan: list[CatatanImpor],
    tahun: int | None = None,
    judul_luar: str = "",
) -> tuple[pd.DataFrame, int | None]:
    """The rows of one table, and the year its title names. A bare "Target" column is that year's,
    else `tahun`'s (the import's reporting year)."""
    r0, tinggi, kunci, judul = _kepala(baris)
    tahun_tabel = _tahun_judul(baris[:r0], judul_luar)
    satu_tahun = False  # a table of one year (a PK): a bare Target or Realisasi column is that year's
    if "target" in kunci:
        t = tahun_tabel or tahun
        if t is None:
            raise ImporError(
                'kolom "Target" tidak menyebut tahun, dan judul tabel tidak menyebut satu tahun; berikan --tahun (atau --periode)'
            )
        kunci[kunci.index("target")] = None if f"target_{t}" in kunci else f"target_{t}"
        satu_tahun = t == tahun_tabel
    if "realisasi" in kunci and (tahun_tabel or tahun) and f"realisasi_{tahun_tabel or tahun}" not in kunci:
        kunci[kunci.index("realisasi")] = f"realisasi_{tahun_tabel or tahun}"  # else kept in Catatan (KE_CATATAN)
        satu_tahun = satu_tahun or bool(tahun_tabel)
    tingkat = _tingkat(judul[kunci.index("indikator")]) if "indikator" in kunci else None
    rekaman: list[dict[str, object]] = []
    turun: dict[str, object] = {}
    disimpan: dict[int, list[int]] = {}  # column → rows of its cells kept in Catatan (KE_CATATAN)
    for r in range(r0 + tinggi, len(baris)):
        b = baris[r]
        isi = {i: _teks(v) for i, v in enumerate(b) if _teks(v)}
        if not isi:
            continue
        rec = {k: isi.get(i, "") for i, k in enumerate(kunci) if k and k != URUT and k not in KE_CATATAN}
        lain = [(i, v) for i, v in isi.items() if i >= len(kunci) or not kunci[i] or kunci[i] in KE_CATATAN]
        for k in KOLOM_TURUN:  # merged cells: the value above continues
            if rec.get(k):
                turun[k] = rec[k]
            elif k in rec and (rec.get("indikator") or rec.get("indikator_sebelum")):
                rec[k] = turun.get(k, "")
        if not rec.get("indikator") and not rec.get("indikator_sebelum"):
            sisa = "; ".join(f"{judul[i] if i < len(judul) else _kolom_huruf(i)}: {v}" for i, v in isi.items())
            if rekaman:
                rekaman[-1]["catatan"] = "; ".join(x for x in (rekaman[-1].get("catatan"), f"baris {r + 1} sumber: {sisa}") if x)
                temuan.append(
                    CatatanImpor(
                        berkas, lembar, f"baris {r + 1}", "baris tanpa indikator; isinya disimpan di Catatan indikator di atasnya"
                    )
                )
            else:
                temuan.append(
                    CatatanImpor(
                        berkas,
                        lembar,
                        f"baris {r + 1}",
                        f"baris tanpa indikator sebelum indikator pertama tidak ditempatkan: {sisa}",
                    )
                )
            continue
        if tingkat:
            rec["catatan"] = "; ".join(x for x in (rec.get("catatan"), f"tingkat: {tingkat}") if x)
        for i, v in lain:
            nama = judul[i] if i < len(judul) and judul[i] else f"kolom {_kolom_huruf(i)}"
            v = format_angka(b[i], ribuan=False) if isinstance(b[i], float) else v  # 8,2 as written, not Python's 8.2
            rec["catatan"] = "; ".join(x for x in (rec.get("catatan"), f"{nama}: {v}") if x)
            if i < len(kunci) and kunci[i] in KE_CATATAN:
                disimpan.setdefault(i, []).append(r)
            else:
                temuan.append(
                    CatatanImpor(
                        berkas, lembar, f"{_kolom_huruf(i)}{r + 1}", f'kolom "{nama}" tidak dikenali; isinya disimpan di Catatan'
                    )
                )
        rec["_sel"] = {k: f"{_kolom_huruf(i)}{r + 1}" for i, k in enumerate(kunci) if k}
        rec["_asal"] = (berkas, lembar, tahun_tabel)
        rekaman.append(rec)
    for i, rr in disimpan.items():  # one report per column, naming its cells
        huruf = _kolom_huruf(i)
        sel = f"{huruf}{rr[0] + 1}" + (f":{huruf}{rr[-1] + 1}" if len(rr) > 1 else "")
        temuan.append(CatatanImpor(berkas, lembar, sel, f'kolom "{judul[i]}": {KE_CATATAN[kunci[i]]}'))
    df = pd.DataFrame(rekaman, dtype=object)
    df.attrs["satu_tahun"] = satu_tahun
    return df, tahun_tabel


def _angka(df: pd.DataFrame, berkas: str, lembar: str, temuan: list[CatatanImpor]) -> pd.DataFrame:
    """Numbers with units → number in the cell, unit in Satuan; any difference kept in Catatan."""
    kolom = [k for k in df.columns if k in KOLOM_ANGKA or _KOLOM_ANGKA.match(k)]
    for k in ("satuan", "catatan"):
        if k not in df.columns:
            df[k] = None
    for i, b in df.iterrows():
        satuan = _teks(b.get("satuan"))
        catatan = [c for c in [_teks(b.get("catatan"))] if c]
        dibaca: dict[str, tuple[object, Nilai]] = {}
        for k in kolom:
            mentah = b.get(k)
            if mentah is None or (isinstance(mentah, float) and pd.isna(mentah)) or _teks(mentah) == "":
                df.at[i, k] = None
                continue
            # a capaian is in percent, whatever the indicator's unit
            dibaca[k] = (mentah, parse_nilai(mentah, "%" if k == "capaian_publikasi" else satuan or None))
        for k, (angka, alasan) in _putuskan_ambigu(dibaca, satuan, b["_sel"]).items():
            mentah, n = dibaca[k]
            dibaca[k] = (mentah, Nilai(angka, n.satuan, n.teks, tanda_kaki=n.tanda_kaki, pengali=n.pengali))
            catatan.append(f"{_label(k)} di sumber: {mentah} ({alasan})")
            temuan.append(CatatanImpor(berkas, lembar, b["_sel"].get(k, ""), f'{_label(k)} "{mentah}" {alasan}'))
        for k, (mentah, n) in dibaca.items():
            if n.catatan and not n.masalah:  # a footnote mark or a multiplier: the text as written stays
                catatan.append(f"{_label(k)} di sumber: {mentah} ({n.catatan})")
            if k == "capaian_publikasi":
                df.at[i, k] = n.angka if n.angka is not None and not n.masalah else None
                if df.at[i, k] is None:
                    catatan.append(f"{_label(k)} di sumber: {mentah}")
                    temuan.append(
                        CatatanImpor(
                            berkas,
                            lembar,
                            b["_sel"].get(k, ""),
                            f'{_label(k)} "{mentah}" tidak diisikan sebagai angka: {n.masalah or "bukan angka persen"}',
                        )
                    )
                continue
            label = _label(k)
            sel = b["_sel"].get(k, "")
            if n.masalah or n.rentang:
                df.at[i, k] = None
                catatan.append(f"{label} di sumber: {mentah}")
                temuan.append(
                    CatatanImpor(
                        berkas,
                        lembar,
                        sel,
                        f'{label} "{mentah}" tidak diisikan sebagai angka: {n.masalah or "rentang belum didukung di lembar IKU"}',
                    )
                )
                continue
            df.at[i, k] = int(n.angka) if isinstance(n.angka, float) and n.angka.is_integer() else n.angka
            if n.angka is None:
                catatan.append(f"{label} di sumber: {mentah}")
            elif n.satuan and not satuan:
                satuan = n.satuan
                df.at[i, "satuan"] = satuan
            elif n.satuan and n.satuan.lower() != satuan.lower():
                catatan.append(f"{label} di sumber: {mentah} (satuan {n.satuan} berbeda dengan {satuan})")
                temuan.append(
                    CatatanImpor(
                        berkas,
                        lembar,
                        sel,
                        f'{label} "{mentah}": satuan {n.satuan} berbeda dengan Satuan '
                        f"indikator {satuan}; angka {format_angka(n.angka)} diisikan dan ditandai",
                    )
                )
        df.at[i, "catatan"] = "; ".join(catatan) if catatan else None
    return df


_KOLOM_ANGKA = re.compile(r"(target_|realisasi_)(tw[1-4]|\d{4}|akhir)$")
PERBEDAAN_MUSTAHIL = 100  # a reading this many times off the row's other figures in its unit is absurd
PERBEDAAN_WAJAR = 10  # … and the reading taken must be within this factor of them


def _putuskan_ambigu(dibaca: dict[str, tuple[object, Nilai]], satuan: str, sel: dict[str, str]) -> dict[str, tuple[float, str]]:
    """An ambiguous number ("43.000": 43000 or 43) of a row whose other figures in the same unit make one reading
    absurd (realisasi 43773 Ton: 43 would be 1000 times off) takes the other reading: key → (number, why).
    The figures compared are the row's targets and realisasi read without doubt, in the indicator's unit."""

    def unit(n: Nilai) -> str:
        return (n.satuan or satuan or "").strip().lower()

    pasti = {
        k: n
        for k, (_, n) in dibaca.items()
        if k != "capaian_publikasi" and n.angka is not None and not n.masalah and n.angka > 0 and not n.rasio
    }
    hasil = {}
    for k, (_, n) in dibaca.items():
        if k == "capaian_publikasi" or not n.ambigu:
            continue
        saksi = [(j, m) for j, m in pasti.items() if unit(m) == unit(n)]
        if not saksi or any(x <= 0 for x in n.kandidat):
            continue
        # how many times off each reading is from the nearest certain figure (a ratio ≥ 1)
        jarak = [min(max(x, m.angka) / min(x, m.angka) for _, m in saksi) for x in n.kandidat]
        urut = sorted(range(len(jarak)), key=jarak.__getitem__)
        pilih, lain = urut[0], urut[1]
        if jarak[pilih] <= PERBEDAAN_WAJAR and jarak[lain] >= PERBEDAAN_MUSTAHIL:
            j, m = min(saksi, key=lambda s: max(s[1].angka, n.kandidat[pilih]) / min(s[1].angka, n.kandidat[pilih]))
            tempat = f" di {sel[j]}" if sel.get(j) else ""
            hasil[k] = (
                n.kandidat[pilih],
                f"ambigu ({format_angka(n.kandidat[0], ribuan=False)} atau {format_angka(n.kandidat[1], ribuan=False)}); "
                f"dibaca {format_angka(n.kandidat[pilih], ribuan=False)} karena {_label(j)} {m.teks or format_angka(m.angka)}"
                f"{tempat} dalam satuan yang sama ({format_angka(n.kandidat[lain], ribuan=False)} akan berbeda "
                f"{format_angka(round(jarak[lain]))} kali lipat)",
            )
    return hasil


def _label(kunci: str) -> str:
    """A column's name in messages: "Kondisi Awal", "Target 2025", "Realisasi TW II"."""
    if kunci in ("kondisi_awal", "target_akhir"):
        return {"kondisi_awal": "Kondisi Awal", "target_akhir": "Target Akhir Periode"}[kunci]
    jenis, _, akhir = kunci.partition("_")
    return f"{jenis.capitalize()} " + (f"TW {TRIWULAN[int(akhir[2:]) - 1]}" if akhir.startswith("tw") else akhir)


def baca_tabel(path: Path, temuan: list[CatatanImpor], tahun: int | None = None) -> tuple[pd.DataFrame, int | None]:
    """The IKU rows of one source file, columns as ikuxl names them, and the year its title names.
    `tahun`: the year of a "Target" column when the title names none."""
    path = Path(path)
    akhiran = path.suffix.lower()
    judul: dict[str, str] = {}  # the text around a table that may name its year
    if akhiran in (".csv", ".txt", ".tsv"):
        lembar = {"": _baca_csv(path, temuan)}
    elif akhiran in (".xlsx", ".xlsm", ".xls", ".htm", ".html") and _adalah_html(path):
        lembar, judul = _baca_html(path, temuan)  # e-SAKIP exports: a web page saved as .xls
    elif akhiran in (".xlsx", ".xlsm"):
        lembar = _baca_xlsx(path)
    elif akhiran == ".xls":
        _tolak(path)
    else:
        raise ImporError(
            f"{path.name}: jenis berkas {akhiran or '(tanpa akhiran)'} tidak didukung; "
            "gunakan .xlsx, .csv, atau tabel HTML (.xls ekspor aplikasi e-SAKIP)"
        )
    galat = []
    for nama, baris in lembar.items():
        try:
            df, tahun_tabel = _tabel(baris, path.name, nama, temuan, tahun, judul.get(nama, nama))
        except ImporError as e:
            galat.append(f"{_tempat(nama)}: {e}" if nama else str(e))
            continue
        _cek_jumlah(len(df), path.name)
        if "polaritas" in df:
            df["polaritas"] = [polaritas_sumber(p) for p in df["polaritas"]]
        return _angka(df, path.name, nama, temuan), tahun_tabel
    if len(galat) > 4:  # a web page of thousands of tables: the first few
        galat = [*galat[:3], f"dan {format_angka(len(galat) - 3)} lainnya"]
    raise ImporError(f"{path.name}: " + "; ".join(galat))


def _adalah_html(path: Path) -> bool:
    from .workbook.baca import adalah_html

    if not path.is_file():
        return False
    with open(path, "rb") as f:
        return adalah_html(f.read(2048))


def _tolak(path: Path) -> None:
    """An .xls that is no web page: refused with the advice the workbook reader gives."""
    from .workbook.baca import BacaError, buka_aman

    try:
        buka_aman(path, lembar=None)
    except BacaError as e:
        raise ImporError(str(e)) from None
    raise ImporError(f"{path.name}: isinya workbook .xlsx walau namanya .xls; ubah namanya menjadi .xlsx")


def polaritas_sumber(teks: object) -> object:
    """Polarity as agencies write it ("Maximize", "(−)", "semakin rendah semakin baik") → positif/negatif;
    anything else unchanged, for Validasi to name."""
    kunci = " ".join(re.sub(r"[()\s]+", " ", str(teks or "").lower().replace("\u2212", "-")).split())
    kunci = kunci if kunci in ("+", "-") else _normal(kunci)
    return POLARITAS_SUMBER.get(kunci, teks)


def _triwulan_tahun_lain(df: pd.DataFrame, tahun: int, temuan: list[CatatanImpor]) -> None:
    """Quarterly values of a table whose title names another year than the reporting year: kept in Catatan,
    not typed in as this year's."""
    tw = [k for k in KOLOM_TW_REALISASI if k in df]
    for i in df.index if tw else ():
        berkas, lembar, t = df.at[i, "_asal"]
        nilai = [(k, df.at[i, k]) for k in tw if isi_sel(df.at[i, k]) is not None]
        if not t or t == tahun or not nilai:
            continue
        df.at[i, "catatan"] = "; ".join(
            x for x in [isi_sel(df.at[i, "catatan"]), *(f"{_label(k)} {t}: {format_angka(v)}" for k, v in nilai)] if x
        )
        for k, _ in nilai:
            df.at[i, k] = None
        sel = [df.at[i, "_sel"][k] for k, _ in nilai]
        temuan.append(
            CatatanImpor(
                berkas,
                lembar,
                sel[0] + (f":{sel[-1]}" if len(sel) > 1 else ""),
                f"target/realisasi triwulan tahun {t} (judul tabel), bukan tahun pelaporan {tahun}; disimpan di Catatan",
            )
        )


def _target_akhir(df: pd.DataFrame, akhir: int, temuan: list[CatatanImpor]) -> None:
    """The end-of-period target ("Target akhir Renstra", "Kondisi akhir") is the last year's target: it fills that
    where empty; where the last year's target differs, it is kept in Catatan and reported."""
    kunci = f"target_{akhir}"
    if kunci not in df:
        df[kunci] = None
    for i in df.index:
        nilai, ada = isi_sel(df.at[i, "target_akhir"]), isi_sel(df.at[i, kunci])
        if nilai is None or nilai == ada:
            continue
        if ada is None:
            df.at[i, kunci] = nilai
            continue
        berkas, lembar, _ = df.at[i, "_asal"]
        df.at[i, "catatan"] = "; ".join(
            x for x in (isi_sel(df.at[i, "catatan"]), f"Target akhir periode: {format_angka(nilai)}") if x
        )
        temuan.append(
            CatatanImpor(
                berkas,
                lembar,
                df.at[i, "_sel"].get("target_akhir", ""),
                f"target akhir periode {format_angka(nilai)} berbeda dengan Target {akhir} {format_angka(ada)}; "
                "Target {akhir} dipakai, target akhir disimpan di Catatan".replace("{akhir}", str(akhir)),
            )
        )


def _cek_jumlah(n: int, sumber: str) -> None:
    """Refuse more indicators than a workbook holds, before the workbook is built."""
    if n > BATAS_INDIKATOR:
        raise ImporError(
            f"{sumber}: {n:,} indikator; satu workbook IKU memuat paling banyak {BATAS_INDIKATOR:,} "
            "indikator. Bagi tabelnya (mis. per perangkat daerah) lalu impor tiap bagian ke workbook "
            "sendiri".replace(",", ".")
        )


def impor(
    sumber: list[Path], periode: tuple[int, int] | None = None, tahun: int | None = None, **pengaturan
) -> tuple[Dokumen, list[CatatanImpor]]:
    """A Dokumen from one or more source tables, and what could not be placed as it was."""
    temuan: list[CatatanImpor] = []
    dibaca = [baca_tabel(Path(s), temuan, tahun or (periode and periode[0])) for s in sumber]
    tabel = [df for df, _ in dibaca]
    df = pd.concat(tabel, ignore_index=True) if tabel else pd.DataFrame()
    _cek_jumlah(len(df), ", ".join(Path(s).name for s in sumber))
    per_tahun = sorted((k, t) for k in df.columns for j in JENIS_TAHUNAN if (t := tahun_kolom(k, j)))
    # the period: the years of the source's targets (of its realisasi where it has none) and of a one-year table
    tahun_target = sorted({t for k, t in per_tahun if k.startswith("target")} or {t for _, t in per_tahun})
    # a table of one year (a PK 2024): its quarters, its Target and Realisasi are that year's, the reporting year
    tahun_tabel = {t for d, t in dibaca if t and (d.attrs.get("satu_tahun") or d.columns.isin(KOLOM_TW_REALISASI).any())}
    if periode is None:
        if not tahun_target:
            raise ImporError("periode tidak diketahui: tidak ada kolom target per tahun; berikan --periode")
        semua = [*tahun_target, *tahun_tabel]
        periode = (min(semua), max(semua))
    tahun_tabel = {t for t in tahun_tabel if periode[0] <= t <= periode[1]}
    if tahun is None and len(tahun_tabel) == 1:
        tahun = tahun_tabel.pop()
    dok = Dokumen.kosong(periode_awal=periode[0], periode_akhir=periode[1], tahun=tahun, **pengaturan)
    for k, t in per_tahun:
        if not periode[0] <= t <= periode[1]:
            temuan.append(
                CatatanImpor("", "", "", f"kolom {_label(k)} di luar periode {periode[0]}–{periode[1]}; disimpan di Catatan")
            )
            df["catatan"] = [
                ("; ".join(x for x in (c, f"{_label(k)}: {format_angka(v)}") if x) if v is not None and v == v else c)
                for c, v in zip(df.get("catatan", [None] * len(df)), df[k])
            ]
            df = df.drop(columns=[k])  # the matrix has a column for it, labelled outside the period
    if "target_akhir" in df:
        _target_akhir(df, periode[1], temuan)
    _triwulan_tahun_lain(df, dok.tahun, temuan)
    kolom = [k.kunci for k in kolom_iku(dok.tahun_periode.start)]
    rekaman = []
    for i, b in enumerate(df.to_dict("records")):
        r = {k: isi_sel(b.get(k)) for k in kolom}
        r["kode"] = r["kode"] or f"IKU-{i + 1:02d}"  # codes where the source has none
        rekaman.append(r)
    dok.iku = rekaman
    return dok, temuan
