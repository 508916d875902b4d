"""From a Dokumen to the write plan of a whole ikuxl workbook.

Sheets IKU (the matrix), Realisasi (targets and realisasi per triwulan, with the
compiled formula columns), Komponen (values of each Rumus component), Referensi
(lists, kategori scale, settings), Petunjuk, and the Ringkasan and Validasi
sheets that the actions fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from . import kolom as K
from .capaian import METODE_NEGATIF, RUMUS_POSITIF, Skala
from .dokumen import SKALA_BAWAAN, Dokumen, skala_terurut
from .nilai import isi_sel
from .plan import LEBAR_TEGAK, LembarPlan, Plan, Rumusan, ValidasiData
from .rumus import kunci_komponen, masalah_batas_excel, teks_excel
from .skema import (
    BARIS_DAFTAR_MAKS, BARIS_DATA, BARIS_JUDUL, BARIS_KEPALA, BARIS_SKALA_MAKS, BARIS_SUBJUDUL, FORMAT_ANGKA,
    FORMAT_PERSEN, IKU, KOMPONEN, PENGATURAN, PETUNJUK, REALISASI, REFERENSI, RINGKASAN, VALIDASI,
    NAMA_SKALA, Kolom, Tata, kolom_komponen, kolom_realisasi,
)

BARIS_CADANGAN = 200  # empty IKU rows prepared with dropdowns and validation
BARIS_PENGATURAN = 4
BARIS_SKALA = 17  # header of the scale block on Referensi
KOLOM_DAFTAR = 5  # lists start in column E of Referensi


def ref(lembar: str, sel: str) -> str:
    return f"{_kutip(lembar)}!{sel}"


@lru_cache(maxsize=64)  # a handful of sheet names, quoted for thousands of references
def _kutip(lembar: str) -> str:
    return quote_sheetname(lembar)


def _mutlak(kolom: int, baris: int) -> str:
    return f"${get_column_letter(kolom)}${baris}"


def judul_lembar(l: LembarPlan, judul: str, dok: Dokumen) -> None:
    """Title, agency and period, and the workbook's note (e.g. illustrative figures) above a sheet's table."""
    p = dok.pengaturan
    l.tulis(BARIS_JUDUL, 1, judul, "judul")
    sub = " ".join(str(x) for x in (p.get("instansi"), p.get("wilayah")) if x)
    sub += f" — Periode {p['periode_awal']}–{p['periode_akhir']}, tahun pelaporan {p['tahun']}"
    l.tulis(BARIS_SUBJUDUL, 1, sub.strip(" —"), "subjudul")
    if dok.keterangan:
        l.tulis(BARIS_KEPALA - 1, 1, dok.keterangan, "keterangan")
    l.tinggi[BARIS_JUDUL] = 24


def _kepala(l: LembarPlan, kolom: list[Kolom]) -> None:
    for i, k in enumerate(kolom, start=1):
        l.tulis(BARIS_KEPALA, i, k.judul, "kepala")
        l.lebar[i] = k.lebar
    l.tinggi[BARIS_KEPALA] = 45
    l.baris_cetak = f"{BARIS_KEPALA}:{BARIS_KEPALA}"


def _kelompok(tata: Tata, kunci: tuple[str, ...]) -> list[int]:
    """The columns that start the groups a printed page may break between (those of `kunci` the sheet has)."""
    return sorted(tata.posisi[k] for k in kunci if k in tata.posisi)


def _validasi_kolom(l: LembarPlan, tata: Tata, kunci: str, sampai: int) -> None:
    k = tata.kolom[tata.posisi[kunci] - 1]
    rentang = f"{tata.huruf(kunci)}{BARIS_DATA}:{tata.huruf(kunci)}{sampai}"
    if k.daftar:
        l.validasi.append(ValidasiData(rentang, "list", f"=Daftar_{k.daftar}", k.judul,
                                       k.petunjuk or f"Pilih dari daftar {k.daftar} (lembar Referensi)."))
    elif k.angka:
        l.validasi.append(ValidasiData(rentang, "decimal", None, k.judul,
                                       k.petunjuk or "Isi angka saja, tanpa satuan (satuan di kolom Satuan)."))




# --- IKU ------------------------------------------------------------------------------------------


def _lembar_iku(dok: Dokumen, plan: Plan) -> LembarPlan:
    l = LembarPlan(IKU, beku="C5", warna_tab="1F4E79")
    kolom = dok.kolom_iku
    tata = Tata(kolom)
    judul_lembar(l, "INDIKATOR KINERJA UTAMA (IKU)", dok)
    _kepala(l, kolom)
    for r, baris in enumerate(dok.iku.to_dict("records"), start=BARIS_DATA):
        for c, k in enumerate(kolom, start=1):
            nilai = isi_sel(baris.get(k.kunci))
            l.tulis(r, c, nilai, "input" if k.angka else "teks", FORMAT_ANGKA if k.angka else None)
    akhir = BARIS_DATA + len(dok.iku) + BARIS_CADANGAN - 1
    for r in range(BARIS_DATA + len(dok.iku), akhir + 1):  # empty rows ready for new indicators
        for c, k in enumerate(kolom, start=1):
            l.tulis(r, c, None, "input" if k.angka else "teks", FORMAT_ANGKA if k.angka else None)
    for k in kolom:
        _validasi_kolom(l, tata, k.kunci, akhir)
    l.saring = f"A{BARIS_KEPALA}:{get_column_letter(len(kolom))}{akhir}"
    # On paper: Kode on every page across, a page break only between groups of columns, and the
    # rows down to the last with a Kode or an indicator, also one typed after ikuxl last ran. Excel
    # follows this formula; LibreOffice ignores a formula print area and prints the used cells,
    # which are the same rows (empty prepared cells with only a style are not printed).
    l.kolom_cetak = "A:A"
    l.kelompok_cetak = _kelompok(tata, ("kode", "tujuan", "jabatan", "kinerja_utama", "satuan", "rumus", "sumber_data",
                                        "kondisi_awal", "status", "catatan"))
    a, g = (ref(IKU, f"${tata.huruf(k)}:${tata.huruf(k)}") for k in ("kode", "indikator"))
    l.area_cetak = (f"{ref(IKU, '$A$1')}:INDEX({ref(IKU, f'${get_column_letter(len(kolom))}:${get_column_letter(len(kolom))}')},"
                    f'LOOKUP(2,1/(({a}<>"")+({g}<>"")),ROW({a})))')
    plan.nama["IKU_Data"] = ref(IKU, f"$A${BARIS_DATA}:{_mutlak(len(kolom), akhir)}")
    return l


# --- Komponen and Realisasi -----------------------------------------------------------------------


@dataclass
class Letak:
    """Where each indicator's rows sit in the workbook ikuxl writes for a Dokumen."""

    baris_iku: list[int]  # by position in dok.iku
    baris_realisasi: dict[str, int]  # by kode, active indicators only
    baris_komponen: dict[tuple[str, str], int]  # by (kode, kunci_komponen)


