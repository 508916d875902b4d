"""The forms to sign, printed on A4: Perjanjian Kinerja (Sasaran, indicator, satuan, the year's target, and the
two signature blocks from Referensi).

A form is a table of columns (FORMULIR_PK): each a key, header, width, number format, and its Excel formula
beside its Python twin, as kolom.py keeps Realisasi's rules. Form row n shows the n-th indicator in force on
IKU, in IKU's order (helper `baris`: its row, found on Realisasi's Berlaku column), so the form grows, shrinks
and reorders with IKU in Excel alone; below the last indicator the same formulas show the signature lines
(helper `ttd`: the line's number), so the signatures follow the table wherever it ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Callable, Iterator

from .alamat import huruf_kolom
from .dokumen import Dokumen
from .capaian import Skala
from .kolom import cermin, cermin_excel, kategori_excel, kategori_sel, teks_sel
from .nilai import adalah_angka
from .plan import BARIS_POLA, BARIS_POLA_ATAS, LembarPlan, Plan, Rumusan, SelBlok
from .rumus import teks_excel
from .skema import (
    BARIS_DATA,
    BARIS_JUDUL,
    BARIS_KEPALA,
    BARIS_SUBJUDUL,
    BARIS_TTD,
    FORMAT_ANGKA,
    FORMAT_PERSEN,
    IKU,
    KE,
    PENANDATANGAN,
    PENGUKURAN,
    PERJANJIAN,
    REALISASI,
    REFERENSI,
    Tata,
    tata_realisasi,
)
from .hitung import Hitungan
from .susun import BARIS_CETAK, ref

TITIK = "." * 24  # an empty setting prints as a line to write on


@dataclass(frozen=True)
class KolomFormulir:
    """One column of a form. `rumus(s, a)`: the Excel formula, `s(k)` / `a(k)` the cell of column k on this
    row / the row above (called once, with patterns: the column is one shared formula, so nothing else in it may
    depend on the row); `nilai(v, atas)`: its Python twin over this row's values so far and the row above's.
    Helper columns (`bantu`) are hidden and worked out first."""

    kunci: str
    judul: str
    lebar: float
    rumus: Callable[[Callable[[str], str], Callable[[str], str]], str]
    nilai: Callable[[dict, dict], object]
    format: str | None = None
    bantu: bool = False
    tengah: bool = False  # centred in its cell (a short value)


def _sama(x: object, y: object) -> bool:
    """Excel's = between two cells: texts regardless of case."""
    if isinstance(x, str) and isinstance(y, str):
        return x.casefold() == y.casefold()
    return x == y


def _n(x: object) -> float:
    """Excel's N(): a number as it is, anything else 0."""
    return x if isinstance(x, (int, float)) and not isinstance(x, bool) else 0


@lru_cache(maxsize=None)  # every cell of the form reads it: the column table is built once
def _realisasi(kunci: str) -> str:
    """A whole column of Realisasi, read at the indicator's row."""
    h = tata_realisasi().huruf(kunci)
    return ref(REALISASI, f"${h}:${h}")


