"""Capaian (achievement), polaritas, quarters to the year, and kategori: the rules in Python.

The README's section "Capaian dan kategori" states them for staff; where a rule is a choice
(no common standard decides it), the choice is written next to the code that makes it. The
workbook computes the same rules with Excel formulas (kolom.py, each beside its Python twin).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from .nilai import Nilai, adalah_angka, parse_nilai
from .rumus import Hasil, Rumus, hampir_sama

POLARITAS = ("positif", "negatif", "stabil")
SIFAT = ("kumulatif", "akhir periode", "rata-rata", "rasio")
# The capaian rules as staff read them (Petunjuk, prompts and README show these texts): positive
# polarity, and for negative polarity the default PermenPANRB "kondisi khusus" rule and the
# alternative some applications use, never switched silently.
RUMUS_POSITIF = "realisasi / target × 100"
METODE_NEGATIF = {"standar": "(2 × target − realisasi) / target × 100", "kebalikan": "target / realisasi × 100"}
TRIWULAN = ("I", "II", "III", "IV")

SINONIM_POLARITAS = {  # the workbook's own spellings and the English words of published tables (Polarisasi)
    **dict.fromkeys(("positif", "+", "maximize", "maximise", "max"), "positif"),
    **dict.fromkeys(("negatif", "-", "−", "minimize", "minimise", "min"), "negatif"),
    **dict.fromkeys(("stabil", "rentang"), "stabil"),
}
SINONIM_SIFAT = {
    "kumulatif": "kumulatif",
    "akhir periode": "akhir periode",
    "akhir": "akhir periode",
    "rata-rata": "rata-rata",
    "rata rata": "rata-rata",
    "rerata": "rata-rata",
    "rasio": "rasio",
}


@lru_cache(maxsize=256)  # called for every capaian cell, with the few texts a workbook uses
def normalkan_polaritas(polaritas: str | None) -> str | None:
    """'Positif', ' + ' → 'positif'; None or blank → None; anything else → ValueError."""
    if polaritas is None or not str(polaritas).strip():
        return None
    kunci = str(polaritas).strip().lower()
    if kunci not in SINONIM_POLARITAS:
        raise ValueError(f'polaritas "{polaritas}" tidak dikenal; pilih positif, negatif atau stabil')
    return SINONIM_POLARITAS[kunci]


@lru_cache(maxsize=256)
def normalkan_sifat(sifat: str | None) -> str | None:
    if sifat is None or not str(sifat).strip():
        return None
    kunci = " ".join(str(sifat).strip().lower().replace("_", " ").split())
    if kunci not in SINONIM_SIFAT:
        raise ValueError(f'sifat "{sifat}" tidak dikenal; pilih salah satu: {", ".join(SIFAT)}')
    return SINONIM_SIFAT[kunci]


@lru_cache(maxsize=256)
def normalkan_metode(metode: str | None) -> str:
    kunci = (metode or "standar").strip().lower()
    if kunci not in METODE_NEGATIF:
        raise ValueError(f'metode "{metode}" tidak dikenal; pilih salah satu: {", ".join(METODE_NEGATIF)}')
    return kunci


@dataclass(frozen=True, slots=True)  # slots: built for many cells, about twice as fast to make
class HasilCapaian:
    """`nilai` is the capaian after the floor and the cap, `mentah` the value the rule gives (it
    may be negative: agencies publish negative capaian); both None with `alasan` when it cannot be computed."""

    nilai: float | None
    mentah: float | None = None
    alasan: str | None = None


def _bagian(x: object) -> tuple[float | int | None, tuple[float, float] | None, str | None]:
    """What the rule reads of a target or realisasi: its number, its range, what is wrong with it. A cell's
    number is itself (as parse_nilai reads it), with no Nilai built: this runs for every capaian cell."""
    if adalah_angka(x):
        return x, None, None
    if isinstance(x, tuple) and len(x) == 2:
        return None, (float(x[0]), float(x[1])), None
    n = x if isinstance(x, Nilai) else parse_nilai(x)
    return n.angka, n.rentang, n.masalah


def _rumus_capaian(target: float, realisasi: float, polaritas: str, metode: str) -> float | str:
    """The raw formula; a str says why it is not computable. Stabil: away from the target either
    way is worse (above as negatif, below as positif)."""
    if polaritas == "stabil":  # on the target itself both rules give 100 (and with target 0, realisasi 0 is 100)
        polaritas = "negatif" if realisasi >= target else "positif"
    if target == 0:
        # No common standard for a zero target; only "nothing wanted, nothing happened" is 100.
        if polaritas == "negatif" and realisasi == 0:
            return 100.0
        return "target 0"
    if polaritas == "positif":
        return realisasi / target * 100
    if metode == "kebalikan":
        if realisasi == 0:
            return "realisasi 0 (metode target/realisasi)"
        return target / realisasi * 100
    return (2 * target - realisasi) / target * 100


def capaian_angka(target: float | tuple[float, float], realisasi: float, polaritas: str, metode: str) -> float | str:
    """The rule itself: the capaian before floor and cap of a realisasi against a target that is a number or a
    (lower, upper) range, polaritas and metode in their one spelling (normalkan_*); a str says why there is none.
    hitung_capaian reads the cells' texts into these; Realisasi's twins (kolom.capaian_sel) call it directly."""
    rentang = target if isinstance(target, tuple) else None
    if min(rentang or (target,)) < 0:
        return "target negatif"
    if rentang:
        # A range target (PermenPANRB SMK): inside is 100; outside, the nearer bound is the target and
        # the indicator's polaritas the rule (positif above the range is more than 100; negatif below
        # it is more than 100; stabil: both directions away from the range are worse)
        bawah, atas = rentang
        if bawah <= realisasi <= atas:
            return 100.0
        mentah = _rumus_capaian(atas if realisasi > atas else bawah, realisasi, polaritas, metode)
    else:
        mentah = _rumus_capaian(target, realisasi, polaritas, metode)
    if isinstance(mentah, str) or math.isfinite(mentah):
        return mentah
    return "hasil tidak terhingga"


def hitung_capaian(
    target: object,
    realisasi: object,
    polaritas: str | None = "positif",
    metode: str | None = None,
    batas: float | None = None,
    lantai: float | None = 0.0,
) -> HasilCapaian:
    """Capaian in percent, with the reason when it cannot be computed.

    target: a number, a text such as "10%" or "80 - 90", or a (lower, upper) range.
    polaritas: positif (higher is better) or negatif (lower is better).
    metode: for negatif, "standar" (default) or "kebalikan".
    batas: cap such as 100 or 120 (None: no cap); `mentah` keeps the value before floor and cap.
    lantai: floor of `nilai`, 0 by default (None: a negative capaian is shown as it is).
    """
    try:
        polaritas = normalkan_polaritas(polaritas)
        metode = normalkan_metode(metode)
    except ValueError as e:
        return HasilCapaian(None, alasan=str(e))
    if polaritas is None:
        return HasilCapaian(None, alasan="polaritas belum diisi")
    t_angka, t_rentang, t_masalah = _bagian(target)
    r_angka, r_rentang, r_masalah = _bagian(realisasi)
    for nama, masalah in (("target", t_masalah), ("realisasi", r_masalah)):
        if masalah:
            return HasilCapaian(None, alasan=f"{nama} tidak valid: {masalah}")
    if r_rentang:
        return HasilCapaian(None, alasan="realisasi harus satu angka, bukan rentang")
    if t_angka is None and t_rentang is None:
        return HasilCapaian(None, alasan="target belum diisi")
    if r_angka is None:
        return HasilCapaian(None, alasan="realisasi belum diisi")
    mentah = capaian_angka(t_rentang or float(t_angka), float(r_angka), polaritas, metode)
    if isinstance(mentah, str):
        return HasilCapaian(None, alasan=mentah)
    return HasilCapaian(dibatasi(mentah, batas, lantai), mentah)


def dibatasi(mentah: float, batas: float | None, lantai: float | None) -> float:
    """A capaian within the workbook's floor and cap (either None: none)."""
    nilai = max(float(lantai), mentah) if lantai is not None else mentah
    return min(nilai, float(batas)) if batas is not None else nilai


