"""Validasi: the checks of an IKU workbook, as findings that name sheet, cell and what to fix.

Every finding has a stable code (for machines and filters), a severity (galat:
the numbers cannot be trusted; peringatan: probably wrong; info: worth a look)
and a message in Indonesian. The positions are those of the workbook ikuxl
writes for this Dokumen (see susun.letak).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import Sequence

from . import ejaan, ketikan
from .capaian import KATEGORI_SKALA_RUSAK, TRIWULAN, hitung_capaian, normalkan_metode, normalkan_polaritas, normalkan_sifat
from .dokumen import Dokumen, masalah_skala
from .kolom import cap_rumus, punya_komponen, teks_sel
from .nilai import CARA_RENTANG
from .nilai import SATUAN_RASIO, adalah_angka, format_angka, isi_sel, parse_nilai, teks_rapi
from .plan import BATAS_TEKS
from .rumus import Rumus, RumusError, kunci_komponen
from .skema import (
    BARIS_KEPALA,
    BARIS_PENGATURAN,
    BARIS_SKALA,
    IKU,
    KOMPONEN,
    PENGATURAN,
    REALISASI,
    REFERENSI,
    VERSI_TEMPLATE,
    Tata,
    kolom_komponen,
)
from .susun import galat_batas_excel, hitung, letak, masukan_komponen
from .temuan import KODE, URUTAN_TINGKAT, Temuan

WAJIB = {"kode": "Kode", "jabatan": "Jabatan", "indikator": "Indikator Kinerja Utama", "satuan": "Satuan", "sifat": "Sifat"}
KOLOM_LABEL = {
    "tujuan": "Tujuan",
    "sasaran": "Sasaran",
    "jabatan": "Jabatan",
    "atasan": "Atasan",
    "satuan": "Satuan",
    "bidang": "Penanggung Jawab",
    "kinerja_utama": "Kinerja Utama",
}
KOLOM_KATA = ("tujuan", "sasaran", "kinerja_utama", "indikator", "rumus", "cara_perhitungan", "program")


def _kosong(x) -> bool:
    return isi_sel(x) is None


class _Pemeriksa:
    def __init__(self, dok: Dokumen, dihitung: bool):
        self.dok = dok
        self.dihitung = dihitung
        self.temuan: list[Temuan] = []
        self.tata = Tata(dok.kolom_iku)
        self.tk = Tata(kolom_komponen())
        self.letak = letak(dok)
        self.komponen_masuk = masukan_komponen(dok)

    def tambah(self, lembar, sel, kode, pesan, indikator=""):
        self.temuan.append(Temuan(lembar, sel, KODE[kode].tingkat, kode, pesan, indikator))

    def sel_iku(self, i: int, kunci: str) -> str:
        return self.tata.sel(kunci, self.letak.baris_iku[i])

    # --- one numeric cell --------------------------------------------------------------

    def angka(self, lembar: str, sel: str, nilai, satuan: str, label: str, kode: str, rentang: bool = False):
        """Check a cell that must hold a number (rentang: or a range target); returns the number or None."""
        if _kosong(nilai):
            return None
        if adalah_angka(nilai):
            if nilai < 0:
                self.tambah(
                    lembar, sel, "NILAI_NEGATIF", f"{label} bernilai negatif ({format_angka(nilai)}); periksa kembali", kode
                )
            return nilai
        n = parse_nilai(nilai, satuan or None)
        teks = str(nilai).strip()
        if n.kosong:
            self.tambah(lembar, sel, "TANDA_KOSONG", f'{label} berisi "{teks}": dianggap belum diisi; kosongkan selnya', kode)
        elif n.ambigu:
            self.tambah(lembar, sel, "ANGKA_AMBIGU", f"{label}: {n.masalah}", kode)
        elif n.rasio:
            # Text is not computed by the workbook's formulas: the number N goes in the cell, "1:N" in Satuan.
            sebab = (
                f"{label}: {n.masalah}" if n.masalah else f'{label} berisi rasio "{teks}" sebagai teks sehingga tidak dihitung'
            )
            angka = "N dari rasio 1:N" if n.angka is None else format_angka(n.angka)
            lalu = "" if (satuan or "").lower() == SATUAN_RASIO.lower() else f" dan tulis {SATUAN_RASIO} di kolom Satuan"
            self.tambah(lembar, sel, "RASIO_DI_SEL_ANGKA", f"{sebab}; isi angka {angka} saja{lalu}", kode)
        elif n.rentang and rentang:
            pass  # the workbook's formulas compute with both bounds
        elif n.rentang or n.bentuk_rentang:
            saran = f"tulis {CARA_RENTANG}" if n.bentuk_rentang else "sel ini memerlukan satu angka"
            self.tambah(lembar, sel, "RENTANG_TEKS", f'{label} berisi rentang "{teks}" yang tidak terbaca rumus; {saran}', kode)
        elif n.masalah and "tanggal" in n.masalah:
            self.tambah(lembar, sel, "TANGGAL_DI_SEL_ANGKA", f"{label} {n.masalah}; ketik ulang sebagai angka", kode)
        elif n.masalah:
            self.tambah(lembar, sel, "BUKAN_ANGKA", f'{label} berisi "{teks}", bukan angka', kode)
        elif n.satuan and satuan and n.satuan.lower() != satuan.lower():
            self.tambah(
                lembar,
                sel,
                "SATUAN_BERBEDA",
                f'{label} "{teks}" bersatuan {n.satuan}, sedangkan Satuan indikator {satuan}; '
                f"samakan satuannya lalu isi angkanya saja",
                kode,
            )
        elif n.satuan:
            self.tambah(
                lembar,
                sel,
                "SATUAN_DI_SEL_ANGKA",
                f'{label} berisi "{teks}": isi angka {format_angka(n.angka)} saja; satuan {n.satuan} sudah di kolom Satuan',
                kode,
            )
        else:
            self.tambah(
                lembar,
                sel,
                "ANGKA_TERSIMPAN_TEKS",
                f'{label} "{teks}" tersimpan sebagai teks sehingga tidak dihitung; ketik ulang sebagai angka {format_angka(n.angka)}',
                kode,
            )
        return None

    # --- the matrix ---------------------------------------------------------------------

    def matriks(self):
        dok = self.dok
        kode_ada = Counter(teks_rapi(k) for k in dok.kolom("kode") if not _kosong(k))
        satuan_dikenal = {s.lower() for s in dok.daftar.get("Satuan", [])}
        jabatan_ada = {teks_rapi(j) for j in dok.kolom("jabatan") if not _kosong(j)} | {
            teks_rapi(j) for j in dok.daftar.get("Jabatan", [])
        }
        for i, b in dok.baris_aktif():
            kode = teks_rapi(b["kode"])
            for kunci, label in WAJIB.items():
                if _kosong(b.get(kunci)):
                    self.tambah(IKU, self.sel_iku(i, kunci), "WAJIB_KOSONG", f"{label} belum diisi", kode)
            if kode and kode_ada[kode] > 1:
                self.tambah(
                    IKU,
                    self.sel_iku(i, "kode"),
                    "KODE_GANDA",
                    f"kode {kode} dipakai {kode_ada[kode]} kali; setiap indikator perlu kode sendiri",
                    kode,
                )
            satuan = teks_rapi(b.get("satuan"))
            if satuan and satuan.lower() not in satuan_dikenal:
                self.tambah(
                    IKU,
                    self.sel_iku(i, "satuan"),
                    "SATUAN_TIDAK_DIKENAL",
                    f'satuan "{satuan}" tidak ada di daftar Satuan (lembar Referensi); tambahkan atau pilih dari daftar',
                    kode,
                )
            self.pilihan(i, b, kode)
            atasan = teks_rapi(b.get("atasan"))
            if atasan and atasan not in jabatan_ada:
                self.tambah(
                    IKU,
                    self.sel_iku(i, "atasan"),
                    "ATASAN_TIDAK_ADA",
                    f'atasan "{atasan}" bukan jabatan mana pun di lembar IKU atau daftar Jabatan',
                    kode,
                )
            self.rumus(i, b, kode)
            self.target(i, b, kode, satuan)
            self.publikasi(i, b, kode)
        self.siklus()
        self.label_mirip()
        mirip = self.kata_mirip()
        dieja = self.ejaan(mirip)
        for k, (lain, i, kunci) in mirip.items():
            if k not in dieja and lain not in dieja:  # a pair with a word the dictionary flagged is reported there
                self.tambah(
                    IKU,
                    self.sel_iku(i, kunci),
                    "KATA_MIRIP",
                    f'kata "{k}" mirip "{lain}": salah ketik?',
                    teks_rapi(self.dok.iku[i].get("kode")),
                )

    def pilihan(self, i, b, kode):
        try:
            if normalkan_polaritas(b.get("polaritas")) is None:
                self.tambah(
                    IKU,
                    self.sel_iku(i, "polaritas"),
                    "POLARITAS_KOSONG",
                    "Polaritas belum diisi: capaian tidak dapat dihitung; pilih positif, negatif atau stabil",
                    kode,
                )
        except ValueError as e:
            self.tambah(IKU, self.sel_iku(i, "polaritas"), "POLARITAS_TIDAK_DIKENAL", str(e), kode)
        for kunci, fungsi, label in (("sifat", normalkan_sifat, "SIFAT"), ("metode", normalkan_metode, "METODE")):
            nilai = b.get(kunci)
            if _kosong(nilai):
                continue
            try:
                fungsi(str(nilai))
            except ValueError as e:
                self.tambah(IKU, self.sel_iku(i, kunci), f"{label}_TIDAK_DIKENAL", str(e), kode)

    def terhitung(self, i, b, kode):
        """A Rumus with components whose Komponen rows are missing or were compiled from another Rumus:
        the workbook shows it in the row; only a recalculation brings them up to date."""
        if self.dihitung or self.dok.versi < 2 or not punya_komponen(b.get("rumus")):
            return
        lama = self.dok.terhitung.get(teks_sel(isi_sel(b.get("kode"))).casefold())
        if lama is None:
            pesan = "Rumus berkomponen belum dihitung: baris komponennya belum ada di lembar Komponen"
        elif lama.casefold() != cap_rumus(b.get("rumus")).casefold():
            pesan = f'Rumus berubah sejak terakhir dihitung (lembar Komponen masih memakai "{lama}")'
        else:
            return
        self.tambah(
            IKU,
            self.sel_iku(i, "rumus"),
            "RUMUS_BELUM_DIHITUNG",
            f"{pesan}; capaiannya tidak dapat dihitung sampai Anda klik Hitung Capaian (atau ikuxl recalc)",
            kode,
        )

    def rumus(self, i, b, kode):
        teks = b.get("rumus")
        self.terhitung(i, b, kode)
        if _kosong(teks):
            if str(b.get("sifat") or "").strip().lower() == "rasio":
                self.tambah(IKU, self.sel_iku(i, "rumus"), "RUMUS_KOSONG", "sifat rasio memerlukan Rumus dengan komponen", kode)
            return
        try:
            r = Rumus(str(teks))
        except RumusError as e:
            self.tambah(IKU, self.sel_iku(i, "rumus"), "RUMUS_TIDAK_TERBACA", f"Rumus: {e}", kode)
            return
        melampaui = galat_batas_excel(r) if r.komponen else None
        if melampaui:
            self.tambah(
                IKU,
                self.sel_iku(i, "rumus"),
                "RUMUS_MELAMPAUI_BATAS_EXCEL",
                f"rumus Excel yang disusun dari Rumus ini {melampaui}, sehingga kolom hitungannya berisi "
                '"tidak dapat dihitung"; sederhanakan Rumus: lebih sedikit komponen, nama komponen lebih pendek',
                kode,
            )
        baris_komponen = self.letak.baris_komponen
        komponen_masuk = self.komponen_masuk
        for nama in r.komponen:
            if (kode, kunci_komponen(nama)) not in komponen_masuk and any(k[0] == kode for k in komponen_masuk):
                self.tambah(
                    IKU,
                    self.sel_iku(i, "rumus"),
                    "KOMPONEN_BELUM_ADA",
                    f"komponen [{nama}] belum ada di lembar Komponen; klik Hitung Capaian untuk menambahkan barisnya",
                    kode,
                )
        satuan = teks_rapi(b.get("satuan"))
        for nama in r.komponen:
            baris = baris_komponen.get((kode, kunci_komponen(nama)))
            nilai = komponen_masuk.get((kode, kunci_komponen(nama)), [None] * 4)
            for q in range(4):
                if baris is None:
                    continue
                sel = self.tk.sel(f"tw{q + 1}", baris)
                x = self.angka(KOMPONEN, sel, nilai[q], "", f"Komponen [{nama}] TW {TRIWULAN[q]}", kode)
                if x == 0 and nama in r.pembagi:
                    self.tambah(
                        KOMPONEN,
                        sel,
                        "PEMBAGI_NOL",
                        f"[{nama}] TW {TRIWULAN[q]} bernilai 0 padahal menjadi pembagi: realisasi triwulan itu tidak dapat dihitung",
                        kode,
                    )
        _ = satuan

    def target(self, i, b, kode, satuan):
        dok = self.dok
        nilai = []
        for t in dok.tahun_periode:
            x = self.angka(IKU, self.sel_iku(i, f"target_{t}"), b.get(f"target_{t}"), satuan, f"Target {t}", kode, True)
            if _kosong(b.get(f"target_{t}")):
                self.tambah(IKU, self.sel_iku(i, f"target_{t}"), "TARGET_TAHUN_KOSONG", f"target tahun {t} belum diisi", kode)
            nilai.append(x)
        awal = self.angka(IKU, self.sel_iku(i, "kondisi_awal"), b.get("kondisi_awal"), satuan, "Kondisi Awal", kode)
        self.realisasi(i, b, kode, satuan, nilai, awal)

    def realisasi(self, i, b, kode, satuan, target_tahun, awal):
        """The quarterly inputs, on the indicator's IKU row."""
        dok = self.dok
        target_tw, real_tw = [], []
        berumus = punya_komponen(b.get("rumus"))
        for q in range(1, 5):
            target_tw.append(
                self.angka(
                    IKU,
                    self.sel_iku(i, f"target_tw{q}"),
                    b.get(f"target_tw{q}"),
                    satuan,
                    f"Target TW {TRIWULAN[q - 1]}",
                    kode,
                    True,
                )
            )
            if not berumus:
                real_tw.append(
                    self.angka(
                        IKU,
                        self.sel_iku(i, f"realisasi_tw{q}"),
                        b.get(f"realisasi_tw{q}"),
                        satuan,
                        f"Realisasi TW {TRIWULAN[q - 1]}",
                        kode,
                    )
                )
            elif not _kosong(b.get(f"realisasi_tw{q}")):
                self.tambah(
                    IKU,
                    self.sel_iku(i, f"realisasi_tw{q}"),
                    "REALISASI_DIABAIKAN",
                    f"realisasi TW {TRIWULAN[q - 1]} diisi, padahal indikator ini memakai Rumus berkomponen: "
                    "realisasinya dihitung dari lembar Komponen; kosongkan sel ini dan isi komponennya",
                    kode,
                )
        for q, (t, r) in enumerate(zip(target_tw, real_tw), start=1):
            if adalah_angka(t) and adalah_angka(r) and t > 0 and r > 2 * t:
                self.tambah(
                    IKU,
                    self.sel_iku(i, f"realisasi_tw{q}"),
                    "REALISASI_JAUH_DARI_TARGET",
                    f"realisasi TW {TRIWULAN[q - 1]} ({format_angka(r)}) lebih dari 2 × target ({format_angka(t)}); periksa kembali",
                    kode,
                )
        sifat = str(b.get("sifat") or "").strip().lower()
        tahun_ini = target_tahun[list(dok.tahun_periode).index(dok.tahun)] if dok.tahun in dok.tahun_periode else None
        if sifat == "kumulatif" and all(adalah_angka(t) for t in target_tw) and adalah_angka(tahun_ini):
            jumlah = sum(target_tw)
            if abs(jumlah - tahun_ini) > 1e-9 * max(1, abs(tahun_ini)):
                self.tambah(
                    IKU,
                    self.sel_iku(i, "target_tw4"),
                    "TARGET_TW_TIDAK_SAMA",
                    f"jumlah target TW I–IV ({format_angka(jumlah)}) tidak sama dengan target tahun {dok.tahun} "
                    f"({format_angka(tahun_ini)}) untuk indikator kumulatif",
                    kode,
                )
        nilai = [x for x in [*target_tw, *real_tw, *target_tahun, awal] if adalah_angka(x) and x != 0]
        if satuan == "%" and any(abs(x) <= 1 for x in nilai) and any(abs(x) > 1 for x in nilai):
            kecil = min(nilai, key=abs)
            self.tambah(
                IKU,
                self.sel_iku(i, "target_tw1"),
                "PERSEN_CAMPUR",
                f"satuan %, tetapi ada nilai {format_angka(kecil)} di samping nilai di atas 1: "
                "mungkin 10% tersimpan sebagai 0,1; tulis semua sebagai angka persen (10)",
                kode,
            )
        # far from the previous year: the baseline in the first year, the previous target later
        sebelumnya = (
            awal
            if dok.tahun == dok.tahun_periode[0]
            else (target_tahun[list(dok.tahun_periode).index(dok.tahun) - 1] if dok.tahun in dok.tahun_periode else None)
        )
        q, terakhir = next(((q, r) for q, r in reversed(list(enumerate(real_tw, 1))) if adalah_angka(r)), (None, None))
        if (
            adalah_angka(sebelumnya)
            and sebelumnya > 0
            and adalah_angka(terakhir)
            and sifat in ("akhir periode", "rata-rata")
            and (terakhir > 2 * sebelumnya or terakhir < sebelumnya / 2)
        ):
            # named where the value was typed: the last realisasi on the indicator's IKU row
            self.tambah(
                IKU,
                self.sel_iku(i, f"realisasi_tw{q}"),
                "REALISASI_JAUH_DARI_TAHUN_LALU",
                f"realisasi {format_angka(terakhir)} jauh dari tahun sebelumnya ({format_angka(sebelumnya)}); periksa kembali",
                kode,
            )

    def publikasi(self, i, b, kode):
        """A capaian the agency published (or typed) against ikuxl's from the same target and realisasi;
        a difference beyond the published rounding is reported, with the rule that gives it if one does."""
        sel = self.sel_iku(i, "capaian_publikasi")
        terbit = self.angka(IKU, sel, b.get("capaian_publikasi"), "%", "Capaian Dipublikasikan", kode)
        if terbit is None:
            return
        v = hitung(self.dok).dari_iku(self.dok, i)
        dihitung = v.get("capaian")
        if not adalah_angka(dihitung):
            self.tambah(
                IKU,
                sel,
                "CAPAIAN_PUBLIKASI_TIDAK_DIUJI",
                f"capaian dipublikasikan {format_angka(terbit, 2)} tidak dapat diuji: {dihitung or 'realisasi belum diisi'}",
                kode,
            )
            return
        toleransi = _setengah_digit(terbit)
        if abs(terbit - dihitung) <= toleransi:
            return
        cocok = next((nama for nama, c in _aturan_lain(v, b) if c is not None and abs(terbit - c) <= toleransi), None)
        self.tambah(
            IKU,
            sel,
            "CAPAIAN_PUBLIKASI_BERBEDA",
            f"capaian dipublikasikan {format_angka(terbit, 2)} berbeda dengan {format_angka(dihitung, 2)} yang dihitung "
            f"dari target {_tampil(v['target_sd'])} dan realisasi {format_angka(v['realisasi_tahunan'], 2)} "
            f"yang sama; " + (f"cocok dengan {cocok}" if cocok else "tidak cocok dengan aturan lain yang diuji"),
            kode,
        )

    # --- the cascade and the labels --------------------------------------------------------

    def siklus(self):
        atas: dict[str, set[str]] = defaultdict(set)
        tempat: dict[str, int] = {}
        for i, b in self.dok.baris_aktif():
            j, a = teks_rapi(b.get("jabatan")), teks_rapi(b.get("atasan"))
            if j and a:
                atas[j].add(a)
                tempat.setdefault(j, i)
        dilaporkan = set()
        for awal in list(atas):
            jalur, sekarang = [awal], awal
            while True:
                berikut = sorted(atas.get(sekarang, ()))
                if not berikut:
                    break
                sekarang = berikut[0]
                if sekarang in jalur:
                    lingkar = jalur[jalur.index(sekarang) :] + [sekarang]
                    kunci = frozenset(lingkar)
                    if kunci not in dilaporkan:
                        dilaporkan.add(kunci)
                        self.tambah(
                            IKU,
                            self.sel_iku(tempat[lingkar[0]], "atasan"),
                            "CASCADE_MELINGKAR",
                            "pohon kinerja melingkar: " + " → ".join(lingkar),
                        )
                    break
                jalur.append(sekarang)

    def label_mirip(self):
        for kunci, label in KOLOM_LABEL.items():
            nilai: dict[str, int] = {}
            dilihat: set[str] = set()
            for i, x in enumerate(self.dok.kolom(kunci)):
                t = teks_rapi(x)
                if t and t.casefold() not in dilihat:
                    nilai[t] = i
                    dilihat.add(t.casefold())
            daftar = list(nilai)
            for a_i, a in enumerate(daftar):
                for b in daftar[a_i + 1 :]:
                    if _salah_ketik(a.casefold(), b.casefold()):
                        i = nilai[b]
                        self.tambah(
                            IKU,
                            self.sel_iku(i, kunci),
                            "LABEL_MIRIP",
                            f'{label} "{b}" hampir sama dengan "{a}": salah ketik? Samakan bila maksudnya sama',
                            teks_rapi(self.dok.iku[i].get("kode")),
                        )

    def kata_mirip(self) -> dict[str, tuple[str, int, str]]:
        """Words found in one row only that are a typo of a word used elsewhere ("yangghg", "Meyediakan"):
        {word: (the other word, row, column)}, lower case."""
        baris_kata: dict[str, set[int]] = defaultdict(set)
        tempat: dict[str, tuple[int, str]] = {}
        for kunci in KOLOM_KATA:
            for i, x in enumerate(self.dok.kolom(kunci)):
                for k in re.findall(r"[A-Za-z]{4,}", teks_rapi(x)):
                    baris_kata[k.lower()].add(i)
                    tempat.setdefault(k.lower(), (i, kunci))
        semua = sorted(baris_kata)
        calon = _calon_mirip(semua)
        dilaporkan: set[frozenset] = set()
        mirip: dict[str, tuple[str, int, str]] = {}
        for k in semua:
            if len(baris_kata[k]) > 1 or len(k) < 5:
                continue
            for lain in calon(k):  # the words the test below may accept, in the order of `semua`
                if lain == k or frozenset((k, lain)) in dilaporkan or _berimbuhan(k, lain) or _berimbuhan(lain, k):
                    continue
                tambahan = k[len(lain) :] if k.startswith(lain) else None
                if _salah_ketik(k, lain) or (tambahan and len(tambahan) <= BEDA_MAKS):
                    dilaporkan.add(frozenset((k, lain)))
                    mirip[k] = (lain, *tempat[k])
                    break
        return mirip

    def ejaan(self, mirip: dict[str, tuple[str, int, str]]) -> set[str]:
        """Words of the IKU texts that the Indonesian dictionary does not know (see ejaan.py): one finding
        per word, at its first cell, with Hunspell's suggestions and the workbook's similar word (kata_mirip).
        Returns the words reported, lower case."""
        dok = self.dok
        teks = [(i, kunci, teks_rapi(b.get(kunci))) for i, b in dok.baris_aktif() for kunci in KOLOM_KATA]
        teks = [t for t in teks if t[2]]
        jalur = ejaan.jalur()
        sebab = ejaan.sebab_tidak_ada(jalur)
        if sebab:
            if teks:
                self.tambah(
                    IKU,
                    self.tata.sel("indikator", BARIS_KEPALA),
                    "EJAAN_TIDAK_DIPERIKSA",
                    f"ejaan teks IKU tidak diperiksa dengan kamus: {sebab}",
                )
            return set()
        milik = [
            *(v for daftar in dok.daftar.values() for v in daftar),
            *(dok.pengaturan.get(k) for k in ("instansi", "wilayah", "urusan")),
        ]
        boleh = {k.lower().rstrip(".") for x in milik for k in ejaan.kata_teks(teks_rapi(x))}
        tempat: dict[str, list[tuple[int, str]]] = defaultdict(list)
        tulisan: dict[str, str] = {}
        for i, kunci, t in teks:
            for kata in ejaan.tidak_dikenal(t, boleh, jalur):
                tulisan.setdefault(kata.lower(), kata)
                tempat[kata.lower()].append((i, kunci))
        serupa = {lain: k for k, (lain, _, _) in mirip.items()} | {k: lain for k, (lain, _, _) in mirip.items()}
        for n, (k, sel) in enumerate(tempat.items()):
            kata = tulisan[k]
            saran = [_huruf_seperti(serupa[k], kata)] if k in serupa else []
            if n < ejaan.MAKS_KATA_BERSARAN:  # Hunspell's far guesses ("Komedian" for "Meyediakan") are left out
                saran += [s for s in ejaan.saran(jalur, kata) if SequenceMatcher(None, k, s.lower()).ratio() >= 0.75]
            sel = list(dict.fromkeys(self.sel_iku(i, kunci) for i, kunci in sel))
            self.tambah(
                IKU,
                sel[0],
                "EJAAN_TIDAK_DIKENAL",
                _pesan_ejaan(kata, saran, sel[1:]),
                teks_rapi(dok.iku[tempat[k][0][0]].get("kode")),
            )
        return set(tempat)