def kolom_perjanjian(baris_iku: Callable[[Callable, Callable], str], kiri: str, kanan: str) -> list[KolomFormulir]:
    """Perjanjian Kinerja's columns. `baris_iku`: the formula of the helper that finds the next indicator's row;
    `kiri`, `kanan`: the ranges holding the signature lines of pihak kedua and pihak pertama."""

    def dari_realisasi(kunci: str, s, _a) -> str:
        return f'IF({s("baris")}="","",INDEX({_realisasi(kunci)},{s("baris")}))'

    def ttd(sisi: str, isi_tabel: str, s) -> str:  # the table's value, or below it this side's signature line
        return f'IF({s("baris")}<>"",{isi_tabel},IFERROR(INDEX({sisi},{s("ttd")}),""))'

    return [
        KolomFormulir(
            "no",
            "No",
            4.5,
            lambda s, a: f'IF({s("baris")}="","",IF({s("sasaran_bantu")}={a("sasaran_bantu")},"",{s("kelompok")}))',
            lambda v, atas: "" if v["baris"] == "" or _sama(v["sasaran_bantu"], atas["sasaran_bantu"]) else v["kelompok"],
            tengah=True,
        ),
        KolomFormulir(
            "sasaran",
            "Sasaran",
            28,
            lambda s, a: ttd(kiri, f'IF({s("sasaran_bantu")}={a("sasaran_bantu")},"",{s("sasaran_bantu")})', s),
            lambda v, atas: (
                ("" if _sama(v["sasaran_bantu"], atas["sasaran_bantu"]) else v["sasaran_bantu"])
                if v["baris"] != ""
                else v["_ttd"][0]
            ),
        ),
        KolomFormulir(
            "indikator",
            "Indikator Kinerja",
            38,
            lambda s, a: ttd(kanan, f"INDEX({_realisasi('indikator')},{s('baris')})", s),
            lambda v, atas: v["_iku"]["indikator"] if v["baris"] != "" else v["_ttd"][1],
        ),
        KolomFormulir(
            "satuan",
            "Satuan",
            10,
            lambda s, a: dari_realisasi("satuan", s, a),
            lambda v, atas: v["_iku"]["satuan"] if v["baris"] != "" else "",
            tengah=True,
        ),
        KolomFormulir(
            "target",
            "Target",  # the header is live: "Target <Tahun pelaporan>"
            11,
            lambda s, a: dari_realisasi("target_tahunan", s, a),
            lambda v, atas: v["_iku"]["target_tahunan"] if v["baris"] != "" else "",
            FORMAT_ANGKA,
            tengah=True,
        ),
        # helpers, hidden right of the form
        KolomFormulir("baris", "Baris IKU", 8, baris_iku, lambda v, atas: v["_baris"], bantu=True),
        KolomFormulir(
            "ttd",
            "Baris Tanda Tangan",
            8,
            lambda s, a: f'IF({s("baris")}<>"",0,N({a("ttd")})+1)',
            lambda v, atas: 0 if v["baris"] != "" else _n(atas["ttd"]) + 1,
            bantu=True,
        ),
        KolomFormulir(
            "sasaran_bantu",
            "Sasaran Indikator",
            8,
            lambda s, a: dari_realisasi("sasaran", s, a),
            lambda v, atas: v["_iku"]["sasaran"] if v["baris"] != "" else "",
            bantu=True,
        ),
        KolomFormulir(
            "kelompok",
            "Nomor Sasaran",
            8,
            lambda s, a: f'IF({s("baris")}="","",N({a("kelompok")})+({s("sasaran_bantu")}<>{a("sasaran_bantu")}))',
            lambda v, atas: (
                "" if v["baris"] == "" else _n(atas["kelompok"]) + (not _sama(v["sasaran_bantu"], atas["sasaran_bantu"]))
            ),
            bantu=True,
        ),
    ]


def kolom_pengukuran(dok: Dokumen, skala: Skala) -> Callable[..., list[KolomFormulir]]:
    """Pengukuran Kinerja's columns (LKjIP chapter III): Perjanjian Kinerja's (No, Sasaran, Indikator, Satuan,
    the year's target), then the year's realisasi, capaian and kategori, the realisasi and capaian of the period's
    earlier years (column pair j: the period's j-th year, blank from the reporting year on), the end-of-period
    target with the capaian against it, and the national standard; all read from Realisasi's yearly block."""
    standar = Tata(dok.kolom_iku).huruf("standar_nasional")
    standar_iku = ref(IKU, f"${standar}:${standar}")
    tr = tata_realisasi()
    capaian_blok = ref(REALISASI, f"${tr.huruf('capaian_t1')}:${tr.huruf(f'capaian_t{KE[-1]}')}")

    def buat(baris_iku: Callable, kiri: str, kanan: str) -> list[KolomFormulir]:
        pk = kolom_perjanjian(baris_iku, kiri, kanan)

        def dari(kunci: str, syarat: str = "") -> Callable:  # a Realisasi cell of the indicator's row ("" if `syarat`)
            def rumus(s, a) -> str:
                kosong = f'OR({s("baris")}="",{syarat})' if syarat else f'{s("baris")}=""'
                return f'IF({kosong},"",INDEX({_realisasi(kunci)},{s("baris")}))'

            return rumus

        def nilai(kunci: str, tampil: Callable[[dict], bool] = lambda v: True) -> Callable:
            return lambda v, atas: v["_iku"].get(kunci, "") if v["baris"] != "" and tampil(v) else ""

        tahun_lalu = []
        for j in KE[:-1]:
            for jenis, judul, lebar, fmt in (
                ("realisasi", "Realisasi", 10, FORMAT_ANGKA),
                ("capaian", "Capaian", 10, FORMAT_PERSEN),
            ):
                tahun_lalu.append(
                    KolomFormulir(
                        f"{jenis}_l{j}",
                        f"{judul} Tahun ke-{j}",
                        lebar,
                        dari(f"{jenis}_t{j}", f"{j}>=Tahun_Ke"),
                        nilai(f"{jenis}_t{j}", lambda v, j=j: j < v["_ke"]),
                        fmt,
                        tengah=True,
                    )
                )
        return [
            *pk[:5],
            KolomFormulir("realisasi", "Realisasi", 10, dari("realisasi_ini"), nilai("realisasi_ini"), FORMAT_ANGKA, tengah=True),
            KolomFormulir(
                "capaian",
                "Capaian (%)",
                10,
                lambda s, a: f'IF({s("baris")}="","",IFERROR(INDEX({capaian_blok},{s("baris")},Tahun_Ke),""))',
                lambda v, atas: v["_iku"].get(f"capaian_t{v['_ke']}", "") if v["baris"] != "" and 1 <= v["_ke"] <= KE[-1] else "",
                FORMAT_PERSEN,
                tengah=True,
            ),
            KolomFormulir(
                "kategori",
                "Kategori",
                12,
                lambda s, a: kategori_excel(s("capaian"), skala),
                lambda v, atas: kategori_sel(v["capaian"], v["_skala"]),
                tengah=True,
            ),
            *tahun_lalu,
            KolomFormulir(
                "target_akhir", "Target Akhir Periode", 10, dari("target_akhir"), nilai("target_akhir"), FORMAT_ANGKA, tengah=True
            ),
            KolomFormulir(
                "capaian_akhir",
                "Capaian thd Target Akhir Periode (%)",
                12,
                dari("capaian_akhir"),
                nilai("capaian_akhir"),
                FORMAT_PERSEN,
                tengah=True,
            ),
            KolomFormulir(
                "standar_nasional",
                "Standar Nasional",
                10,
                lambda s, a: f'IF({s("baris")}="","",{cermin_excel("TRUE", "INDEX(" + standar_iku + "," + s("baris") + ")")})',
                lambda v, atas: cermin(True, v["_isi"].get("standar_nasional")) if v["baris"] != "" else "",
                FORMAT_ANGKA,
                tengah=True,
            ),
            *pk[5:],
        ]

    return buat


