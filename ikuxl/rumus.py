"""Rumus: the Cara Perhitungan language.

Staff write a formula the way the IKU documents do, and ikuxl evaluates it and
compiles it to a native Excel formula that gives the same value:

    (%) = [Jumlah rumah layak] / [Jumlah RTLH] × 100
    Backlog hunian = Σ Keluarga − Σ Rumah
    IF([Realisasi] > [Target]; 100; [Realisasi] / [Target] * 100)

Components are written in [brackets] (any text) or bare (words, no operators).
Arguments are separated by ";" (as in Indonesian Excel) or ", " with a space,
because "2,5" is a decimal comma. "× 100%" multiplies by 100: the % only says the
result is a percentage. Parsed by a Lark grammar; nothing is ever eval'd.
"""

from __future__ import annotations

import math
import operator
import os
import sys
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Callable, Mapping, Sequence, Union

from .nilai import adalah_angka, baca_angka, teks_angka

if TYPE_CHECKING:
    from lark import Lark, Token, Tree
    from lark.exceptions import UnexpectedInput

TIDAK_DAPAT_DIHITUNG = "tidak dapat dihitung"  # how a cell's text begins where a number cannot be computed
ALASAN_BAGI_NOL = "pembagian dengan nol"


def alasan_komponen_kosong(nama: str) -> str:
    if len(nama) > 60:  # the text goes into the formula, where a text may have 255 characters
        nama = nama[:59] + "…"
    return f"komponen [{nama}] belum diisi atau bukan angka"


def teks_tidak_dapat_dihitung(alasan: str) -> str:
    """The text a formula cell shows instead of a number; Python and Excel share it."""
    return f"{TIDAK_DAPAT_DIHITUNG}: {alasan}"


_GRAMMAR = r"""
    start: (hasil EQ)? sum

    hasil: "(" "%" ")"      -> hasil_persen
         | nama

    ?sum: product
        | sum ADDOP product  -> operasi
    ?product: unary
        | product MULOP unary -> operasi
    ?unary: atom
        | "-" unary          -> negasi
        | "+" unary
        | SIGMA unary        -> sigma
    ?atom: NUMBER PERCENT?   -> angka
        | nama
        | FUNC "(" [arg (SEP arg)*] ")" -> fungsi
        | SIGMA "(" arg (SEP arg)* ")"  -> fungsi
        | "(" sum ")"

    ?arg: sum
        | sum (COMPOP | EQ) sum -> perbandingan

    nama: BRACKETED | BARE

    FUNC.3: /(?i:SUM|MIN|MAX|ABS|AVERAGE|IF)(?=\s*\()/
    SIGMA: "Σ" | "∑"
    BRACKETED: /\[[^\[\]]+\]/
    BARE: /(?!Σ)[^\W\d](?:[\w.])*(?:[ \t]+(?![xX](?![\w.]))[\w](?:[\w.])*)*/
    NUMBER: /\d+(?:[.,]\d+)*/
    PERCENT: "%"
    ADDOP: "+" | "-" | "−"
    MULOP: "*" | "×" | "/" | "÷" | /[xX](?![\w.])/ | "·"
    COMPOP: ">=" | "<=" | "<>" | "!=" | "≥" | "≤" | "≠" | ">" | "<"
    EQ: "="
    SEP: ";" | /,(?=\s)/

    %ignore /[ \t\r\n]+/
"""


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """The parser, made on first use (Lark is imported then: `import ikuxl` and `ikuxl --help` need it not):
    building it takes about 40 ms, loading it from Lark's cache 3 ms."""
    from lark import Lark

    return Lark(_GRAMMAR, parser="lalr", lexer="contextual", maybe_placeholders=False, cache=_berkas_cache())


def siapkan() -> None:
    """Make the parser now: a batch does so before it forks its workers, which then share it."""
    _parser()


