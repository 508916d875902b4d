"""The layout of ikuxl's sheets: where each value and formula goes, how each sheet prints.

Sheets IKU (the matrix), Realisasi (targets and realisasi per triwulan, with the
compiled formula columns), Komponen (values of each Rumus component), Referensi
(lists, kategori scale, settings), Petunjuk, and the empty Validasi sheet. The values
are computed in hitung.py; Realisasi and Komponen are one loop over their column
tables (skema.kolom_realisasi, skema.kolom_komponen), writing each column's Excel twin.
"""

from __future__ import annotations

from functools import lru_cache

from . import kolom as K
from .alamat import huruf_kolom, kutip_lembar
from .capaian import METODE_NEGATIF, RUMUS_POSITIF, Skala
from .dokumen import Dokumen
from .hitung import BlokKomponen, Hitungan, akhir_cermin, blok_komponen, rumus_komponen_excel
from .nilai import CARA_RENTANG, PEMISAH_RENTANG, isi_sel
from .plan import BARIS_POLA as _R, LEBAR_TEGAK, LembarPlan, Plan, Rumusan, SelBlok, ValidasiData, judul_lembar
from .rumus import teks_excel
from .skema import (
    BARIS_DAFTAR_MAKS,
    BARIS_DATA,
    BARIS_JUDUL,
    BARIS_KEPALA,
    BARIS_PENGATURAN,
    BARIS_SKALA,
    BARIS_SKALA_MAKS,
    BARIS_SUBJUDUL,
    BARIS_TTD,
    FORMAT_ANGKA,
    FORMAT_TEKS,
    JUDUL_TTD,
    IKU,
    JENIS_TAHUNAN,
    KE,
    KOLOM_DAFTAR,
    KOMPONEN,
    LUAR_PERIODE,
    NAMA_SKALA,
    PENANDATANGAN,
    PENGATURAN,
    PETUNJUK,
    REALISASI,
    REFERENSI,
    VERSI_TEMPLATE,
    Kolom,
    ARSIP,
    Tata,
    judul_tw,
    kolom_arsip,
    kolom_komponen,
    kolom_realisasi,
    tahun_ke,
    tahun_kolom,
)
from .temuan import KODE
from .tutup import nama_triwulan, peringatan_triwulan, tahun_triwulan, tahun_triwulan_tercatat


def ref(lembar: str, sel: str) -> str:
    return f"{_kutip(lembar)}!{sel}"


@lru_cache(maxsize=64)  # a handful of sheet names, quoted for thousands of references
def _kutip(lembar: str) -> str:
    return kutip_lembar(lembar)


def _mutlak(kolom: int, baris: int) -> str:
    return f"${huruf_kolom(kolom)}${baris}"


BARIS_CETAK = f"{BARIS_KEPALA}:{BARIS_KEPALA}"  # a table's header row, printed on every page


def _kepala(l: LembarPlan, kolom: list[Kolom]) -> None:
    for i, k in enumerate(kolom, start=1):
        l.tulis(BARIS_KEPALA, i, k.judul, "kepala")
        l.lebar[i] = k.lebar
    l.tinggi[BARIS_KEPALA] = 45
    l.baris_cetak = BARIS_CETAK


def _kelompok(tata: Tata, kunci: tuple[str, ...]) -> list[int]:
    """The columns that start the groups a printed page may break between (those of `kunci` the sheet has)."""
    return sorted(tata.posisi[k] for k in kunci if k in tata.posisi)


def _validasi_kolom(l: LembarPlan, tata: Tata, kunci: str, sampai: int) -> None:
    k = tata.kolom[tata.posisi[kunci] - 1]
    rentang = f"{tata.huruf(kunci)}{BARIS_DATA}:{tata.huruf(kunci)}{sampai}"
    if k.daftar:
        l.validasi.append(
            ValidasiData(
                rentang, "list", f"=Daftar_{k.daftar}", k.judul, k.petunjuk or f"Pilih dari daftar {k.daftar} (lembar Referensi)."
            )
        )
    elif k.rentang:  # a number, or a text with a range separator; Validasi reads the text in full
        sel = f"{tata.huruf(kunci)}{BARIS_DATA}"
        pemisah = ",".join(f'ISNUMBER(SEARCH("{p}",{sel}))' for p in ("-", *PEMISAH_RENTANG))
        l.validasi.append(ValidasiData(rentang, "custom", f"=OR(ISNUMBER({sel}),{pemisah})", k.judul, k.petunjuk))
    elif k.angka:
        l.validasi.append(
            ValidasiData(
                rentang, "decimal", None, k.judul, k.petunjuk or "Isi angka saja, tanpa satuan (satuan di kolom Satuan)."
            )
        )


# --- IKU ------------------------------------------------------------------------------------------


