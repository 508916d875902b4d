"""The UNO side of sunting_libreoffice.py: one workbook loaded in LibreOffice, single inputs edited, each timed.

Run by sunting_libreoffice.py with the system Python that has LibreOffice's `uno` module:

    /usr/bin/python3 benchmarks/lo_uno_sunting.py PROFIL PORT FILE < suntingan.json

stdin: {"tanpa": [sheet, ...], "suntingan": {"kind": [[sheet, cell, new number, sheet to check, cell to check],
...], ...}}. Loads FILE hidden (every formula recalculated on load, the profile's setting), removes the sheets
"tanpa" names (to see what they cost; their references become #REF!), then per edit: setValue on the cell and the
document's calculate() (dirty cells only), timed together; the cell to check must then read otherwise than
before, so that nothing is timed that did not recalculate. Then calculateAll() once. Prints JSON (ms).
"""

import json
import sys
import time
from pathlib import Path

from lo_uno import desktop_uno, sifat_uno


def _ms(mulai: float) -> float:
    return (time.perf_counter() - mulai) * 1000


def main() -> None:
    profil, port, berkas = sys.argv[1:]
    masukan = json.load(sys.stdin)
    hasil: dict = {}
    with desktop_uno(profil, port) as desktop:
        t = time.perf_counter()
        doc = desktop.loadComponentFromURL(Path(berkas).resolve().as_uri(), "_blank", 0, sifat_uno(Hidden=True))
        hasil["muat"] = _ms(t)
        lembar = doc.Sheets
        for nama in masukan["tanpa"]:
            lembar.removeByName(nama)
        kosong = []  # calculate() with nothing edited: the floor of one call over the bridge
        for _ in range(5):
            t = time.perf_counter()
            doc.calculate()
            kosong.append(_ms(t))
        hasil["kosong"] = kosong
        for jenis, daftar in masukan["suntingan"].items():
            hasil[jenis] = []
            for nama, alamat, nilai, nama_cek, alamat_cek in daftar:
                sel = lembar.getByName(nama).getCellRangeByName(alamat)
                cek = lembar.getByName(nama_cek).getCellRangeByName(alamat_cek)
                sebelum = (cek.getValue(), cek.getString())
                t = time.perf_counter()
                sel.setValue(nilai)
                setel = _ms(t)
                doc.calculate()
                total = _ms(t)
                sesudah = (cek.getValue(), cek.getString())
                if sesudah == sebelum:
                    raise SystemExit(f"{nama}!{alamat} = {nilai} tidak mengubah {nama_cek}!{alamat_cek} ({sebelum})")
                hasil[jenis].append({"setel": setel, "total": total, "cek": [sebelum[1], sesudah[1]]})
        t = time.perf_counter()
        doc.calculateAll()
        hasil["penuh"] = _ms(t)
        doc.close(True)
    print(json.dumps(hasil))


if __name__ == "__main__":
    main()