def _berkas_cache() -> str | bool:
    """Where Lark keeps the parser it built: a pickle, so in a folder of this user's own (Lark's own choice, the
    shared temporary folder, would let another user plant one), else nowhere (False)."""
    if sys.platform == "emscripten":
        return False
    folder = os.path.join(
        os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "ikuxl"
    )
    if not os.path.isabs(folder):  # no home folder
        return False
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return False
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        return False
    from lark import __version__

    return os.path.join(folder, f"rumus-lark{__version__}-py{sys.version_info[0]}.{sys.version_info[1]}.cache")


class RumusError(ValueError):
    """A formula that cannot be read, with the position and what was expected."""

    def __init__(self, pesan: str, posisi: int | None = None):
        self.posisi = posisi
        super().__init__(pesan)


# --- the syntax tree ------------------------------------------------------------------


@dataclass(frozen=True)
class Angka:
    nilai: float


@dataclass(frozen=True)
class Komponen:
    nama: str


@dataclass(frozen=True)
class Negasi:
    isi: "Simpul"


@dataclass(frozen=True)
class Operasi:
    op: str  # + - * /
    kiri: "Simpul"
    kanan: "Simpul"


@dataclass(frozen=True)
class Fungsi:
    nama: str  # SUM MIN MAX ABS AVERAGE
    argumen: tuple["Simpul", ...]


@dataclass(frozen=True)
class Perbandingan:
    op: str  # > < >= <= = <>
    kiri: "Simpul"
    kanan: "Simpul"


@dataclass(frozen=True)
class Jika:
    syarat: Perbandingan
    maka: "Simpul"
    lain: "Simpul"


Simpul = Union[Angka, Komponen, Negasi, Operasi, Fungsi, Jika]

_OPERATOR = {"+": "+", "-": "-", "−": "-", "*": "*", "×": "*", "x": "*", "X": "*", "·": "*", "/": "/", "÷": "/"}
_PEMBANDING = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", "<>": "<>", "!=": "<>", "≠": "<>", ">": ">", "<": "<", "=": "="}
_JUMLAH_ARGUMEN = {"ABS": (1, 1), "IF": (3, 3)}


@lru_cache(maxsize=4096)
def kunci_komponen(nama: str) -> str:
    """Component names match regardless of case and spacing."""
    return " ".join(nama.split()).casefold()


class _KeSimpul:
    """Lark parse tree → the frozen nodes above: each rule's method gets its children, already turned."""

    def __init__(self):
        self.nama_hasil: str | None = None

    def ubah(self, pohon: Tree):
        # a child is a Tree or a Token (a str, without children); the depth is bounded: BATAS_KEDALAMAN
        anak = [self.ubah(a) if hasattr(a, "children") else a for a in pohon.children]
        return getattr(self, pohon.data)(*anak)

    def start(self, *bagian):
        return bagian[-1]

    def hasil_persen(self, *_):
        self.nama_hasil = "%"

    def hasil(self, nama: Komponen):
        self.nama_hasil = nama.nama

    def nama(self, token: Token):
        teks = token[1:-1] if token.type == "BRACKETED" else token
        teks = " ".join(teks.split())
        if not teks:
            raise RumusError("nama komponen kosong", token.start_pos)
        return Komponen(teks)

    def angka(self, token: Token, _persen=None):
        try:
            return Angka(baca_angka(token))
        except ValueError as e:
            raise RumusError(f"{e} (posisi {token.start_pos + 1})", token.start_pos) from None

    def operasi(self, kiri, op: Token, kanan):
        return Operasi(_OPERATOR[str(op)], kiri, kanan)

    def negasi(self, isi):
        return Negasi(isi)

    def sigma(self, _token, isi):
        return Fungsi("SUM", (isi,))

    def perbandingan(self, kiri, op: Token, kanan):
        return Perbandingan(_PEMBANDING[str(op)], kiri, kanan)

    def fungsi(self, token: Token, *bagian):
        nama = "SUM" if token.type == "SIGMA" else str(token).upper()
        argumen = tuple(b for b in bagian if getattr(b, "type", "") != "SEP")  # the nodes have no type: tokens do
        terkecil, terbesar = _JUMLAH_ARGUMEN.get(nama, (1, 255))
        if not terkecil <= len(argumen) <= terbesar:
            jumlah = f"{terkecil}" if terkecil == terbesar else f"paling sedikit {terkecil}"
            raise RumusError(
                f"fungsi {nama} memerlukan {jumlah} argumen, diberi {len(argumen)} (posisi {token.start_pos + 1}); "
                "pisahkan argumen dengan ; (titik koma)",
                token.start_pos,
            )
        for i, arg in enumerate(argumen):
            if isinstance(arg, Perbandingan) and not (nama == "IF" and i == 0):
                raise RumusError(f"perbandingan hanya boleh sebagai syarat IF (posisi {token.start_pos + 1})", token.start_pos)
        if nama == "IF":
            if not isinstance(argumen[0], Perbandingan):
                raise RumusError(
                    f"syarat IF harus berupa perbandingan, mis. [A] > [B] (posisi {token.start_pos + 1})", token.start_pos
                )
            return Jika(*argumen)
        return Fungsi(nama, argumen)