def cetak_iku(dok: Dokumen) -> LembarPlan:
    """IKU's plan with only how it prints (lembar_iku starts from it; a recalculation of a current workbook,
    which does not lay IKU out, gives IKU its print titles from it). On paper: the header row and Kode on every
    page, a page break only between groups of columns; the print area is the rows in use (rakit.atur_area_cetak)."""
    kolom = dok.kolom_iku
    tata = Tata(kolom)
    l = LembarPlan(IKU, baris_cetak=BARIS_CETAK, kolom_cetak="A:A")
    l.kelompok_cetak = _kelompok(
        tata,
        (
            "kode",
            "tujuan",
            "jabatan",
            "kinerja_utama",
            "satuan",
            "rumus",
            "sumber_data",
            "kondisi_awal",
            # the years' targets may start a page: the quarters beside them share the target of the year
            # every row fills (rakit.atur_area_cetak chooses), not a page of their own, empty before they are typed
            next((k.kunci for k in kolom if tahun_kolom(k.kunci)), "kondisi_awal"),
            f"realisasi_{dok.tahun_periode.start}",
            "target_tw1",
            "status",
            "catatan",
        ),
    )
    return l


JUDUL_IKU = "INDIKATOR KINERJA UTAMA (IKU)"


def lembar_iku(dok: Dokumen, plan: Plan) -> LembarPlan:
    l = cetak_iku(dok)
    l.beku, l.warna_tab = "C5", "1F4E79"
    kolom = dok.kolom_iku
    tata = Tata(kolom)
    judul_lembar(l, JUDUL_IKU, dok)
    _kepala(l, kolom)
    for (r, c), x in judul_triwulan_iku(dok).items():
        l.tulis(r, c, x, "kepala")
    for jenis in JENIS_TAHUNAN:
        label = jenis.capitalize()
        for k, kunci in enumerate(k.kunci for k in kolom if tahun_kolom(k.kunci, jenis)):
            # labelled from Referensi's period: changing the period in Excel relabels the columns
            tahun = dok.tahun_periode.start + k
            l.tulis(
                BARIS_KEPALA,
                tata.posisi[kunci],
                Rumusan(
                    f'IF({k}<=Pengaturan_Periode_Akhir-Pengaturan_Periode_Awal,"{label} "&(Pengaturan_Periode_Awal+{k}),'
                    f"{teks_excel(LUAR_PERIODE)})",
                    f"{label} {tahun}" if tahun in dok.tahun_periode else LUAR_PERIODE,
                ),
                "kepala",
            )
    for r, baris in zip((dok.baris_sheet(i) for i in range(len(dok.iku))), dok.iku):
        for c, k in enumerate(kolom, start=1):
            nilai = isi_sel(baris.get(k.kunci))
            l.tulis(r, c, nilai, "input" if k.angka else "teks", FORMAT_ANGKA if k.angka else None)
    akhir = akhir_cermin(dok)
    for r in range(BARIS_DATA, akhir + 1):  # empty rows ready for new indicators
        for c, k in enumerate(kolom, start=1):
            if (r, c) not in l.sel:
                l.tulis(r, c, None, "input" if k.angka else "teks", FORMAT_ANGKA if k.angka else None)
    for k in kolom:
        _validasi_kolom(l, tata, k.kunci, akhir)
    l.saring = f"A{BARIS_KEPALA}:{huruf_kolom(len(kolom))}{akhir}"
    plan.nama["IKU_Data"] = ref(IKU, f"$A${BARIS_DATA}:{_mutlak(len(kolom), akhir)}")
    return l


def baris_peringatan(dok: Dokumen, lama: object = "") -> Rumusan:
    """The note line above a table (row 3) that becomes the warning while the quarters are of another year
    (tutup.py), live; `lama`: what the line shows otherwise (the workbook's note, or a formula)."""
    pesan = peringatan_triwulan(dok)
    rumus = lama.excel if isinstance(lama, Rumusan) else teks_excel(str(lama or ""))
    nilai = lama.nilai if isinstance(lama, Rumusan) else lama
    return Rumusan(
        f'IF(Peringatan_Triwulan="",{rumus},"PERINGATAN: "&Peringatan_Triwulan)', f"PERINGATAN: {pesan}" if pesan else nilai
    )


def _kepala_triwulan(tata: Tata, dok: Dokumen) -> dict[tuple[int, int], Rumusan]:
    """The quarterly headers of a sheet, each naming the quarters' year (Tahun_Triwulan) by formula."""
    tahun, hasil = tahun_triwulan(dok), {}
    for k in tata.kolom:
        tw = judul_tw(k.judul, "\0") if not k.bantu else k.judul
        if tw != k.judul:
            a, b = tw.split("\0")
            rumus = f"{teks_excel(a)}&Tahun_Triwulan" + (f"&{teks_excel(b)}" if b else "")
            hasil[(BARIS_KEPALA, tata.posisi[k.kunci])] = Rumusan(rumus, judul_tw(k.judul, tahun))
    return hasil


def judul_triwulan_iku(dok: Dokumen) -> dict[tuple[int, int], Rumusan]:
    """IKU's quarterly headers as formulas: laid out with the sheet, and put into a workbook's IKU at every run
    (one written before them gets them; IKU itself is not rewritten)."""
    return _kepala_triwulan(Tata(dok.kolom_iku), dok)


