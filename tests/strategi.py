"""Hypothesis strategies shared by the tests: formula trees and component values."""

from hypothesis import strategies as st

from ikuxl.rumus import Angka, Fungsi, Jika, Komponen, Negasi, Operasi, Perbandingan

NAMA = ["a", "b", "Jumlah rumah layak", "Luas kumuh tahun n-1", "Σ Keluarga", "x2"]

# Exact binary fractions and whole numbers, as staff type them; values far apart
# enough that the formula is about the engine, not about rounding at 1e-16.
angka = st.one_of(st.integers(0, 1000).map(float), st.sampled_from([0.5, 0.25, 1.5, 2.75, 100.0, 1.125, 1500.25]))
komponen = st.sampled_from(NAMA).map(Komponen)


def _gabung(anak):
    return st.one_of(
        st.builds(Negasi, anak),
        st.builds(Operasi, st.sampled_from("+-*/"), anak, anak),
        st.builds(Fungsi, st.sampled_from(["SUM", "MIN", "MAX", "AVERAGE"]), st.lists(anak, min_size=1, max_size=3).map(tuple)),
        st.builds(lambda x: Fungsi("ABS", (x,)), anak),
        st.builds(
            Jika,
            st.builds(Perbandingan, st.sampled_from([">", "<", ">=", "<=", "=", "<>"]), komponen, angka.map(Angka)),
            anak,
            anak,
        ),
    )


pohon = st.recursive(st.one_of(angka.map(Angka), komponen), _gabung, max_leaves=8)

nilai_sel = st.one_of(st.none(), st.just(0), st.integers(-5, 500), st.sampled_from([0.5, 2.25, 1000.0]), st.just("20 Unit"))
nilai_komponen = st.fixed_dictionaries({n: st.one_of(st.integers(1, 500), nilai_sel) for n in NAMA})


# --- whole workbooks: random indicators with blanks, zeros and bad entries ---


from ikuxl.dokumen import KOLOM_TW_KOMPONEN, KOLOM_TW_REALISASI, Dokumen  # noqa: E402
from ikuxl.rumus import Rumus  # noqa: E402

isian = st.one_of(
    st.none(), st.just(0), st.integers(-3, 300), st.sampled_from([0.5, 12.25, 99.5]), st.sampled_from(["20 Unit", "-", "abc"])
)
polaritas = st.sampled_from(["positif", "negatif", "Negatif", None, "naik"])
sifat = st.sampled_from(["kumulatif", "akhir periode", "rata-rata", "rasio", None, "bulanan"])
metode = st.sampled_from([None, "standar", "kebalikan", "entah"])
teks_rumus = st.one_of(
    st.none(),
    st.sampled_from(["[a] / [b] * 100", "(%) = ([a] - [b]) / [a] × 100", "[a]", "MIN([a]; [b])", "[a] /", "100"]),
    pohon.map(lambda p: str(Rumus.dari_pohon(p))),
)


@st.composite
def dokumen(draw, maks: int = 8) -> Dokumen:
    tahun = draw(st.integers(2022, 2024))
    dok = Dokumen.kosong(
        "Dinas Uji", "kabupaten", "Kab. Uji", tahun, tahun + 2, tahun, batas_capaian=draw(st.sampled_from([None, 100, 120]))
    )
    n = draw(st.integers(1, maks))
    baris, realisasi, komponen = [], {}, []
    for i in range(n):
        kode = f"U-{i + 1:02d}"
        r = {k.kunci: None for k in dok.kolom_iku}
        r.update(
            kode=kode,
            jabatan="Kepala Dinas",
            indikator=f"Indikator {i + 1}",
            satuan="%",
            polaritas=draw(polaritas),
            sifat=draw(sifat),
            metode=draw(metode),
            rumus=draw(teks_rumus),
            **{f"target_{tahun}": draw(isian)},
        )
        baris.append(r)
        realisasi[kode] = dict(zip(KOLOM_TW_REALISASI, [draw(isian) for _ in KOLOM_TW_REALISASI]))
        try:
            nama = Rumus(r["rumus"]).komponen if r["rumus"] else []
        except ValueError:
            nama = []
        for k in nama:
            komponen.append(
                {"kode": kode, "komponen": k, **dict(zip(KOLOM_TW_KOMPONEN, [draw(isian) for _ in KOLOM_TW_KOMPONEN]))}
            )
    dok.iku = baris
    dok.isi_triwulan(realisasi)
    dok.komponen = komponen
    return dok