_NAMA_TOKEN = {
    "NUMBER": "angka",
    "BRACKETED": "[nama komponen]",
    "BARE": "nama komponen",
    "FUNC": "fungsi",
    "SIGMA": "Σ",
    "ADDOP": "+ atau -",
    "MULOP": "× atau /",
    "COMPOP": "pembanding",
    "EQ": "=",
    "SEP": "; (pemisah argumen)",
    "LPAR": "(",
    "RPAR": ")",
    "PERCENT": "%",
    "MINUS": "-",
    "PLUS": "+",
    "$END": "akhir rumus",
}


def _pesan_sintaks(teks: str, e: UnexpectedInput) -> RumusError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    posisi = getattr(e, "pos_in_stream", None)
    if isinstance(e, UnexpectedEOF) or posisi is None or getattr(getattr(e, "token", None), "type", "") == "$END":
        posisi = len(teks)
    harapan = sorted({_NAMA_TOKEN.get(t, t) for t in (getattr(e, "expected", None) or getattr(e, "allowed", None) or ())})
    if isinstance(e, UnexpectedCharacters):
        ditemukan = f'karakter "{teks[posisi]}"'
    elif isinstance(e, UnexpectedToken) and e.token.type != "$END":
        ditemukan = f'"{e.token}"'
    else:
        ditemukan = "akhir rumus"
    pesan = f"rumus tidak dapat dibaca pada posisi {posisi + 1}: {ditemukan} tidak diharapkan"
    if harapan:
        pesan += f"; yang diharapkan: {', '.join(harapan)}"
    return RumusError(pesan, posisi)


# A Cara Perhitungan has a few terms; these bounds keep a pasted column of thousands from
# exhausting the recursion of the tree walks (and compile far within Excel's 8,192 characters).
BATAS_PANJANG, BATAS_KEDALAMAN = 2000, 100


def _kedalaman(pohon: Tree) -> int:
    """Depth of a parse tree, walked without recursion (a chain of 500 terms is 500 deep)."""
    terdalam, tumpukan = 0, [(pohon, 1)]
    while tumpukan:
        simpul, dalam = tumpukan.pop()
        terdalam = max(terdalam, dalam)
        tumpukan.extend((anak, dalam + 1) for anak in simpul.children if hasattr(anak, "children"))
    return terdalam


