"""The xlwings Server project directory of ikuxl: functions, scripts, manifest and ribbon."""

import os
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
# The add-in's own identity in Excel (not xlwings' default), so it installs beside other add-ins.
ID_MANIFEST = "39f658d7-f006-401f-9e10-823db2319f44"
# What one request to `ikuxl serve` may carry (bigger ones get 413): the body, and the cells of a
# book or of one function call's arguments (an IKU workbook has thousands; xlwings needs ~1.5 kB a cell).
BATAS_BYTE = 32 * 2**20
BATAS_SEL = 500_000


def lingkungan() -> dict[str, str]:
    """Settings xlwings Server reads at import: this folder as the project, functions in namespace IKU, and the
    agency's own settings (licence key, authentication, environment) from the process's environment or from a
    .env file in the working directory (xlwings Server would look for it in this folder, inside the package)."""
    from dotenv import dotenv_values  # installed with xlwings Server

    # only xlwings' settings: PATH, proxies and the like stay the process's
    instansi = {k: v for k, v in dotenv_values(Path.cwd() / ".env").items() if v is not None and k.startswith("XLWINGS_")}
    bawaan = {"XLWINGS_ENVIRONMENT": "prod", "XLWINGS_LICENSE_KEY": "noncommercial", "XLWINGS_MANIFEST_ID_PROD": ID_MANIFEST}
    return {
        **bawaan,
        **instansi,
        **{k: os.environ[k] for k in os.environ if k.startswith("XLWINGS_")},
        "XLWINGS_PROJECT_DIR": str(FOLDER),
        "XLWINGS_FUNCTIONS_NAMESPACE": "IKU",
        "XLWINGS_PROJECT_NAME": "IKU",
    }
