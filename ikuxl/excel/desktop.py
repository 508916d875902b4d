"""Classic desktop xlwings: the one Python entry point behind the ikuxl.xlam ribbon.

The VBA callback of every button calls `jalankan(control.Id)` through xlwings' RunPython;
the book is the one the button was clicked in.
"""

from __future__ import annotations

import xlwings as xw

from .skrip import TOMBOL, tekan


def jalankan(tombol: str) -> None:
    """Run the action of a ribbon button (iku-validasi, iku-hitung, iku-ringkasan) on the calling book."""
    book = xw.Book.caller()
    if tombol not in TOMBOL:
        book.app.alert(f'tombol "{tombol}" tidak dikenal oleh ikuxl', title="ikuxl")
        return
    try:
        tekan(book, tombol)
    except xw.XlwingsError as e:  # an expected problem: a message, not a traceback
        book.app.alert(str(e), title="ikuxl")