# --- Komponen and Realisasi: the values from hitung.py laid out, one loop over each column table ---------


def lembar_komponen(dok: Dokumen) -> tuple[LembarPlan, str]:
    """Komponen, each indicator's block laid out from hitung.blok_komponen, and its table's area: its rows as rows
    of values (plan.SelBlok), not a cell object each."""
    lk = LembarPlan(KOMPONEN, beku="D5", lindungi=True, warna_tab="7F6000")
    tk = Tata(kolom_komponen())
    # a block's first row: the components' values typed in the input columns, the values compiled from the Rumus
    # (and the Rumus) in the others; its other rows: those blank, framed like the first but with no number format;
    # a Rumus that cannot be read: one row, with no input cells
    gaya = tuple("input" if k.angka else "rumus" for k in tk.kolom)
    pertama = (gaya, tuple(k.format for k in tk.kolom))
    lain = (gaya, tuple(k.format if k.angka else None for k in tk.kolom))
    tak_terbaca = (tuple(None if k.angka else g for k, g in zip(tk.kolom, gaya)), pertama[1])
    p = {k: c - 1 for k, c in tk.posisi.items()}
    tw = [p[f"tw{q}"] for q in range(1, 5)]
    dihitung = [(p[k.kunci], k) for k in tk.kolom if k.excel]
    isi: list[tuple] = []
    ragam = {}
    pola: dict[str, dict[str, str] | None] = {}
    for blok in blok_komponen(dok).values():
        rk = blok.baris
        assert rk == BARIS_DATA + len(isi)  # hitung.letak puts the blocks one below the other
        # a Rumus that cannot be used: its cells hold the reason (Realisasi shows it in every quarter and the year)
        f = {} if blok.galat else _rumus_blok(pola, blok, tk)
        for j, n in enumerate(blok.nama):
            b: list[object] = [None] * len(tk.kolom)
            b[p["kode"]], b[p["indikator"]] = blok.kode, blok.indikator
            b[p["komponen"]] = n if n else "(Rumus tidak dapat dibaca)"
            if n:
                for q, c in enumerate(tw):
                    b[c] = blok.per_tw[q][n]
            if j == 0:
                for c, k in dihitung:
                    v = blok.nilai[k.kunci]
                    b[c] = Rumusan(f[k.kunci], v) if f else Rumusan(teks_excel(v) if isinstance(v, str) else "FALSE", v)
                b[p["rumus"]], b[p["galat"]] = blok.teks, blok.galat or None
                ragam[rk] = pertama if n else tak_terbaca
            isi.append(tuple(b))
    lk.sel = SelBlok(BARIS_DATA, isi, (None,) * len(tk.kolom), *lain, bersama=False, ragam=ragam)
    judul_lembar(lk, f"KOMPONEN RUMUS PER TRIWULAN TAHUN {dok.tahun}", dok)
    _kepala(lk, tk.kolom)
    akhir = max(lk.baris_akhir(), BARIS_KEPALA)
    lk.tersembunyi.update(tk.posisi[k.kunci] for k in tk.kolom if k.bantu)
    lk.area_cetak = f"{ref(KOMPONEN, '$A')}:${tk.huruf('rumus')}"  # the table, not the helpers beside it
    # On paper: Kode on every page across, pages broken between the indicator, the values typed,
    # the realisasi computed from them and the Rumus they were computed with
    lk.kolom_cetak = "A:A"
    lk.kelompok_cetak = _kelompok(tk, ("kode", "tw1", "realisasi_tw1", "rumus"))
    for k in tk.kolom:
        if k.angka:
            _validasi_kolom(lk, tk, k.kunci, max(akhir, BARIS_DATA))
    lk.saring = f"A{BARIS_KEPALA}:{tk.huruf('rumus')}{max(akhir, BARIS_KEPALA + 1)}"
    return lk, ref(KOMPONEN, f"$A${BARIS_DATA}:{_mutlak(len(tk.kolom), max(akhir, BARIS_DATA))}")


def _rumus_blok(pola: dict[str, dict[str, str] | None], blok: BlokKomponen, tk: Tata) -> dict[str, str]:
    """A Komponen block's compiled cells (hitung.rumus_komponen_excel), each Rumus text compiled once per run
    (most indicators share a few Rumus) as %-templates of its rows (the i-th: "%(i)s"); `pola` holds them, None
    where the text holds the mark they are compiled with (then compiled as it is)."""
    n = len(blok.nama)
    if blok.teks not in pola:
        pola[blok.teks] = None if "\x03" in blok.teks else _pola_rumus(blok, tk)
    f = pola[blok.teks]
    if f is None:
        return rumus_komponen_excel(blok.rumus, list(range(blok.baris, blok.baris + n)), tk)
    baris = {str(i): str(blok.baris + i) for i in range(n)}
    return {k: v % baris for k, v in f.items()}


def _pola_rumus(blok: BlokKomponen, tk: Tata) -> dict[str, str]:
    tanda = [f"\x03{i}\x04" for i in range(len(blok.nama))]
    pola = {}
    for k, v in rumus_komponen_excel(blok.rumus, tanda, tk).items():
        v = v.replace("%", "%%")
        for i, t in enumerate(tanda):
            v = v.replace(t, f"%({i})s")
        pola[k] = v
    return pola