def letak(dok: Dokumen) -> Letak:
    return dok.sekali("letak", lambda: _letak(dok))


def _letak(dok: Dokumen) -> Letak:
    baris_realisasi, baris_komponen = {}, {}
    rk = BARIS_DATA
    for _, b in dok.baris_aktif():
        kode = str(isi_sel(b["kode"]) or "").strip()
        if not kode or kode in baris_realisasi:
            continue
        baris_realisasi[kode] = BARIS_DATA + len(baris_realisasi)
        rumus = definisi(b).rumus_komponen
        for nama in rumus.komponen if rumus else ():
            baris_komponen[(kode, kunci_komponen(nama))] = rk
            rk += 1
    return Letak([BARIS_DATA + i for i in range(len(dok.iku))], baris_realisasi, baris_komponen)


def definisi(baris) -> K.Definisi:
    return K.Definisi(*(isi_sel(baris.get(k)) for k in ("polaritas", "sifat", "metode", "rumus")))


def masukan_komponen(dok: Dokumen) -> dict[tuple[str, str], list[object]]:
    """The values typed on the Komponen sheet, by (kode, component), TW I–IV."""
    return dok.sekali("masukan_komponen", lambda: {
        (str(b["kode"]).strip(), kunci_komponen(str(b["komponen"]))): [isi_sel(b.get(f"tw{q}")) for q in range(1, 5)]
        for b in dok.komponen.to_dict("records")})


