"""The year the quarters belong to, and closing it (the annual cycle).

IKU's quarterly inputs and Komponen's quarterly values are one year's: Referensi's setting Tahun triwulan
(Pengaturan_Tahun_Triwulan) names it, written by ikuxl while any quarter is filled; blank, the quarters follow
Tahun pelaporan. When Tahun pelaporan moves on while quarters of the other year are
filled, the workbook warns live (the named formula Peringatan_Triwulan, twin of peringatan_triwulan) and
Validasi reports it. Hitung Capaian and `ikuxl recalc` then close that year (tutup_tahun): its realisasi for
the year, derived from the quarters by sifat as Realisasi computes it, goes to IKU's Realisasi {year} when
that cell is empty; every quarterly input goes to the Arsip Triwulan sheet and is cleared; the setting
is blank again, following the new year. Nothing typed is lost: each input is afterwards in its place or in the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .alamat import huruf_kolom, kutip_lembar
from .dokumen import KOLOM_TW_KOMPONEN, KOLOM_TW_REALISASI, Dokumen
from .hitung import hitung
from .nilai import adalah_angka, format_angka, teks_rapi
from .rumus import teks_excel
from .skema import (
    ARSIP,
    BARIS_DATA,
    BARIS_PENGATURAN,
    IKU,
    KOMPONEN,
    PENGATURAN,
    REFERENSI,
    Tata,
    kolom_arsip,
    kolom_iku,
    kolom_komponen,
)
from .temuan import INFO, PERINGATAN, Temuan

KUNCI = "tahun_triwulan"
BARIS_SETELAN = BARIS_PENGATURAN + [k for k, _, _ in PENGATURAN].index(KUNCI)  # Referensi row of the setting
NAMA_SETELAN = next(n for k, _, n in PENGATURAN if k == KUNCI)


def _kosong(x: object) -> bool:
    return x is None or x == ""


def tahun_triwulan(dok: Dokumen) -> int:
    """The year the quarters hold: the setting, or the reporting year where it is blank (before ikuxl wrote it)."""
    x = dok.pengaturan.get(KUNCI)
    if adalah_angka(x) and int(x) == x:
        return int(x)
    return dok.tahun


def tahun_triwulan_tercatat(dok: Dokumen) -> int | None:
    """The year the setting records: the year of the quarters while any is filled; blank while none is, so the
    quarters follow the reporting year (a reporting year changed before the first quarter is typed is no
    year to close)."""
    return tahun_triwulan(dok) if ada_triwulan(dok) else None


def ada_triwulan(dok: Dokumen) -> bool:
    """Whether any quarterly input is filled, on IKU or on Komponen."""
    return any(not _kosong(b.get(k)) for b in dok.iku for k in KOLOM_TW_REALISASI) or any(
        not _kosong(b.get(k)) for b in dok.komponen for k in KOLOM_TW_KOMPONEN
    )


def _bagian_peringatan(lama: object, tahun: object) -> list[object]:
    """The warning in pieces: texts, and the two years (values in Python, names in Excel)."""
    return [
        "Triwulan berisi data tahun ",
        lama,
        ", bukan ",
        tahun,
        ": jalankan Hitung Capaian / ikuxl recalc untuk menutup tahun ",
        lama,
    ]


def pesan_peringatan(lama: object, tahun: object) -> str:
    return "".join(str(x) for x in _bagian_peringatan(lama, tahun))


def peringatan_triwulan(dok: Dokumen) -> str:
    """The workbook's warning that the quarters are of another year than the reporting year ("" when not)."""
    lama = tahun_triwulan(dok)
    return pesan_peringatan(lama, dok.tahun) if lama != dok.tahun and ada_triwulan(dok) else ""


