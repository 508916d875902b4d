"""The write plan of a whole ikuxl workbook: the values of hitung.py laid out by susun.py (Petunjuk, IKU,
Realisasi, Komponen, Referensi) with Ringkasan and Validasi (ringkasan.py), the forms (formulir.py), and the marks
of the findings on their cells."""

from __future__ import annotations

from .alamat import huruf_kolom, nomor_kolom, pisah_sel
from .dokumen import Dokumen
from .formulir import isian_penandatangan, lembar_pengukuran, lembar_perjanjian
from .hitung import hitung
from .plan import LembarPlan, Plan, Rumusan
from .ringkasan import lembar_ringkasan, lembar_validasi
from .skema import BARIS_DATA, BARIS_KEPALA, IKU, KOMPONEN, NAMA_TANDA, REALISASI, VALIDASI
from .workbook.lembar_xml import baris_grafik, cetak_kolom
from .susun import (
    cetak_iku,
    iku_terpakai,
    lembar_iku,
    lembar_komponen,
    lembar_kosong,
    lembar_petunjuk,
    lembar_realisasi,
    lembar_referensi,
    ref,
    ref_pita,
)


def susun(dok: Dokumen, temuan: list | None = None, lengkap: bool = True) -> Plan:
    """The plan of a complete workbook for this Dokumen. With `temuan` (the Validasi
    findings), the Validasi sheet lists them and their cells get a mark; without, the
    Validasi sheet only says how it gets filled. With lengkap=False the
    staff's sheets (Petunjuk, IKU, Referensi) carry only their marks and how they print (their print
    areas and titles): that is all a recalculation of an existing file writes there."""
    plan = Plan()
    hasil = hitung(dok)
    komponen, plan.nama["Komponen_Data"] = lembar_komponen(dok)
    realisasi = lembar_realisasi(dok, plan, hasil)
    lembar = {l.nama: l for l in (realisasi, komponen)}
    lembar[IKU] = lembar_iku(dok, plan) if lengkap else cetak_iku(dok)  # not IKU's rows: laying them out costs
    # Ringkasan is formulas over Realisasi's prepared rows: live from the blank template on, with no Python run
    ringkasan = lembar_ringkasan(dok, hasil, ref_pita(hasil.skala))
    if temuan is None:
        validasi = lembar_kosong(VALIDASI, "HASIL VALIDASI", "Diisi oleh tombol Validasi (atau ikuxl validate / recalc).", dok)
    else:
        validasi = lembar_validasi(dok, temuan)
        for t in temuan:
            if t.lembar in lembar and t.tingkat in ("galat", "peringatan"):
                tanda = lembar[t.lembar].tanda
                if tanda.get(t.sel) != "galat":
                    tanda[t.sel] = t.tingkat
    plan.nama[NAMA_TANDA] = "TRUE"
    # On paper: Ringkasan's tables on one page, its charts on the next
    ringkasan.kelompok_cetak = [1] + sorted({nomor_kolom(pisah_sel(g.sel)[0]) for g in ringkasan.grafik})
    petunjuk, referensi = lembar_petunjuk(dok), lembar_referensi(dok, plan if lengkap else Plan())
    perjanjian, pengukuran = lembar_perjanjian(dok, plan, hasil), lembar_pengukuran(dok, plan, hasil)
    for l in (petunjuk, realisasi, komponen, referensi, ringkasan, perjanjian, pengukuran, validasi):
        atur_area_cetak(l)
    baris_iku = iku_terpakai(dok)[0]  # from the Dokumen: a recalculation does not lay IKU out; all its columns
    atur_area_cetak(lembar[IKU], baris_iku, len(dok.kolom_iku) if baris_iku else 0)
    if not lengkap:  # small sheets, laid out in no time: only their print set-up goes into the file
        petunjuk, referensi = petunjuk.cetakan(), referensi.cetakan()
    if dok.penandatangan is None:  # a Referensi written before the signature block: its labels into the empty cells
        referensi.isian.update(isian_penandatangan())
    plan.lembar = [petunjuk, lembar[IKU], realisasi, komponen, referensi, ringkasan, perjanjian, pengukuran, validasi]
    return plan


# The line a table with no rows prints under its title (its one page): a formula on the sheets that follow
# IKU live in Excel, so that it goes blank as soon as a Kode is typed
KOSONG = {
    IKU: "Belum ada indikator: isi tabel mulai baris 5, satu baris per indikator.",
    REALISASI: "Belum ada indikator di lembar IKU.",
    KOMPONEN: "Belum ada indikator dengan Rumus berkomponen; baris komponen dibuat oleh Hitung Capaian.",
}


def atur_area_cetak(l: LembarPlan, baris: int | None = None, kolom: int | None = None) -> None:
    """The print area of a sheet: the rows and columns in use (`baris`, `kolom` where the caller knows them
    without the sheet's cells), static, as both Excel and LibreOffice read it (LibreOffice ignores a print
    area given as a formula and prints every formula cell, so prepared rows would print as pages of empty
    grid). Set at every write; a row typed later prints from the next Hitung Capaian, Validasi or recalc.
    A table (a sheet with a repeated header row) prints its columns as far as a data row fills them, to the
    end of that page group (no page across holding only headers); a table with no rows prints one page,
    its title with a line saying it is empty."""
    blok = ""
    if baris is None:
        baris, kolom = l.terpakai()
        if l.grafik:  # the charts' blocks (each starts a page) as a second range: the empty rows between are not printed
            awal = min(g.blok for g in l.grafik)
            tabel = LembarPlan(l.nama, {k: v for k, v in l.sel.items() if k[0] < awal}, tersembunyi=l.tersembunyi)
            baris = tabel.terpakai()[0]
            akhir = max(g.blok + baris_grafik(g) - 1 for g in l.grafik)
            blok = f",{ref(l.nama, f'$A${awal}')}:${huruf_kolom(max(kolom, 1))}${akhir}"
    if l.baris_cetak:
        kepala = [c for r, c in l.sel if r == BARIS_KEPALA and c not in l.tersembunyi]
        if baris < BARIS_DATA:
            baris, kolom = BARIS_KEPALA, 1
            if l.nama in KOSONG and l.sel and (BARIS_KEPALA - 1, 1) not in l.sel:  # a sheet laid out here
                teks = KOSONG[l.nama]
                ada = f"SUMPRODUCT(--(LEN($A${BARIS_DATA}:$A${BARIS_DATA + 999})>0))"
                l.tulis(
                    BARIS_KEPALA - 1, 1, Rumusan(f'IF({ada},"","{teks}")', teks) if l.nama != KOMPONEN else teks, "keterangan"
                )
        # to the end of the printed page across that holds the last column in use
        akhir = max(kepala, default=kolom or 1)
        kolom = next((c - 1 for c in cetak_kolom(l)[1] if c > kolom), akhir) if l.sel else akhir
    l.area_cetak = f"{ref(l.nama, '$A$1')}:${huruf_kolom(max(kolom or 1, 1))}${max(baris, 1)}{blok}"