# Placeholders for the row of an indicator and the rows of its components in a formula pattern
_BARIS, _KOMPONEN = "\x01", "\x02"


def _rumus_baris(d: K.Definisi, r, baris_komponen: list, skala, ref_pita, batas_ref: str) -> dict[str, str]:
    """The Excel formulas of one Realisasi row (by column key) for an indicator on row `r`
    whose components sit on `baris_komponen` of the Komponen sheet."""
    tr, tk = Tata(kolom_realisasi()), Tata(kolom_komponen())
    sel = {k: tr.sel(k, r) for k in tr.posisi}
    rumus = d.rumus_komponen
    nama = rumus.komponen if rumus is not None else []
    komponen_ref = [{n: ref(KOMPONEN, tk.sel(f"tw{q}", b, mutlak=True)) for n, b in zip(nama, baris_komponen)}
                    for q in range(1, 5)]
    hasil = {}
    for q in range(1, 5):
        if rumus is not None:
            hasil[f"realisasi_tw{q}"] = K.realisasi_tw_excel(d, komponen_ref[q - 1])
        hasil[f"capaian_tw{q}"] = K.capaian_excel(d, sel[f"target_tw{q}"], sel[f"realisasi_tw{q}"], kosong_tanpa_realisasi=True)
        hasil[f"kategori_tw{q}"] = K.kategori_excel(sel[f"capaian_tw{q}"], skala, ref_pita)
    # the components sit on consecutive rows: "all filled" is one COUNT over them
    terisi = [f"COUNT({ref(KOMPONEN, tk.sel(f'tw{q}', baris_komponen[0], mutlak=True))}:"
              f"{tk.sel(f'tw{q}', baris_komponen[-1], mutlak=True)})={len(nama)}" for q in range(1, 5)] if nama else None
    hasil["realisasi_tahunan"], hasil["target_sd"] = K.tahunan_excel(
        d, [sel[f"realisasi_tw{q}"] for q in range(1, 5)], [sel[f"target_tw{q}"] for q in range(1, 5)],
        sel["target_tahunan"], komponen_ref, terisi)
    hasil["capaian_mentah"] = K.capaian_excel(d, sel["target_sd"], sel["realisasi_tahunan"])
    hasil["capaian"] = K.capaian_dibatasi_excel(sel["capaian_mentah"], batas_ref)
    hasil["kategori"] = K.kategori_excel(sel["capaian"], skala, ref_pita)
    return hasil


@lru_cache(maxsize=1024)
def _pola_baris(d: K.Definisi, pita: tuple, rusak: bool, ref_pita: tuple, batas_ref: str) -> dict[str, str] | None:
    """_rumus_baris once per definition and scale, as str.format patterns over r and k[j] (the
    j-th component's row): the indicators of a workbook, and the workbooks of a batch, share
    a few definitions, and compiling is the slow part. None when the definition's own text
    holds a placeholder character."""
    skala = Skala(pita, rusak=rusak)
    if any(_BARIS in str(x) or _KOMPONEN in str(x) for x in (d.polaritas, d.sifat, d.metode, d.rumus)):
        return None
    jumlah = len(d.rumus_komponen.komponen) if d.rumus_komponen is not None else 0
    rumus = _rumus_baris(d, _BARIS, [f"{_KOMPONEN}{j}{_KOMPONEN}" for j in range(jumlah)], skala, ref_pita, batas_ref)
    return {k: re.sub(f"{_KOMPONEN}(\\d+){_KOMPONEN}", r"{k[\1]}",
                      v.replace("{", "{{").replace("}", "}}").replace(_BARIS, "{r}")) for k, v in rumus.items()}


MAKS_BARIS = 1_048_576  # a sheet's last row: the longest reference a formula can hold
TEKS_MELAMPAUI_EXCEL = K.tdd("Rumus terlalu besar untuk Excel; sederhanakan Rumus (lihat Validasi)")


