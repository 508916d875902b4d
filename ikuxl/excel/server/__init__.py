"""The xlwings Server project directory of ikuxl: functions, scripts, manifest and ribbon."""

import os
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
# The add-in's own identity in Excel (not xlwings' default), so it installs beside other add-ins.
ID_MANIFEST = "39f658d7-f006-401f-9e10-823db2319f44"


def lingkungan() -> dict[str, str]:
    """Settings xlwings Server reads at import: this folder as the project, functions in namespace IKU."""
    return {
        "XLWINGS_PROJECT_DIR": str(FOLDER),
        "XLWINGS_FUNCTIONS_NAMESPACE": "IKU",
        "XLWINGS_PROJECT_NAME": "IKU",
        "XLWINGS_ENVIRONMENT": "prod",
        "XLWINGS_LICENSE_KEY": os.environ.get("XLWINGS_LICENSE_KEY", "noncommercial"),
        "XLWINGS_MANIFEST_ID_PROD": os.environ.get("XLWINGS_MANIFEST_ID_PROD", ID_MANIFEST),
    }
