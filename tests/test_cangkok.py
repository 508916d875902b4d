"""Hostile packages and what users share between sheets: the graft resolves and confines every
relationship, deletes a part only when nothing else refers to it, and matches sheet names as Excel does."""

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils import column_index_from_string, get_column_letter

from ikuxl.aksi import recalc
from ikuxl.contoh import semua
from ikuxl.rakit import susun
from ikuxl.workbook.baca import BacaError
from ikuxl.workbook.paket import Paket
from ikuxl.workbook.kerangka import tulis_plan

from .bantu import WORKBOOKS, ikuxl
from .test_utuh import PNG, _isi

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _ubah(path, ganti: dict) -> None:
    """Rewrite a package with some parts replaced (bytes) or edited (a function of the old bytes)."""
    isi = _isi(path)
    for n, x in ganti.items():
        isi[n] = x(isi.get(n, b"")) if callable(x) else x
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, x in isi.items():
            z.writestr(n, x)


def _salin(tmp_path, nama="dinas.xlsx"):
    path = tmp_path / nama
    path.write_bytes(CONTOH.read_bytes())
    return path


def _target_lembar(path, lembar: str) -> str:
    return "/" + Paket(path.read_bytes()).lembar()[lembar]


def test_relasi_ringkasan_ke_bagian_iku_ditolak(tmp_path):
    path = _salin(tmp_path)
    ringkasan, iku = _target_lembar(path, "Ringkasan"), _target_lembar(path, "IKU")
    _ubah(path, {"xl/_rels/workbook.xml.rels": lambda b: b.replace(f'Target="{ringkasan}"'.encode(), f'Target="{iku}"'.encode())})
    sebelum = path.read_bytes()
    with pytest.raises(BacaError, match="berbagi bagian"):
        recalc(path)
    assert path.read_bytes() == sebelum


def test_relasi_lembar_eksternal_ditolak(tmp_path):
    path = _salin(tmp_path)
    ringkasan = _target_lembar(path, "Ringkasan")
    _ubah(
        path,
        {
            "xl/_rels/workbook.xml.rels": lambda b: b.replace(
                f'Target="{ringkasan}"'.encode(), b'Target="http://evil.example/sheet.xml" TargetMode="External"'
            )
        },
    )
    sebelum = path.read_bytes()
    with pytest.raises(BacaError, match="Ringkasan"):
        recalc(path, tmp_path / "hasil.xlsx")
    assert path.read_bytes() == sebelum and not (tmp_path / "hasil.xlsx").exists()


@pytest.mark.parametrize(
    "target", ["../../docProps/core.xml", "/docProps/core.xml", "../../../../etc/passwd", "../styles.xml", "sheet2.xml"]
)
def test_relasi_lembar_milik_tidak_menghapus_bagian_lain(tmp_path, target):
    """A Realisasi .rels naming the document properties, styles, another sheet or a file outside
    the package: nothing but Realisasi's own parts is replaced, and the result opens."""
    path = _salin(tmp_path)
    realisasi = _target_lembar(path, "Realisasi").lstrip("/")
    rels = realisasi.replace("worksheets/", "worksheets/_rels/") + ".rels"
    _ubah(
        path,
        {
            rels: (
                f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId9" Type="{REL}image" Target="{target}"/></Relationships>'
            ).encode()
        },
    )
    sebelum = _isi(path)
    recalc(path)
    sesudah = _isi(path)
    lain = set(sebelum) - {realisasi, rels, "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"}
    lain -= {n for n in sebelum if "ikuxl" in n} | {
        _target_lembar(path, n).lstrip("/")
        for n in ("Komponen", "Ringkasan", "Perjanjian Kinerja", "Pengukuran Kinerja", "Validasi", "IKU")
    }
    assert {n: sesudah.get(n) for n in lain} == {n: sebelum[n] for n in lain}
    assert "docProps/core.xml" in sesudah and "xl/styles.xml" in sesudah
    assert not any(n.startswith(("etc", "/", "..")) or ":" in n for n in sesudah)
    openpyxl.load_workbook(path)


