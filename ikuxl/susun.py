"""From a Dokumen to the write plan of a whole ikuxl workbook.

Sheets IKU (the matrix), Realisasi (targets and realisasi per triwulan, with the
compiled formula columns), Komponen (values of each Rumus component), Referensi
(lists, kategori scale, settings), Petunjuk, and the Ringkasan and Validasi
sheets that the actions fill.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from statistics import fmean

from . import kolom as K
from .alamat import huruf_kolom, kutip_lembar
from .capaian import METODE_NEGATIF, RUMUS_POSITIF, Skala
from .dokumen import Dokumen, skala_terurut
from .nilai import CARA_RENTANG, PEMISAH_RENTANG, adalah_angka, isi_sel, kanan, kiri, teks_rentang
from .plan import BARIS_POLA as _R, LEBAR_TEGAK, LembarPlan, Plan, Rumusan, ValidasiData
from .rumus import Rumus, kunci_komponen, masalah_batas_excel, teks_excel
from .skema import (
    BARIS_CADANGAN,
    BARIS_DAFTAR_MAKS,
    BARIS_DATA,
    BARIS_JUDUL,
    BARIS_KEPALA,
    BARIS_PENGATURAN,
    BARIS_SKALA,
    BARIS_SKALA_MAKS,
    BARIS_SUBJUDUL,
    FORMAT_ANGKA,
    FORMAT_PERSEN,
    IKU,
    KOLOM_DAFTAR,
    KOMPONEN,
    LUAR_PERIODE,
    NAMA_SKALA,
    PENGATURAN,
    PETUNJUK,
    REALISASI,
    REFERENSI,
    VERSI_TEMPLATE,
    Kolom,
    Tata,
    kolom_komponen,
    kolom_realisasi,
)
from .temuan import KODE


def ref(lembar: str, sel: str) -> str:
    return f"{_kutip(lembar)}!{sel}"


@lru_cache(maxsize=64)  # a handful of sheet names, quoted for thousands of references
def _kutip(lembar: str) -> str:
    return kutip_lembar(lembar)


def _mutlak(kolom: int, baris: int) -> str:
    return f"${huruf_kolom(kolom)}${baris}"


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
            next((k.kunci for k in kolom if k.kunci.startswith("target_") and k.kunci[7:].isdigit()), "kondisi_awal"),
            "target_tw1",
            "status",
            "catatan",
        ),
    )
    return l


def iku_terpakai(dok: Dokumen) -> tuple[int, int]:
    """IKU's last row and column in use, from the Dokumen (as LembarPlan.terpakai finds them on a sheet)."""
    posisi = Tata(dok.kolom_iku).posisi
    baris = kolom = 0
    for i, b in enumerate(dok.iku):
        isi = [posisi[k] for k, v in b.items() if k in posisi and v is not None and v != ""]
        if isi:
            baris, kolom = max(baris, dok.baris_sheet(i)), max(kolom, *isi)
    return baris, kolom


