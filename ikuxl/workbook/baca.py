"""Read an ikuxl workbook file back into a Dokumen: the matrix and everything staff entered.

Formula cells are not read: ikuxl computes them again. A file that is not an ikuxl
workbook, or whose sheets lost their shape, gives BacaError naming file, sheet and cell.
"""

from __future__ import annotations

import re
import zipfile
from zlib import error as zlib_error
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook

from ..dokumen import KOLOM_TW_KOMPONEN, KOLOM_TW_REALISASI, Dokumen, masalah_periode
from ..skema import (
    BARIS_DATA, BARIS_KEPALA, BARIS_SKALA_MAKS, DAFTAR_BAWAAN, IKU, KOMPONEN, PENGATURAN, REALISASI, REFERENSI,
    Tata, kolom_iku, kolom_komponen, kolom_realisasi,
)
from ..susun import BARIS_PENGATURAN, BARIS_SKALA, KOLOM_DAFTAR
from .tulis import peta_lembar


class BacaError(ValueError):
    """A workbook that cannot be read, with a message in Indonesian that names the place."""

    def __init__(self, berkas: str, pesan: str, lembar: str | None = None, sel: str | None = None):
        self.berkas, self.lembar, self.sel = berkas, lembar, sel
        tempat = berkas + (f", lembar {lembar}" if lembar else "") + (f", sel {sel}" if sel else "")
        super().__init__(f"{tempat}: {pesan}")


def _nilai(x):
    if isinstance(x, str):
        x = x.strip()
        return x or None
    return x


# Limits that keep a hostile or absurd file from taking the server's time and memory.
BATAS_BERKAS = 200 * 2**20  # bytes on disk
BATAS_ISI = 1024 * 2**20  # all parts unpacked
BATAS_BAGIAN = 300 * 2**20  # one part unpacked
BATAS_RASIO = 200  # unpacked / packed for a part over 1 MiB: a zip bomb
BATAS_BARIS = 200_000  # rows of one sheet (an IKU workbook has hundreds, at most tens of thousands)
AKHIRAN = (".xlsx", ".xlsm")
_DIMENSI = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def buka_aman(path: Path) -> None:
    """Refuse, with a message that says why, what is not a sound .xlsx: a missing, locked, encrypted,
    legacy, truncated, oversized or hostile file. Reads the zip directory and the first bytes only."""
    path = Path(path)
    nama = path.name
    if not path.is_file():
        raise BacaError(nama, "berkas tidak ditemukan")
    for kunci in (path.with_name("~$" + nama), path.with_name(f".~lock.{nama}#")):
        if kunci.exists():
            raise BacaError(nama, f"sedang dibuka di Excel atau LibreOffice (ada berkas kunci {kunci.name}); "
                                  "tutup dulu, lalu ulangi")
    ukuran = path.stat().st_size
    if ukuran > BATAS_BERKAS:
        raise BacaError(nama, f"terlalu besar ({ukuran / 2**20:.0f} MiB; batas {BATAS_BERKAS // 2**20} MiB)")
    with open(path, "rb") as f:
        awal = f.read(8)
        if awal == OLE:
            f.seek(0)
            isi = f.read(min(ukuran, 4 * 2**20))
            if "EncryptionInfo".encode("utf-16-le") in isi:
                raise BacaError(nama, "dilindungi kata sandi (terenkripsi); buka di Excel, hapus kata sandinya "
                                      "(File › Info › Protect Workbook), simpan, lalu ulangi")
            raise BacaError(nama, "format Excel 97–2003 (.xls); buka di Excel lalu simpan sebagai .xlsx")
    if not zipfile.is_zipfile(path):
        raise BacaError(nama, "bukan berkas Excel .xlsx yang utuh (bukan paket zip, atau terpotong/rusak)")
    if path.suffix.lower() not in AKHIRAN:
        raise BacaError(nama, f"isinya paket Excel tetapi namanya berakhiran {path.suffix or '(kosong)'}; "
                              "ubah namanya menjadi .xlsx lalu ulangi")
    try:
        with zipfile.ZipFile(path) as z:
            daftar = z.infolist()
            if "xl/workbook.xml" not in {i.filename for i in daftar}:
                raise BacaError(nama, "paket zip ini bukan workbook Excel (tidak ada xl/workbook.xml)")
            total = sum(i.file_size for i in daftar)
            if total > BATAS_ISI:
                raise BacaError(nama, f"isinya {total / 2**20:.0f} MiB setelah dibuka (batas {BATAS_ISI // 2**20} MiB)")
            for i in daftar:
                if i.file_size > BATAS_BAGIAN or (i.file_size > 2**20 and i.file_size > BATAS_RASIO * max(i.compress_size, 1)):
                    raise BacaError(nama, f"bagian {i.filename} memuai {i.file_size / 2**20:.0f} MiB dari "
                                          f"{i.compress_size / 2**10:.0f} KiB: bom zip, atau lembar terlalu besar")
                if i.filename.endswith((".xml", ".rels")):
                    with z.open(i) as bagian:
                        kepala = bagian.read(4096)
                    if b"<!DOCTYPE" in kepala or b"<!ENTITY" in kepala:
                        raise BacaError(nama, f"bagian {i.filename} memuat deklarasi DOCTYPE/ENTITY, yang tidak pernah "
                                              "ada di berkas Excel asli (bom XML?); berkas ditolak")
                    dimensi = _DIMENSI.search(kepala)
                    if dimensi and int(dimensi[1]) > BATAS_BARIS:
                        raise BacaError(nama, f"bagian {i.filename} berisi {int(dimensi[1]):,} baris (batas "
                                              f"{BATAS_BARIS:,}); bukan workbook IKU yang wajar".replace(",", "."))
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error) as e:
        raise BacaError(nama, f"paket zip rusak ({e})") from None