def _pesan_ejaan(kata: str, saran: list[str], sel_lain: list[str]) -> str:
    juga = f" (juga di sel {', '.join(sel_lain[:5])}{f' dan {len(sel_lain) - 5} sel lain' if len(sel_lain) > 5 else ''})"
    pesan = f'kata "{kata}"{juga if sel_lain else ""} tidak ada di kamus bahasa Indonesia: '
    kutip = [f'"{s}"' for s in dict.fromkeys(saran) if s.lower() != kata.lower()][:3]
    if not kutip:
        return pesan + "salah ketik? Abaikan bila ejaannya benar (nama atau istilah)"
    return pesan + f"maksudnya {', '.join(kutip[:-1]) + ' atau ' if len(kutip) > 1 else ''}{kutip[-1]}?"


def _huruf_seperti(kata: str, contoh: str) -> str:
    """`kata` written in the capitals of `contoh`: all capitals, a capital first letter, or as it is."""
    if contoh.isupper():
        return kata.upper()
    return kata[:1].upper() + kata[1:] if contoh[:1].isupper() else kata


def _tampil(target) -> str:
    """A computed target in a message: a number as Indonesians write it, a range as Realisasi shows it."""
    return format_angka(target, 2) if adalah_angka(target) else str(target)


def _setengah_digit(x: float) -> float:
    """Half a unit of the last decimal a number was written with (98.52 → 0.005): its rounding."""
    teks = repr(float(x))
    desimal = len(teks.split(".")[1].rstrip("0")) if "." in teks and "e" not in teks else 0
    return 0.5 * 10**-desimal + 1e-9