@lru_cache(maxsize=4096)
def _urai(teks: str) -> tuple[Simpul, str | None]:
    """Parse once per distinct text: the tree is immutable, so it can be shared."""
    if not teks or not teks.strip():
        raise RumusError("rumus kosong", 0)
    if len(teks) > BATAS_PANJANG:
        raise RumusError(
            f"rumus terlalu panjang ({len(teks)} karakter; batas {BATAS_PANJANG}); "
            "sederhanakan, mis. jumlahkan dulu komponennya di satu komponen"
        )
    from lark.exceptions import UnexpectedInput

    try:
        pohon = _parser().parse(teks)
    except UnexpectedInput as e:
        raise _pesan_sintaks(teks, e) from None
    if _kedalaman(pohon) > BATAS_KEDALAMAN:
        raise RumusError(
            f"rumus terlalu banyak suku atau terlalu bertingkat (lebih dari {BATAS_KEDALAMAN} tingkat); "
            "sederhanakan, mis. jumlahkan dulu komponennya di satu komponen"
        )
    pengubah = _KeSimpul()
    return pengubah.ubah(pohon), pengubah.nama_hasil


# --- evaluation -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)  # slots: made for every quarter of every Rumus, about twice as fast
class Hasil:
    """A computed value, or None with the reason it could not be computed."""

    nilai: float | None
    alasan: str | None = None

    @property
    def teks(self) -> str | float:
        """What a formula cell shows: the number, or the 'tidak dapat dihitung' text."""
        return self.nilai if self.nilai is not None else teks_tidak_dapat_dihitung(self.alasan or "")


class _BagiNol(Exception):
    pass


_E48 = 2.0**-48


def hampir_sama(a: float, b: float) -> bool:
    """Spreadsheets treat numbers within 2^-48 of each other as equal (LibreOffice's
    approxEqual); ikuxl does the same so that Python and Excel agree."""
    if a == b:
        return True
    d = abs(a - b)
    return a != 0 and b != 0 and math.isfinite(d) and d < abs(a) * _E48 and d < abs(b) * _E48


def _tambah(a: float, b: float) -> float:
    return 0.0 if (a < 0) != (b < 0) and a != 0 and b != 0 and hampir_sama(a, -b) else a + b


def _kurang(a: float, b: float) -> float:
    """0.1 * 3 - 0.3 is 0 in a spreadsheet, not 5.5e-17."""
    return 0.0 if (a < 0) == (b < 0) and a != 0 and b != 0 and hampir_sama(a, b) else a - b


def _kompilasi(simpul: Simpul, indeks: Mapping[str, int]) -> Callable[[Sequence[float]], float]:
    """The tree as nested functions of the components' values (in the order `indeks` gives each key), built once
    per Rumus: an evaluation then matches no node and works out no component's key. Each node does what the
    tree says, in its order (so the same float as a walk of the tree would give)."""
    match simpul:
        case Angka(x):
            return lambda nilai: x
        case Komponen(nama):
            i = indeks[kunci_komponen(nama)]
            return lambda nilai: nilai[i]
        case Negasi(isi):
            f = _kompilasi(isi, indeks)
            return lambda nilai: -f(nilai)
        case Operasi(op, kiri, kanan):
            a, b = _kompilasi(kiri, indeks), _kompilasi(kanan, indeks)
            if op == "/":

                def bagi(nilai: Sequence[float]) -> float:
                    x, y = a(nilai), b(nilai)
                    if y == 0:
                        raise _BagiNol
                    return x / y

                return bagi
            g = _tambah if op == "+" else _kurang if op == "-" else operator.mul
            return lambda nilai: g(a(nilai), b(nilai))
        case Fungsi(nama, argumen):
            fs = [_kompilasi(a, indeks) for a in argumen]
            if nama == "SUM":  # spreadsheets sum with compensation too
                return lambda nilai: math.fsum([f(nilai) for f in fs])
            if nama == "AVERAGE":
                return lambda nilai: math.fsum([f(nilai) for f in fs]) / len(fs)
            if nama == "ABS":
                return lambda nilai: abs(fs[0](nilai))
            g = {"MIN": min, "MAX": max}[nama]
            return lambda nilai: g([f(nilai) for f in fs])
        case Jika(syarat, maka, lain):
            benar, ya, tidak = _kompilasi_banding(syarat, indeks), _kompilasi(maka, indeks), _kompilasi(lain, indeks)
            return lambda nilai: ya(nilai) if benar(nilai) else tidak(nilai)
    raise TypeError(simpul)