def buka(path: Path) -> CalamineWorkbook:
    path = Path(path)
    buka_aman(path)
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as e:  # the reader raises its own kinds for a damaged package
        raise BacaError(path.name, f"berkas Excel rusak atau tidak didukung ({type(e).__name__}: {e})") from None


def _baris(nilai: list[list[object]], kolom: int) -> list[list[object]]:
    """A sheet's values from A1, as many columns as asked (blank cells None)."""
    return [[_nilai(c) for c in (list(r[:kolom]) + [None] * (kolom - len(r)))] for r in nilai or []]


# <f> is a cell's first child when it has one (CT_Cell: f, v, is, extLst)
_SEL_RUMUS = re.compile(rb'<(?:\w+:)?c r="([A-Z]+[0-9]+)"[^>]*(?<!/)>\s*<(?:\w+:)?f[ >/]')


def _sel_berumus(path: Path, lembar: str) -> set[str]:
    """Cells of a sheet that hold a formula (ikuxl's own, not inputs)."""
    with zipfile.ZipFile(path) as z:
        return {m.decode() for m in _SEL_RUMUS.findall(z.read(peta_lembar(z.read)[lembar]))}


def _cek_kepala(berkas: str, lembar: str, baris: list[list[object]], tata: Tata, kunci: list[str] | None = None) -> None:
    """The headers of the columns that are read must be where ikuxl put them."""
    kepala = baris[BARIS_KEPALA - 1] if len(baris) >= BARIS_KEPALA else []
    for k in tata.kolom:
        if kunci is not None and k.kunci not in kunci:
            continue
        i = tata.posisi[k.kunci] - 1
        ada = kepala[i] if i < len(kepala) else None
        if str(ada or "").strip().lower() != k.judul.lower():
            raise BacaError(berkas, f'judul kolom "{k.judul}" diharapkan, ditemukan "{ada or ""}" — '
                                    "bukan workbook IKU ikuxl, atau kolomnya telah dipindah", lembar, f"{tata.huruf(k.kunci)}{BARIS_KEPALA}")


def baca_dokumen(path: Path) -> Dokumen:
    """The Dokumen of a workbook file."""
    path = Path(path)
    wb = buka(path)
    try:
        lembar = {n: wb.get_sheet_by_name(n).to_python() for n in (IKU, REALISASI, KOMPONEN, REFERENSI) if n in wb.sheet_names}
    except Exception as e:  # the reader's own kinds of error for a damaged sheet
        raise BacaError(path.name, f"isi lembar rusak ({type(e).__name__}: {e})") from None
    finally:
        wb.close()
    try:
        berumus = _sel_berumus(path, REALISASI) if REALISASI in lembar else set()
    except (zipfile.BadZipFile, KeyError, OSError, zlib_error) as e:
        raise BacaError(path.name, f"paket zip rusak ({e})") from None
    return dokumen_dari_nilai(path.name, lembar, berumus)