@lru_cache(maxsize=1024)
def galat_batas_excel(d: K.Definisi) -> str | None:
    """Which of Excel's limits the formulas compiled for this definition break, on any row of
    a sheet (checked with the longest references); None when they fit. Such an indicator's
    computed cells hold TEKS_MELAMPAUI_EXCEL instead, and Validasi reports its Rumus."""
    skala = skala_terurut(SKALA_BAWAAN)  # the usual scale: the same compiled pattern is reused
    pola = _pola_baris(d, tuple(skala.pita), False, tuple(_ref_pita(skala)), "Batas_Capaian")
    jumlah = len(d.rumus_komponen.komponen) if d.rumus_komponen is not None else 0
    rumus = ({k: v.format(r=MAKS_BARIS, k=[MAKS_BARIS] * jumlah) for k, v in pola.items()} if pola is not None else
             _rumus_baris(d, MAKS_BARIS, [MAKS_BARIS] * jumlah, skala, _ref_pita(skala), "Batas_Capaian"))
    return next((m for m in map(masalah_batas_excel, rumus.values()) if m), None)


def _lembar_realisasi_komponen(dok: Dokumen, plan: Plan, skala) -> tuple[LembarPlan, LembarPlan]:
    lr = LembarPlan(REALISASI, beku="C5", lindungi=True, warna_tab="375623")
    lk = LembarPlan(KOMPONEN, beku="D5", lindungi=True, warna_tab="7F6000")
    tr, tk = Tata(kolom_realisasi()), Tata(kolom_komponen())
    judul_lembar(lr, f"TARGET, REALISASI DAN CAPAIAN TAHUN {dok.tahun}", dok)
    judul_lembar(lk, f"KOMPONEN RUMUS PER TRIWULAN TAHUN {dok.tahun}", dok)
    _kepala(lr, tr.kolom)
    _kepala(lk, tk.kolom)
    tata_iku = Tata(dok.kolom_iku)
    komponen_masuk = masukan_komponen(dok)
    realisasi_masuk = dok.masukan_realisasi()
    batas = dok.pengaturan.get("batas_capaian")
    batas_ref = "Batas_Capaian"
    ref_pita = _ref_pita(skala)
    pola: dict[K.Definisi, dict[str, str] | None] = {}  # per definition; saves hashing the scale for every row
    kolom = tr.posisi

    tempat = letak(dok)
    r, rk = BARIS_DATA, BARIS_DATA
    for i, b in dok.baris_aktif():
        kode = str(isi_sel(b["kode"]) or "").strip()
        if tempat.baris_realisasi.get(kode) != r:
            continue  # no kode, or a second row with the same kode (Validasi reports both)
        d = definisi(b)
        masuk = realisasi_masuk.get(kode, {})
        rumus = d.rumus_komponen
        nama_komponen = rumus.komponen if rumus is not None else []
        baris_komponen = list(range(rk, rk + len(nama_komponen)))
        melampaui = galat_batas_excel(d)
        if melampaui:
            f = None
        else:
            if d not in pola:
                pola[d] = _pola_baris(d, tuple(skala.pita), skala.rusak, tuple(ref_pita), batas_ref)
            f = ({k: v.format(r=r, k=baris_komponen) for k, v in pola[d].items()} if pola[d] is not None
                 else _rumus_baris(d, r, baris_komponen, skala, ref_pita, batas_ref))

        def tulis(kunci, nilai, format=FORMAT_ANGKA):
            isi = Rumusan(f[kunci], nilai) if f else Rumusan(teks_excel(TEKS_MELAMPAUI_EXCEL), TEKS_MELAMPAUI_EXCEL)
            lr.tulis(r, kolom[kunci], isi, "rumus", format)

        for kunci in ("kode", "indikator", "satuan", "polaritas", "sifat", "sasaran", "jabatan", "bidang"):
            lr.tulis(r, kolom[kunci], isi_sel(b.get(kunci)), "rumus")
        # the yearly target lives on IKU; this cell follows it
        nilai_iku = isi_sel(b.get(f"target_{dok.tahun}"))
        sel_iku = ref(IKU, tata_iku.sel(f"target_{dok.tahun}", tempat.baris_iku[i], mutlak=True)) \
            if f"target_{dok.tahun}" in tata_iku.posisi else '""'
        target_tahunan = K.target_tahunan(nilai_iku)
        lr.tulis(r, kolom["target_tahunan"], Rumusan(K.target_tahunan_excel(sel_iku), target_tahunan), "rumus", FORMAT_ANGKA)

        target_tw = [isi_sel(masuk.get(f"target_tw{q}")) for q in range(1, 5)]
        for q in range(4):
            lr.tulis(r, kolom[f"target_tw{q + 1}"], target_tw[q], "input", FORMAT_ANGKA)

        # Komponen rows and the realisasi per quarter
        komponen_nilai: list[dict[str, object]] = [{} for _ in range(4)]
        for nama in nama_komponen:
            lk.tulis(rk, tk.posisi["kode"], kode, "rumus")
            lk.tulis(rk, tk.posisi["indikator"], isi_sel(b.get("indikator")), "rumus")
            lk.tulis(rk, tk.posisi["komponen"], nama, "rumus")
            nilai = komponen_masuk.get((kode, kunci_komponen(nama)), [None] * 4)
            for q in range(4):
                lk.tulis(rk, tk.posisi[f"tw{q + 1}"], nilai[q], "input", FORMAT_ANGKA)
                komponen_nilai[q][nama] = nilai[q]
            rk += 1
        realisasi_tw: list[object] = []
        for q in range(1, 5):
            if rumus is None:
                nilai = isi_sel(masuk.get(f"realisasi_tw{q}"))
                lr.tulis(r, kolom[f"realisasi_tw{q}"], nilai, "input", FORMAT_ANGKA)
            else:
                nilai = K.realisasi_tw(d, komponen_nilai[q - 1])
                tulis(f"realisasi_tw{q}", nilai)
            realisasi_tw.append(nilai)

        for q in range(1, 5):
            capaian_tw = K.capaian_sel(d, target_tw[q - 1], realisasi_tw[q - 1], kosong_tanpa_realisasi=True)
            tulis(f"capaian_tw{q}", capaian_tw, FORMAT_PERSEN)
            tulis(f"kategori_tw{q}", K.kategori_sel(capaian_tw, skala), None)
        real_v, target_v = K.tahunan(d, realisasi_tw, target_tw, target_tahunan, komponen_nilai)
        tulis("realisasi_tahunan", real_v)
        tulis("target_sd", target_v)
        mentah_v = K.capaian_sel(d, target_v, real_v)
        tulis("capaian_mentah", mentah_v, FORMAT_PERSEN)
        capaian_v = K.capaian_dibatasi(mentah_v, batas)
        tulis("capaian", capaian_v, FORMAT_PERSEN)
        tulis("kategori", K.kategori_sel(capaian_v, skala), None)
        r += 1

    # On paper: Kode and Indikator on every page across, pages broken between the blocks of
    # columns (the indicator, targets, realisasi, capaian and kategori per triwulan, the year, who)
    lr.kolom_cetak = "A:B"
    lr.kelompok_cetak = _kelompok(tr, ("kode", "satuan", "target_tw1", "realisasi_tw1", "capaian_tw1", "kategori_tw1",
                                       "realisasi_tahunan", "sasaran"))
    lk.area_cetak = f"{ref(KOMPONEN, '$A')}:${get_column_letter(len(tk.kolom))}"  # the table, not the note beside it
    for l, tata, akhir in ((lr, tr, r - 1), (lk, tk, rk - 1)):
        for k in tata.kolom:
            if k.angka:
                _validasi_kolom(l, tata, k.kunci, max(akhir, BARIS_DATA))
        l.saring = f"A{BARIS_KEPALA}:{get_column_letter(len(tata.kolom))}{max(akhir, BARIS_KEPALA + 1)}"
        plan.nama[f"{l.nama}_Data"] = ref(l.nama, f"$A${BARIS_DATA}:{_mutlak(len(tata.kolom), max(akhir, BARIS_DATA))}")
    return lr, lk


