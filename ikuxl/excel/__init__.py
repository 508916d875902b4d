"""The xlwings shell: ribbon scripts and worksheet functions over the same core as the headless path.

One module serves both deployments: xlwings Server (Excel on Windows, macOS and the
web) and classic desktop xlwings (Windows/macOS with a local Python). xlwings' remote
engine and server decorators are the PolyForm-Noncommercial part of xlwings, which
covers government institutions; ikuxl selects that licence unless one is set.
"""

import os
import sys

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

NAMESPACE = "IKU"  # the worksheet functions' namespace in every deployment: =IKU.CAPAIAN(...)
DI_PERAMBAN = sys.platform == "emscripten"  # xlwings Lite: Python (Pyodide) inside Excel's browser runtime

# Classic desktop xlwings (COM/AppleScript UDFs) where Excel runs beside Python and no server
# is asked for; the xlwings Server decorators everywhere else (on Linux there is no Excel).
KLASIK = sys.platform in ("win32", "darwin") and os.environ.get("XLWINGS_ON_SERVER", "").lower() not in ("true", "1")

if KLASIK:
    from xlwings import arg, func, script  # noqa: F401
else:
    from xlwings.server import arg, func, script  # noqa: F401
