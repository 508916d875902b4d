"""Hypothesis strategies shared by the tests: formula trees and component values."""

from hypothesis import strategies as st

from ikuxl.rumus import Angka, Fungsi, Jika, Komponen, Negasi, Operasi, Perbandingan

NAMA = ["a", "b", "Jumlah rumah layak", "Luas kumuh tahun n-1", "Σ Keluarga", "x2"]

# Exact binary fractions and whole numbers, as staff type them; values far apart
# enough that the formula is about the engine, not about rounding at 1e-16.
angka = st.one_of(st.integers(0, 1000).map(float), st.sampled_from([0.5, 0.25, 1.5, 2.75, 100.0]))
komponen = st.sampled_from(NAMA).map(Komponen)


def _gabung(anak):
    return st.one_of(
        st.builds(Negasi, anak),
        st.builds(Operasi, st.sampled_from("+-*/"), anak, anak),
        st.builds(Fungsi, st.sampled_from(["SUM", "MIN", "MAX", "AVERAGE"]), st.lists(anak, min_size=1, max_size=3).map(tuple)),
        st.builds(lambda x: Fungsi("ABS", (x,)), anak),
        st.builds(Jika, st.builds(Perbandingan, st.sampled_from([">", "<", ">=", "<=", "=", "<>"]), komponen, angka.map(Angka)), anak, anak),
    )


pohon = st.recursive(st.one_of(angka.map(Angka), komponen), _gabung, max_leaves=8)

nilai_sel = st.one_of(
    st.none(), st.just(0), st.integers(-5, 500), st.sampled_from([0.5, 2.25, 1000.0]), st.just("20 Unit"),
)
nilai_komponen = st.fixed_dictionaries({n: st.one_of(st.integers(1, 500), nilai_sel) for n in NAMA})