def dokumen_dari_nilai(nama: str, lembar: dict[str, list[list[object]]], berumus: set[str] | None = None) -> Dokumen:
    """The Dokumen from the values of an ikuxl workbook's sheets (2-D from A1), as a file reader
    or Excel gives them. `berumus`: cells of the Realisasi sheet holding formulas, which are
    not inputs (where unknown, the indicators' Rumus says which cells ikuxl computes)."""
    for l in (IKU, REALISASI, KOMPONEN, REFERENSI):
        if l not in lembar:
            raise BacaError(nama, f"lembar {l} tidak ada; bukan workbook IKU ikuxl (buat dengan `ikuxl template`)")
    berumus = berumus or set()
    ref = _baris(lembar[REFERENSI], KOLOM_DAFTAR + len(DAFTAR_BAWAAN) + 1)
    pengaturan = {}
    for i, (kunci, label, _) in enumerate(PENGATURAN):
        r = BARIS_PENGATURAN + i - 1
        pengaturan[kunci] = ref[r][1] if r < len(ref) else None

    def sel(kunci):
        return f"B{BARIS_PENGATURAN + [p[0] for p in PENGATURAN].index(kunci)}"

    for kunci in ("periode_awal", "periode_akhir", "tahun"):
        x = pengaturan[kunci]
        try:
            pengaturan[kunci] = int(x)
            bulat = not isinstance(x, bool) and pengaturan[kunci] == float(x)
        except (TypeError, ValueError, OverflowError):
            bulat = False
        if not bulat:
            raise BacaError(nama, f"{kunci.replace('_', ' ')} harus tahun (angka bulat), ditemukan {x!r}",
                            REFERENSI, sel(kunci))
    masalah = masalah_periode(pengaturan["periode_awal"], pengaturan["periode_akhir"], pengaturan["tahun"])
    if masalah:
        raise BacaError(nama, f"{masalah[1]}; perbaiki di lembar Referensi", REFERENSI, sel(masalah[0]))
    dok = Dokumen.kosong(**{k: pengaturan[k] for k in ("instansi", "tingkat", "wilayah", "periode_awal",
                                                       "periode_akhir", "tahun", "batas_capaian", "urusan")})
    dok.pengaturan["versi_template"] = pengaturan.get("versi_template")
    dok.keterangan = pengaturan.get("keterangan")
    # the rows as they stand, blank ones in place: the formulas refer to these cells by row
    skala = [tuple(((ref[r] if r < len(ref) else []) + [None] * 3)[:3]) for r in range(BARIS_SKALA, BARIS_SKALA + BARIS_SKALA_MAKS)]
    while skala and not any(x is not None for x in skala[-1]):
        skala.pop()
    dok.skala = skala
    daftar = {}
    kepala_ref = ref[BARIS_PENGATURAN - 2] if len(ref) >= BARIS_PENGATURAN - 1 else []
    for c in range(KOLOM_DAFTAR - 1, len(kepala_ref)):
        if kepala_ref[c]:
            daftar[str(kepala_ref[c])] = [str(b[c]) for b in ref[BARIS_PENGATURAN - 1:] if c < len(b) and b[c] is not None]
    dok.daftar = {**{k: list(v) for k, v in DAFTAR_BAWAAN.items()}, **daftar}

    tata = Tata(kolom_iku(dok.tahun_periode))
    iku = _baris(lembar[IKU], len(tata.kolom))
    _cek_kepala(nama, IKU, iku, tata)
    rekaman = [dict(zip([k.kunci for k in tata.kolom], b + [None] * (len(tata.kolom) - len(b))))
               for b in iku[BARIS_DATA - 1:] if any(x is not None for x in b)]
    dok.iku = pd.DataFrame(rekaman, columns=[k.kunci for k in tata.kolom], dtype=object)

    tr = Tata(kolom_realisasi())
    real = _baris(lembar[REALISASI], max(tr.posisi[k] for k in KOLOM_TW_REALISASI))  # the inputs; the rest is computed
    _cek_kepala(nama, REALISASI, real, tr, ["kode", *KOLOM_TW_REALISASI])
    masuk = {}
    for r, b in enumerate(real[BARIS_DATA - 1:], start=BARIS_DATA):
        kode = b[tr.posisi["kode"] - 1] if b else None
        if kode is None:
            continue
        masuk[str(kode)] = {k: None if tr.sel(k, r) in berumus else b[tr.posisi[k] - 1] for k in KOLOM_TW_REALISASI}
    dok.realisasi = pd.DataFrame.from_dict(masuk, orient="index", columns=KOLOM_TW_REALISASI, dtype=object)

    tk = Tata(kolom_komponen())
    komp = _baris(lembar[KOMPONEN], len(tk.kolom))
    _cek_kepala(nama, KOMPONEN, komp, tk, ["kode", "komponen", *KOLOM_TW_KOMPONEN])
    dok.komponen = pd.DataFrame(
        [{"kode": str(b[0]), "komponen": str(b[2]), **{k: b[tk.posisi[k] - 1] for k in KOLOM_TW_KOMPONEN}}
         for b in komp[BARIS_DATA - 1:] if b and b[0] is not None and b[2] is not None],
        columns=["kode", "komponen", *KOLOM_TW_KOMPONEN], dtype=object)
    # the frames were built from these plain rows: hand them on rather than have them read back
    dok.sekali("rekaman_iku", lambda: rekaman)
    dok.sekali("masukan_realisasi", lambda: masuk)
    return dok