def nama_triwulan() -> dict[str, str]:
    """The named formulas of the quarters' year (Excel twins of tahun_triwulan and peringatan_triwulan)."""
    ti, tk = Tata(kolom_iku(2000)), Tata(kolom_komponen())  # the quarters' columns do not move with the period
    akhir = 1048576
    iku = f"{kutip_lembar(IKU)}!${ti.huruf('target_tw1')}${BARIS_DATA}:${ti.huruf('realisasi_tw4')}${akhir}"
    komp = f"{kutip_lembar(KOMPONEN)}!${tk.huruf('tw1')}${BARIS_DATA}:${tk.huruf('tw4')}${akhir}"
    lama, tahun = object(), object()
    teks = "&".join(
        "Tahun_Triwulan" if x is lama else "Pengaturan_Tahun" if x is tahun else teks_excel(x)
        for x in _bagian_peringatan(lama, tahun)
    )
    return {
        NAMA_SETELAN: f"{kutip_lembar(REFERENSI)}!$B${BARIS_SETELAN}",
        "Tahun_Triwulan": f"IF(ISNUMBER({NAMA_SETELAN}),{NAMA_SETELAN},Pengaturan_Tahun)",
        "Peringatan_Triwulan": f'IF(AND(Tahun_Triwulan<>Pengaturan_Tahun,COUNTA({iku})+COUNTA({komp})>0),{teks},"")',
    }


@dataclass
class Penutupan:
    """What closing did: the cells to put into IKU and Referensi (neither is rewritten), and its findings."""

    iku: dict[tuple[int, int], object] = field(default_factory=dict)
    referensi: dict[tuple[int, int], object] = field(default_factory=dict)
    temuan: list[Temuan] = field(default_factory=list)


def tutup_tahun(dok: Dokumen) -> Penutupan:
    """Close the quarters' year when the reporting year has moved on (Dokumen changed in place: new lists),
    then name the reporting year in the setting. Idempotent: after it, the quarters' year is the reporting year."""
    hasil = Penutupan()
    lama = tahun_triwulan(dok)
    if lama != dok.tahun and ada_triwulan(dok):
        _tutup(dok, lama, hasil)
    ada = dok.pengaturan.get(KUNCI)
    baru = dok.tahun if ada_triwulan(dok) else None  # recorded while quarters are filled, blank (follows) when not
    if (None if _kosong(ada) else ada) != baru:
        if _kosong(ada):  # perhaps a workbook written before the setting: its label too
            hasil.referensi[(BARIS_SETELAN, 1)] = next(l for k, l, _ in PENGATURAN if k == KUNCI)
        dok.pengaturan[KUNCI] = baru
        hasil.referensi[(BARIS_SETELAN, 2)] = baru
    return hasil


def _angka(x: object) -> str:
    return format_angka(x, 2) if adalah_angka(x) else teks_rapi(x)


