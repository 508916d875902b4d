"""The write plan of a whole ikuxl workbook: the values of hitung.py laid out by susun.py (Petunjuk, IKU,
Realisasi, Komponen, Referensi) with Ringkasan and Validasi (ringkasan.py), the forms (formulir.py), and the marks
of the findings on their cells."""

from __future__ import annotations

from .alamat import huruf_kolom, nomor_kolom
from .dokumen import Dokumen
from .formulir import isian_penandatangan, lembar_pengukuran, lembar_perjanjian
from .hitung import hitung
from .plan import LembarPlan, Plan, Rumusan, SelBlok, judul_lembar
from .ringkasan import lembar_ringkasan, lembar_validasi
from .skema import BARIS_DATA, BARIS_JUDUL, BARIS_KEPALA, IKU, KOMPONEN, NAMA_TANDA, REALISASI, VALIDASI
from .skema import AWALAN_NAMA_CETAK
from .workbook.lembar_xml import LEBAR_BAKU, baris_grafik, cetak_kolom, pilih_kelompok
from .susun import (
    JUDUL_IKU,
    cetak_iku,
    baris_peringatan,
    judul_triwulan_iku,
    lembar_arsip,
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
    petunjuk, referensi = lembar_petunjuk(dok), lembar_referensi(dok, plan if lengkap else Plan())
    perjanjian, pengukuran = lembar_perjanjian(dok, plan, hasil), lembar_pengukuran(dok, plan, hasil)
    for l in (petunjuk, realisasi, komponen, referensi, ringkasan, perjanjian, pengukuran, validasi):
        atur_area_cetak(l, plan=plan)
    # a recalculation does not lay IKU out: its last row and pages across are chosen from the Dokumen's values; with
    # no rows, from its layout (the title's page across, as the template prints it: not column A alone, which cuts it)
    isi = _isi_iku(dok, lembar[IKU])
    baris_iku = isi.terpakai()[0]  # all its columns
    isi = None if lengkap else isi if baris_iku else lembar_iku(dok, Plan())
    atur_area_cetak(lembar[IKU], baris_iku, len(dok.kolom_iku) if baris_iku else 0, plan, isi)
    if not lengkap and _berubah(dok, plan, (nama_cetak(IKU), nama_luar(IKU))):
        # IKU is not rewritten: its print warning put back, its value blank now that the area holds every row
        lembar[IKU].isian.update(_peringatan_iku(dok))
    if not lengkap:  # small sheets, laid out in no time: only their print set-up goes into the file
        petunjuk, referensi = petunjuk.cetakan(), referensi.cetakan()
    for l in (realisasi, lembar[IKU]) if lengkap else (realisasi,):  # the note line warns of another year's quarters
        lama = l.sel.get((BARIS_KEPALA - 1, 1))
        l.tulis(BARIS_KEPALA - 1, 1, baris_peringatan(dok, lama.nilai if lama else ""), "keterangan")
    if dok.penandatangan is None:  # a Referensi written before the signature block: its labels into the empty cells
        referensi.isian.update(isian_penandatangan())
    plan.lembar = [petunjuk, lembar[IKU], realisasi, komponen, referensi, ringkasan, perjanjian, pengukuran, validasi]
    if dok.arsip:  # the quarters of the years closed (tutup.py): written whole by a run that closes a year
        arsip = lembar_arsip(dok)
        atur_area_cetak(arsip)
        plan.lembar.append(arsip)
    return plan


def _berubah(dok: Dokumen, plan: Plan, nama: tuple[str, ...]) -> bool:
    """Whether these names of a file's (as the last run wrote them) differ from this plan's; never for a
    workbook read from Excel, whose formulas follow their names live."""
    return bool(dok.cetak_lama) and any(dok.cetak_lama.get(n) != plan.nama.get(n) for n in nama)


def _peringatan_iku(dok: Dokumen) -> dict[tuple[int, int], Rumusan]:
    """The warning cell beside IKU's title, placed as lembar_iku placed it (a recalculation does not lay IKU
    out, so the cell keeps the value of the area before this run unless written again)."""
    judul = LembarPlan(IKU, lebar={i: k.lebar for i, k in enumerate(dok.kolom_iku, start=1)})
    judul_lembar(judul, JUDUL_IKU, dok)
    _peringatan(judul)
    return {k: s.nilai for k, s in judul.sel.items() if isinstance(s.nilai, Rumusan)}


def _isi_iku(dok: Dokumen, l: LembarPlan | None = None) -> LembarPlan:
    """IKU's values and column widths from the Dokumen, for its print set-up (that of `l`), without laying it out."""
    ringkas = LembarPlan(IKU, kolom_cetak=l.kolom_cetak, kelompok_cetak=l.kelompok_cetak) if l else LembarPlan(IKU)
    ringkas.lebar = {i: k.lebar for i, k in enumerate(dok.kolom_iku, start=1)}
    kunci = [k.kunci for k in dok.kolom_iku]
    per_baris = {dok.baris_sheet(i): b for i, b in enumerate(dok.iku)}
    if not per_baris:
        return ringkas
    awal = min(per_baris)
    # as rows of values (20,000 indicators: a million cells, no cell object each)
    isi = [tuple(map(per_baris[r].get, kunci)) if r in per_baris else None for r in range(awal, max(per_baris) + 1)]
    # to the last column with a value, as far as the sheet's cells go (a block's every column holds a cell)
    kolom = list(zip(*(b for b in isi if b)))
    n = next((c for c in range(len(kolom), 0, -1) if any(v is not None and v != "" for v in kolom[c - 1])), 0)
    ringkas.sel = SelBlok(awal, [b[:n] if b else None for b in isi], (None,) * n, "isi", (None,) * n)
    return ringkas


# The line a table with no rows prints under its title (its one page): a formula on the sheets that follow
# IKU live in Excel, so that it goes blank as soon as a Kode is typed
KOSONG = {
    IKU: "Belum ada indikator: isi tabel mulai baris 5, satu baris per indikator.",
    REALISASI: "Belum ada indikator di lembar IKU.",
    KOMPONEN: "Belum ada indikator dengan Rumus berkomponen; baris komponen dibuat oleh Hitung Capaian.",
}
# The last row a table's print area holds, as a named constant per sheet (Cetak_Akhir_IKU): the warning
# beside the title compares it with the last row with a Kode, live in Excel and LibreOffice alike
AWALAN_CETAK = AWALAN_NAMA_CETAK + "Akhir_"
PERINGATAN_CETAK = (
    "belum masuk area cetak: tekan Hitung Capaian (ikuxl) atau atur Tata Letak Halaman ▸ Area Cetak (Page Layout ▸ Print Area)"
)
BARIS_PANTAU = 9995  # rows below the header the warning looks at (to row 9999)
NAMA_PESAN_CETAK = "Cetak_Pesan"


def nama_cetak(lembar: str) -> str:
    return AWALAN_CETAK + "".join(c if c.isalnum() else "_" for c in lembar)


def rumus_peringatan_cetak(lembar: str) -> str:
    """Blank while everything typed prints; else "Baris 12–15 belum masuk area cetak: …" (rows with a Kode
    below the area), or "Isian di luar area cetak: …" (cells typed in a page across below its last row)."""
    a = f"$A${BARIS_DATA}:$A${BARIS_DATA + BARIS_PANTAU - 1}"
    akhir, isi = nama_cetak(lembar), f'LOOKUP(2,1/({a}<>""),ROW({a}))'
    baris = f'"Baris "&{akhir}+1&IF({isi}>{akhir}+1,"–"&{isi},"")&" "&{NAMA_PESAN_CETAK}'
    return f'IF(IFERROR({isi}>{akhir},FALSE),{baris},IF({nama_luar(lembar)}>0,"Ada isian yang "&{NAMA_PESAN_CETAK},""))'


def triwulan_iku(dok: Dokumen) -> dict[tuple[int, int], Rumusan]:
    """IKU's cells that name the quarters' year, as laid out: the quarterly headers and the note line (row 3)
    that warns of another year's quarters. Put into IKU (not rewritten) when a run changes that year, so
    that their stored values are the new ones."""
    lama = dok.keterangan or (Rumusan(_rumus_kosong(IKU), KOSONG[IKU]) if _isi_iku(dok).terpakai()[0] < BARIS_DATA else "")
    return {**judul_triwulan_iku(dok), (BARIS_KEPALA - 1, 1): baris_peringatan(dok, lama)}


def _rumus_kosong(nama: str) -> str:
    ada = f"SUMPRODUCT(--(LEN($A${BARIS_DATA}:$A${BARIS_DATA + 999})>0))"
    return f'IF({ada},"","{KOSONG[nama]}")'


def atur_area_cetak(
    l: LembarPlan, baris: int | None = None, kolom: int | None = None, plan: Plan | None = None, isi: LembarPlan | None = None
) -> None:
    """The print area of a sheet: the rows and columns in use (`baris`, `kolom` where the caller knows them
    without the sheet's cells), static, as both Excel and LibreOffice read it (LibreOffice ignores a print
    area given as a formula and prints every formula cell, so prepared rows would print as pages of empty
    grid). Set at every write; a row typed later prints from the next Hitung Capaian, Validasi or recalc,
    and until then a table's warning beside its title names it (the last row printed is a named constant
    in `plan`). A table (a sheet with a repeated header row) prints its columns as far as a data row fills
    them, to the end of that page group (no page across holding only headers), its pages across chosen so
    that each holds a value of every row where the width allows (no page down without data); a table with
    no rows prints one page, its title with a line saying it is empty (`isi`: the values and widths the
    choices read, where `l` is a sheet not laid out). Where columns repeat on every page
    across, the title rows print on the first page across only (a second range from the header row on):
    repeated, a title would be cut at the repeated column's width."""
    blok, p = "", isi or l
    if baris is None:
        baris, kolom = l.terpakai()
        if l.grafik:  # the charts' blocks (each starts a page) as a second range: the empty rows between are not printed
            awal = min(g.blok for g in l.grafik)
            tabel = LembarPlan(l.nama, {k: v for k, v in l.sel.items() if k[0] < awal}, tersembunyi=l.tersembunyi)
            baris = tabel.terpakai()[0]
            akhir = max(g.blok + baris_grafik(g) - 1 for g in l.grafik)
            blok = f",{ref(l.nama, f'$A${awal}')}:${huruf_kolom(max(kolom, 1))}${akhir}"
    putus: list[int] = []
    if l.baris_cetak:
        kepala = [c for c in l.kolom_ada() if (BARIS_KEPALA, c) in l.sel and c not in l.tersembunyi]
        if baris < BARIS_DATA:
            baris, kolom = BARIS_KEPALA, 1
            if l.nama in KOSONG and l.sel and (BARIS_KEPALA - 1, 1) not in l.sel:  # a sheet laid out here
                teks = KOSONG[l.nama]
                l.tulis(BARIS_KEPALA - 1, 1, Rumusan(_rumus_kosong(l.nama), teks) if l.nama != KOMPONEN else teks, "keterangan")
        elif p.sel and p.kelompok_cetak and not p.grafik:  # a chart's pages keep cetak_kolom's own breaks
            l.kelompok_cetak = p.kelompok_cetak = pilih_kelompok(p, baris)
        # to the end of the printed page across that holds the last column in use
        akhir = max(kepala, default=kolom or 1)
        putus = cetak_kolom(p)[1] if p.sel else []
        kolom = next((c - 1 for c in putus if c > kolom), akhir) if p.sel else akhir
        if l.kolom_cetak:
            putus = [c for c in putus if c <= kolom]
            if plan is not None:
                plan.nama[nama_cetak(l.nama)] = str(max(baris, BARIS_KEPALA))
                plan.nama[NAMA_PESAN_CETAK] = f'"{PERINGATAN_CETAK}"'
                if l.sel:
                    _peringatan(l)
            if putus and baris >= BARIS_DATA and not l.grafik:
                l.area_cetak = _per_halaman(l, p, putus, baris, kolom, plan) + blok
                return
    kolom, baris = max(kolom or 1, 1), max(baris, 1)
    l.area_cetak = f"{ref(l.nama, '$A$1')}:${huruf_kolom(kolom)}${baris}{blok}"
    if plan is not None and l.kolom_cetak:
        plan.nama[nama_luar(l.nama)] = "0"


def nama_luar(lembar: str) -> str:
    return nama_cetak(lembar).replace("Akhir", "Luar")


def _per_halaman(l: LembarPlan, p: LembarPlan, putus: list[int], baris: int, kolom: int, plan: Plan | None) -> str:
    """A table's print area page across by page across: the first with the title rows, the others from the
    header row down to the table's last row, every indicator on every page across (a row cut short would
    read as missing, not blank); a page across with no value in any row is left out (it would print pages
    of empty grid). What is typed later in a page across left out shows in the warning (Cetak_Luar_…)."""
    a, b = (nomor_kolom(x.strip("$")) for x in l.kolom_cetak.split(":"))
    ulang = set(range(a, b + 1))
    berisi = set(p.isi_kolom(BARIS_KEPALA + 1, baris, ulang))  # the columns with a value in a row of the table
    batas = [1, *putus, kolom + 1]
    area = [f"{ref(l.nama, '$A$1')}:${huruf_kolom(putus[0] - 1)}${baris}"]
    luar = []
    for awal, berikut in zip(batas[1:], batas[2:]):
        x, y = huruf_kolom(awal), huruf_kolom(berikut - 1)
        if berisi.intersection(range(awal, berikut)):
            area.append(f"{ref(l.nama, f'${x}${BARIS_KEPALA}')}:${y}${baris}")
        else:
            luar.append(f"SUMPRODUCT(LEN({ref(l.nama, f'${x}${BARIS_DATA}')}:${y}${baris}))")
    if plan is not None:
        plan.nama[nama_luar(l.nama)] = "+".join(luar) or "0"
    return ",".join(area)


def _peringatan(l: LembarPlan) -> None:
    """The warning cell in the title row, right of where the title's text ends (a cell, even one showing
    nothing, stops the title running on; 14 pt bold takes about 1.5 column units a character)."""
    judul = l.sel.get((BARIS_JUDUL, 1))
    panjang = 1.5 * len(str(judul.nilai)) + 2 if judul else 0
    c, lebar = 1, 0.0
    while lebar < panjang or c in l.tersembunyi:
        lebar += 0 if c in l.tersembunyi else l.lebar.get(c, LEBAR_BAKU)
        c += 1
    l.tulis(BARIS_JUDUL, c, Rumusan(rumus_peringatan_cetak(l.nama), ""), "peringatan_cetak")