def test_gambar_bersama_iku_dan_realisasi_tetap_ada(tmp_path):
    """XlsxWriter (like Excel) stores one picture inserted on two sheets once; replacing Realisasi's
    drawing must not delete the picture IKU still shows."""
    path = tmp_path / "gambar.xlsx"
    buku = xlsxwriter.Workbook(path)
    for ws in openpyxl.load_workbook(CONTOH).worksheets:
        baru = buku.add_worksheet(ws.title)
        for baris in ws.iter_rows():
            for c in baris:
                if c.value is not None:
                    baru.write(c.row - 1, c.column - 1, c.value)
        if ws.title in ("IKU", "Realisasi"):
            baru.insert_image("AF2", "logo.png", {"image_data": io.BytesIO(PNG)})
    buku.close()
    media = [n for n in _isi(path) if n.startswith("xl/media/")]
    assert len(media) == 1  # stored once, shared
    for _ in range(2):
        recalc(path)
        p = Paket(path.read_bytes())
        for lembar in ("IKU", "Realisasi"):  # the users' picture beside Realisasi's table is theirs: it stays
            [gambar] = [r["Target"] for r in p.rels(p.lembar()[lembar]) if r["Type"].endswith("/drawing")]
            [foto] = [r["Target"] for r in p.rels(gambar) if r["Type"].endswith("/image")]
            assert p.ada(foto) and p.baca(foto) == PNG
            assert b"<drawing " in p.baca(p.lembar()[lembar])
    openpyxl.load_workbook(path)


def test_lembar_milik_berganti_huruf_tidak_diduakan(tmp_path):
    """A user renamed Ringkasan to 'ringkasan': Excel matches sheet names regardless of case, so
    recalc writes into that sheet instead of adding a second 'Ringkasan' Excel would refuse."""
    path = _salin(tmp_path)
    _ubah(path, {"xl/workbook.xml": lambda b: b.replace(b'name="Ringkasan"', b'name="ringkasan"')})
    recalc(path)
    nama = list(Paket(path.read_bytes()).lembar())  # as stored: openpyxl would rename a duplicate on load
    assert [n for n in nama if n.casefold() == "ringkasan"] == ["ringkasan"]
    assert len({n.casefold() for n in nama}) == len(nama)
    assert openpyxl.load_workbook(path)["ringkasan"]["A1"].value


def _area(xml: bytes) -> str:
    """The used area of a sheet as its cells say (not its <dimension>)."""
    sel = [(int(b), column_index_from_string(h)) for h, b in re.findall(rb'<c r="([A-Z]+)(\d+)"', xml) for h in [h.decode()]]
    r, c = [x for x, _ in sel], [y for _, y in sel]
    return f"{get_column_letter(min(c))}{min(r)}:{get_column_letter(max(c))}{max(r)}"


def test_lembar_ikuxl_membawa_dimensi_yang_benar(tmp_path):
    """Every sheet ikuxl writes declares its real used area, which readers size their tables by."""
    baru = tmp_path / "baru.xlsx"
    tulis_plan(susun(semua()["iku-kalsel-2020-contoh-realisasi.xlsx"]), baru)
    path = _salin(tmp_path)
    recalc(path)
    for berkas, lembar in ((baru, None), (path, ("Realisasi", "Komponen", "Ringkasan", "Validasi"))):
        p = Paket(berkas.read_bytes())
        for nama, bagian in p.lembar().items():
            if lembar is None or nama in lembar:
                xml = p.baca(bagian)
                assert re.search(rb'<dimension ref="([A-Z0-9:]+)"', xml)[1].decode() == _area(xml), (berkas.name, nama)


def test_teks_dan_tinggi_baris_dalam_batas_excel(tmp_path):
    """An indicator of 40,000 characters (over Excel's 32,767 per cell; its wrapped row would be far over
    409 pt), in a file written by another tool (openpyxl itself cuts at 32,767): what recalc writes stays
    within Excel's limits, and Validasi names the IKU cell whose text the other sheets carry cut."""
    path = _salin(tmp_path)
    iku = _target_lembar(path, "IKU").lstrip("/")
    panjang = "Persentase rumah layak huni " * 1500
    _ubah(path, {iku: lambda b: re.sub(rb'(<c r="G6"[^>]*><is><t[^>]*>)[^<]*', lambda m: m[1] + panjang.encode(), b)})
    recalc(path)
    p = Paket(path.read_bytes())
    for nama in ("Realisasi", "Komponen", "Ringkasan", "Validasi"):
        xml = p.teks(p.lembar()[nama])
        # texts, and the texts formulas show (Realisasi mirrors IKU: its cells cache what they show)
        assert max((len(m[1]) for m in re.finditer(r"<(?:t|v)\b[^>]*>([^<]*)</(?:t|v)>", xml)), default=0) <= 32767
        assert max(map(float, re.findall(r' ht="([\d.]+)"', xml)), default=0) <= 409
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb["IKU"]["G4"].value == "Indikator Kinerja Utama"  # G is the indicator column
    assert wb["Realisasi"]["B6"].value == wb["Komponen"]["B6"].value == panjang[:32767]  # TJB-02's indicator, cut
    temuan = [r for r in wb["Validasi"].iter_rows(values_only=True) if "G6" in r]
    assert any("32.767" in str(c) or "32,767" in str(c) for r in temuan for c in r)