class BarisRumus:
    """The Excel side of Realisasi's twins: one row's cells as its formulas name them, on row BARIS_POLA so
    that one formula serves every row (it shows IKU's row of the same number, so inserting, deleting or
    sorting IKU rows moves nothing onto another indicator); named as hitung.BarisNilai names the values."""

    def __init__(self, tr: Tata, ti: Tata, tk: Tata, skala: Skala):
        self._tr, self._ti, self._tk, self.skala = tr, ti, tk, skala

    def __getitem__(self, kunci: str) -> str:
        return f"{self._tr.huruf(kunci)}{_R}"

    @property
    def h(self) -> str:
        return self["hidup"]

    def iku(self, kunci: str) -> str:
        """The IKU cell of this row."""
        return f"INDEX({ref(IKU, f'${self._ti.huruf(kunci)}:${self._ti.huruf(kunci)}')},ROW())"

    def iku_tahun(self, jenis: str = "target") -> str:
        """The IKU cell of the reporting year's target (or realisasi): its place in the block, from Referensi."""
        blok = [k.kunci for k in self._ti.kolom if tahun_kolom(k.kunci, jenis)]
        kolom = ref(IKU, f"${self._ti.huruf(blok[0])}:${self._ti.huruf(blok[-1])}")
        return f"INDEX({kolom},ROW(),Pengaturan_Tahun-Pengaturan_Periode_Awal+1)"

    def iku_ke(self, jenis: str, k: int) -> str:
        """The IKU cell of the period's k-th year's target (or realisasi)."""
        return self.iku([c.kunci for c in self._ti.kolom if tahun_kolom(c.kunci, jenis)][k - 1])

    def dalam(self, k: int) -> str:
        return f"{k}<=Periode_Panjang"

    def tahun_ke(self, k: int) -> str:
        return f"Tahun_Ke={k}"

    def ke(self, awal: str) -> list[str]:
        """The yearly block's cells of a column group (`awal`_t1…t6)."""
        return [self[f"{awal}_t{k}"] for k in KE]

    def tw(self, awal: str) -> list[str]:
        """The four quarters' cells of a column group (`awal`_tw1…4)."""
        return [self[f"{awal}_tw{q}"] for q in range(1, 5)]

    def rentang(self, awal: str) -> str:
        """The same four cells as one range."""
        return f"{self[awal + '_tw1']}:{self[awal + '_tw4']}"

    def komp_kolom(self, kunci: str) -> str:
        return ref(KOMPONEN, f"${self._tk.huruf(kunci)}:${self._tk.huruf(kunci)}")

    def komp(self, kunci: str) -> str:
        """The compiled Komponen cell this row reads."""
        return f"INDEX({self.komp_kolom(kunci)},{self['baris_komponen']})"


def _judul_tahun(label: str, ke: int, dok: Dokumen) -> Rumusan:
    """A yearly column's header: "<Jenis> <year>" (the k-th year of Referensi's period), live in Excel, with the
    header's tail after the year ("Capaian (%)" → "Capaian 2025 (%)")."""
    jenis, _, ekor = label.partition(" ")
    ekor = f" {ekor}" if ekor else ""
    tahun = dok.tahun_periode.start + ke - 1
    return Rumusan(
        f'IF({ke - 1}<=Pengaturan_Periode_Akhir-Pengaturan_Periode_Awal,"{jenis} "&(Pengaturan_Periode_Awal+{ke - 1})'
        f'&"{ekor}",{teks_excel(LUAR_PERIODE)})',
        f"{jenis} {tahun}{ekor}" if tahun in dok.tahun_periode else LUAR_PERIODE,
    )


