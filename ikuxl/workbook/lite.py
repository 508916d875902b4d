"""The xlwings Lite edition of a workbook: the add-in's code (main.py) and its packages (requirements.txt)
kept in the workbook the way xlwings Lite keeps them. That is an Office web extension part
(xl/webextensions/webextension1.xml) that refers to the xlwings Lite add-in of the Office store and holds each
file's text as a property, a JSON string. A task pane part points to it, from the package's own relationships.
Excel opens the add-in with the workbook, and xlwings Lite runs main.py in Pyodide. A workbook that already
has the add-in is left as it is: what staff edited there stays; one with a left-over, incomplete one is
reported (temuan_lite) and, with --lite, completed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring  # defusedxml 0.7.0 has its own ParseError class

from ..temuan import KODE, Temuan
from .paket import NS_R, CangkokError, Paket, rels_dari

ID_LITE = "wa200008175"  # xlwings Lite in the Office store (AppSource WA200008175)
NS_WE = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
NS_WETP = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
REL_WE = "http://schemas.microsoft.com/office/2011/relationships/webextension"
REL_TASKPANES = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
CT_WE = "application/vnd.ms-office.webextension+xml"
CT_TASKPANES = "application/vnd.ms-office.webextensiontaskpanes+xml"
PANEL = "xl/webextensions/taskpanes.xml"
RID = "rIdIkuxlLite"
ID_BARU = "{6D1A7C2E-3B5F-4E8A-9C0D-1F2E3A4B5C6D}"  # the id of a web extension part ikuxl writes
BERKAS = ("main.py", "requirements.txt")  # what the edition's add-in needs: ikuxl's buttons and the packages they call


def _xml(p: Paket, nama: str):
    try:
        return fromstring(p.baca(nama))
    except (ParseError, DefusedXmlException):  # another add-in's part, damaged: not ikuxl's to judge
        return None


def _sifat(e) -> dict[str, str]:
    """A web extension part's properties: name → value as stored (a JSON text)."""
    return {s.get("name"): s.get("value") or "" for s in e.iter(f"{{{NS_WE}}}property") if s.get("name")}


def bagian_lite(p: Paket) -> list[str]:
    """The web extension parts of the xlwings Lite add-in in this package."""
    hasil = []
    for nama in [n for n in p.daftar() if n.startswith("xl/webextensions/") and n.endswith(".xml")]:
        e = _xml(p, nama)
        acuan = None if e is None else e.find(f"{{{NS_WE}}}reference")
        if acuan is not None and (acuan.get("id") or "").lower() == ID_LITE:
            hasil.append(nama)
    return hasil


@dataclass
class KeadaanLite:
    """What a package holds of the xlwings Lite add-in."""

    bagian: str | None = None  # its web extension part (one a task pane opens, when there is one)
    dibuka: bool = False  # a task pane of the package opens that part: Excel starts the add-in with the workbook
    berkas: dict[str, str] = field(default_factory=dict)  # the files it keeps (main.py, requirements.txt, …)
    hilang: list[tuple[str, str]] = field(default_factory=list)  # (task pane part, web extension part it lacks)

    @property
    def lengkap(self) -> bool:
        """The rule of the Lite edition: the add-in opens with the workbook and keeps ikuxl's files. Only then are
        the sheets written unprotected; anything less is not Lite (protected as usual, and reported)."""
        return self.dibuka and all(n in self.berkas for n in BERKAS)

    def masalah(self) -> list[str]:
        """What a left-over, incomplete add-in lacks, in Indonesian (none when it is complete or absent)."""
        if self.lengkap:
            return []
        hasil = [f"panel tugas {panel} merujuk ke bagian {ke}, yang tidak ada di berkas" for panel, ke in self.hilang]
        if self.bagian and not self.dibuka:
            hasil.append(f"bagian {self.bagian} tidak dibuka panel tugas mana pun, jadi Excel tidak menjalankannya")
        kurang = [n for n in BERKAS if n not in self.berkas]
        if self.bagian and kurang:
            hasil.append(f"bagian {self.bagian} tidak memuat {' dan '.join(kurang)}")
        return hasil


def _rels(p: Paket, nama: str) -> list[dict] | None:
    """A part's relationships; None when its relationships part is damaged."""
    try:
        return p.rels(nama)
    except (ParseError, DefusedXmlException):
        return None