def test_isian_pengguna_di_tepi_tabel_realisasi_tetap(tmp_path, potongan):
    """What users typed just right of and just below Realisasi's table, far right and far down, and with the
    address not first in its tag, stays after a recalc (found by address: paket.sel_beralamat)."""
    from python_calamine import CalamineWorkbook

    from ikuxl.workbook.paket import ujung_nama

    path = _salin(tmp_path)
    huruf, baris = ujung_nama(Paket(path.read_bytes()), "Realisasi_Data")
    kanan = get_column_letter(column_index_from_string(huruf) + 1)
    isian = {f"{kanan}7": "kanan tabel", f"C{baris + 1}": "bawah tabel", f"AAA{baris + 40}": 12.5, "XFD9": "paling kanan"}
    wb = openpyxl.load_workbook(path)
    for sel, nilai in isian.items():
        wb["Realisasi"][sel] = nilai
    wb.save(path)
    # one cell written as another program may: its address after its style
    _ubah(
        path,
        {
            Paket(path.read_bytes()).lembar()["Realisasi"]: lambda x: re.sub(
                rb'<c r="XFD9"( [^>]*)?>', lambda m: b"<c" + (m[1] or b"") + b' r="XFD9">', x
            )
        },
    )
    recalc(path)
    nilai = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Realisasi").to_python()
    for sel, x in isian.items():
        h, r = re.fullmatch(r"([A-Z]+)(\d+)", sel).groups()
        assert nilai[int(r) - 1][column_index_from_string(h) - 1] == x, sel


def test_bagian_rusak_yang_tidak_ditulis_ulang_tetap_ketahuan(tmp_path):
    """A part ikuxl copies as it is (the theme) but whose bytes no longer match their CRC is found before the
    file is replaced: the run fails naming the part, and the file is unchanged."""
    asli = zipfile.ZipFile(WORKBOOKS / "iku-tanjabbar-2022.xlsx")
    path = tmp_path / "rusak.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for i in asli.infolist():
            simpan = zipfile.ZIP_STORED if i.filename == "xl/theme/theme1.xml" else zipfile.ZIP_DEFLATED
            z.writestr(i, asli.read(i.filename), compress_type=simpan)
    data = bytearray(path.read_bytes())
    letak = data.find(b"<a:theme") + 5
    data[letak] ^= 1  # one byte of the stored theme changed
    path.write_bytes(bytes(data))
    r = ikuxl("recalc", path, "--in-place", "--tanpa-cadangan")
    assert r.returncode != 0 and "theme1.xml" in r.stdout + r.stderr
    assert path.read_bytes() == bytes(data)


@pytest.mark.parametrize("ukuran", [1, 5, 7, 64, 1000])
def test_potongan_lembar_tidak_memotong_sel(monkeypatch, ukuran):
    """A sheet read in pieces (Paket.potongan) gives back every byte, each piece but the last ending with a row's
    end, and the last holding none: no cell is cut in two, whatever the read size (a row's end tag cut between
    reads included)."""
    import random

    acak = random.Random(ukuran)
    monkeypatch.setattr("ikuxl.workbook.paket.UKURAN_POTONGAN", ukuran)
    for _ in range(50):
        baris = []
        for r in range(1, acak.randint(0, 30) + 1):
            sel = "".join(f'<c r="A{r}"><v>{"9" * acak.randint(0, 40)}</v></c>' for _ in range(acak.randint(0, 4)))
            baris.append(f'<row r="{r}">{sel}</row>' if acak.random() < 0.9 else f'<row r="{r}"/>')
        xml = f"<worksheet><sheetData>{''.join(baris)}</sheetData></worksheet>".encode()
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as z:
            z.writestr("xl/worksheets/sheet1.xml", xml)
        potongan = list(Paket(data.getvalue()).potongan("xl/worksheets/sheet1.xml"))
        assert b"".join(potongan) == xml
        assert all(p.endswith(b"</row>") for p in potongan[:-1]) and b"</row>" not in potongan[-1]


