"""The computed cells of the Realisasi sheet, each rule twice, side by side:
as Python over the cells' values, and as the native Excel formula ikuxl writes.

The Python side models what the formula does with the same cells (a text in a
number cell counts as "not filled", as in Excel), so the two agree on every
value; the oracle tests check that with LibreOffice. The domain rules themselves
live in capaian.py and rumus.py; this module only places them in cells.

Cell texts: "" for a quarter not reported yet; "tidak dapat dihitung: <alasan>"
for a value that cannot be computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Mapping, Sequence

from .capaian import (
    Skala, agregasi_tahunan, hitung_capaian, normalkan_metode, normalkan_polaritas, normalkan_sifat, TRIWULAN,
)
from .nilai import adalah_angka
from .rumus import TIDAK_DAPAT_DIHITUNG, Rumus, RumusError, teks_excel, teks_tidak_dapat_dihitung

Sel = object  # a cell value: number, text, None


def tdd(alasan: str) -> str:
    return teks_tidak_dapat_dihitung(alasan)


def _kosong(x: Sel) -> bool:
    return x is None or x == ""


def _teks_tdd(x: Sel) -> bool:
    return isinstance(x, str) and x[: len(TIDAK_DAPAT_DIHITUNG)].lower() == TIDAK_DAPAT_DIHITUNG


def _ex_tdd(ref: str) -> str:
    return f'LEFT({ref},{len(TIDAK_DAPAT_DIHITUNG)})="{TIDAK_DAPAT_DIHITUNG}"'


@dataclass(frozen=True)
class Definisi:
    """What one indicator's formulas are compiled from (its IKU row)."""

    polaritas: Sel = None
    sifat: Sel = None
    metode: Sel = None
    rumus: Sel = None

    @cached_property
    def galat_tetap(self) -> str | None:
        """A definition error that makes every capaian text, known when compiling."""
        try:
            if normalkan_polaritas(_teks(self.polaritas)) is None:
                return tdd("polaritas belum diisi")
            normalkan_metode(_teks(self.metode) or None)
        except ValueError as e:
            return tdd(str(e))
        return None

    @cached_property
    def galat_sifat(self) -> str | None:
        try:
            sifat = normalkan_sifat(_teks(self.sifat))
        except ValueError as e:
            return tdd(str(e))
        if sifat is None:
            return tdd("sifat belum diisi")
        if sifat == "rasio" and self.rumus_komponen is None:
            return tdd("sifat rasio memerlukan rumus dengan komponen")
        return None

    @cached_property
    def rumus_komponen(self) -> Rumus | None:
        """The Rumus when it parses and names components: then realisasi comes from Komponen."""
        return _rumus_komponen(_teks(self.rumus))

    @property
    def sifat_baku(self) -> str:
        return normalkan_sifat(_teks(self.sifat))

    @property
    def rasio(self) -> bool:
        return self.galat_sifat is None and self.sifat_baku == "rasio"


def _teks(x: Sel) -> str | None:
    return None if x is None else str(x).strip() or None


@lru_cache(maxsize=4096)  # indicators share a few formulas; a Rumus is never changed once made
def _rumus_komponen(teks: str | None) -> Rumus | None:
    if not teks:
        return None
    try:
        r = Rumus(teks)
    except RumusError:
        return None
    return r if r.komponen else None


# --- realisasi of one quarter from its components ---------------------------------------------


def realisasi_tw(d: Definisi, komponen: Mapping[str, Sel]) -> Sel:
    if all(_kosong(v) for v in komponen.values()):
        return ""
    return d.rumus_komponen.hitung(komponen).teks


def realisasi_tw_excel(d: Definisi, ref: Mapping[str, str]) -> str:
    semua_kosong = ",".join(f'{r}=""' for r in ref.values())
    return f'IF(AND({semua_kosong}),"",{d.rumus_komponen.ke_excel(ref)[1:]})'


# --- capaian of a target/realisasi pair -----------------------------------------------------------