# --- Referensi ------------------------------------------------------------------------------------


def _lembar_referensi(dok: Dokumen, plan: Plan) -> LembarPlan:
    l = LembarPlan(REFERENSI, warna_tab="7030A0")
    l.tulis(BARIS_JUDUL, 1, "REFERENSI: daftar pilihan, skala kategori dan pengaturan", "judul")
    l.tulis(BARIS_SUBJUDUL, 1, "Boleh diubah: tambahkan satuan atau jabatan di bawah daftarnya; "
                               "klik Hitung Capaian setelah mengubah skala.", "subjudul")
    l.tulis(BARIS_PENGATURAN - 1, 1, "Pengaturan", "kepala")
    l.tulis(BARIS_PENGATURAN - 1, 2, "Nilai", "kepala")
    for i, (kunci, label, nama) in enumerate(PENGATURAN):
        baris = BARIS_PENGATURAN + i
        l.tulis(baris, 1, label, "label")
        nilai = isi_sel(dok.keterangan if kunci == "keterangan" else dok.pengaturan.get(kunci))
        l.tulis(baris, 2, nilai, "input" if kunci != "versi_template" else "rumus")
        plan.nama[nama] = ref(REFERENSI, _mutlak(2, baris))

    l.tulis(BARIS_SKALA - 1, 1, "Skala kategori capaian (pita dari batas bawah ke atas; baris tanpa batas = "
                                "semua di bawahnya)", "label")
    for c, judul in enumerate(("Operator (≥ atau >)", "Batas bawah (%)", "Kategori"), start=1):
        l.tulis(BARIS_SKALA, c, judul, "kepala")
    for i in range(BARIS_SKALA_MAKS):
        op, batas, label = dok.skala[i] if i < len(dok.skala) else (None, None, None)
        l.tulis(BARIS_SKALA + 1 + i, 1, op, "input")
        l.tulis(BARIS_SKALA + 1 + i, 2, batas, "input", FORMAT_ANGKA)
        l.tulis(BARIS_SKALA + 1 + i, 3, label, "input")
    plan.nama[NAMA_SKALA] = ref(REFERENSI, f"$A${BARIS_SKALA + 1}:$C${BARIS_SKALA + BARIS_SKALA_MAKS}")
    l.validasi.append(ValidasiData(f"A{BARIS_SKALA + 1}:A{BARIS_SKALA + BARIS_SKALA_MAKS}", "list", '"≥,>"',
                                   "Operator", "≥ : batas termasuk pita ini; > : batas masuk pita di bawahnya."))

    daftar = dict(dok.daftar)
    daftar["Jabatan"] = dok.jabatan()
    for j, (nama, isi) in enumerate(daftar.items()):
        kolom = KOLOM_DAFTAR + j
        l.tulis(BARIS_PENGATURAN - 1, kolom, nama, "kepala")
        for i in range(BARIS_DAFTAR_MAKS):
            # wrapped: a long jabatan must not run past its column, where the printed page cuts it
            l.tulis(BARIS_PENGATURAN + i, kolom, isi[i] if i < len(isi) else None, "teks")
        l.lebar[kolom] = 44 if nama == "Jabatan" else 14
        plan.nama[f"Daftar_{nama}"] = ref(
            REFERENSI, f"{_mutlak(kolom, BARIS_PENGATURAN)}:{_mutlak(kolom, BARIS_PENGATURAN + BARIS_DAFTAR_MAKS - 1)}")
    l.lebar.update({1: 44, 2: 34, 3: 18, 4: 3})
    l.kelompok_cetak = [1, KOLOM_DAFTAR]  # settings and scale on one page, the lists on the next
    return l