def _aturan_lain(v: dict, b: dict) -> list[tuple[str, float | None]]:
    """Capaian from the same year's target and realisasi by the rules agencies also use."""
    t, r = v["bawah_sd"], v["realisasi_tahunan"]
    if not (adalah_angka(t) and adalah_angka(r)):
        return []
    if adalah_angka(v["atas_sd"]) and t < v["atas_sd"]:
        t = (t, v["atas_sd"])  # a range target
    pol, met = (str(b.get(k) or "").strip().lower() or None for k in ("polaritas", "metode"))
    lain = [
        ("capaian negatif tidak dijadikan 0", hitung_capaian(t, r, pol, met, lantai=None).nilai),
        ("capaian dibatasi 100", hitung_capaian(t, r, pol, met, 100).nilai),
        ("capaian dibatasi 120", hitung_capaian(t, r, pol, met, 120).nilai),
        ("capaian tanpa batas atas", hitung_capaian(t, r, pol, met).mentah),
        ("polaritas positif (realisasi / target × 100)", hitung_capaian(t, r, "positif").mentah),
        ("polaritas negatif, metode standar", hitung_capaian(t, r, "negatif", "standar").mentah),
        ("polaritas negatif, metode kebalikan (target / realisasi × 100)", hitung_capaian(t, r, "negatif", "kebalikan").mentah),
    ]
    return [(nama, c) for nama, c in lain if c is not None]