def lantai_capaian(nilai: object) -> float | None:
    """The floor a Referensi cell sets: a number; blank is 0 (the default); a text such as "tanpa": none."""
    if adalah_angka(nilai):
        return float(nilai)
    return 0.0 if nilai is None or str(nilai).strip() == "" else None


def capaian(
    target: object,
    realisasi: object,
    polaritas: str | None = "positif",
    metode: str | None = None,
    batas: float | None = None,
    lantai: float | None = 0.0,
) -> float | None:
    """Capaian in percent, or None when it cannot be computed (hitung_capaian says why).

    >>> capaian(7, 6.5, "negatif")
    107.14285714285714
    """
    return hitung_capaian(target, realisasi, polaritas, metode, batas, lantai).nilai


# --- quarters to the year -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tahunan:
    """The year so far: realisasi and the target to compare it with, over the filled
    quarters (`triwulan`, 1-based); None with `alasan` when it cannot be formed."""

    realisasi: float | None
    target: float | None
    triwulan: tuple[int, ...] = ()
    alasan: str | None = None  # why realisasi is None
    alasan_target: str | None = None  # why target is None


def _target_sampai(sifat: str, terisi: Sequence[int], target_tw: Sequence[object], target_tahunan: object):
    """Target of the same quarters as the realisasi; the yearly target once the year is full."""
    if len(terisi) == 4 and adalah_angka(target_tahunan):
        return float(target_tahunan), None
    target_tw = [*(target_tw or ()), None, None, None, None]
    # akhir periode and rasio compare with the target of the last quarter reported only
    dipakai = terisi if sifat in ("kumulatif", "rata-rata") else terisi[-1:]
    nilai = [target_tw[i - 1] for i in dipakai]
    if not all(map(adalah_angka, nilai)):
        kosong = next(i for i, x in zip(dipakai, nilai) if not adalah_angka(x))
        return None, f"target triwulan {TRIWULAN[kosong - 1]} belum diisi"
    nilai = [float(x) for x in nilai]
    if sifat == "kumulatif":
        return math.fsum(nilai), None
    if sifat == "rata-rata":
        return math.fsum(nilai) / len(nilai), None
    return nilai[-1], None