def _panel(p: Paket) -> str | None:
    """The task panes part the package's relationships name, if any."""
    rels = _rels(p, "") or []
    return next((r["Target"] for r in rels if r["Type"] == REL_TASKPANES and not r["External"] and r["Target"]), None)


def keadaan_lite(p: Paket) -> KeadaanLite:
    """The package's xlwings Lite add-in: its part, whether a task pane opens it, its files, and task panes whose
    web extension part is missing."""
    k = KeadaanLite()
    dibuka: list[str] = []
    panel = _panel(p)
    e = _xml(p, panel) if panel and p.ada(panel) else None
    if e is not None:
        rels = {r["Id"]: r["Target"] for r in _rels(p, panel) or [] if r["Type"] == REL_WE and not r["External"]}
        for ref in e.iter(f"{{{NS_WETP}}}webextensionref"):
            ke = rels.get(ref.get(f"{{{NS_R}}}id"))
            if ke and p.ada(ke):
                dibuka.append(ke)
            elif ke and ke.startswith("xl/webextensions/") and ke.endswith(".xml"):
                k.hilang.append((panel, ke))
    semua = bagian_lite(p)
    k.bagian = next((b for b in semua if b in dibuka), semua[0] if semua else None)
    if k.bagian:
        k.dibuka = k.bagian in dibuka
        for nama, nilai in _sifat(fromstring(p.baca(k.bagian))).items():
            try:
                teks = json.loads(nilai)
            except ValueError:
                continue
            if isinstance(teks, str):
                k.berkas[nama] = teks
    return k


def berkas_lite(p: Paket) -> dict[str, str]:
    """The files the xlwings Lite add-in keeps in this package (main.py, requirements.txt, …) by name."""
    return keadaan_lite(p).berkas


def _rid(p: Paket, dari: str) -> str:
    """A relationship id part `dari` does not use yet."""
    rels = _rels(p, dari)
    if rels is None:
        raise CangkokError(f"bagian {rels_dari(dari)} tidak dikenali; add-in xlwings Lite tidak dipasang, berkas tidak diubah")
    dipakai = {r["Id"] for r in rels}
    return next(r for r in (RID, *(f"{RID}{n}" for n in range(2, len(dipakai) + 3))) if r not in dipakai)


def _tulis_ekstensi(p: Paket, nama: str, sifat: dict[str, str], id_: str) -> None:
    """The web extension part of xlwings Lite with these properties (name → JSON text)."""
    isi = "".join(f'<we:property name="{escape(n)}" value="{escape(v)}"/>' for n, v in sifat.items())
    p.tulis(
        nama,
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="{NS_WE}" id="{escape(id_)}">'
        f'<we:reference id="{ID_LITE}" version="1.0.0.0" store="en-US" storeType="OMEX"/>'
        f'<we:alternateReferences><we:reference id="{ID_LITE}" version="1.0.0.0" store="{ID_LITE.upper()}" '
        'storeType="OMEX"/></we:alternateReferences>'
        f"<we:properties>{isi}</we:properties><we:bindings/>"
        '<we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>',
    )
    p.jenis(nama, CT_WE)


def _buka_di_panel(p: Paket, ekstensi: str) -> None:
    """A task pane that ties the add-in to the workbook, saved hidden as xlwings Lite saves it: since Lite
    1.0.0.0-28 the add-in starts by its own workbook setting (autostart, in the background by default), not by a
    visible pane; staff open the pane from the xlwings Lite button when they want the scripts' buttons."""
    dirujuk = _panel(p)
    panel = dirujuk or PANEL
    rid = _rid(p, panel)
    isi = (
        f'<wetp:taskpane xmlns:wetp="{NS_WETP}" dockstate="right" visibility="0" width="438" row="2"><wetp:webextensionref '
        f'xmlns:r="{NS_R}" r:id="{rid}"/></wetp:taskpane>'
    )
    if p.ada(panel):  # another add-in's task pane: ours joins it, whatever prefix that part uses
        lama = p.teks(panel)
        akhir = list(re.finditer(r"</(?:[\w.-]+:)?taskpanes\s*>", lama))
        if not akhir:
            raise CangkokError(f"bagian {panel} tidak dikenali; add-in xlwings Lite tidak dipasang, berkas tidak diubah")
        p.tulis(panel, lama[: akhir[-1].start()] + isi + lama[akhir[-1].start() :])
    else:
        p.tulis(
            panel,
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wetp:taskpanes xmlns:wetp="{NS_WETP}">{isi}'
            "</wetp:taskpanes>",
        )
    if p.jenis_bagian(panel) != CT_TASKPANES:
        p.jenis(panel, CT_TASKPANES)
    if not dirujuk:  # the package names its task panes part: else Excel never reads it
        p.tambah_relasi("", _rid(p, ""), REL_TASKPANES, panel)
    p.tambah_relasi(panel, rid, REL_WE, ekstensi)