AKHIRAN = {"nya", "an", "kan", "i", "lah", "kah", "pun", "s"}  # Indonesian endings, not typos


def _berimbuhan(kata: str, dasar: str) -> bool:
    return kata.startswith(dasar) and kata[len(dasar) :] in AKHIRAN


_NOMOR = re.compile(r"\b(?:\d+|[ivx]+)\b")  # numbering: 1, 2, 10; i, ii, iv (texts come casefolded)


BEDA_MAKS, RASIO_MIN = 3, 0.85  # a slip of the keyboard: at most 3 characters differ, SequenceMatcher ratio ≥ 0.85


def _salah_ketik(a: str, b: str) -> bool:
    """Two texts that differ by a slip of the keyboard: at most 3 characters, same first letter;
    not when they differ only in their numbers (Kepala Bidang 1 and 2, Seksi I and II)."""
    if a == b or a[:1] != b[:1] or abs(len(a) - len(b)) > BEDA_MAKS:  # a longer one differs in more characters
        return False
    if _NOMOR.sub("#", a) == _NOMOR.sub("#", b):
        return False
    m = SequenceMatcher(None, a, b)
    if m.quick_ratio() < RASIO_MIN:  # an upper bound of ratio(), much cheaper
        return False
    beda = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in m.get_opcodes() if op != "equal")
    return beda <= BEDA_MAKS and m.ratio() >= RASIO_MIN