_BANDING = {  # as spreadsheets compare: numbers within 2^-48 of each other are equal
    ">": lambda a, b: a > b and not hampir_sama(a, b),
    "<": lambda a, b: a < b and not hampir_sama(a, b),
    ">=": lambda a, b: a >= b or hampir_sama(a, b),
    "<=": lambda a, b: a <= b or hampir_sama(a, b),
    "=": hampir_sama,
    "<>": lambda a, b: not hampir_sama(a, b),
}


def _kompilasi_banding(p: Perbandingan, indeks: Mapping[str, int]) -> Callable[[Sequence[float]], bool]:
    a, b, banding = _kompilasi(p.kiri, indeks), _kompilasi(p.kanan, indeks), _BANDING[p.op]
    return lambda nilai: banding(a(nilai), b(nilai))


# --- printing -------------------------------------------------------------------------

_TINGKAT = {"+": 1, "-": 1, "*": 2, "/": 2}


def _cetak(simpul: Simpul, tingkat_luar: int = 0, kanan: bool = False) -> str:
    """Canonical text: brackets around names, parentheses only where needed."""
    match simpul:
        case Angka(x):
            teks = teks_angka(abs(x))
            return f"(-{teks})" if x < 0 or math.copysign(1, x) < 0 else teks
        case Komponen(nama):
            return f"[{nama}]"
        case Negasi(isi):
            return f"(-{_cetak(isi, 3)})"
        case Operasi(op, kiri, kanan_):
            t = _TINGKAT[op]
            teks = f"{_cetak(kiri, t)} {op} {_cetak(kanan_, t, kanan=True)}"
            return f"({teks})" if t < tingkat_luar or (t == tingkat_luar and kanan) else teks
        case Fungsi(nama, argumen):
            return f"{nama}({'; '.join(_cetak(a) for a in argumen)})"
        case Jika(syarat, maka, lain):
            return f"IF({_cetak(syarat.kiri)} {syarat.op} {_cetak(syarat.kanan)}; {_cetak(maka)}; {_cetak(lain)})"
    raise TypeError(simpul)


# --- Excel ----------------------------------------------------------------------------


def teks_excel(teks: str) -> str:
    return '"' + teks.replace('"', '""') + '"'


# Excel's specifications and limits: a formula's length, nested function levels, one text
# value in a formula, and the arguments of one function
PANJANG_EXCEL, TINGKAT_EXCEL, TEKS_EXCEL, ARGUMEN_EXCEL = 8192, 64, 255, 255


def masalah_batas_excel(rumus: str) -> str | None:
    """Which of Excel's limits a formula (without its "=") breaks, in Indonesian; None when within all."""
    if len(rumus) + 1 > PANJANG_EXCEL:
        return f"panjangnya {len(rumus) + 1} karakter (batas Excel {PANJANG_EXCEL})"
    kurung: list[list] = []  # per open parenthesis: [a function's?, its arguments so far]
    tingkat, i = 0, 0
    while i < len(rumus):
        c = rumus[i]
        if c == '"':
            akhir = i + 1
            while (akhir := rumus.index('"', akhir)) + 1 < len(rumus) and rumus[akhir + 1] == '"':
                akhir += 2
            if len(rumus[i + 1 : akhir].replace('""', '"')) > TEKS_EXCEL:
                return f"memuat teks lebih dari {TEKS_EXCEL} karakter (batas Excel)"
            i = akhir
        elif c == "(":
            fungsi = i > 0 and (rumus[i - 1].isalnum() or rumus[i - 1] in "._")
            kurung.append([fungsi, 1])
            tingkat += fungsi
            if tingkat > TINGKAT_EXCEL:
                return f"bertingkat lebih dari {TINGKAT_EXCEL} fungsi (batas Excel)"
        elif c == ")" and kurung:
            tingkat -= kurung.pop()[0]
        elif c == "," and kurung:
            kurung[-1][1] += 1
            if kurung[-1][0] and kurung[-1][1] > ARGUMEN_EXCEL:
                return f"memberi lebih dari {ARGUMEN_EXCEL} argumen kepada satu fungsi (batas Excel)"
        i += 1
    return None