def pasang_lite(p: Paket, berkas: dict[str, str]) -> bool:
    """Put the xlwings Lite add-in with these files (main.py, requirements.txt) into the package, or complete a
    left-over one: the files it lacks go in (those it has stay as they are), into the part a task pane lacks when
    there is one, and a task pane opens it. A complete add-in is left as it is. Returns whether anything changed."""
    k = keadaan_lite(p)
    if k.lengkap:
        return False
    baru = {n: json.dumps(t, ensure_ascii=False) for n, t in berkas.items()}
    if k.bagian is None:
        # a task pane whose part is missing gets it: the pane is whole again, and opens the add-in
        ekstensi = k.hilang[0][1] if k.hilang else p.nama_baru("xl/webextensions/webextension{}.xml")
        _tulis_ekstensi(p, ekstensi, baru, ID_BARU)
        dibuka = bool(k.hilang)
    else:
        ekstensi, dibuka = k.bagian, k.dibuka
        if any(n not in k.berkas for n in berkas):
            e = fromstring(p.baca(ekstensi))
            lama = _sifat(e)
            _tulis_ekstensi(p, ekstensi, {**lama, **{n: v for n, v in baru.items() if n not in k.berkas}}, e.get("id") or ID_BARU)
    if not dibuka:
        _buka_di_panel(p, ekstensi)
    return True


def _batas_xlwings() -> str:
    """xlwings as ikuxl declares it (its floor), below 1: no exact pin, since xlwings Lite records the versions
    it installed in requirements-pinned.txt and reinstalls those (its documentation advises bounds here)."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        lantai = next((r.split(";")[0].strip() for r in requires("ikuxl") or [] if re.match(r"xlwings\s*>=", r)), None)
    except PackageNotFoundError:
        lantai = None
    return f"{lantai},<1".replace(" ", "") if lantai else "xlwings<1"


def berkas_ikuxl(paket: str | None = None, syarat: str | None = None) -> dict[str, str]:
    """ikuxl's files for xlwings Lite: main.py (the buttons and IKU.* functions, thin calls into the package) and
    requirements.txt naming the packages Pyodide installs. Its lines: `syarat` as given (the wheels of the
    agency's `ikuxl serve`, excel.server.roda.syarat_dari_server), else xlwings and ikuxl as `paket` says (a name
    on PyPI or the agency's own index, or a wheel's URL; default this release series from PyPI), with bounds
    rather than exact pins (xlwings Lite pins what it installed in requirements-pinned.txt)."""
    from importlib.resources import files

    from .. import __version__

    main = (files("ikuxl") / "excel" / "lite" / "main.py").read_text(encoding="utf-8")
    utama, kecil = (int(x) for x in __version__.split(".")[:2])
    baku = f"ikuxl>={__version__},<{utama}.{kecil + 1}"
    isi = syarat or f"{_batas_xlwings()}\n{paket or baku}\n"
    syarat = (
        "# Paket yang dipasang xlwings Lite saat workbook dibuka (README ikuxl: Tanpa Python di komputer).\n"
        "# Versi yang terpasang dicatat xlwings Lite di requirements-pinned.txt.\n" + isi
    )
    return {"main.py": main, "requirements.txt": syarat}


def edisi_lite(p: Paket, plan, berkas: dict[str, str] | None) -> None:
    """Before a package is grafted with `plan`: with `berkas` (berkas_ikuxl), the xlwings Lite add-in and those
    files go in, or complete a left-over one. The sheets of a Lite workbook (KeadaanLite.lengkap) are written
    unprotected, since Lite has no way to lift a protection before its buttons write (they rewrite ikuxl's
    sheets whole, so a formula typed over comes back)."""
    if berkas:
        pasang_lite(p, berkas)
    if keadaan_lite(p).lengkap:
        for lp in plan.lembar:
            lp.lindungi = False


# --- what Validasi reports of the add-in ---------------------------------------------------------------

# a requirement from a package index: a name, extras, versions, a marker; no URL, no pip option
_SYARAT = re.compile(
    r"([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[\w\s,.-]*\])?\s*(?:[<>=!~][\w\s<>=!~.*+,-]*)?(?:;.*)?"
)
MAKS_DISEBUT = 10  # lines of requirements.txt a finding quotes; the rest are counted


def _baris(teks: str) -> list[tuple[int, str]]:
    """The requirements of a requirements.txt with their line numbers, comments and blank lines left out."""
    hasil = [(n, re.sub(r"(?:^|\s)#.*", "", t).strip()) for n, t in enumerate(teks.splitlines(), start=1)]
    return [(n, b) for n, b in hasil if b]


def _nama(syarat: str) -> str | None:
    """The package a requirement from an index names, normalised as pip does; None for a URL or an option."""
    m = _SYARAT.fullmatch(syarat)
    return re.sub(r"[-_.]+", "-", m.group(1)).lower() if m else None


def _dependensi_lite() -> set[str]:
    """ikuxl's declared dependencies that Pyodide installs: those without a marker (the command line's are
    marked sys_platform != 'emscripten', the extras' extra == …)."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        return {_nama(r) for r in requires("ikuxl") or [] if ";" not in r} - {None}
    except PackageNotFoundError:
        return set()