PANJANG_INDEKS = 19  # longer words (rare: pertanggungjawabannya) would have too many deletions: found by pieces


def _cocok_min(la: int, lb: int) -> int:
    """The fewest letters two texts of these lengths share when _salah_ketik accepts them; 0: it cannot.
    SequenceMatcher's M matching letters give ratio 2M / (la + lb), and `beda` counts at least the
    max(la, lb) - M letters of the longer text outside them."""
    cocok = max(la, lb) - BEDA_MAKS
    while 2.0 * cocok / (la + lb) < RASIO_MIN:  # as difflib computes ratio
        cocok += 1
    return cocok if cocok <= min(la, lb) else 0


def _tanpa(kata: str, n: int) -> set[str]:
    """`kata` with n of its letters after the first deleted, every way."""
    hasil = [(kata, 1)]
    for _ in range(n):  # each deletion right of the one before: every choice of letters once
        hasil = [(v[:i] + v[i + 1 :], i) for v, awal in hasil for i in range(awal, len(v))]
    return {v for v, _ in hasil}


def _potongan(n: int) -> list[tuple[int, int]]:
    """(start, end) of the BEDA_MAKS + 1 even pieces of a text of n letters."""
    batas = [j * n // (BEDA_MAKS + 1) for j in range(BEDA_MAKS + 2)]
    return list(zip(batas, batas[1:]))


def _calon_mirip(semua: list[str]):
    """For kata_mirip: a function giving, for a word, the words of `semua` that _salah_ketik may accept with it
    or that it extends by 1–3 letters, sorted, without comparing all pairs (for 5,000 indicators that took hours).
    Two words _salah_ketik accepts share their first letter and c = _cocok_min letters in order, so a common
    subsequence of exactly c letters that keeps the first (some longest one does): each word is that subsequence
    plus (its length - c) deleted letters, at most 3. The shorter word of each pair is filed under its few
    deletions (0–2 up to PANJANG_INDEKS letters), and the longer one looks its own up. Beyond that: the two are
    at most 3 edits apart (`beda` counts them), so one of the 4 pieces of one is untouched, in the other at most
    3 letters from where it was."""
    ada = set(semua)
    pendek = [w for w in semua if len(w) <= PANJANG_INDEKS]
    indeks: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))  # by the word's length
    for w in pendek:
        for c in {_cocok_min(len(w), n) for n in range(len(w), len(w) + BEDA_MAKS + 1)} - {0}:
            for v in _tanpa(w, len(w) - c):
                indeks[len(w)][v].append(w)
    pasangan: dict[str, set[str]] = defaultdict(set)
    for w in pendek:
        varian: dict[int, set[str]] = {}
        for n in range(len(w) - BEDA_MAKS, len(w) + 1):  # the shorter words
            if n in indeks and (c := _cocok_min(len(w), n)):
                if c not in varian:
                    varian[c] = _tanpa(w, len(w) - c)
                for x in {x for v in varian[c] for x in indeks[n].get(v, ())} - {w}:
                    pasangan[w].add(x)
                    pasangan[x].add(w)
    potongan: dict[tuple, list[str]] = defaultdict(list)  # the words beside a longer one
    for w in semua:
        if len(w) > PANJANG_INDEKS - BEDA_MAKS:
            for j, (a, b) in enumerate(_potongan(len(w))):
                potongan[w[0], len(w), j, w[a:b]].append(w)

    def calon(k: str) -> list[str]:
        hasil = pasangan.get(k, set()) | ({k[:-t] for t in range(1, BEDA_MAKS + 1)} & ada)  # k: one of them + ending
        for n in range(len(k) - BEDA_MAKS, len(k) + BEDA_MAKS + 1):
            if max(n, len(k)) > PANJANG_INDEKS:
                for j, (a, b) in enumerate(_potongan(n)):
                    for geser in range(max(-BEDA_MAKS, -a), min(BEDA_MAKS, len(k) - b) + 1):
                        hasil.update(potongan.get((k[0], n, j, k[a + geser : b + geser]), ()))
        return sorted(hasil)

    return calon


