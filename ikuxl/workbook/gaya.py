"""styles.xml for ikuxl's cell styles: the plan's style vocabulary (plan.GAYA) and number formats
translated to OOXML, in the form cangkok merges into a workbook's own styles.xml."""

from __future__ import annotations

from functools import lru_cache

from ..plan import GAYA, WARNA_BINGKAI, Gaya
from .lembar_xml import atribut_ox
from .paket import NS

# What every styles.xml starts with: the default font, the two fills Excel reserves, no border
_FONT_BAWAAN = '<font><name val="Calibri" /><family val="2" /><color theme="1" /><sz val="11" /><scheme val="minor" /></font>'
_FILL_BAWAAN = ["<fill><patternFill /></fill>", '<fill><patternFill patternType="gray125" /></fill>']
_TANPA_BINGKAI = "<border><left /><right /><top /><bottom /><diagonal /></border>"
_XF_BAWAAN = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0" />'
_SISI = "".join(f'<{s} style="thin"><color rgb="00{WARNA_BINGKAI}" /></{s}>' for s in ("left", "right", "top", "bottom"))
FORMAT_PERTAMA = 164  # the first id of a custom number format


def _font(g: Gaya) -> str | None:
    isi = ('<b val="1" />' if g.tebal else "") + ('<i val="1" />' if g.miring else "")
    isi += (f'<color rgb="00{g.warna}" />' if g.warna else "") + (f'<sz val="{g.ukuran:g}" />' if g.ukuran else "")
    isi += '<u val="single" />' if g.garis_bawah else ""
    return f"<font>{isi}</font>" if isi else None


def _xf(g: Gaya, fmt: int, font: int, fill: int, border: int) -> str:
    rata = "".join(f' {k}="{v}"' for k, v in (("horizontal", g.datar), ("vertical", g.tegak)) if v)
    rata += ' wrapText="1"' if g.bungkus else ""
    anak = (f"<alignment{rata} />" if rata else "") + ("" if g.terkunci else '<protection locked="0" hidden="0" />')
    pakai = (' applyAlignment="1"' if rata else "") + ("" if g.terkunci else ' applyProtection="1"')
    buka = f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="{border}"{pakai} pivotButton="0" quotePrefix="0" xfId="0"'
    return f"{buka}>{anak}</xf>" if anak else f"{buka} />"


def _indeks(daftar: list[str], el: str) -> int:
    if el not in daftar:
        daftar.append(el)
    return daftar.index(el)


@lru_cache(maxsize=8)
def styles_xml(kunci_gaya: tuple[tuple[str, str | None], ...]) -> tuple[str, dict[tuple[str, str | None], int]]:
    """A styles.xml holding one cell format per (style name, number format), and each one's index
    in cellXfs; the same few styles serve every workbook of a batch."""
    font, fill, border, xf = [_FONT_BAWAAN], list(_FILL_BAWAAN), [_TANPA_BINGKAI], [_XF_BAWAAN]
    fmt: dict[str, int] = {}
    peta = {}
    for nama, kode in kunci_gaya:
        g = GAYA.get(nama, Gaya())
        f = _font(g)
        peta[(nama, kode)] = _indeks(
            xf,
            _xf(
                g,
                fmt.setdefault(kode, FORMAT_PERTAMA + len(fmt)) if kode else 0,
                _indeks(font, f) if f else 0,
                _indeks(fill, f'<fill><patternFill patternType="solid"><fgColor rgb="00{g.isi}" /></patternFill></fill>')
                if g.isi
                else 0,
                _indeks(border, f"<border>{_SISI}</border>") if g.bingkai else 0,
            ),
        )
    bagian = [
        f'<numFmts count="{len(fmt)}">'
        + "".join(f'<numFmt numFmtId="{i}" formatCode={atribut_ox(k)}/>' for k, i in fmt.items())
        + "</numFmts>"
        if fmt
        else ""
    ]
    for nama, el in (("fonts", font), ("fills", fill), ("borders", border)):
        bagian.append(f'<{nama} count="{len(el)}">{"".join(el)}</{nama}>')
    bagian.append('<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" /></cellStyleXfs>')
    bagian.append(f'<cellXfs count="{len(xf)}">{"".join(xf)}</cellXfs>')
    bagian.append('<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0" /></cellStyles>')
    return f'<styleSheet xmlns="{NS}">{"".join(bagian)}</styleSheet>', peta
