"""Spelling against a real Indonesian dictionary: Debian's hunspell-id, read by Hunspell itself (C, through the
chunspell binding: about 20 times faster) or, where that cannot be installed (Pyodide, a platform without its
wheel), by spylls (Hunspell in pure Python); both give the same findings.

Validasi checks the texts of the IKU matrix with it (periksa.KOLOM_KATA). Accepted without the
dictionary: acronyms (RTLH, PSU, LKjIP), words with digits, abbreviations with a dot (Kab., Prov.),
the words of the workbook's own lists and settings, place names after Provinsi, Kabupaten, Kota…
(Kalimantan Selatan, Tanjung Jabung Barat), and known words with -nya or ter-, ber-, di-… (the
dictionary lacks many of them: menurunnya, terfasilitasi). Where no engine or the dictionary is missing, `sebab_tidak_ada`
says why, and the check is skipped.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Callable, Iterable

JALUR_BAWAAN = "/usr/share/hunspell/id_ID"  # Debian/Ubuntu: apt-get install hunspell-id
VARIABEL = "IKUXL_KAMUS"  # another dictionary: the path of its .dic file
CARA_PASANG = (
    f'pasang kamusnya ("apt-get install hunspell-id" di Debian/Ubuntu) dan "pip install spylls", '
    f"atau isi variabel lingkungan {VARIABEL} dengan lokasi berkas id_ID.dic"
)

# spylls' suggest takes 0,1–5 s a word, more for long ones (C Hunspell: 10–150 ms): only the first distinct
# unknown words get suggestions, two each, and only words up to PANJANG_SARAN letters, whichever engine runs,
# so that a workbook's findings do not depend on it.
MAKS_KATA_BERSARAN = 10
SARAN_PER_KATA = 2
PANJANG_SARAN = 15

# Words of Indonesian planning documents that hunspell-id (2023) lacks.
TAMBAHAN = frozenset(
    """akuntabel akuntabilitas fasilitasi optimalisasi monitoring stunting backlog perundang-undangan
    renstra renja musrenbang bappeda bappenas pemda pemprov pemkab pemkot perda perbup pergub perwali permendagri
    kemendagri setda kasubbag kabid diklat inflasi deflasi
    balita baduta puskesmas posyandu pustu polindes imunisasi faskes nakes""".split()
)
AKHIRAN = ("nya", "lah", "kah", "pun", "ku", "mu")  # the dictionary lacks many words + -nya: menurunnya, kualitasnya
AWALAN = ("ter", "ber", "di", "ke", "se")  # … and ter-, ber-…: terfasilitasi, bersertifikat, terealisasi (ter + realisasi)

_KATA = re.compile(r"(?<![\w'-])[A-Za-z]+(?:-[A-Za-z]+)*(?![\w'-])\.?")  # words with a digit or a non-Latin letter: skipped
_NAMA_TEMPAT = re.compile(
    r"\b(?i:provinsi|prov\.|kabupaten|kab\.|kota|kecamatan|kec\.|kelurahan|kel\.|desa|pulau)"
    r"((?:\s+[A-Z][A-Za-z]+){1,3})"
)


def jalur() -> str:
    """The dictionary's path without .dic/.aff."""
    p = os.environ.get(VARIABEL) or JALUR_BAWAAN
    return p[:-4] if p.endswith((".dic", ".aff")) else p


@dataclass(frozen=True)
class Kamus:
    mesin: str  # "hunspell" (C, through chunspell) or "spylls"
    kenal: Callable[[str], bool]
    saran: Callable[[str], Iterable[str]]  # best first


@lru_cache(maxsize=4)
def _muat(jalur: str) -> tuple[Kamus | None, str]:
    """(the dictionary, "") or (None, why it is not there)."""
    if not (os.path.isfile(jalur + ".dic") and os.path.isfile(jalur + ".aff")):
        if sys.platform == "emscripten":  # xlwings Lite: no dictionary in the browser, nothing to install there
            return None, "xlwings Lite (Python di peramban) tidak membawa kamus ejaan; periksa ejaan dengan ikuxl validate"
        return None, f"kamus {jalur}.dic tidak ditemukan; {CARA_PASANG}"
    if kamus := _hunspell_c(jalur):
        return kamus, ""
    try:
        from spylls.hunspell import Dictionary
    except ImportError:
        return None, f"pustaka spylls belum terpasang; {CARA_PASANG}"
    try:
        d = Dictionary.from_files(jalur)
    except Exception as e:  # a damaged file must not stop Validasi
        return None, f"kamus {jalur}.dic tidak terbaca ({e}); {CARA_PASANG}"
    return Kamus("spylls", d.lookup, d.suggest), ""