def test_sel_blok_membawa_nilai_apa_adanya():
    """A block's cells, asked one by one (rows written cell by cell, the Excel shell), hold exactly the value hitung
    computed: 0.0 and -0.0 (written differently) and NaN are never taken for one another's cached cell."""
    import math

    from ikuxl.plan import SelBlok

    blok = SelBlok(5, [(0.0,), (-0.0,), (float("nan"),), (0.0,), (-0.0,)], (None,), "rumus", (None,))
    nilai = [blok[(r, 1)].nilai.nilai for r in range(5, 10)]
    assert [math.copysign(1, x) for x in nilai if x == 0] == [1, -1, 1, -1] and math.isnan(nilai[2])


@pytest.mark.parametrize("bersama", [True, False])
def test_baris_blok_ditulis_sama_dengan_sel_per_sel(bersama):
    """A block's rows written from their template (lembar_xml._BarisBlok: texts put in as they are where none needs
    escaping) hold the same XML as the rows written cell by cell (a row where users styled a cell): texts with
    markup, non-ASCII, a typed _xHHHH_, a line break, a control character, one past Excel's limit, empty ones."""
    from ikuxl.plan import BATAS_TEKS, LembarPlan, SelBlok
    from ikuxl.workbook.lembar_xml import Pengguna, lembar_xml

    nilai = [
        "biasa",
        "A & B",
        "a < b",
        "c > d",
        "é ünïcode",
        "_x0041_ diketik",
        "dua\nbaris",
        "kendali\x01",
        "",
        "x" * (BATAS_TEKS + 5),
    ]
    nilai += [None, 1.5, -0.0, True, 7]
    isi = [(x, nilai[(i + 3) % len(nilai)], "teks", i * 0.5) for i, x in enumerate(nilai)] + [None]
    akhir = 5 + len(isi) - 1
    blok = SelBlok(5, isi, ("", "", "", None), "isi", (None, None, None, "0.0"), bersama=bersama)
    lp = LembarPlan("Uji", sel=blok, bersama={c: (5, akhir, "1") for c in range(1, 5)} if bersama else {})
    gaya = {("isi", None): 3, ("isi", "0.0"): 4}
    satu_per_satu = Pengguna(gaya={(r, 1): 3 for r in range(5, akhir + 1)})  # its own style: only the way differs
    assert "".join(lembar_xml(lp, gaya)) == "".join(lembar_xml(lp, gaya, pengguna=satu_per_satu))


# a workbook ikuxl wrote before Realisasi gained its 165th column (FI, tahun_diketik): its table ends at FH
LAMA_164 = Path(__file__).parent / "data" / "v3" / "iku-kalsel-2020-realisasi-164-kolom.xlsx"
CF_PENGGUNA = b'<cfRule type="expression" priority="99"><formula>LEN(A1)&gt;0</formula></cfRule>'


def _isian_pengguna(xml: bytes, sel: dict[str, str], lebar: dict[int, int], gabung: str, format_: str) -> bytes:
    """A sheet's XML with what a user adds in Excel: text cells (at the end of their rows, right of the table), column
    widths, a merged range and a conditional format."""
    for ref, teks in sel.items():
        r = re.fullmatch(r"[A-Z]+(\d+)", ref)[1]
        c = f'<c r="{ref}" t="inlineStr"><is><t>{teks}</t></is></c>'.encode()
        xml = re.sub(rb'(<row r="%s"[^>]*>.*?)</row>' % r.encode(), lambda m: m[1] + c + b"</row>", xml, count=1, flags=re.S)
    kolom = b"".join(b'<col min="%d" max="%d" width="%d" customWidth="1"/>' % (c, c, w) for c, w in lebar.items())
    xml = xml.replace(b"</cols>", kolom + b"</cols>")
    xml = re.sub(rb'<mergeCells count="(\d+)">', lambda m: b'<mergeCells count="%d">' % (int(m[1]) + 1), xml)
    cf = b'<conditionalFormatting sqref="%s">%s</conditionalFormatting>' % (format_.encode(), CF_PENGGUNA)
    return xml.replace(b"</mergeCells>", f'<mergeCell ref="{gabung}"/></mergeCells>'.encode() + cf, 1)


def _tanpa_kolom(xml: bytes, huruf: str, nomor: int) -> bytes:
    """A sheet's XML as a release one column narrower wrote it: the column's cells and width gone."""
    xml = re.sub(rb'<c r="%s\d+"[^>]*?(?:/>|>.*?</c>)' % huruf.encode(), b"", xml, flags=re.S)
    return re.sub(rb'<col min="%d" max="%d"[^>]*/>' % (nomor, nomor), b"", xml)