def lembar_pengukuran(dok: Dokumen, plan: Plan, hasil: Hitungan) -> LembarPlan:
    """The Pengukuran Kinerja sheet (LKjIP chapter III): live from IKU (through Realisasi's yearly block) and
    Referensi, printed on A4 landscape. The period's years from the reporting year on, and the national standard
    when no indicator has one, are hidden at each write (their cells stay live)."""
    ke = dok.tahun - dok.tahun_periode.start + 1
    awal = dok.tahun_periode.start
    judul = {
        "target": Rumusan('"Target "&Pengaturan_Tahun', f"Target {dok.tahun}"),
        "realisasi": Rumusan('"Realisasi "&Pengaturan_Tahun', f"Realisasi {dok.tahun}"),
        "capaian": Rumusan('"Capaian "&Pengaturan_Tahun&" (%)"', f"Capaian {dok.tahun} (%)"),
    }
    for j in KE[:-1]:
        for jenis, ekor in (("realisasi", ""), ("capaian", " (%)")):
            label = f"{jenis.capitalize()} "
            judul[f"{jenis}_l{j}"] = Rumusan(
                f'IF({j}<Tahun_Ke,"{label}"&(Pengaturan_Periode_Awal+{j - 1}){"&" + teks_excel(ekor) if ekor else ""},"")',
                f"{label}{awal + j - 1}{ekor}" if j < ke else "",
            )
    sembunyi = {f"{jenis}_l{j}" for j in KE[:-1] for jenis in ("realisasi", "capaian") if j >= ke}
    if not any(adalah_angka(b.get("standar_nasional")) for _, b in dok.baris_aktif()):
        sembunyi.add("standar_nasional")
    return _formulir(
        dok,
        plan,
        hasil,
        PENGUKURAN,
        "PENGUKURAN KINERJA TAHUN ",
        kolom_pengukuran(dok, hasil.skala),
        judul,
        tegak=False,
        warna="833C0B",
        sembunyi=sembunyi,
    )


# The signature lines below the table, (pihak kedua on the left, pihak pertama on the right), each an Excel
# formula over Referensi's named settings and its Python twin over the settings' values.
_NAMA_TTD = {k: nama for k, _, nama in PENANDATANGAN}


def _isi(kunci: str) -> tuple[str, Callable[[dict], str]]:
    n = _NAMA_TTD[kunci]
    return f'IF({n}="",{teks_excel(TITIK)},{n}&"")', lambda p: teks_sel(p.get(kunci)) or TITIK


def _teks(t: str) -> tuple[str, Callable[[dict], str]]:
    return teks_excel(t), lambda p: t


def _sambung(*bagian: tuple[str, Callable[[dict], str]]) -> tuple[str, Callable[[dict], str]]:
    return "&".join(f for f, _ in bagian), lambda p: "".join(g(p) for _, g in bagian)