def _hunspell_c(jalur: str) -> Kamus | None:
    """Hunspell itself through chunspell (the optional dependency `hunspell`), or None where it is not
    installed or cannot read the dictionary: then spylls reads it."""
    if sys.platform == "emscripten":  # Pyodide: no C extension
        return None
    try:
        from hunspell import Hunspell  # chunspell's module (cyhunspell's API)
    except ImportError:
        return None
    try:
        h = Hunspell(os.path.basename(jalur), hunspell_data_dir=os.path.dirname(jalur) or ".")
    except Exception:  # another package named hunspell, or an unreadable file: spylls says what is wrong
        return None
    # A word followed by a blank in the .dic (hunspell-id: "agentif ", "dekagram ", "geleca ") is that word to
    # spylls, a word with a blank to Hunspell: added here, so that both know the same words.
    with open(jalur + ".dic", "rb") as f:
        dic = f.read()
    for m in re.finditer(rb"[ \t]+\r?\n", dic):  # (a scan of every line would take longer than loading)
        kata = dic[dic.rfind(b"\n", 0, m.start()) + 1 : m.start()]
        if kata.replace(b"-", b"").isalpha():  # ASCII letters: the words the check looks up
            h.add(kata.decode())
    return Kamus("hunspell", h.spell, h.suggest)


def mesin(jalur: str) -> str:
    """ "hunspell" or "spylls": the engine that reads the dictionary ("" without one)."""
    kamus = _muat(jalur)[0]
    return kamus.mesin if kamus else ""


def siapkan() -> None:
    """Load the dictionary now: a batch does so before it forks its workers, which then share it."""
    _muat(jalur())


def sebab_tidak_ada(jalur: str) -> str:
    """ "" when the dictionary can be used, else why not (in Indonesian, with how to install it)."""
    return _muat(jalur)[1]


def kata_teks(teks: str) -> list[str]:
    """The words of a text, as the check sees them (abbreviations keep their dot)."""
    return [m.group() for m in _KATA.finditer(teks)]


def tidak_dikenal(teks: str, boleh: set[str], jalur: str) -> list[str]:
    """The words of `teks` the dictionary does not know, in order; `boleh`: words allowed (lower case)."""
    nama = {k for m in _NAMA_TEMPAT.finditer(teks) for k in m.group(1).split()}
    hasil = []
    for kata in kata_teks(teks):
        if kata.endswith("."):
            if len(kata) <= 5:  # Kab., Prov., dll.
                continue
            kata = kata[:-1]
        if kata in nama or kata.lower() in boleh:
            continue
        if _asing(jalur, kata) and kata not in hasil:
            hasil.append(kata)
    return hasil


@lru_cache(maxsize=100_000)  # a workbook repeats its words: each is judged once per process
def _asing(jalur: str, kata: str) -> bool:
    """A word neither an acronym (_boleh) nor in the dictionary."""
    return not all(_boleh(b) for b in kata.split("-")) and not _dikenal(jalur, kata)


def _boleh(bagian: str) -> bool:
    """A single letter, or an acronym: two capitals or more, except an all-capital word of six letters
    or more (a text written in capitals: "KINERJJA")."""
    besar = sum(c.isupper() for c in bagian)
    return len(bagian) < 2 or (besar >= 2 and not (bagian.isupper() and len(bagian) >= 6))


@lru_cache(maxsize=100_000)
def _dikenal(jalur: str, kata: str) -> bool:
    kamus = _muat(jalur)[0]
    bagian = kata.split("-")
    if kata.lower() in TAMBAHAN:
        return True
    # whole: rata-rata, Perundang-Undangan (spylls' lookup grows fourfold with each part beyond a dozen)
    if len(bagian) <= 3 and (kamus.kenal(kata) or kamus.kenal(kata.lower())):
        return True
    if len(bagian) > 1:
        return all(len(b) < 2 or _boleh(b) or _dikenal(jalur, b) for b in bagian)
    return any(kamus.kenal(d) or d in TAMBAHAN for d in _dasar(kata.lower()))


def _dasar(kata: str) -> list[str]:
    """The word without a clitic ending (-nya) and/or a prefix (ter-, ber-, di-, ke-, se-), at least 3 letters left."""
    tanpa_akhiran = [kata] + [kata[: -len(a)] for a in AKHIRAN if kata.endswith(a) and len(kata) - len(a) >= 3]
    hasil = tanpa_akhiran[1:]
    for k in tanpa_akhiran:
        for a in AWALAN:
            if k.startswith(a) and len(k) - len(a) >= 3:
                hasil.append(k[len(a) :])
                if a == "ter":
                    hasil.append("r" + k[3:])
    return hasil


@lru_cache(maxsize=2_000)
def saran(jalur: str, kata: str) -> tuple[str, ...]:
    """Hunspell's first suggestions for a word (none for long or hyphenated words: too slow)."""
    if len(kata) > PANJANG_SARAN or "-" in kata:
        return ()
    return tuple(islice(_muat(jalur)[0].saran(kata), SARAN_PER_KATA))