# --- Petunjuk, Ringkasan, Validasi ----------------------------------------------------------------

PETUNJUK_TEKS = [
    ("judul", "PETUNJUK PENGISIAN WORKBOOK IKU"),
    ("subjudul", None),
    ("label", "Urutan kerja"),
    ("isi", "1. Lembar Referensi: isi nama instansi, urusan, periode, tahun pelaporan; periksa daftar satuan, jabatan dan "
            "skala kategori."),
    ("isi", "2. Lembar IKU: satu baris per indikator. Kolom berwarna kuning muda adalah isian. Angka ditulis tanpa satuan "
            "(150, bukan \"150 Unit\"); satuannya di kolom Satuan. Polaritas, Sifat dan Satuan dipilih dari daftar."),
    ("isi", "3. Kolom Rumus: Cara Perhitungan dengan nama komponen dalam [kurung siku], mis. "
            "(%) = [Jumlah rumah layak] / [Jumlah RTLH] × 100. Argumen fungsi dipisah titik koma: MIN([A]; [B])."),
    ("isi", "4. Klik Hitung Capaian (tab IKU di pita Excel) atau jalankan `ikuxl recalc` agar baris lembar Realisasi dan "
            "Komponen dibuat untuk setiap indikator."),
    ("isi", "5. Lembar Komponen: isi nilai tiap komponen per triwulan. Realisasi indikator yang punya rumus dihitung dari sini."),
    ("isi", "6. Lembar Realisasi: isi target per triwulan dan realisasi indikator tanpa rumus. Capaian dan kategori "
            "terhitung otomatis oleh rumus Excel, juga tanpa Python."),
    ("isi", "7. Klik Validasi untuk memeriksa isian dan Perbarui Ringkasan untuk tabel dan grafik ringkasan."),
    ("label", "Tombol pada tab IKU"),
    ("isi", "Validasi: memeriksa isian; temuan ditulis di lembar Validasi dengan tautan ke selnya, dan sel bermasalah ditandai."),
    ("isi", "Hitung Capaian: menyusun ulang rumus Realisasi dan Komponen dari Polaritas, Sifat dan Rumus, lalu menghitung capaian."),
    ("isi", "Perbarui Ringkasan: menyusun ulang lembar Ringkasan (capaian per sasaran, per jabatan, per triwulan, grafik)."),
    ("label", "Fungsi lembar kerja"),
    ("isi", "=IKU.CAPAIAN(target; realisasi; \"negatif\") — capaian satu pasang target/realisasi."),
    ("isi", "=IKU.KATEGORI(capaian; Skala_Kategori) — kategori menurut skala di lembar Referensi."),
    ("isi", "=IKU.NILAI(rumus; nama_komponen; nilai_komponen) — menghitung sebuah Rumus."),
    ("isi", "=IKU.ANGKA(\"9,85 Ha\") — membaca angka dari teks."),
    ("label", "Aturan capaian"),
    ("isi", f"Polaritas positif: {RUMUS_POSITIF}. Polaritas negatif: {METODE_NEGATIF['standar']}; "
            f"metode kebalikan: {METODE_NEGATIF['kebalikan']}."),
    ("isi", "Target 0 tidak dapat dihitung, kecuali polaritas negatif dengan realisasi 0 (= 100). Capaian negatif menjadi 0. "
            "Batas atas capaian (100 atau 120) diatur di Referensi; nilai sebelum batas tetap ditampilkan."),
    ("isi", "Triwulan ke tahunan menurut Sifat: kumulatif (jumlah), akhir periode (triwulan terakhir terisi), rata-rata, "
            "rasio (rumus dihitung dari komponen yang dijumlah). Dibandingkan dengan target triwulan yang sama."),
    ("isi", "Sel yang tidak dapat dihitung menampilkan alasannya, mis. \"tidak dapat dihitung: target 0\"."),
    ("label", "Lembar"),
    ("isi", "IKU — matriks indikator. Realisasi — target, realisasi, capaian. Komponen — nilai komponen rumus. "
            "Referensi — daftar pilihan, skala, pengaturan. Ringkasan — ringkasan capaian. Validasi — hasil pemeriksaan."),
    ("isi", "Lembar Realisasi dan Komponen dilindungi tanpa kata sandi agar rumus tidak terhapus; sel isian tetap bisa diisi. "
            "Perlindungan dapat dibuka lewat Review › Unprotect Sheet bila benar-benar perlu."),
]