def realisasi_rasio(rumus: Rumus, komponen_tw: Sequence[Mapping[str, object]]) -> tuple[tuple[int, ...], Hasil | None]:
    """The year's realisasi of a "rasio" indicator: the Rumus over each component summed across the quarters
    (1-based, up to four) where all of them are numbers; those quarters, and None when there are none."""
    per_tw = [rumus.urut(k) for k in komponen_tw[:4]]  # each quarter's values in the Rumus' order
    terisi = tuple([i for i, nilai in enumerate(per_tw, 1) if all(map(adalah_angka, nilai))])
    if not terisi:
        return terisi, None
    jumlah = [math.fsum([per_tw[i - 1][j] for i in terisi]) for j in range(len(rumus.kunci))]
    return terisi, rumus.hitung_urut(jumlah)


def agregasi_tahunan(
    sifat: str,
    realisasi_tw: Sequence[object] = (),
    target_tw: Sequence[object] = (),
    target_tahunan: object = None,
    komponen_tw: Sequence[Mapping[str, object]] = (),
    rumus: Rumus | str | None = None,
) -> Tahunan:
    """Yearly realisasi and target from up to four quarters, by the indicator's sifat.

    Only quarters with a number count. For "rasio", give `rumus` and `komponen_tw`
    (one {component: value} per quarter): the formula is recomputed from the
    components summed over the quarters where all of them are filled.
    """
    sifat_baku = normalkan_sifat(sifat)
    if sifat_baku is None:
        return Tahunan(None, None, alasan="sifat belum diisi", alasan_target="sifat belum diisi")
    if sifat_baku == "rasio":
        if rumus is None:
            return Tahunan(None, None, alasan="sifat rasio memerlukan rumus", alasan_target="sifat rasio memerlukan rumus")
        terisi, hasil = realisasi_rasio(Rumus(rumus) if isinstance(rumus, str) else rumus, komponen_tw)
        if not terisi:
            return Tahunan(None, None, alasan="komponen belum diisi", alasan_target="komponen belum diisi")
        target, alasan = _target_sampai(sifat_baku, terisi, target_tw, target_tahunan)
        return Tahunan(hasil.nilai, target, terisi, hasil.alasan, alasan)

    terisi = tuple([i for i, x in enumerate(realisasi_tw[:4], 1) if adalah_angka(x)])
    if not terisi:
        return Tahunan(None, None, alasan="realisasi belum diisi", alasan_target="realisasi belum diisi")
    nilai = [float(realisasi_tw[i - 1]) for i in terisi]
    if sifat_baku == "kumulatif":
        realisasi = math.fsum(nilai)
    elif sifat_baku == "rata-rata":
        realisasi = math.fsum(nilai) / len(nilai)
    else:
        realisasi = nilai[-1]
    target, alasan = _target_sampai(sifat_baku, terisi, target_tw, target_tahunan)
    return Tahunan(realisasi, target, terisi, alasan_target=alasan)


# --- kategori -------------------------------------------------------------------------

# The kategori of a capaian that is not a number (a cell's "tidak dapat dihitung: …" text is rumus.TIDAK_DAPAT_DIHITUNG)
KATEGORI_TDD = "Tidak dapat dihitung"
KATEGORI_SKALA_RUSAK = f"{KATEGORI_TDD}: skala kategori di lembar Referensi rusak (lihat Validasi)"


@dataclass(frozen=True)
class Pita:
    """One band of a scale: values from `batas` up (inclusive, or exclusive when
    `inklusif` is False) to the next band's `batas`. batas None: everything below."""

    label: str
    batas: float | None
    inklusif: bool = True
    asal: int | None = field(default=None, compare=False)  # its row in a worksheet table


