"""ikuxl untuk xlwings Lite: tombol Validasi, Hitung Capaian, Perbarui Ringkasan dan fungsi IKU.*.

Kode ini hanya memanggil paket ikuxl (lihat requirements.txt); aturannya ada di paket itu, sama dengan
`ikuxl recalc` dan add-in lainnya. Tambahkan kode Anda sendiri di bawah; `ikuxl recalc` tidak mengubah
berkas ini.
"""

import xlwings as xw
from xlwings import script

from ikuxl.excel import skrip
from ikuxl.excel.fungsi import ANGKA, CAPAIAN, KATEGORI, NILAI  # noqa: F401 - fungsi IKU.* di Excel


@script
def validasi(book: xw.Book):
    """Validasi: periksa isian, tulis lembar Validasi dan tandai sel bermasalah."""
    skrip.tekan(book, "iku-validasi")


@script
def hitung_capaian(book: xw.Book):
    """Hitung Capaian: susun ulang rumus Realisasi dan Komponen, lalu validasi."""
    skrip.tekan(book, "iku-hitung")


@script
def perbarui_ringkasan(book: xw.Book):
    """Perbarui Ringkasan: susun ulang lembar Ringkasan dan grafiknya."""
    skrip.tekan(book, "iku-ringkasan")