def _lembar_petunjuk(dok: Dokumen) -> LembarPlan:
    l = LembarPlan(PETUNJUK, lindungi=False, warna_tab="C00000")
    baris = 1
    for gaya, teks in PETUNJUK_TEKS:
        if gaya == "subjudul":
            p = dok.pengaturan
            teks = f"{p.get('instansi') or ''} {p.get('wilayah') or ''}".strip() or "Template ikuxl"
        if gaya == "label":
            baris += 1
        l.tulis(baris, 1, teks, gaya)
        baris += 1
    if dok.keterangan:
        l.tulis(baris + 1, 1, dok.keterangan, "keterangan")
    # one column of text, printed portrait: as wide as a portrait A4 page holds at full size (text wraps in it)
    l.lebar[1] = LEBAR_TEGAK
    l.tegak, l.area_cetak = True, ref(PETUNJUK, "$A:$A")
    return l


def _lembar_kosong(nama: str, judul: str, penjelasan: str, dok: Dokumen) -> LembarPlan:
    l = LembarPlan(nama, lindungi=True, warna_tab="595959")
    judul_lembar(l, judul, dok)
    l.tulis(BARIS_KEPALA, 1, penjelasan, "subjudul")
    l.lebar[1] = 60
    return l


NAMA_TANDA = "IKUXL_TANDA"  # the condition of ikuxl's marks on cells with findings; always TRUE