class Skala:
    """A kategori scale of half-open bands; the top band is open upwards, so a
    capaian above 100 falls in it."""

    def __init__(self, pita: Iterable[Pita], nama: str = "", rusak: bool = False):
        """rusak: a workbook's scale that cannot be used; every kategori says so."""
        self.nama, self.rusak = nama, rusak
        pita = list(pita)
        berbatas = sorted((p for p in pita if p.batas is not None), key=lambda p: (p.batas, not p.inklusif), reverse=True)
        bawah = [p for p in pita if p.batas is None]
        if len(bawah) > 1:
            raise ValueError("skala hanya boleh punya satu pita tanpa batas bawah")
        if not berbatas and not bawah and not rusak:
            raise ValueError("skala kosong")
        self.pita = tuple(berbatas + bawah)

    def __repr__(self) -> str:
        return f"Skala({self.nama or list(self.pita)!r})"

    def kategori(self, capaian: object) -> str:
        if self.rusak:
            return KATEGORI_SKALA_RUSAK
        if not adalah_angka(capaian):
            return KATEGORI_TDD
        for p in self.pita:
            if p.batas is None:
                return p.label
            # compared as a spreadsheet compares (hampir_sama): above the bound and not equal to it, or
            # equal to it when the bound is inclusive
            if p.inklusif:
                if capaian > p.batas or hampir_sama(capaian, p.batas):
                    return p.label
            elif capaian > p.batas and not hampir_sama(capaian, p.batas):
                return p.label
        return KATEGORI_TDD  # below the lowest bound of a scale with no open bottom band

    @classmethod
    def dari_tabel(cls, baris: Iterable[Sequence[object]], nama: str = "") -> "Skala":
        """A scale from rows as a worksheet holds them: (batas, label) with batas a number
        (meaning ≥), a text such as "≥ 91", "> 85", "< 51", or blank (everything below);
        or (label, batas) when the label comes first."""
        pita = []
        for i, b in enumerate(baris, start=1):
            sel = [x for x in b if x is not None and str(x).strip() != ""]
            if not sel:
                continue
            if len(sel) == 1:
                pita.append(Pita(str(sel[0]).strip(), None))
                continue
            batas, label = (sel[0], sel[1]) if not isinstance(sel[0], str) or _POLA_BATAS.match(sel[0]) else (sel[1], sel[0])
            pita.append(_pita(str(label).strip(), batas, i))
        return cls(pita, nama)


_POLA_BATAS = re.compile(r"^\s*(>=|≥|>|<=|≤|<)?\s*(-?\d[\d.,]*)\s*%?\s*$")


def _pita(label: str, batas: object, baris: int) -> Pita:
    if adalah_angka(batas):
        return Pita(label, float(batas))
    cocok = _POLA_BATAS.match(str(batas))
    if not cocok:
        raise ValueError(f'baris {baris} skala: batas "{batas}" tidak dapat dibaca (contoh: 91, ≥ 91, > 85, < 51)')
    op = cocok[1] or ">="
    if op in ("<", "<=", "≤"):
        return Pita(label, None)
    nilai = parse_nilai(cocok[2])
    if nilai.angka is None:
        raise ValueError(f"baris {baris} skala: {nilai.masalah}")
    return Pita(label, float(nilai.angka), inklusif=op in (">=", "≥"))


SKALA_PERMENDAGRI_86 = Skala(
    [Pita("Sangat Tinggi", 91), Pita("Tinggi", 76), Pita("Sedang", 66), Pita("Rendah", 51), Pita("Sangat Rendah", None)],
    "Permendagri 86/2017",
)
SKALA_MALUKU_TENGAH = Skala(
    [
        Pita("Memuaskan", 85, False),
        Pita("Sangat Baik", 75, False),
        Pita("Baik", 65, False),
        Pita("Cukup Baik", 50, False),
        Pita("Agak Kurang", 30, False),
        Pita("Kurang", None),
    ],
    "LKjIP Kab. Maluku Tengah 2021",
)
SKALA_PREDIKAT_SAKIP = Skala(
    [Pita("AA", 90), Pita("A", 80), Pita("BB", 70), Pita("B", 60), Pita("CC", 50), Pita("C", 30), Pita("D", None)],
    "Predikat SAKIP",
)


def kategori(capaian: object, skala: Skala | Iterable[Sequence[object]] | None = None) -> str:
    """The kategori of a capaian on a scale (default: Permendagri 86/2017).

    >>> kategori(90.5), kategori(120), kategori(None)
    ('Tinggi', 'Sangat Tinggi', 'Tidak dapat dihitung')
    """
    if skala is None:
        skala = SKALA_PERMENDAGRI_86
    elif not isinstance(skala, Skala):
        skala = Skala.dari_tabel(skala)
    return skala.kategori(capaian)