def lembar_realisasi(dok: Dokumen, plan: Plan, hasil: Hitungan) -> LembarPlan:
    """Realisasi: per column of its table one shared formula (the Excel twin) over the prepared rows, each
    cell caching the value hitung computed with the Python twin."""
    lr = LembarPlan(REALISASI, beku="C5", lindungi=True, warna_tab="375623")
    tr = Tata(kolom_realisasi())
    kosong = tuple(k.kosong for k in tr.kolom)
    lr.sel = SelBlok(BARIS_DATA, hasil.isi, kosong, "rumus", tuple(k.format for k in tr.kolom))  # the rows as hitung has them
    judul = "TARGET, REALISASI DAN CAPAIAN TAHUN "
    judul_lembar(lr, judul + str(dok.tahun), dok)
    _kepala(lr, tr.kolom)
    lr.tulis(BARIS_JUDUL, 1, Rumusan(f"{teks_excel(judul)}&Pengaturan_Tahun", judul + str(dok.tahun)), "judul")
    for (r, c), x in _kepala_triwulan(tr, dok).items():
        lr.tulis(r, c, x, "kepala")
    for c, k in enumerate(tr.kolom, start=1):
        if not k.bantu and (ke := tahun_ke(k.kunci)):  # the yearly block, labelled live from Referensi's period
            lr.tulis(BARIS_KEPALA, c, _judul_tahun(" ".join(k.judul.replace(f"Tahun ke-{ke}", "").split()), ke, dok), "kepala")
    s = BarisRumus(tr, Tata(dok.kolom_iku), Tata(kolom_komponen()), hasil.skala)
    plan.nama.update(nama_rumus(hasil.skala))
    akhir = hasil.akhir
    for c, k in enumerate(tr.kolom, start=1):
        lr.bersama[c] = (BARIS_DATA, akhir, k.excel(s))
    lr.tersembunyi.update(tr.posisi[k.kunci] for k in tr.kolom if k.bantu)
    # On paper: Kode and Indikator on every page across, pages broken between the blocks of
    # columns (the indicator, targets, realisasi, capaian and kategori per triwulan, the year, who);
    # the rows down to the last indicator in force, also one typed after ikuxl last ran
    lr.kolom_cetak = "A:B"
    lr.kelompok_cetak = _kelompok(
        tr,
        (
            "kode",
            "satuan",
            "target_tw1",
            "realisasi_tw1",
            "capaian_tw1",
            "kategori_tw1",
            "realisasi_tahunan",
            "realisasi_t1",
            "capaian_t1",
            "perubahan",
            "sasaran",
        ),
    )
    h, kolom_akhir = (ref(REALISASI, f"${tr.huruf(k)}:${tr.huruf(k)}") for k in ("hidup", "bidang"))
    lr.area_cetak = (
        f"{ref(REALISASI, '$A$1')}:INDEX({kolom_akhir},MAX({BARIS_KEPALA + 1},IFERROR(LOOKUP(2,1/({h}=TRUE),ROW({h})),0)))"
    )
    lr.saring = f"A{BARIS_KEPALA}:{tr.huruf('bidang')}{akhir}"
    plan.nama["Realisasi_Data"] = ref(REALISASI, f"$A${BARIS_DATA}:{_mutlak(len(tr.kolom), akhir)}")
    return lr


# --- Referensi ------------------------------------------------------------------------------------


def lembar_referensi(dok: Dokumen, plan: Plan) -> LembarPlan:
    l = LembarPlan(REFERENSI, warna_tab="7030A0", tegak=True)  # portrait: settings, scale and signatures on one page
    l.tulis(BARIS_JUDUL, 1, "REFERENSI: daftar pilihan, skala kategori dan pengaturan", "judul")
    l.tulis(
        BARIS_SUBJUDUL,
        1,
        "Boleh diubah: tambahkan satuan atau jabatan di bawah daftarnya; klik Hitung Capaian setelah mengubah skala.",
        "subjudul",
    )
    l.tulis(BARIS_PENGATURAN - 1, 1, "Pengaturan", "kepala")
    l.tulis(BARIS_PENGATURAN - 1, 2, "Nilai", "kepala")
    for i, (kunci, label, nama) in enumerate(PENGATURAN):
        baris = BARIS_PENGATURAN + i
        l.tulis(baris, 1, label, "label")
        nilai = isi_sel(dok.keterangan if kunci == "keterangan" else dok.pengaturan.get(kunci))
        if kunci == "versi_template":
            nilai = VERSI_TEMPLATE  # what this workbook is once written
        elif kunci == "tahun_triwulan":
            nilai = tahun_triwulan_tercatat(dok)
        l.tulis(baris, 2, nilai, "teks" if kunci != "versi_template" else "rumus")  # wrapped: a long name stays in print
        plan.nama[nama] = ref(REFERENSI, _mutlak(2, baris))

    l.tulis(
        BARIS_SKALA - 1,
        1,
        "Skala kategori capaian (pita dari batas bawah ke atas; baris tanpa batas = semua di bawahnya)",
        "label",
    )
    for c, judul in enumerate(("Operator (≥ atau >)", "Batas bawah (%)", "Kategori"), start=1):
        l.tulis(BARIS_SKALA, c, judul, "kepala")
    for i in range(BARIS_SKALA_MAKS):
        op, batas, label = dok.skala[i] if i < len(dok.skala) else (None, None, None)
        l.tulis(BARIS_SKALA + 1 + i, 1, op, "input")
        l.tulis(BARIS_SKALA + 1 + i, 2, batas, "input", FORMAT_ANGKA)
        l.tulis(BARIS_SKALA + 1 + i, 3, label, "input")
    plan.nama[NAMA_SKALA] = ref(REFERENSI, f"$A${BARIS_SKALA + 1}:$C${BARIS_SKALA + BARIS_SKALA_MAKS}")
    l.validasi.append(
        ValidasiData(
            f"A{BARIS_SKALA + 1}:A{BARIS_SKALA + BARIS_SKALA_MAKS}",
            "list",
            '"≥,>"',
            "Operator",
            "≥ : batas termasuk pita ini; > : batas masuk pita di bawahnya.",
        )
    )

    # who signs the forms (formulir.py): text cells, so an 18-digit NIP or a date stays as typed
    l.tulis(BARIS_TTD, 1, JUDUL_TTD, "kepala")
    l.tulis(BARIS_TTD, 2, "Nilai", "kepala")
    for i, (kunci, label, nama) in enumerate(PENANDATANGAN, start=BARIS_TTD + 1):
        l.tulis(i, 1, label, "label")
        l.tulis(i, 2, isi_sel((dok.penandatangan or {}).get(kunci)), "teks", FORMAT_TEKS)
        plan.nama[nama] = ref(REFERENSI, _mutlak(2, i))

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
            REFERENSI, f"{_mutlak(kolom, BARIS_PENGATURAN)}:{_mutlak(kolom, BARIS_PENGATURAN + BARIS_DAFTAR_MAKS - 1)}"
        )
    l.lebar.update({1: 44, 2: 34, 3: 18, 4: 3})
    l.kelompok_cetak = [1, KOLOM_DAFTAR]  # settings and scale on one page, the lists on the next
    return l