def lembar_iku(dok: Dokumen, plan: Plan) -> LembarPlan:
    l = cetak_iku(dok)
    l.beku, l.warna_tab = "C5", "1F4E79"
    kolom = dok.kolom_iku
    tata = Tata(kolom)
    judul_lembar(l, "INDIKATOR KINERJA UTAMA (IKU)", dok)
    _kepala(l, kolom)
    for k, kunci in enumerate(k.kunci for k in kolom if k.kunci.startswith("target_") and k.kunci[7:].isdigit()):
        # labelled from Referensi's period: changing the period in Excel relabels the columns
        tahun = dok.tahun_periode.start + k
        l.tulis(
            BARIS_KEPALA,
            tata.posisi[kunci],
            Rumusan(
                f'IF({k}<=Pengaturan_Periode_Akhir-Pengaturan_Periode_Awal,"Target "&(Pengaturan_Periode_Awal+{k}),'
                f"{teks_excel(LUAR_PERIODE)})",
                f"Target {tahun}" if tahun in dok.tahun_periode else LUAR_PERIODE,
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


# --- Komponen and Realisasi -----------------------------------------------------------------------


@dataclass
class Letak:
    """Where each indicator's rows sit in the workbook ikuxl writes for a Dokumen."""

    baris_iku: list[int]  # by position in dok.iku; Realisasi shows each on the same row
    baris_komponen: dict[tuple[str, str], int]  # by (kode, kunci_komponen)
    baris_rumus: dict[str, int]  # per kode (casefolded): the first Komponen row of its compiled Rumus
    asal_rumus: dict[str, int]  # per kode (casefolded): the matrix row (position in dok.iku) it is compiled from


def letak(dok: Dokumen) -> Letak:
    return dok.sekali("letak", lambda: _letak(dok))


def _letak(dok: Dokumen) -> Letak:
    baris_komponen, baris_rumus, asal_rumus = {}, {}, {}
    rk = BARIS_DATA
    for i, b in enumerate(dok.iku):
        kode = K.teks_sel(isi_sel(b.get("kode")))
        if (
            not K.hidup(b.get("kode"), b.get("indikator"), b.get("status"))
            or not kode
            or kode.casefold() in baris_rumus
            or not K.punya_komponen(b.get("rumus"))
        ):
            continue
        baris_rumus[kode.casefold()], asal_rumus[kode.casefold()] = rk, i
        rumus = K.rumus_komponen(K.cap_rumus(b.get("rumus")))
        for nama in rumus.komponen if rumus else [None]:  # an unreadable Rumus: one row that says so
            if nama is not None:
                baris_komponen[(kode, kunci_komponen(nama))] = rk
            rk += 1
    return Letak([dok.baris_sheet(i) for i in range(len(dok.iku))], baris_komponen, baris_rumus, asal_rumus)


def masukan_komponen(dok: Dokumen) -> dict[tuple[str, str], list[object]]:
    """The values typed on the Komponen sheet, by (kode, component), TW I–IV."""
    return dok.sekali(
        "masukan_komponen",
        lambda: {
            (str(b["kode"]).strip(), kunci_komponen(str(b["komponen"]))): [isi_sel(b.get(f"tw{q}")) for q in range(1, 5)]
            for b in dok.komponen
        },
    )


MAKS_BARIS = 1_048_576  # a sheet's last row: the longest reference a formula can hold
TEKS_MELAMPAUI_EXCEL = K.tdd("Rumus terlalu besar untuk Excel; sederhanakan Rumus (lihat Validasi)")


def _rumus_komponen_excel(rumus: Rumus, baris: list, tk: Tata) -> dict[str, str]:
    """The compiled cells of a Rumus whose components sit on rows `baris` of Komponen (its first row)."""
    nama = rumus.komponen
    ref_q = [{n: tk.sel(f"tw{q}", b, mutlak=True) for n, b in zip(nama, baris)} for q in range(1, 5)]
    hasil = {f"realisasi_tw{q}": K.realisasi_tw_excel(rumus, ref_q[q - 1]) for q in range(1, 5)}
    for q in range(1, 5):
        hasil[f"lapor_tw{q}"] = K.komponen_lengkap_excel(
            f"{tk.sel(f'tw{q}', baris[0], mutlak=True)}:{tk.sel(f'tw{q}', baris[-1], mutlak=True)}", len(nama)
        )
    hasil["rasio"] = K.rasio_tahunan_excel(rumus, ref_q, [tk.sel(f"lapor_tw{q}", baris[0]) for q in range(1, 5)])
    return hasil


@lru_cache(maxsize=1024)
def galat_batas_excel(rumus: Rumus) -> str | None:
    """Which of Excel's limits the cells compiled from this Rumus break, on any row of a sheet (checked
    with the longest references); None when they fit. Such an indicator's compiled cells hold
    TEKS_MELAMPAUI_EXCEL instead, and Validasi reports its Rumus."""
    f = _rumus_komponen_excel(rumus, [MAKS_BARIS] * len(rumus.komponen), Tata(kolom_komponen()))
    return next((m for m in map(masalah_batas_excel, f.values()) if m), None)


def komponen_terhitung(dok: Dokumen) -> tuple[LembarPlan, dict[str, dict[str, object]], str]:
    """The Komponen sheet, the values of each kode's compiled cells, and its table's area (worked out once)."""
    return dok.sekali("komponen_terhitung", lambda: lembar_komponen(dok))


def lembar_komponen(dok: Dokumen) -> tuple[LembarPlan, dict[str, dict[str, object]], str]:
    """Komponen, and per kode (casefolded) the values its compiled cells hold."""
    lk = LembarPlan(KOMPONEN, beku="D5", lindungi=True, warna_tab="7F6000")
    tk = Tata(kolom_komponen())
    judul_lembar(lk, f"KOMPONEN RUMUS PER TRIWULAN TAHUN {dok.tahun}", dok)
    _kepala(lk, tk.kolom)
    masuk, tempat = masukan_komponen(dok), letak(dok)
    hasil: dict[str, dict[str, object]] = {}
    for kunci, i in tempat.asal_rumus.items():  # the row letak() placed, not another row of the same Kode
        b, rk = dok.iku[i], tempat.baris_rumus[kunci]
        kode = K.teks_sel(isi_sel(b.get("kode")))
        teks = K.cap_rumus(b.get("rumus"))
        rumus = K.rumus_komponen(teks)
        nama = rumus.komponen if rumus else [None]
        nilai = [masuk.get((kode, kunci_komponen(n)), [None] * 4) if n else [None] * 4 for n in nama]
        for j, n in enumerate(nama):
            lk.tulis(rk + j, tk.posisi["kode"], kode, "rumus")
            lk.tulis(rk + j, tk.posisi["indikator"], isi_sel(b.get("indikator")), "rumus")
            lk.tulis(rk + j, tk.posisi["komponen"], n if n else "(Rumus tidak dapat dibaca)", "rumus")
            for q in range(4):
                if n:
                    lk.tulis(rk + j, tk.posisi[f"tw{q + 1}"], nilai[j][q], "input", FORMAT_ANGKA)
        per_tw = [{n: nilai[j][q] for j, n in enumerate(nama)} for q in range(4)]
        if rumus is None:
            sel = {
                **{f"realisasi_tw{q}": K.RUMUS_TIDAK_TERBACA for q in range(1, 5)},
                **{f"lapor_tw{q}": False for q in range(1, 5)},
                "rasio": K.RUMUS_TIDAK_TERBACA,
            }
            f = {}
        else:
            sel = {
                **{f"realisasi_tw{q}": K.realisasi_tw(rumus, per_tw[q - 1]) for q in range(1, 5)},
                **{f"lapor_tw{q}": K.komponen_lengkap(per_tw[q - 1]) for q in range(1, 5)},
                "rasio": K.rasio_tahunan(rumus, per_tw),
            }
            f = {} if galat_batas_excel(rumus) else _rumus_komponen_excel(rumus, list(range(rk, rk + len(nama))), tk)
            if not f:
                sel = {k: (TEKS_MELAMPAUI_EXCEL if not k.startswith("lapor") else False) for k in sel}
        for k, v in sel.items():
            isi = Rumusan(f[k], v) if k in f else Rumusan(teks_excel(v) if isinstance(v, str) else "FALSE", v)
            lk.tulis(rk, tk.posisi[k], isi, "rumus", FORMAT_ANGKA if k.startswith("realisasi") or k == "rasio" else None)
        lk.tulis(rk, tk.posisi["rumus"], teks, "rumus")
        # why the Rumus cannot be used: Realisasi shows it in the row, in every quarter and the year
        galat = "" if f else K.RUMUS_TIDAK_TERBACA if rumus is None else TEKS_MELAMPAUI_EXCEL
        lk.tulis(rk, tk.posisi["galat"], galat or None, "rumus")
        for j in range(1, len(nama)):  # the block's other rows: the computed columns blank, framed like the first
            for k in (*sel, "rumus", "galat"):
                lk.tulis(rk + j, tk.posisi[k], None, "rumus")
        hasil[kunci] = {**sel, "rumus": teks, "galat": galat, "objek": rumus, "komponen": per_tw}
    akhir = max((r for r, _ in lk.sel), default=BARIS_KEPALA)
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
    return lk, hasil, ref(KOMPONEN, f"$A${BARIS_DATA}:{_mutlak(len(tk.kolom), max(akhir, BARIS_DATA))}")


# the IKU cells Realisasi shows as they are typed (in its formula and in its twin)
DICERMINKAN = (
    "kode",
    "indikator",
    "satuan",
    "polaritas",
    "sifat",
    "sasaran",
    "jabatan",
    "bidang",
    *[f"target_tw{q}" for q in range(1, 5)],
)


def _rumus_cermin(tr: Tata, ti: Tata, tk: Tata, skala, tahun_ke: str) -> dict[str, str]:
    """The formula of every Realisasi column, the same on every row (row `_R`): it shows IKU's row of
    the same number, so inserting, deleting or sorting IKU rows moves nothing onto another indicator."""
    s = {k: f"{tr.huruf(k)}{_R}" for k in tr.posisi}

    def iku(k: str) -> str:
        return f"INDEX({ref(IKU, f'${ti.huruf(k)}:${ti.huruf(k)}')},ROW())"

    def komp(k: str) -> str:
        return f"INDEX({ref(KOMPONEN, f'${tk.huruf(k)}:${tk.huruf(k)}')},{s['baris_komponen']})"

    def tw(awal: str) -> list[str]:
        return [s[f"{awal}_tw{q}"] for q in range(1, 5)]

    def rentang(awal: str) -> str:  # the four quarters' cells of a column group on the row
        return f"{tr.huruf(awal + '_tw1')}{_R}:{tr.huruf(awal + '_tw4')}{_R}"

    h = s["hidup"]
    f = {"hidup": K.hidup_excel(iku("kode"), iku("indikator"), iku("status"))}
    for k in DICERMINKAN:
        f[k] = K.cermin_excel(h, iku(k))
    blok = [k.kunci for k in ti.kolom if k.kunci.startswith("target_") and k.kunci[7:].isdigit()]
    f["target_tahunan"] = K.target_tahunan_excel(
        h, f"INDEX({ref(IKU, f'${ti.huruf(blok[0])}:${ti.huruf(blok[-1])}')},ROW(),{tahun_ke})"
    )
    for t in SASARAN_TARGET:
        x, teks = s["target_" + t], s["rentang_" + t]
        f["rentang_" + t] = K.teks_rentang_excel(x)
        f["kiri_" + t], f["kanan_" + t] = K.kiri_excel(teks), K.kanan_excel(teks)
        f["atas_" + t] = K.batas_atas_excel(x, s["kanan_" + t])
        f["bawah_" + t] = K.batas_bawah_excel(x, s["kiri_" + t], s["atas_" + t])
    f["polaritas_baku"] = K.polaritas_baku_excel(h, s["polaritas"])
    f["metode_baku"] = K.metode_baku_excel(h, iku("metode"))
    f["aturan"] = K.aturan_excel(h, s["polaritas_baku"], s["metode_baku"])
    f["baris_komponen"] = K.cari_komponen_excel(
        h, s["kode"], iku("rumus"), ref(KOMPONEN, f"${tk.huruf('kode')}:${tk.huruf('kode')}")
    )
    f["sifat_baku"] = K.sifat_baku_excel(h, s["sifat"], s["baris_komponen"])
    f["status_rumus"] = K.status_rumus_excel(h, iku("rumus"), s["baris_komponen"], komp("rumus"), komp("galat") + '&""')
    A, S, B = s["aturan"], s["status_rumus"], s["baris_komponen"]
    for q in range(1, 5):
        R, T, alasan = s[f"realisasi_tw{q}"], s[f"target_efektif_tw{q}"], s[f"alasan_tw{q}"]
        bawah, atas = s[f"bawah_tw{q}"], s[f"atas_tw{q}"]
        f[f"realisasi_tw{q}"] = K.realisasi_baris_excel(h, S, B, komp(f"realisasi_tw{q}"), iku(f"realisasi_tw{q}"))
        f[f"lapor_tw{q}"] = K.lapor_excel(s["sifat_baku"], R, komp(f"lapor_tw{q}"))
        f[f"target_efektif_tw{q}"] = K.target_efektif_excel(R, bawah, atas)
        f[f"alasan_tw{q}"] = K.alasan_excel(A, R, bawah, atas, T, False, S, B)
        f[f"capaian_tw{q}"] = K.capaian_tw_excel(alasan, A, R, bawah, atas, T)
        f[f"kategori_tw{q}"] = K.kategori_excel(s[f"capaian_tw{q}"], skala)
    f["jumlah_tw"] = K.jumlah_lapor_excel(tw("lapor"))
    f["tw_akhir"] = K.tw_akhir_excel(tw("lapor"))
    f["tahun_galat"] = K.tahun_galat_excel(h, s["sifat_baku"], S)
    galat, jumlah, sifat, akhir = s["tahun_galat"], s["jumlah_tw"], s["sifat_baku"], s["tw_akhir"]
    f["realisasi_tahunan"] = K.realisasi_tahunan_excel(galat, jumlah, sifat, rentang("realisasi"), komp("rasio"), akhir)
    for b in ("bawah", "atas"):
        f[f"tanpa_target_{b}"] = K.tw_tanpa_target_excel(tw("lapor"), tw(b))
        f[f"{b}_sd"] = K.target_sd_excel(
            galat, jumlah, sifat, rentang(b), rentang("lapor"), s[f"{b}_tahunan"], s[f"tanpa_target_{b}"], akhir
        )
    f["target_sd"] = K.target_tampil_excel(s["bawah_sd"], s["atas_sd"])
    R, bawah, atas, T = s["realisasi_tahunan"], s["bawah_sd"], s["atas_sd"], s["target_efektif_sd"]
    f["target_efektif_sd"] = K.target_efektif_excel(R, bawah, atas)
    f["alasan_sd"] = K.alasan_excel(A, R, bawah, atas, T, True)
    f["capaian_mentah"] = K.capaian_mentah_excel(s["alasan_sd"], A, R, bawah, atas, T)
    f["capaian"] = K.capaian_dibatasi_excel(s["capaian_mentah"])
    f["kategori"] = K.kategori_excel(s["capaian"], skala)
    f["perhatian"] = K.perhatian_excel(h, s["capaian"], s["kategori"])
    return f


SASARAN_TARGET = ("tahunan", *[f"tw{q}" for q in range(1, 5)])  # the target cells a range may be typed in


def nilai_cermin(b: dict, dok: Dokumen, komponen: dict[str, dict], skala) -> dict[str, object]:
    """The Python twin of _rumus_cermin: the values of one Realisasi row for IKU row `b` ({} if blank),
    `komponen` the values of the compiled Komponen cells per kode (lembar_komponen)."""
    h = K.hidup(b.get("kode"), b.get("indikator"), b.get("status"))
    if not h:
        return {}
    tahun, batas, lantai = dok.tahun, dok.pengaturan.get("batas_capaian"), dok.pengaturan.get("batas_bawah_capaian")
    v = {"hidup": True}
    for k in DICERMINKAN:
        v[k] = K.cermin(h, b.get(k))
    v["target_tahunan"] = K.target_tahunan(h, b.get(f"target_{tahun}"))
    for t in SASARAN_TARGET:
        x = v["target_" + t]
        v["rentang_" + t] = teks = teks_rentang(x)
        v["kiri_" + t], v["kanan_" + t] = kiri(teks), kanan(teks)
        v["atas_" + t] = K.batas_atas(x, v["kanan_" + t])
        v["bawah_" + t] = K.batas_bawah(x, v["kiri_" + t], v["atas_" + t])
    v["polaritas_baku"] = K.polaritas_baku(h, v["polaritas"])
    v["metode_baku"] = K.metode_baku(h, b.get("metode"))
    v["aturan"] = K.aturan(h, v["polaritas_baku"], v["metode_baku"])
    v["baris_komponen"] = K.cari_komponen(v["kode"], b.get("rumus"), letak(dok).baris_rumus)
    reg = komponen.get(K.teks_sel(v["kode"]).casefold(), {}) if v["baris_komponen"] != "" else {}
    v["sifat_baku"] = K.sifat_baku(h, v["sifat"], v["baris_komponen"] != "")
    v["status_rumus"] = K.status_rumus(h, b.get("rumus"), v["baris_komponen"], reg.get("rumus"), reg.get("galat", ""))
    for q in range(1, 5):
        R = v[f"realisasi_tw{q}"] = K.realisasi_baris(
            h, v["status_rumus"], v["baris_komponen"], reg.get(f"realisasi_tw{q}"), b.get(f"realisasi_tw{q}")
        )
        v[f"lapor_tw{q}"] = K.lapor(v["sifat_baku"], R, reg.get(f"lapor_tw{q}"))
        v[f"target_efektif_tw{q}"] = K.target_efektif(R, v[f"bawah_tw{q}"], v[f"atas_tw{q}"])
        c = v[f"capaian_tw{q}"] = K.capaian_sel(v["aturan"], v[f"bawah_tw{q}"], R, True, lantai, atas=v[f"atas_tw{q}"])
        v[f"alasan_tw{q}"] = K.alasan(c)
        v[f"kategori_tw{q}"] = K.kategori_sel(c, skala)
    lapor = [v[f"lapor_tw{q}"] for q in range(1, 5)]
    v["jumlah_tw"], v["tw_akhir"] = K.jumlah_lapor(lapor), K.tw_akhir(lapor)
    v["tahun_galat"] = K.tahun_galat(h, v["sifat_baku"], v["status_rumus"])
    for b_ in ("bawah", "atas"):
        v[f"tanpa_target_{b_}"] = K.tw_tanpa_target(lapor, [v[f"{b_}_tw{q}"] for q in range(1, 5)])
    rasio = reg.get("objek") if v["sifat_baku"] == "rasio" else None

    def tahun(bagian: str) -> tuple[object, object]:
        return K.tahunan(
            h,
            v["sifat_baku"],
            v["status_rumus"],
            [v[f"realisasi_tw{q}"] for q in range(1, 5)],
            [v[f"{bagian}_tw{q}"] for q in range(1, 5)],
            v[f"{bagian}_tahunan"],
            reg.get("komponen", ()),
            rasio,
        )

    v["realisasi_tahunan"], v["bawah_sd"] = tahun("bawah")
    # no range anywhere: the upper bound is the lower one, not worth computing again
    v["atas_sd"] = v["bawah_sd"] if all(v["bawah_" + t] == v["atas_" + t] for t in SASARAN_TARGET) else tahun("atas")[1]
    v["target_sd"] = K.target_tampil(v["bawah_sd"], v["atas_sd"])
    v["target_efektif_sd"] = K.target_efektif(v["realisasi_tahunan"], v["bawah_sd"], v["atas_sd"])
    v["capaian_mentah"] = K.capaian_sel(v["aturan"], v["bawah_sd"], v["realisasi_tahunan"], berlantai=False, atas=v["atas_sd"])
    v["alasan_sd"] = K.alasan(v["capaian_mentah"])
    v["capaian"] = K.capaian_dibatasi(v["capaian_mentah"], batas, lantai)
    v["kategori"] = K.kategori_sel(v["capaian"], skala)
    v["perhatian"] = K.perhatian(h, v["capaian"], v["kategori"], [p.label for p in skala.pita[-2:]])
    return v


FORMAT_KOLOM = {
    **{k: FORMAT_PERSEN for k in ("capaian_mentah", "capaian", *[f"capaian_tw{q}" for q in range(1, 5)])},
    **{
        k: FORMAT_ANGKA
        for k in (
            "target_tahunan",
            "realisasi_tahunan",
            "target_sd",
            *[f"{a}_tw{q}" for a in ("target", "realisasi") for q in range(1, 5)],
        )
    },
}


def akhir_cermin(dok: Dokumen) -> int:
    """The last row Realisasi prepares: IKU's last row in use and room for new indicators below it."""
    return max((dok.baris_sheet(i) for i in range(len(dok.iku))), default=BARIS_DATA - 1) + BARIS_CADANGAN


def kosong_cermin(kunci: str) -> object:
    """What a Realisasi cell of a prepared row with no indicator in force holds."""
    if kunci in ("hidup", "perhatian") or kunci.startswith("lapor"):
        return False
    return 0 if kunci in ("jumlah_tw", "tw_akhir") or kunci.startswith("tanpa_target") else ""


@dataclass(frozen=True)
class Hitungan:
    """Hitung Capaian's results as data: the values of every prepared Realisasi row (nilai_cermin, the
    twin of its formulas) from BARIS_DATA down, None for a row with no indicator in force. Realisasi
    lays them out; Ringkasan, Validasi, the alert text and rekap read them from here. A row is a tuple
    in the order of `kunci` (Realisasi's columns): 20,000 rows of dicts would take 100 MB more."""

    kunci: tuple[str, ...]
    isi: list[tuple | None]
    skala: Skala

    @property
    def akhir(self) -> int:
        return BARIS_DATA + len(self.isi) - 1

    def baris(self, i: int) -> dict[str, object]:
        """The i-th prepared row ({} where no indicator is in force)."""
        return dict(zip(self.kunci, self.isi[i])) if self.isi[i] else {}

    def kolom(self, kunci: str) -> list[object]:
        j, kosong = self.kunci.index(kunci), kosong_cermin(kunci)
        return [b[j] if b else kosong for b in self.isi]

    def aktif(self) -> list[dict[str, object]]:
        """The rows of the indicators in force, in sheet order."""
        return [dict(zip(self.kunci, b)) for b in self.isi if b]

    def dari_iku(self, dok: Dokumen, i: int) -> dict[str, object]:
        """The row computed for IKU matrix row i."""
        return self.baris(dok.baris_sheet(i) - BARIS_DATA)

    def capaian_rata(self) -> float | None:
        angka = [c for c in self.kolom("capaian") if adalah_angka(c)]
        return fmean(angka) if angka else None


def hitung(dok: Dokumen) -> Hitungan:
    """Every prepared Realisasi row of this Dokumen computed, once per run (Validasi's checks, the sheets
    and the summary all read it)."""
    return dok.sekali("hitung", lambda: _hitung(dok))


def _hitung(dok: Dokumen) -> Hitungan:
    skala = skala_kategori(dok)
    _, komponen, _ = komponen_terhitung(dok)
    per_baris = {dok.baris_sheet(i): b for i, b in enumerate(dok.iku)}
    kunci = tuple(Tata(kolom_realisasi()).posisi)
    isi = []
    for r in range(BARIS_DATA, akhir_cermin(dok) + 1):
        v = nilai_cermin(per_baris[r], dok, komponen, skala) if r in per_baris else {}
        isi.append(tuple(v.get(k, kosong_cermin(k)) for k in kunci) if v else None)
    return Hitungan(kunci, isi, skala)


def lembar_realisasi(dok: Dokumen, plan: Plan, hasil: Hitungan) -> LembarPlan:
    lr = LembarPlan(REALISASI, beku="C5", lindungi=True, warna_tab="375623")
    tr, ti, tk = Tata(kolom_realisasi()), Tata(dok.kolom_iku), Tata(kolom_komponen())
    judul_lembar(lr, f"TARGET, REALISASI DAN CAPAIAN TAHUN {dok.tahun}", dok)
    _kepala(lr, tr.kolom)
    tahun_ke = "Pengaturan_Tahun-Pengaturan_Periode_Awal+1"
    pola = _rumus_cermin(tr, ti, tk, hasil.skala, tahun_ke)
    plan.nama.update(nama_rumus(hasil.skala))
    akhir = hasil.akhir
    kolom = [(tr.posisi[k], FORMAT_KOLOM.get(k)) for k in hasil.kunci]
    kosong = tuple(kosong_cermin(k) for k in hasil.kunci)
    for r, nilai in enumerate(hasil.isi, start=BARIS_DATA):
        for (c, format), v in zip(kolom, nilai or kosong):
            lr.tulis(r, c, Rumusan(None, v), "rumus", format)
    for k, c in tr.posisi.items():
        lr.bersama[c] = (BARIS_DATA, akhir, pola[k])
    lr.tersembunyi.update(tr.posisi[k.kunci] for k in tr.kolom if k.bantu)
    # On paper: Kode and Indikator on every page across, pages broken between the blocks of
    # columns (the indicator, targets, realisasi, capaian and kategori per triwulan, the year, who);
    # the rows down to the last indicator in force, also one typed after ikuxl last ran
    lr.kolom_cetak = "A:B"
    lr.kelompok_cetak = _kelompok(
        tr, ("kode", "satuan", "target_tw1", "realisasi_tw1", "capaian_tw1", "kategori_tw1", "realisasi_tahunan", "sasaran")
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
    l = LembarPlan(REFERENSI, warna_tab="7030A0")
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
        l.tulis(baris, 2, nilai, "input" if kunci != "versi_template" else "rumus")
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
        "1. Lembar Referensi: isi nama instansi, urusan, periode (1–6 tahun; judul kolom Target di IKU mengikutinya), "
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
        "5. Indikator dengan Rumus berkomponen: klik Hitung Capaian (tab IKU di pita Excel) atau jalankan ikuxl recalc "
        "agar baris komponennya dibuat di lembar Komponen, lalu isi nilai tiap komponen per triwulan di sana; realisasinya "
        'dihitung dari komponen. Bila Rumus diubah, barisnya di Realisasi menulis "Rumus berubah … jalankan Hitung '
        'Capaian" sampai dihitung ulang.',
    ),
    (
        "isi",
        "6. Tanpa Python semua capaian, kategori dan Ringkasan tetap terhitung; Python menambahkan Validasi, rumus "
        "komponen, serta kelompok dan grafik Ringkasan yang baru.",
    ),
    ("isi", "7. Klik Validasi untuk memeriksa isian dan Perbarui Ringkasan untuk tabel dan grafik ringkasan."),
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
        '(mis. "Baris 12–15 belum masuk area cetak"): tekan Hitung Capaian, atau atur Page Layout ▸ Print Area.',
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
        "Referensi — daftar pilihan, skala, pengaturan. Ringkasan — ringkasan capaian. Validasi — hasil pemeriksaan.",
    ),
    (
        "isi",
        "Lembar Realisasi dan Komponen dilindungi tanpa kata sandi agar rumus tidak terhapus; sel isian tetap bisa diisi. "
        "Perlindungan dapat dibuka lewat Review › Unprotect Sheet bila benar-benar perlu.",
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
            "atas kolom untuk membukanya; tidak ikut tercetak). Teks yang ditampilkan rumus ada di Formulas › Name Manager "
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


def lembar_kosong(nama: str, judul: str, penjelasan: str, dok: Dokumen) -> LembarPlan:
    l = LembarPlan(nama, lindungi=True, warna_tab="595959")
    judul_lembar(l, judul, dok)
    l.tulis(BARIS_KEPALA, 1, penjelasan, "subjudul")
    l.lebar[1] = 60
    return l


def skala_kategori(dok: Dokumen) -> Skala:
    """The workbook's scale, or a broken one (Validasi names the cell, SKALA_*) whose kategori
    cells all say so: Python and the formulas never guess at what a broken scale means."""
    try:
        return skala_terurut(dok.skala)
    except ValueError:
        return Skala([], rusak=True)


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
    return {**K.nama_konstanta(), **nama_skala(), **rendah}


NAMA_RUMUS = frozenset(nama_rumus(Skala([], rusak=True)))
