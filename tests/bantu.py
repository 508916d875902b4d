"""Small helpers the tests share."""

from __future__ import annotations

import re

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from ikuxl.skema import BARIS_DATA, BARIS_KEPALA

from .conftest import AKAR

WORKBOOKS = AKAR / "workbooks"


def tabel(path: Path, lembar: str, data_only: bool = True) -> list[dict]:
    """The rows of an ikuxl sheet as dicts keyed by the header texts (a quarterly header without the year it
    names: "Capaian TW I 2024 (%)" is "Capaian TW I (%)")."""
    ws = openpyxl.load_workbook(path, data_only=data_only)[lembar]
    kepala = [re.sub(r"(TW [IV]+) \d{4}", r"\1", c.value) if isinstance(c.value, str) else c.value for c in ws[BARIS_KEPALA]]
    hasil = []
    for r in ws.iter_rows(min_row=BARIS_DATA, values_only=True):
        if r[0] in (None, ""):  # Realisasi's prepared rows show "" until an indicator is typed on IKU
            continue
        hasil.append(dict(zip(kepala, r)))
    return hasil


def per_kode(path: Path, lembar: str, data_only: bool = True) -> dict[str, dict]:
    return {r["Kode"]: r for r in tabel(path, lembar, data_only)}


def ikuxl(*argumen, cwd: Path | None = None, **_abaikan) -> subprocess.CompletedProcess:
    """The command line run in this process with Typer's runner: what a user types, without an interpreter
    start and imports per call. Tests where the process boundary is the point (exit codes of the real
    program, kill -9, the server) run `python -m ikuxl` instead."""
    from typer.testing import CliRunner

    from ikuxl.cli import app

    with contextlib.chdir(cwd or os.getcwd()):
        r = CliRunner().invoke(app, [str(a) for a in argumen], env={"COLUMNS": "300"})
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return subprocess.CompletedProcess(argumen, r.exit_code, r.stdout, r.stderr)


def bangun_roda(folder: Path) -> Path:
    """ikuxl's wheel, built from this checkout into `folder`."""
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(folder), str(AKAR)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    [roda] = folder.glob("ikuxl-*.whl")
    return roda