# --- Petunjuk, Ringkasan, Validasi ----------------------------------------------------------------

PETUNJUK_TEKS = [
    ("judul", "PETUNJUK PENGISIAN WORKBOOK IKU"),
    ("subjudul", None),
    ("label", "Urutan kerja"),
    (
        "isi",
        "1. Lembar Referensi: isi nama instansi, urusan, periode (1–6 tahun; judul kolom Target dan Realisasi tahunan di "
        "IKU mengikutinya), "
        "tahun pelaporan; periksa daftar satuan, jabatan dan skala kategori.",
    ),
    (
        "isi",
        "2. Lembar IKU: satu baris per indikator. Kolom berwarna kuning muda adalah isian. Angka ditulis tanpa satuan "
        '(150, bukan "150 Unit"); satuannya di kolom Satuan. Polaritas, Sifat dan Satuan dipilih dari daftar.',
    ),
    (
        "isi",
        "3. Kolom Rumus: Cara Perhitungan dengan nama komponen dalam [kurung siku], mis. "
        "(%) = [Jumlah rumah layak] / [Jumlah RTLH] × 100. Argumen fungsi dipisah titik koma: MIN([A]; [B]).",
    ),
    (
        "isi",
        "4. Lembar IKU, kolom Target TW I–IV dan Realisasi TW I–IV: isi target dan realisasi triwulan tahun pelaporan di "
        "baris indikatornya. Lembar Realisasi menampilkan setiap baris IKU dengan capaian per triwulan, capaian tahunan "
        "dan kategorinya, dihitung rumus Excel tanpa Python, juga setelah baris IKU disisipkan, dihapus atau diurutkan.",
    ),
    (
        "isi",
        "5. Lembar IKU, kolom Realisasi per tahun (di kanan kolom Target per tahun): isi realisasi setahun setiap tahun "
        "periode yang sudah berjalan, mis. dari LKjIP atau Perjanjian Kinerja. Realisasi tahunan tidak memerlukan Sifat; "
        "Sifat hanya diperlukan bila realisasi triwulan diisi. Kolom Standar Nasional (opsional): standar nasional "
        "indikator sebagai pembanding LKjIP bab III.",
    ),
    (
        "isi",
        "6. Indikator dengan Rumus berkomponen: klik Hitung Capaian (tab IKU di pita Excel) atau jalankan ikuxl recalc "
        "agar baris komponennya dibuat di lembar Komponen, lalu isi nilai tiap komponen per triwulan di sana; realisasinya "
        'dihitung dari komponen. Bila Rumus diubah, barisnya di Realisasi menulis "Rumus berubah … jalankan Hitung '
        'Capaian" sampai dihitung ulang.',
    ),
    (
        "isi",
        "7. Tanpa Python semua capaian, kategori dan Ringkasan tetap terhitung; Python menambahkan Validasi, rumus "
        "komponen, serta kelompok dan grafik Ringkasan yang baru.",
    ),
    ("isi", "8. Klik Validasi untuk memeriksa isian dan Perbarui Ringkasan untuk tabel dan grafik ringkasan."),
    (
        "isi",
        "9. Lembar Perjanjian Kinerja: formulir siap tanda tangan (A4 tegak) dengan Sasaran, Indikator, Satuan dan Target "
        "tahun pelaporan setiap indikator yang berlaku, menurut urutan IKU; baris bertambah sendiri bila indikator "
        "ditambahkan di IKU. Isi tempat, tanggal, jabatan, nama dan NIP pihak pertama dan kedua di blok Penandatangan "
        "formulir lembar Referensi (kosong: dicetak sebagai titik-titik untuk diisi tangan).",
    ),
    (
        "isi",
        "10. Siklus tahunan: triwulan di IKU dan Komponen milik satu tahun, yaitu Tahun triwulan di Referensi (dicatat "
        'ikuxl selama triwulan terisi, kosong: mengikuti Tahun pelaporan; judul kolom triwulan menyebutnya, mis. "Realisasi TW I 2024"). Untuk memulai tahun berikutnya, ubah '
        "Tahun pelaporan (mis. 2024 → 2025); selama triwulan masih berisi data 2024, lembar IKU dan Realisasi menampilkan "
        "PERINGATAN di baris 3 dan Validasi melaporkannya. Klik Hitung Capaian (atau ikuxl recalc) untuk menutup tahun "
        "2024: realisasi setahunnya (dari triwulan menurut Sifat, seperti di lembar Realisasi) masuk ke kolom Realisasi "
        "2024 bila masih kosong (bila berisi angka lain: tetap, dan dilaporkan), semua isian triwulan dan nilai "
        "komponen 2024 disimpan di lembar Arsip Triwulan lalu dikosongkan, dan Tahun triwulan kosong lagi (mengikuti 2025).",
    ),
    (
        "isi",
        "11. Lembar Pengukuran Kinerja (LKjIP bab III, A4 mendatar): per Sasaran setiap indikator dengan target, realisasi, "
        "capaian dan kategori tahun pelaporan, realisasi dan capaian tahun-tahun periode sebelumnya, target akhir periode "
        "dan capaian terhadapnya, serta Standar Nasional bila diisi; penandatangan dari blok yang sama. Realisasi setahun "
        "diambil dari kolom Realisasi per tahun di IKU, atau untuk tahun pelaporan dari triwulannya (menurut Sifat) bila "
        "tidak diketik; bila keduanya ada dan berbeda, lembar Realisasi dan Validasi menyebutnya.",
    ),
    ("label", "Tombol pada tab IKU"),
    ("isi", "Validasi: memeriksa isian; temuan ditulis di lembar Validasi dengan tautan ke selnya, dan sel bermasalah ditandai."),
    ("isi", "Hitung Capaian: menyusun rumus Komponen dari Rumus setiap indikator, menyiapkan baris Realisasi, lalu validasi."),
    ("isi", "Perbarui Ringkasan: menyusun ulang lembar Ringkasan (capaian per sasaran, per jabatan, per triwulan, grafik)."),
    ("label", "Mencetak"),
    (
        "isi",
        "Setiap lembar dicetak pada A4 (huruf paling kecil 7 pt). Area cetak mengikuti baris dan kolom yang terisi saat "
        "Hitung Capaian, Validasi atau ikuxl recalc terakhir dijalankan: baris kosong yang disiapkan dan halaman tanpa isi "
        "tidak dicetak; judul hanya di halaman pertama. Baris atau isian yang diketik sesudahnya disebut di samping judul "
        '(mis. "Baris 12–15 belum masuk area cetak"): tekan Hitung Capaian, atau atur Tata Letak Halaman ▸ Area Cetak (Page Layout ▸ Print Area).',
    ),
    ("label", "Fungsi lembar kerja"),
    ("isi", '=IKU.CAPAIAN(target; realisasi; "negatif") — capaian satu pasang target/realisasi.'),
    ("isi", "=IKU.KATEGORI(capaian; Skala_Kategori) — kategori menurut skala di lembar Referensi."),
    ("isi", "=IKU.NILAI(rumus; nama_komponen; nilai_komponen) — menghitung sebuah Rumus."),
    ("isi", '=IKU.ANGKA("9,85 Ha") — membaca angka dari teks.'),
    ("label", "Aturan capaian"),
    (
        "isi",
        f"Polaritas positif: {RUMUS_POSITIF}. Polaritas negatif: {METODE_NEGATIF['standar']}; "
        f"metode kebalikan: {METODE_NEGATIF['kebalikan']}. Polaritas stabil: di atas target seperti negatif, di bawah "
        f"seperti positif. Target rentang diketik di sel target {CARA_RENTANG}. Di dalam rentang capaian 100; "
        "di luar, batas terdekat menjadi target menurut polaritas; triwulan dijumlah atau dirata-rata per batas.",
    ),
    (
        "isi",
        "Target 0 tidak dapat dihitung, kecuali polaritas negatif dengan realisasi 0 (= 100). Capaian negatif menjadi 0, kecuali "
        'Batas bawah capaian di Referensi diisi "tanpa". Batas atas capaian (100 atau 120) juga diatur di Referensi; '
        "Capaian Tanpa Batas menampilkan nilai sebelum kedua batas, juga yang negatif.",
    ),
    (
        "isi",
        "Triwulan ke tahunan menurut Sifat: kumulatif (jumlah), akhir periode (triwulan terakhir terisi), rata-rata, "
        "rasio (rumus dihitung dari komponen yang dijumlah). Dibandingkan dengan target triwulan yang sama.",
    ),
    ("isi", 'Sel yang tidak dapat dihitung menampilkan alasannya, mis. "tidak dapat dihitung: target 0".'),
    ("label", "Lembar"),
    (
        "isi",
        "IKU — matriks indikator dan isian triwulan. Realisasi — capaian setiap baris IKU (terkunci). Komponen — "
        "nilai komponen rumus. "
        "Referensi — daftar pilihan, skala, pengaturan, penandatangan formulir. Ringkasan — ringkasan capaian. "
        "Perjanjian Kinerja dan Pengukuran Kinerja — formulir tahunan untuk ditandatangani. Validasi — hasil pemeriksaan.",
    ),
    (
        "isi",
        "Lembar Realisasi, Komponen dan Perjanjian Kinerja dilindungi tanpa kata sandi agar rumus tidak terhapus; sel isian tetap bisa diisi. "
        "Perlindungan dapat dibuka lewat Tinjau › Buka Proteksi Lembar (Review › Unprotect Sheet) bila benar-benar perlu.",
    ),
]