KOSONG = _teks("")
GARIS_TTD = [  # line 1 is the gap below the table
    (KOSONG, KOSONG),
    (KOSONG, _sambung(_isi("ttd_tempat"), _teks(", "), _isi("ttd_tanggal"))),
    (_teks("PIHAK KEDUA,"), _teks("PIHAK PERTAMA,")),
    (_isi("ttd_kedua_jabatan"), _isi("ttd_pertama_jabatan")),
    (KOSONG, KOSONG),
    (KOSONG, KOSONG),
    (KOSONG, KOSONG),
    (_isi("ttd_kedua_nama"), _isi("ttd_pertama_nama")),
    (_sambung(_teks("NIP. "), _isi("ttd_kedua_nip")), _sambung(_teks("NIP. "), _isi("ttd_pertama_nip"))),
]


def nama_penandatangan() -> dict[str, str]:
    """The signature settings' names on Referensi (the form reads them; a workbook written before the block
    gets them pointing at the empty cells where its labels are then written)."""
    return {nama: ref(REFERENSI, f"$B${BARIS_TTD + 1 + i}") for i, (_, _, nama) in enumerate(PENANDATANGAN)}


def isian_penandatangan() -> dict[tuple[int, int], object]:
    """The block's header and labels, for a Referensi written before it (its cells are empty: baca.py)."""
    return {
        (BARIS_TTD, 1): "Penandatangan formulir",
        (BARIS_TTD, 2): "Nilai",
        **{(BARIS_TTD + 1 + i, 1): label for i, (_, label, _) in enumerate(PENANDATANGAN)},
    }


def _baris_hidup(hasil: Hitungan) -> Iterator[dict[str, object]]:
    """The computed row of each indicator in force, in sheet order, one at a time: held all at once (a dict of
    every Realisasi column per indicator), 20,000 indicators' rows took 60 MB more at the run's peak."""
    return (hasil.baris(i) for i, b in enumerate(hasil.isi) if b)


def lembar_perjanjian(dok: Dokumen, plan: Plan, hasil: Hitungan) -> LembarPlan:
    """The Perjanjian Kinerja sheet: live from IKU (through Realisasi) and Referensi, printed on A4 portrait."""
    judul = {"target": (Rumusan('"Target "&Pengaturan_Tahun', f"Target {dok.tahun}"))}
    return _formulir(
        dok, plan, hasil, PERJANJIAN, "PERJANJIAN KINERJA TAHUN ", kolom_perjanjian, judul, tegak=True, warna="833C0B"
    )