def capaian_sel(d: Definisi, target: Sel, realisasi: Sel, kosong_tanpa_realisasi: bool = False) -> Sel:
    if d.galat_tetap:
        return d.galat_tetap
    if _kosong(realisasi) and kosong_tanpa_realisasi:
        return ""
    for nilai, nama in ((realisasi, "realisasi"), (target, "target")):
        if not adalah_angka(nilai):
            return nilai if _teks_tdd(nilai) else tdd(f"{nama} belum diisi")
    hasil = hitung_capaian(target, realisasi, _teks(d.polaritas), _teks(d.metode) or None)
    return hasil.mentah if hasil.mentah is not None else tdd(hasil.alasan)


def capaian_excel(d: Definisi, target: str, realisasi: str, kosong_tanpa_realisasi: bool = False) -> str:
    if d.galat_tetap:
        return teks_excel(d.galat_tetap)
    polaritas = normalkan_polaritas(_teks(d.polaritas))
    metode = normalkan_metode(_teks(d.metode) or None)
    T, R = target, realisasi
    nol = (f'IF({R}=0,100,{teks_excel(tdd("target 0"))})' if polaritas == "negatif"
           else teks_excel(tdd("target 0")))
    if polaritas == "positif":
        rumus = f"{R}/{T}*100"
    elif metode == "kebalikan":
        rumus = f'IF({R}=0,{teks_excel(tdd("realisasi 0 (metode target/realisasi)"))},{T}/{R}*100)'
    else:
        rumus = f"(2*{T}-{R})/{T}*100"
    hitung = f'IF({T}<0,{teks_excel(tdd("target negatif"))},IF({T}=0,{nol},{_maks_nol(rumus)}))'
    for ref, nama in ((T, "target"), (R, "realisasi")):
        hitung = f'IF(ISNUMBER({ref}),{hitung},IF({_ex_tdd(ref)},{ref},{teks_excel(tdd(f"{nama} belum diisi"))}))'
    if kosong_tanpa_realisasi:
        hitung = f'IF({R}="","",{hitung})'
    return hitung


def _maks_nol(rumus: str) -> str:
    """Floor at 0, keeping a text (from IF) as it is."""
    if rumus.startswith("IF("):
        return f"IF(ISNUMBER({rumus}),MAX(0,{rumus}),{rumus})"
    return f"MAX(0,{rumus})"


def capaian_dibatasi(mentah: Sel, batas: Sel) -> Sel:
    if adalah_angka(mentah) and adalah_angka(batas):
        return min(mentah, float(batas))
    return mentah


def capaian_dibatasi_excel(mentah: str, batas: str) -> str:
    return f"IF(AND(ISNUMBER({mentah}),ISNUMBER({batas})),MIN({mentah},{batas}),{mentah})"


# --- the year so far ------------------------------------------------------------------------------


def _bendera_excel(d: Definisi, realisasi: Sequence[str], komponen: Sequence[Mapping[str, str]],
                   terisi: Sequence[str] | None) -> list[str]:
    """Excel conditions 'quarter q is reported'."""
    if d.rasio:
        return list(terisi) if terisi else [f"AND({','.join(f'ISNUMBER({r})' for r in k.values())})" for k in komponen]
    return [f"ISNUMBER({r})" for r in realisasi]


def tahunan(
    d: Definisi, realisasi: Sequence[Sel], target: Sequence[Sel], target_tahunan: Sel,
    komponen: Sequence[Mapping[str, Sel]] = (),
) -> tuple[Sel, Sel]:
    """(realisasi s.d. the last reported quarter, the target of the same quarters)."""
    if d.galat_sifat:
        return d.galat_sifat, d.galat_sifat
    t = agregasi_tahunan(d.sifat_baku, realisasi, target, target_tahunan, komponen, d.rumus_komponen)
    if not t.triwulan:
        return "", ""
    return (t.realisasi if t.realisasi is not None else tdd(t.alasan),
            t.target if t.target is not None else tdd(t.alasan_target))


