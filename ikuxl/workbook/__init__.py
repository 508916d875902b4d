"""The openpyxl shell: workbook files on disk."""
