"""The write plan of a whole ikuxl workbook: the values of hitung.py laid out by susun.py (Petunjuk, IKU,
Realisasi, Komponen, Referensi) with Ringkasan and Validasi (ringkasan.py), and the marks of the findings."""

from __future__ import annotations

from .alamat import huruf_kolom, nomor_kolom, pisah_sel
from .dokumen import Dokumen
from .hitung import hitung
from .plan import Plan
from .ringkasan import lembar_ringkasan, lembar_validasi
from .skema import IKU, NAMA_TANDA, RINGKASAN, VALIDASI
from .susun import (
    cetak_iku,
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
    # On paper: Ringkasan's tables on one page, its charts on the next; Validasi's table one page wide
    # (its columns only: a long note above it would shrink the page)
    ringkasan.kelompok_cetak = [1] + sorted({nomor_kolom(pisah_sel(g.sel)[0]) for g in ringkasan.grafik})
    # its visible columns only: the hidden helper columns would otherwise make an empty page across
    tampak = max((c for _, c in ringkasan.sel if c not in ringkasan.tersembunyi), default=1)
    ringkasan.area_cetak = f"{ref(RINGKASAN, '$A')}:${huruf_kolom(tampak)}"
    validasi.area_cetak = f"{ref(VALIDASI, '$A')}:${huruf_kolom(max((c for _, c in validasi.sel), default=1))}"
    petunjuk, referensi = (
        (lembar_petunjuk(dok), lembar_referensi(dok, plan))
        if lengkap
        else (lembar_petunjuk(dok).cetakan(), lembar_referensi(dok, Plan()).cetakan())  # small sheets, laid out in no time
    )
    plan.lembar = [petunjuk, lembar[IKU], realisasi, komponen, referensi, ringkasan, validasi]
    return plan