def tahunan_excel(
    d: Definisi, realisasi: Sequence[str], target: Sequence[str], target_tahunan: str,
    komponen: Sequence[Mapping[str, str]] = (), terisi: Sequence[str] | None = None,
) -> tuple[str, str]:
    """terisi: per quarter, a short condition 'every component is a number' (e.g. a COUNT over
    their cells), which a rasio formula repeats once per component; by default one ISNUMBER each."""
    if d.galat_sifat:
        return teks_excel(d.galat_sifat), teks_excel(d.galat_sifat)
    sifat = d.sifat_baku
    f = _bendera_excel(d, realisasi, komponen, terisi)
    ada = f"OR({','.join(f)})"
    R = list(realisasi)
    if sifat == "rasio":
        jumlah = {n: "(" + "+".join(f"IF({f[q]},{komponen[q][n]},0)" for q in range(4)) + ")"
                  for n in komponen[0]}
        nilai = d.rumus_komponen.ke_excel(jumlah, angka=True)[1:]
    elif sifat == "kumulatif":
        nilai = f"SUM({','.join(R)})"
    elif sifat == "rata-rata":
        nilai = f"AVERAGE({','.join(R)})"
    else:
        nilai = _terakhir(f, R, '""')
    realisasi_f = f'IF({ada},{nilai},"")'

    def cek(q: int) -> str:
        return teks_excel(tdd(f"target triwulan {TRIWULAN[q]} belum diisi"))

    if sifat in ("kumulatif", "rata-rata"):
        jumlah_t = "+".join(f"IF({f[q]},{target[q]},0)" for q in range(4))
        isi = jumlah_t if sifat == "kumulatif" else f"({jumlah_t})/({'+'.join(f'IF({b},1,0)' for b in f)})"
        for q in reversed(range(4)):
            isi = f"IF(AND({f[q]},NOT(ISNUMBER({target[q]}))),{cek(q)},{isi})"
    else:
        isi = _terakhir(f, [f"IF(ISNUMBER({target[q]}),{target[q]},{cek(q)})" for q in range(4)], '""')
    lengkap = f"AND({','.join(f)},ISNUMBER({target_tahunan}))"
    target_f = f'IF({ada},IF({lengkap},{target_tahunan},{isi}),"")'
    return realisasi_f, target_f


def _terakhir(bendera: Sequence[str], nilai: Sequence[str], lain: str) -> str:
    """The value of the last quarter whose condition holds (built from I up, so IV is tested first)."""
    hasil = lain
    for b, n in zip(bendera, nilai):
        hasil = f"IF({b},{n},{hasil})"
    return hasil


def target_tahunan_excel(ref_iku: str) -> str:
    return f'IF(ISNUMBER({ref_iku}),{ref_iku},"")'


def target_tahunan(nilai_iku: Sel) -> Sel:
    return nilai_iku if adalah_angka(nilai_iku) else ""


# --- kategori -------------------------------------------------------------------------------------

KATEGORI_TDD = "Tidak dapat dihitung"


def kategori_sel(capaian: Sel, skala: Skala) -> Sel:
    if capaian == "":
        return ""
    return skala.kategori(capaian)


def kategori_excel(capaian: str, skala: Skala, ref_pita: Sequence[tuple[str, str]]) -> str:
    """Nested IF over the scale's cells on Referensi; `ref_pita` gives (batas, label) cell
    references of the bands in the order of `skala.pita` (highest first)."""
    if skala.rusak:
        return f'IF({capaian}="","",{teks_excel(skala.kategori(None))})'
    hasil = teks_excel(KATEGORI_TDD)
    for pita, (batas, label) in reversed(list(zip(skala.pita, ref_pita))):
        if pita.batas is None:
            hasil = label
        else:
            syarat = f"{capaian}>={batas}" if pita.inklusif else f"{capaian}>{batas}"
            hasil = f"IF({syarat},{label},{hasil})"
    return f'IF({capaian}="","",IF(ISNUMBER({capaian}),{hasil},{teks_excel(KATEGORI_TDD)}))'