def _excel(simpul: Simpul, ref: Mapping[str, str]) -> str:
    """Fully parenthesised, so Excel evaluates in exactly the order Python does."""
    match simpul:
        case Angka(x):
            return f"({repr(float(x))})" if x < 0 else repr(float(x)).removesuffix(".0")
        case Komponen(nama):
            return ref[kunci_komponen(nama)]
        case Negasi(isi):
            return f"(-{_excel(isi, ref)})"
        case Operasi(op, kiri, kanan):
            return f"({_excel(kiri, ref)}{op}{_excel(kanan, ref)})"
        case Fungsi(nama, argumen):
            return f"{nama}({','.join(_excel(a, ref) for a in argumen)})"
        case Jika(syarat, maka, lain):
            banding = f"{_excel(syarat.kiri, ref)}{syarat.op}{_excel(syarat.kanan, ref)}"
            return f"IF({banding},{_excel(maka, ref)},{_excel(lain, ref)})"
    raise TypeError(simpul)


def _ada_pembagian(simpul: Simpul) -> bool:
    match simpul:
        case Operasi(op, kiri, kanan):
            return op == "/" or _ada_pembagian(kiri) or _ada_pembagian(kanan)
        case Negasi(isi):
            return _ada_pembagian(isi)
        case Fungsi(_, argumen):
            return any(_ada_pembagian(a) for a in argumen)
        case Jika(syarat, maka, lain):
            return any(_ada_pembagian(s) for s in (syarat.kiri, syarat.kanan, maka, lain))
    return False


def _komponen(simpul: Simpul) -> list[str]:
    match simpul:
        case Komponen(nama):
            return [nama]
        case Negasi(isi):
            return _komponen(isi)
        case Operasi(_, kiri, kanan):
            return _komponen(kiri) + _komponen(kanan)
        case Fungsi(_, argumen):
            return [n for a in argumen for n in _komponen(a)]
        case Jika(syarat, maka, lain):
            return [n for s in (syarat.kiri, syarat.kanan, maka, lain) for n in _komponen(s)]
    return []


def _pembagi(simpul: Simpul, di_penyebut: bool = False) -> list[str]:
    match simpul:
        case Komponen(nama):
            return [nama] if di_penyebut else []
        case Negasi(isi):
            return _pembagi(isi, di_penyebut)
        case Operasi(op, kiri, kanan):
            return _pembagi(kiri, di_penyebut) + _pembagi(kanan, di_penyebut or op == "/")
        case Fungsi(_, argumen):
            return [n for a in argumen for n in _pembagi(a, di_penyebut)]
        case Jika(syarat, maka, lain):
            return [n for s in (syarat.kiri, syarat.kanan, maka, lain) for n in _pembagi(s, di_penyebut)]
    return []