def _sama(a: object, b: float) -> bool:
    return adalah_angka(a) and abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _tutup(dok: Dokumen, lama: int, hasil: Penutupan) -> None:
    h = hitung(dok)  # the year from its quarters exactly as Realisasi shows it (by sifat, Komponen's Rumus)
    ti = Tata(dok.kolom_iku)
    kunci_tahun = f"realisasi_{lama}"
    kolom_tahun = ti.posisi.get(kunci_tahun) if lama in dok.tahun_periode else None
    iku, arsip, pindah = [dict(b) for b in dok.iku], [], 0
    indikator = {}
    for i, b in enumerate(dok.iku):
        kode = teks_rapi(b.get("kode")) if not _kosong(b.get("kode")) else ""
        indikator.setdefault(kode.casefold(), b.get("indikator"))
        if all(_kosong(b.get(k)) for k in KOLOM_TW_REALISASI):
            continue
        r = dok.baris_sheet(i)
        v = h.dari_iku(dok, i)
        # the year from its quarters only: where none counts, Realisasi shows the typed year (tahun_diketik)
        tahunan = "" if v.get("tahun_diketik") else v.get("realisasi_tahunan")
        sel = f"{huruf_kolom(kolom_tahun)}{r}" if kolom_tahun else ""
        if not adalah_angka(tahunan):
            sebab = teks_rapi(tahunan) if not _kosong(tahunan) else "belum ada realisasi triwulan yang dilaporkan"
            ket = f"realisasi tahun {lama} tidak diturunkan dari triwulan: {sebab}"
            tahunan = None
            if any(not _kosong(b.get(f"realisasi_tw{q}")) for q in range(1, 5)):
                hasil.temuan.append(
                    Temuan(
                        IKU,
                        sel or f"{ti.huruf('realisasi_tw1')}{r}",
                        PERINGATAN,
                        "TUTUP_TANPA_REALISASI",
                        f"tahun {lama} ditutup, tetapi realisasi tahunnya tidak dapat diturunkan dari triwulan ({sebab}); "
                        f"triwulannya tersimpan di lembar {ARSIP}. Isi Realisasi {lama} sendiri bila perlu",
                        kode,
                    )
                )
        else:
            akhir = v.get("tw_akhir")
            sd = f" (s.d. TW {['I', 'II', 'III', 'IV'][akhir - 1]})" if isinstance(akhir, int) and 0 < akhir < 4 else ""
            ada = b.get(kunci_tahun)
            if kolom_tahun is None:
                ket = f"tahun {lama} di luar periode IKU: realisasi tahunnya{sd} hanya tersimpan di arsip ini"
            elif _kosong(ada):
                iku[i][kunci_tahun] = tahunan
                hasil.iku[(r, kolom_tahun)] = tahunan
                pindah += 1
                ket = f"realisasi tahun{sd} dipindah ke IKU {sel} (Realisasi {lama})"
            elif _sama(ada, tahunan):
                ket = f"sama dengan Realisasi {lama} yang sudah diisi di IKU {sel}"
            else:
                ket = f"Realisasi {lama} di IKU {sel} sudah berisi {_angka(ada)}: tetap; dari triwulan {format_angka(tahunan, 2)}"
                hasil.temuan.append(
                    Temuan(
                        IKU,
                        sel,
                        PERINGATAN,
                        "TUTUP_REALISASI_BERBEDA",
                        f"Realisasi {lama} berisi {_angka(ada)}, dari triwulan tahun {lama}{sd} {format_angka(tahunan, 2)}; "
                        f"isian tetap, triwulannya tersimpan di lembar {ARSIP}",
                        kode,
                    )
                )
        for k in KOLOM_TW_REALISASI:
            if not _kosong(b.get(k)):
                iku[i][k] = None
                hasil.iku[(r, ti.posisi[k])] = None
        arsip.append(
            [
                lama,
                b.get("kode"),
                b.get("indikator"),
                None,
                b.get("sifat"),
                *[b.get(f"target_tw{q}") for q in range(1, 5)],
                *[b.get(f"realisasi_tw{q}") for q in range(1, 5)],
                tahunan,
                ket,
            ]
        )
    komponen = []
    for b in dok.komponen:
        if any(not _kosong(b.get(k)) for k in KOLOM_TW_KOMPONEN):
            nama = indikator.get(str(b.get("kode") or "").strip().casefold())
            arsip.append(
                [
                    lama,
                    b.get("kode"),
                    nama,
                    b.get("komponen"),
                    None,
                    *[None] * 4,
                    *[b.get(k) for k in KOLOM_TW_KOMPONEN],
                    None,
                    "nilai komponen",
                ]
            )
            b = {**b, **dict.fromkeys(KOLOM_TW_KOMPONEN)}
        komponen.append(b)
    assert all(len(a) == len(kolom_arsip()) for a in arsip)
    dok.iku, dok.komponen = iku, komponen
    dok.arsip = [*dok.arsip, *arsip]
    dok.arsip_baru = True
    hasil.temuan.append(
        Temuan(
            REFERENSI,
            f"B{BARIS_SETELAN}",
            INFO,
            "TAHUN_DITUTUP",
            f"tahun {lama} ditutup untuk tahun pelaporan {dok.tahun}: {pindah} realisasi tahunan dipindah ke kolom "
            f"Realisasi {lama} di IKU; {len(arsip)} baris isian triwulan disimpan di lembar {ARSIP} lalu dikosongkan",
        )
    )