def periksa(dok: Dokumen, dihitung: bool = True, lain: Sequence[Temuan] = (), dipindah=()) -> list[Temuan]:
    """All findings for a workbook's content, most severe first, then in sheet order. `dihitung`: the
    caller recompiles the Komponen rows (recalc, Hitung Capaian); else compiled rows that no longer
    match their Rumus are reported. `lain`: findings of the file beyond its sheets (workbook/lite.temuan_lite),
    sorted in with the rest. `dipindah`: the values typed over formulas the caller moved (ketikan.py)."""
    p = _Pemeriksa(dok, dihitung)
    p.temuan.extend(lain)
    if dok.versi < VERSI_TEMPLATE and not dihitung:
        p.tambah(
            REFERENSI,
            f"B{BARIS_PENGATURAN + [k for k, _, _ in PENGATURAN].index('versi_template')}",
            "TEMPLATE_VERSI_LAMA",
            f"workbook dibuat dengan template versi {dok.versi}: realisasi triwulan masih di "
            "lembar Realisasi; ikuxl recalc memperbaruinya (isian pindah ke baris indikatornya di lembar IKU)",
        )
    p.matriks()
    for i, kolom, kode, pesan in masalah_skala(dok.skala):
        p.tambah(
            REFERENSI,
            f"{'ABC'[kolom - 1]}{BARIS_SKALA + 1 + i}",
            kode,
            f'skala kategori: {pesan}; sampai diperbaiki, kolom Kategori berisi "{KATEGORI_SKALA_RUSAK}"',
        )
    _teks_panjang(p)
    _ketikan(p, dipindah)
    urut_lembar = {IKU: 0, REALISASI: 1, KOMPONEN: 2, REFERENSI: 3}
    return sorted(p.temuan, key=lambda t: (URUTAN_TINGKAT[t.tingkat], urut_lembar.get(t.lembar, 9), _urut_sel(t.sel)))


