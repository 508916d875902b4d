"""The file shell: workbook files on disk, read once into a Paket (baca.py), written as worksheet XML grafted into
the package (lembar_xml.py, cangkok.py); openpyxl only makes the frame of a new workbook (kerangka.py)."""
