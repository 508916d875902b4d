"""Worksheet functions that xlwings Server offers Excel (namespace IKU: =IKU.CAPAIAN(...))."""

from ikuxl.excel.fungsi import ANGKA, CAPAIAN, KATEGORI, NILAI  # noqa: F401