class Rumus:
    """A parsed Cara Perhitungan.

    >>> r = Rumus("(%) = [Jumlah rumah layak] / [Jumlah RTLH] × 100")
    >>> r.komponen
    ['Jumlah rumah layak', 'Jumlah RTLH']
    >>> r.hitung({"Jumlah rumah layak": 30, "Jumlah RTLH": 120}).nilai
    25.0
    """

    def __init__(self, teks: str):
        self.teks = teks
        self.pohon, self.hasil = _urai(teks)
        unik: dict[str, str] = {}
        for nama in _komponen(self.pohon):
            unik.setdefault(kunci_komponen(nama), nama)
        self._unik = unik
        self._nama_kunci = {nama: kunci for kunci, nama in unik.items()}  # the components' names as written: their keys
        self._hash: int | None = None

    @classmethod
    def dari_pohon(cls, pohon: Simpul) -> "Rumus":
        return cls(_cetak(pohon))

    @property
    def komponen(self) -> list[str]:
        """Component names in order of first appearance, each once."""
        return list(self._unik.values())

    @property
    def pembagi(self) -> list[str]:
        """Components that stand in a denominator: a 0 there makes the formula not computable."""
        return list(dict.fromkeys(_pembagi(self.pohon)))

    @property
    def persen(self) -> bool:
        return self.hasil == "%"

    def __str__(self) -> str:
        awal = "(%) = " if self.hasil == "%" else f"[{self.hasil}] = " if self.hasil else ""
        return awal + _cetak(self.pohon)

    def __repr__(self) -> str:
        return f"Rumus({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rumus) and (self.pohon, self.hasil) == (other.pohon, other.hasil)

    def __hash__(self) -> int:
        if self._hash is None:  # the tree is hashed node by node: once (a Rumus is never changed)
            self._hash = hash((self.pohon, self.hasil))
        return self._hash

    @cached_property
    def _nilai(self) -> Callable[[Sequence[float]], float]:
        return _kompilasi(self.pohon, {k: i for i, k in enumerate(self._unik)})

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_nilai"}  # closures: compiled again when used

    @property
    def kunci(self) -> tuple[str, ...]:
        """The components' keys (kunci_komponen), in the order of `komponen`."""
        return tuple(self._unik)

    def urut(self, nilai: Mapping[str, object]) -> list[object]:
        """The values given by component name (matched regardless of case and spacing), in the order of
        `komponen`; None for a component not given."""
        if nilai.keys() == self._nama_kunci.keys():  # named as the Rumus writes them (Komponen's rows)
            return [nilai[n] for n in self._unik.values()]
        kunci_nama = self._nama_kunci
        per_kunci = {kunci_nama.get(k) or kunci_komponen(k): v for k, v in nilai.items()}
        return [per_kunci.get(k) for k in self._unik]

    def hitung(self, nilai: Mapping[str, object]) -> Hasil:
        """Evaluate with the components' values; a blank or non-number component, or a
        division by zero, gives Hasil(None, reason) instead of an exception."""
        return self.hitung_urut(self.urut(nilai))

    def hitung_urut(self, nilai: Sequence[object]) -> Hasil:
        """hitung, with the components' values in the order of `komponen` (urut)."""
        for x, nama in zip(nilai, self._unik.values()):
            if not adalah_angka(x):
                return Hasil(None, alasan_komponen_kosong(nama))
        try:
            hasil = self._nilai(nilai)
        except _BagiNol:
            return Hasil(None, ALASAN_BAGI_NOL)
        if not math.isfinite(hasil):
            return Hasil(None, ALASAN_BAGI_NOL)
        return Hasil(float(hasil))

    def ke_excel(self, ref: Mapping[str, str], angka: bool = False) -> str:
        """A native Excel formula (with the leading '=') over the given cell references
        that shows the same number as `hitung`, or the same 'tidak dapat dihitung' text.
        angka: the references are expressions that always give a number (sums), so the
        check of each component is left out."""
        ref_kunci = {kunci_komponen(k): v for k, v in ref.items()}
        hilang = [n for k, n in self._unik.items() if k not in ref_kunci]
        if hilang:
            raise RumusError(f"komponen tanpa sel: {', '.join(hilang)}")
        rumus = _excel(self.pohon, ref_kunci)
        if _ada_pembagian(self.pohon):
            rumus = f"IFERROR({rumus},{teks_excel(teks_tidak_dapat_dihitung(ALASAN_BAGI_NOL))})"
        for kunci, nama in reversed(self._unik.items()) if not angka else ():
            rumus = (
                f"IF(ISNUMBER({ref_kunci[kunci]}),{rumus},{teks_excel(teks_tidak_dapat_dihitung(alasan_komponen_kosong(nama)))})"
            )
        return "=" + rumus