def petunjuk_bantu() -> list[tuple[str, str]]:
    """Petunjuk's list of Realisasi's helper columns (grouped right of the table; the + above them opens them)."""
    tr = Tata(kolom_realisasi())
    return [
        ("label", "Kolom bantu lembar Realisasi"),
        (
            "isi",
            "Rumus Realisasi dipecah menjadi langkah pendek di kolom bantu, dikelompokkan di kanan tabel (klik tanda + di "
            "atas kolom untuk membukanya; tidak ikut tercetak). Teks yang ditampilkan rumus ada di Rumus › Manajer Nama (Formulas › Name Manager) "
            "(nama Pesan_…), skala kategori dibaca dari nama Skala_Op, Skala_Batas dan Skala_Label.",
        ),
        *[("isi", f"{tr.huruf(k.kunci)} {k.judul}: {k.petunjuk}.") for k in tr.kolom if k.bantu],
    ]


def petunjuk_kode() -> list[tuple[str, str]]:
    """Petunjuk's list of Validasi codes, from the registry."""
    return [
        ("label", "Kode temuan Validasi"),
        *[("isi", f"{kode} ({d.tingkat}): {d.arti}; {d.perbaikan}.") for kode, d in KODE.items()],
    ]


def lembar_petunjuk(dok: Dokumen) -> LembarPlan:
    l = LembarPlan(PETUNJUK, lindungi=False, warna_tab="C00000")
    baris = 1
    for gaya, teks in [*PETUNJUK_TEKS, *petunjuk_bantu(), *petunjuk_kode()]:
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
    l.tegak = True
    return l


