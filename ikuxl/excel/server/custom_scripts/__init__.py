"""Scripts behind the ribbon buttons of the IKU tab."""

from ikuxl.excel.skrip import hitung_capaian, perbarui_ringkasan, validasi  # noqa: F401