def _formulir(
    dok: Dokumen,
    plan: Plan,
    hasil: Hitungan,
    nama: str,
    judul_lembar: str,
    buat_kolom: Callable,
    judul_kolom: dict[str, Rumusan],
    tegak: bool,
    warna: str,
    sembunyi: set[str] = frozenset(),
) -> LembarPlan:
    """A form: its title live from Referensi ("<judul_lembar><Tahun pelaporan>"), a header row (`judul_kolom`: the
    live headers), one row per prepared Realisasi row (an indicator in force, in IKU's order, or below the last one
    the signature lines), printed on A4. `sembunyi`: form columns hidden at this write (years not in use)."""
    l = LembarPlan(nama, lindungi=True, warna_tab=warna, tegak=tegak, beku="A5", baris_cetak=BARIS_CETAK)
    plan.nama.update(nama_penandatangan())
    hidup = tata_realisasi().huruf("hidup")
    akhir_hidup = f"{ref(REALISASI, f'${hidup}$')}{hasil.akhir + 1}"  # one row past Realisasi's: never TRUE

    def baris_iku(s, a) -> str:
        mulai = f"N({a('baris')})"
        return f'IF({a("baris")}="","",IFERROR({mulai}+MATCH(TRUE,INDEX({_realisasi("hidup")},{mulai}+1):{akhir_hidup},0),""))'

    # the signature lines: two hidden columns right of the helpers, one line per row from the first data row
    c_kiri = len(buat_kolom(baris_iku, "", "")) + 1
    kiri, kanan = (
        f"${huruf_kolom(c)}${BARIS_DATA}:${huruf_kolom(c)}${BARIS_DATA + len(GARIS_TTD) - 1}" for c in (c_kiri, c_kiri + 1)
    )
    kolom = buat_kolom(baris_iku, kiri, kanan)
    tampak = [k for k in kolom if not k.bantu]
    tata = {k.kunci: i for i, k in enumerate(kolom, start=1)}

    # titles, live from Referensi
    l.tulis(BARIS_JUDUL, 1, Rumusan(f"{teks_excel(judul_lembar)}&Pengaturan_Tahun", f"{judul_lembar}{dok.tahun}"), "judul")
    p = dok.pengaturan
    instansi = " ".join(teks_sel(p.get(k)) for k in ("instansi", "wilayah")).strip()
    l.tulis(BARIS_SUBJUDUL, 1, Rumusan('TRIM(Pengaturan_Instansi&" "&Pengaturan_Wilayah)', instansi), "subjudul")
    if dok.keterangan:
        l.tulis(BARIS_KEPALA - 1, 1, dok.keterangan, "keterangan")
    l.tinggi[BARIS_JUDUL] = 24
    for k in kolom:
        c = tata[k.kunci]
        l.tulis(BARIS_KEPALA, c, judul_kolom.get(k.kunci, k.judul), "kepala")
        l.lebar[c] = k.lebar
        if k.bantu or k.kunci in sembunyi:
            l.tersembunyi.add(c)
    l.tinggi[BARIS_KEPALA] = 30 if tegak else 45
    penandatangan = dok.penandatangan or {}
    for j, judul in enumerate(("Tanda Tangan Kiri", "Tanda Tangan Kanan")):
        l.tulis(BARIS_KEPALA, c_kiri + j, judul, "kepala")
        l.tersembunyi.add(c_kiri + j)
        for i, garis in enumerate(GARIS_TTD):
            f, g = garis[j]
            l.tulis(BARIS_DATA + i, c_kiri + j, Rumusan(f, g(penandatangan)))

    # the rows: every prepared Realisasi row may hold an indicator, then the signature lines; each column one
    # formula down them all (this row's cells and the row above's as patterns: LembarPlan.bersama)
    hidup_baris = [r for r, b in enumerate(hasil.isi, start=BARIS_DATA) if b]
    per_baris = {dok.baris_sheet(i): b for i, b in enumerate(dok.iku)}
    n_baris = len(hasil.isi) + len(GARIS_TTD)
    huruf = {k: huruf_kolom(c) for k, c in tata.items()}
    for k in kolom:
        l.bersama[tata[k.kunci]] = (
            BARIS_DATA,
            BARIS_DATA + n_baris - 1,
            k.rumus(lambda kunci: huruf[kunci] + BARIS_POLA, lambda kunci: huruf[kunci] + BARIS_POLA_ATAS),
        )
    bantu, lain = [k for k in kolom if k.bantu], [k for k in kolom if not k.bantu]
    isi_baris = itemgetter(*(k.kunci for k in kolom))
    atas = {k.kunci: k.judul for k in kolom}
    konteks = {"_skala": hasil.skala, "_ke": dok.tahun - dok.tahun_periode.start + 1}
    iku = _baris_hidup(hasil)
    tabel: list[tuple] = []
    for n in range(n_baris):
        v: dict[str, object] = {"_baris": hidup_baris[n] if n < len(hidup_baris) else "", **konteks}
        v["_iku"] = next(iku, {})
        v["_isi"] = per_baris.get(v["_baris"], {})
        for k in bantu:
            v[k.kunci] = k.nilai(v, atas)
        t = v["ttd"]  # the helpers are known: the signature line this row shows, if any
        v["_ttd"] = tuple(g(penandatangan) for _, g in GARIS_TTD[t - 1]) if 1 <= t <= len(GARIS_TTD) else ("", "")
        for k in lain:
            v[k.kunci] = k.nilai(v, atas)
        tabel.append(isi_baris(v))
        atas = v
    # the rows as rows of values (an indicator's cells are mostly its own: no cell object each); below the table
    # the signature lines, styled otherwise
    bawah = (tuple("isi" if k.bantu else "ttd" for k in kolom), tuple(k.format for k in kolom))
    blok = SelBlok(
        BARIS_DATA,
        tabel,
        ("",) * len(kolom),
        tuple("isi" if k.bantu else "biasa_tengah" if k.tengah else "biasa" for k in kolom),
        tuple(k.format for k in kolom),
        ragam={r: bawah for r in range(BARIS_DATA + len(hidup_baris), BARIS_DATA + n_baris)},
    )
    for kunci, sel in l.sel.items():
        blok[kunci] = sel
    l.sel = blok
    # on paper: the table's rows in use now and the signatures below them, to its last column shown
    akhir = BARIS_KEPALA + len(hidup_baris) + len(GARIS_TTD)
    c_akhir = max(tata[k.kunci] for k in tampak if k.kunci not in sembunyi)
    l.area_cetak = f"{ref(nama, '$A$1')}:${huruf_kolom(c_akhir)}${akhir}"
    return l