def _teks_panjang(p: _Pemeriksa) -> None:
    """IKU texts longer than an Excel cell holds: the sheets ikuxl writes carry them cut."""
    for i, b in enumerate(p.dok.iku):
        for kunci, x in b.items():
            if isinstance(x, str) and len(x) > BATAS_TEKS:
                p.tambah(
                    IKU,
                    p.sel_iku(i, kunci),
                    "TEKS_TERLALU_PANJANG",
                    f"teks {len(x):,} karakter melebihi batas Excel {BATAS_TEKS:,} karakter per sel; "
                    "lembar yang ditulis ikuxl memuatnya terpotong: ringkas teksnya",
                    teks_rapi(b.get("kode")),
                )


def _ketikan(p: _Pemeriksa, dipindah) -> None:
    """Values typed over ikuxl's formulas: those this run moved to their input cell, and what the next
    Hitung Capaian does with the others (moves them, or stops)."""
    for k, sudah in [*((k, True) for k in dipindah), *((k, False) for k in ketikan.cari(p.dok))]:
        if k.tujuan:
            tujuan = ketikan.sel_iku(p.dok, k.tujuan)
            kode, pesan = "KETIKAN_DIPINDAH", f"dipindah ke {tujuan}" + ("" if sudah else " saat Hitung Capaian (ikuxl recalc)")
        else:
            kode = "KETIKAN_DI_RUMUS"
            pesan = f"tidak ada tempat yang pasti ({k.sebab}); Hitung Capaian dan ikuxl recalc menolak berkas ini"
        indikator = teks_rapi(p.dok.iku[k.tujuan[0]].get("kode")) if k.tujuan else ""
        p.tambah(k.lembar, k.sel, kode, f"{k.teks} diketik di atas rumus kolom {k.judul}: {pesan}", indikator)


def _urut_sel(sel: str) -> tuple[int, str]:
    huruf = re.match(r"[A-Z]+", sel)
    angka = re.search(r"\d+", sel)
    return (int(angka.group()) if angka else 0, huruf.group().rjust(3) if huruf else "")