def lembar_arsip(dok: Dokumen) -> LembarPlan:
    """Arsip Triwulan: the quarterly inputs of each closed year as they were typed (tutup.py), oldest first."""
    l = LembarPlan(ARSIP, beku="C5", warna_tab="808080")
    kolom = kolom_arsip()
    judul_lembar(l, "ARSIP TRIWULAN: isian triwulan tahun yang sudah ditutup", dok)
    _kepala(l, kolom)
    for r, baris in enumerate(dok.arsip, start=BARIS_DATA):
        for c, (k, x) in enumerate(zip(kolom, baris), start=1):
            l.tulis(r, c, isi_sel(x), "biasa", k.format)
    l.kolom_cetak = "A:C"
    return l


def lembar_kosong(nama: str, judul: str, penjelasan: str, dok: Dokumen) -> LembarPlan:
    l = LembarPlan(nama, lindungi=True, warna_tab="595959")
    judul_lembar(l, judul, dok)
    l.tulis(BARIS_KEPALA, 1, penjelasan, "subjudul")
    l.lebar[1] = 60
    return l


def ref_pita(skala) -> list[str]:
    """Each band's label as a formula, highest band first, by its rank on Referensi's scale (in any row order):
    the j-th largest bound's label, and the band without a bound last."""
    return [
        "Skala_Bawah" if p.batas is None else f"INDEX(Skala_Label,MATCH(LARGE(Skala_Batas,{j}),Skala_Batas,0))"
        for j, p in enumerate(skala.pita, start=1)
    ]


def nama_skala() -> dict[str, str]:
    """The scale block's three columns on Referensi, which the kategori formulas read whole."""
    return {
        f"Skala_{n}": ref(REFERENSI, f"{_mutlak(c, BARIS_SKALA + 1)}:{_mutlak(c, BARIS_SKALA + BARIS_SKALA_MAKS)}")
        for c, n in enumerate(("Op", "Batas", "Label"), start=1)
    }


def nama_rumus(skala: Skala) -> dict[str, str]:
    """The names Realisasi's formulas read beyond its own cells (named texts, floor and cap, the scale's columns,
    its two lowest bands' labels): written into every workbook ikuxl writes, whatever else it rewrites."""
    # the two lowest bands live, whatever the rows' order: the band without a bound (if any) and the lowest bounds
    label = 'IFERROR(INDEX(Skala_Label,MATCH(SMALL(Skala_Batas,{}),Skala_Batas,0)),"")'
    rendah = {
        "Skala_Ada_Bawah": 'SUMPRODUCT((Skala_Batas="")*(Skala_Label<>""))>0',
        "Pita_Terendah": f"IF(Skala_Ada_Bawah,Skala_Bawah,{label.format(1)})",
        "Pita_Terendah_2": label.format("2-Skala_Ada_Bawah"),
    }
    if skala.rusak:  # every kategori says the scale is broken: none is among the lowest
        rendah = {k: '""' for k in rendah}
    return {**K.nama_konstanta(), **nama_skala(), **rendah, **nama_triwulan()}


NAMA_RUMUS = frozenset(nama_rumus(Skala([], rusak=True)))
