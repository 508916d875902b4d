"""The xlwings Lite edition of a workbook: the add-in's code (main.py) and its packages (requirements.txt)
kept in the workbook the way xlwings Lite keeps them. That is an Office web extension part
(xl/webextensions/webextension1.xml) that refers to the xlwings Lite add-in of the Office store and holds each
file's text as a property, a JSON string. A task pane part points to it, from the package's own relationships.
Excel opens the add-in with the workbook, and xlwings Lite runs main.py in Pyodide. A workbook that already
has the add-in is left as it is: what staff edited there stays."""

from __future__ import annotations

import json
import re
from html import escape

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring  # defusedxml 0.7.0 has its own ParseError class

from .paket import CangkokError, Paket

ID_LITE = "wa200008175"  # xlwings Lite in the Office store (AppSource WA200008175)
NS_WE = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
NS_WETP = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
REL_WE = "http://schemas.microsoft.com/office/2011/relationships/webextension"
REL_TASKPANES = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
CT_WE = "application/vnd.ms-office.webextension+xml"
CT_TASKPANES = "application/vnd.ms-office.webextensiontaskpanes+xml"
PANEL = "xl/webextensions/taskpanes.xml"
RID = "rIdIkuxlLite"


def bagian_lite(p: Paket) -> str | None:
    """The web extension part of the xlwings Lite add-in in this package, if it has one."""
    for nama in [n for n in p.info if n.startswith("xl/webextensions/") and n.endswith(".xml")]:
        try:
            acuan = fromstring(p.baca(nama)).find(f"{{{NS_WE}}}reference")
        except (ParseError, DefusedXmlException):  # another add-in's part, damaged: not ikuxl's to judge
            continue
        if acuan is not None and (acuan.get("id") or "").lower() == ID_LITE:
            return nama
    return None


def berkas_lite(p: Paket) -> dict[str, str]:
    """The files the xlwings Lite add-in keeps in this package (main.py, requirements.txt, …) by name."""
    bagian = bagian_lite(p)
    if bagian is None:
        return {}
    hasil = {}
    for e in fromstring(p.baca(bagian)).iter(f"{{{NS_WE}}}property"):
        try:
            nilai = json.loads(e.get("value") or "")
        except ValueError:
            continue
        if isinstance(nilai, str):
            hasil[e.get("name")] = nilai
    return hasil


def pasang_lite(p: Paket, berkas: dict[str, str]) -> bool:
    """Put the xlwings Lite add-in with these files (main.py, requirements.txt) into the package, unless it has
    the add-in already. Returns whether it was put in."""
    if bagian_lite(p) is not None:
        return False
    sifat = "".join(
        f'<we:property name="{escape(n)}" value="{escape(json.dumps(t, ensure_ascii=False))}"/>' for n, t in berkas.items()
    )
    ekstensi = p.nama_baru("xl/webextensions/webextension{}.xml")  # beside another add-in's, if there is one
    p.tulis(
        ekstensi,
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="{NS_WE}" '
        'id="{6D1A7C2E-3B5F-4E8A-9C0D-1F2E3A4B5C6D}">'
        f'<we:reference id="{ID_LITE}" version="1.0.0.0" store="en-US" storeType="OMEX"/>'
        f'<we:alternateReferences><we:reference id="{ID_LITE}" version="1.0.0.0" store="{ID_LITE.upper()}" '
        'storeType="OMEX"/></we:alternateReferences>'
        f"<we:properties>{sifat}</we:properties><we:bindings/>"
        '<we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>',
    )
    p.jenis(ekstensi, CT_WE)
    # the task pane opens with the workbook: the add-in starts, and with it the IKU scripts' buttons
    panel = (
        f'<wetp:taskpane xmlns:wetp="{NS_WETP}" dockstate="right" visibility="1" width="438" row="2"><wetp:webextensionref '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{RID}"/></wetp:taskpane>'
    )
    if p.ada(PANEL):  # another add-in's task pane: ours joins it, whatever prefix that part uses
        lama = p.teks(PANEL)
        akhir = list(re.finditer(r"</(?:[\w.-]+:)?taskpanes\s*>", lama))
        if not akhir:
            raise CangkokError(f"bagian {PANEL} tidak dikenali; add-in xlwings Lite tidak dipasang, berkas tidak diubah")
        p.tulis(PANEL, lama[: akhir[-1].start()] + panel + lama[akhir[-1].start() :])
    else:
        p.tulis(
            PANEL,
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wetp:taskpanes xmlns:wetp="{NS_WETP}">{panel}'
            "</wetp:taskpanes>",
        )
        p.tambah_relasi("", RID, REL_TASKPANES, PANEL)
        p.jenis(PANEL, CT_TASKPANES)
    p.tambah_relasi(PANEL, RID, REL_WE, ekstensi)
    return True


def berkas_ikuxl(paket: str | None = None) -> dict[str, str]:
    """ikuxl's files for xlwings Lite: main.py (the buttons and IKU.* functions, thin calls into the package) and
    requirements.txt naming the packages Pyodide installs: ikuxl as `paket` says (a name on PyPI or the agency's
    own index, or a wheel's URL; default this version from PyPI) and the xlwings it was tested with."""
    from importlib.metadata import version
    from importlib.resources import files

    from .. import __version__

    main = (files("ikuxl") / "excel" / "lite" / "main.py").read_text(encoding="utf-8")
    syarat = (
        "# Paket yang dipasang xlwings Lite saat workbook dibuka (README ikuxl: Tanpa Python di komputer)\n"
        f"xlwings=={version('xlwings')}\n{paket or f'ikuxl=={__version__}'}\n"
    )
    return {"main.py": main, "requirements.txt": syarat}


def edisi_lite(p: Paket, plan, berkas: dict[str, str] | None) -> None:
    """Before a package is grafted with `plan`: with `berkas` (berkas_ikuxl), the xlwings Lite add-in and those
    files go in, unless it has the add-in. The sheets of a Lite workbook are written unprotected, since Lite has
    no way to lift a protection before its buttons write (they rewrite ikuxl's sheets whole, so a formula
    typed over comes back)."""
    if berkas or bagian_lite(p):
        for lp in plan.lembar:
            lp.lindungi = False
    if berkas:
        pasang_lite(p, berkas)