def test_isian_kanan_tabel_lama_bergeser_saat_tabel_melebar(tmp_path):
    """A workbook written before a release added a column to Realisasi (FI) and to Komponen (R, simulated: the
    file's Komponen cut to Q): a note typed in the first free column right of the old table, and a user's block
    further right (width, merged range, conditional format) move right with the new columns, in order, kept whole;
    no value is read as typed over a formula the file never had, and a second run moves nothing."""
    from ikuxl.workbook.paket import ujung_nama

    path = tmp_path / "lama.xlsx"
    path.write_bytes(LAMA_164.read_bytes())
    lembar = Paket(path.read_bytes()).lembar()
    assert ujung_nama(Paket(path.read_bytes()), "Realisasi_Data") == ("FH", 104)
    realisasi = {"FI5": "catatan pengguna", "FK7": "blok kanan"}
    komponen = {"R5": "catatan komponen", "T6": "blok komponen"}
    _ubah(
        path,
        {
            lembar["Realisasi"]: lambda x: _isian_pengguna(x, realisasi, {165: 31, 167: 27}, "FK7:FL7", "FI5 FK7:FL7"),
            lembar["Komponen"]: lambda x: _isian_pengguna(_tanpa_kolom(x, "R", 18), komponen, {18: 33}, "T6:U6", "R5 T6"),
            "xl/workbook.xml": lambda x: x.replace(b"'Komponen'!$A$5:$R$", b"'Komponen'!$A$5:$Q$"),
        },
    )
    for _ in range(2):  # the second run: the file's table is today's, nothing moves again
        hasil = recalc(path)
        assert hasil.keluar
        wb = openpyxl.load_workbook(path)
        ws = wb["Realisasi"]
        assert ws["FJ5"].value == "catatan pengguna" and ws["FL7"].value == "blok kanan"
        assert ws["FI4"].value == "Realisasi Tahun Pelaporan dari Ketikan" and str(ws["FI5"].value).startswith("=")
        assert ws.column_dimensions["FJ"].width == 31 and ws.column_dimensions["FL"].width == 27
        assert "FL7:FM7" in {str(g) for g in ws.merged_cells.ranges}
        assert [str(f.sqref) for f in ws.conditional_formatting if "LEN(A1)" in f.rules[0].formula[0]] == ["FJ5 FL7:FM7"]
        ws = wb["Komponen"]
        assert ws["S5"].value == "catatan komponen" and ws["U6"].value == "blok komponen"
        assert str(ws["R5"].value).startswith("=") and ws.column_dimensions["S"].width == 33
        assert "U6:V6" in {str(g) for g in ws.merged_cells.ranges}
        assert [str(f.sqref) for f in ws.conditional_formatting if "LEN(A1)" in f.rules[0].formula[0]] == ["S5 U6"]


def test_komentar_kanan_tabel_lama_ikut_bergeser(tmp_path):
    """A comment on a user's note right of the old, narrower Realisasi table moves with the note."""
    path = tmp_path / "lama.xlsx"
    wb = openpyxl.load_workbook(LAMA_164)
    wb["Realisasi"]["FI6"] = "catatan"
    wb["Realisasi"]["FI6"].comment = openpyxl.comments.Comment("lihat lampiran", "staf")
    wb.save(path)
    recalc(path)
    ws = openpyxl.load_workbook(path)["Realisasi"]
    assert ws["FJ6"].value == "catatan" and ws["FJ6"].comment.text == "lihat lampiran"
    assert ws["FI6"].comment is None
    vml = next(x for n, x in _isi(path).items() if n.endswith(".vml")).decode()
    assert re.findall(r"<\w*:?Row>(\d+)</\w*:?Row>\s*<\w*:?Column>(\d+)</", vml) == [("5", "165")]


def test_isian_di_tepi_kanan_lembar_yang_harus_bergeser_ditolak(tmp_path):
    """A user's cell in the sheet's last column (XFD) right of an old, narrower table has nowhere to move: refused,
    naming it, and the file is left as it was."""
    path = tmp_path / "lama.xlsx"
    path.write_bytes(LAMA_164.read_bytes())
    _ubah(
        path,
        {Paket(path.read_bytes()).lembar()["Realisasi"]: lambda x: _isian_pengguna(x, {"XFD9": "tepi"}, {}, "FK7:FL7", "FK7")},
    )
    asli = path.read_bytes()
    with pytest.raises(BacaError, match=r"sel XFD9 harus bergeser ke kanan.*Berkas tidak diubah"):
        recalc(path)
    assert path.read_bytes() == asli