def syarat_asing(syarat: str, sumber: str) -> list[tuple[int, str]]:
    """The lines of a requirements.txt (`syarat`) that install something other than `sumber` (the
    requirements.txt ikuxl writes: its xlwings and ikuxl lines) or ikuxl's declared Lite dependencies: another
    package, a URL, a pip option. A line of `sumber` as it is passes; a name of it passes with any version,
    unless the agency's ikuxl comes from a URL: then a bare `ikuxl` would come from elsewhere."""
    boleh = {b for _, b in _baris(sumber)}
    nama = ({_nama(b) for b in boleh} | _dependensi_lite()) - {None}
    return [(n, b) for n, b in _baris(syarat) if b not in boleh and _nama(b) not in nama]


def temuan_lite(p: Paket, berkas: dict[str, str] | None = None) -> list[Temuan]:
    """What Validasi reports of the package's xlwings Lite add-in, before edisi_lite(p, plan, berkas) runs:
    a left-over add-in that is not the Lite edition (and what is done about it), and the packages its
    requirements.txt installs from outside the agency's source (`berkas`' requirements.txt, with --lite; else
    ikuxl's default one). Neither is on a sheet: the message names the part."""
    k = keadaan_lite(p)
    hasil = []
    if k.masalah():
        sudah = [n for n in BERKAS if n in k.berkas]
        ada = f" ({' dan '.join(sudah)} yang sudah ada tidak diubah)" if sudah else ""
        lanjut = f"dilengkapi oleh recalc --lite{ada}" if berkas else "lembar tetap diproteksi; ikuxl recalc --lite melengkapinya"
        hasil.append(_temuan("LITE_TIDAK_LENGKAP", f"add-in xlwings Lite tidak lengkap: {'; '.join(k.masalah())}; {lanjut}"))
    if "requirements.txt" in k.berkas:
        sumber = (berkas or berkas_ikuxl())["requirements.txt"]
        asing = syarat_asing(k.berkas["requirements.txt"], sumber)
        if asing:
            disebut = ", ".join(f'baris {n} "{b[:120]}{"…" if len(b) > 120 else ""}"' for n, b in asing[:MAKS_DISEBUT])
            lain = f" dan {len(asing) - MAKS_DISEBUT} baris lain" if len(asing) > MAKS_DISEBUT else ""
            hasil.append(
                _temuan(
                    "LITE_PAKET_LUAR",
                    f"requirements.txt add-in xlwings Lite ({k.bagian}) memasang dari luar sumber paket ikuxl "
                    f"({', '.join(b for _, b in _baris(sumber))} dan dependensinya): {disebut}{lain}; xlwings Lite "
                    "memasangnya saat workbook dibuka, jadi pastikan asalnya dikenal (ikuxl tidak mengubah berkas itu)",
                )
            )
    return hasil


def _temuan(kode: str, pesan: str) -> Temuan:
    return Temuan("", "", KODE[kode].tingkat, kode, pesan)
