"""Add (or replace) the IKU ribbon, customUI14.xml, in an Office package such as ikuxl.xlam.

    python macros/sisipkan_customui.py ikuxl.xlam

openpyxl cannot do this (it refuses .xlam and drops the customUI relationship), so the
package is edited with zipfile: the part, its relationship in _rels/.rels, and nothing else.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

BAGIAN = "customUI/customUI14.xml"
JENIS_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
SUMBER = Path(__file__).resolve().parent / "customUI14.xml"


def sisipkan(paket: Path, customui: bytes | None = None) -> None:
    customui = customui if customui is not None else SUMBER.read_bytes()
    with zipfile.ZipFile(paket) as z:
        isi = {i: z.read(i.filename) for i in z.infolist() if i.filename != BAGIAN}
    rels_info = next(i for i in isi if i.filename == "_rels/.rels")
    rels = isi[rels_info].decode("utf-8")
    rels = re.sub(rf'<Relationship [^>]*Type="{re.escape(JENIS_REL)}"[^>]*/>', "", rels)
    rels = rels.replace("</Relationships>", f'<Relationship Id="ikuxlCustomUI" Type="{JENIS_REL}" Target="{BAGIAN}"/></Relationships>')
    isi[rels_info] = rels.encode("utf-8")
    sementara = paket.with_suffix(paket.suffix + ".tmp")
    with zipfile.ZipFile(sementara, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in isi.items():
            z.writestr(info, data)
        z.writestr(BAGIAN, customui)
    sementara.replace(paket)


if __name__ == "__main__":
    for nama in sys.argv[1:] or ["ikuxl.xlam"]:
        sisipkan(Path(nama))
        print(f"pita IKU dipasang di {nama}")