def skala_kategori(dok: Dokumen) -> Skala:
    """The workbook's scale, or a broken one (Validasi names the cell, SKALA_*) whose kategori
    cells all say so: Python and the formulas never guess at what a broken scale means."""
    try:
        return skala_terurut(dok.skala)
    except ValueError:
        return Skala([], rusak=True)


def _ref_pita(skala) -> list[tuple[str, str]]:
    return [(ref(REFERENSI, _mutlak(2, BARIS_SKALA + 1 + p.asal)), ref(REFERENSI, _mutlak(3, BARIS_SKALA + 1 + p.asal)))
            for p in skala.pita]


def susun(dok: Dokumen, temuan: list | None = None, lengkap: bool = True) -> Plan:
    """The plan of a complete workbook for this Dokumen. With `temuan` (the Validasi
    findings), the Validasi sheet lists them and their cells get a mark; without, the
    Ringkasan and Validasi sheets only say how they get filled. With lengkap=False the
    staff's sheets (Petunjuk, IKU, Referensi) carry only their marks: that is all a
    recalculation of an existing file writes there."""
    from .ringkasan import lembar_ringkasan, lembar_validasi

    plan = Plan()
    skala = skala_kategori(dok)
    realisasi, komponen = _lembar_realisasi_komponen(dok, plan, skala)
    lembar = {l.nama: l for l in (realisasi, komponen)}
    lembar[IKU] = _lembar_iku(dok, plan) if lengkap else LembarPlan(IKU)
    if temuan is None:
        ringkasan = _lembar_kosong(RINGKASAN, "RINGKASAN CAPAIAN", "Diisi oleh tombol Perbarui Ringkasan (atau ikuxl recalc).", dok)
        validasi = _lembar_kosong(VALIDASI, "HASIL VALIDASI", "Diisi oleh tombol Validasi (atau ikuxl validate / recalc).", dok)
    else:
        ringkasan = lembar_ringkasan(dok, realisasi, skala, _ref_pita(skala))
        validasi = lembar_validasi(dok, temuan)
        for t in temuan:
            if t.lembar in lembar and t.tingkat in ("galat", "peringatan"):
                tanda = lembar[t.lembar].tanda
                if tanda.get(t.sel) != "galat":
                    tanda[t.sel] = t.tingkat
    plan.nama[NAMA_TANDA] = "TRUE"
    # On paper: Ringkasan's tables on one page, its charts on the next; Validasi's table one page wide
    # (its columns only: a long note above it would shrink the page)
    ringkasan.kelompok_cetak = [1] + sorted({column_index_from_string(coordinate_from_string(g.sel)[0]) for g in ringkasan.grafik})
    # its visible columns only: the hidden helper columns would otherwise make an empty page across
    tampak = max((c for _, c in ringkasan.sel if c not in ringkasan.tersembunyi), default=1)
    ringkasan.area_cetak = f"{ref(RINGKASAN, '$A')}:${get_column_letter(tampak)}"
    validasi.area_cetak = f"{ref(VALIDASI, '$A')}:${get_column_letter(max((c for _, c in validasi.sel), default=1))}"
    petunjuk, referensi = (_lembar_petunjuk(dok), _lembar_referensi(dok, plan)) if lengkap else \
        (LembarPlan(PETUNJUK), LembarPlan(REFERENSI))
    plan.lembar = [petunjuk, lembar[IKU], realisasi, komponen, referensi, ringkasan, validasi]
    return plan

