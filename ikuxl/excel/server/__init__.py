"""The xlwings Server project directory of ikuxl: functions, scripts, manifest and ribbon."""

import json
import os
import re
import uuid
from pathlib import Path

from .. import NAMESPACE

FOLDER = Path(__file__).resolve().parent
# The add-in's own identity in Excel (not xlwings' default), so it installs beside other add-ins.
ID_MANIFEST = "39f658d7-f006-401f-9e10-823db2319f44"
# What one request to `ikuxl serve` may carry (bigger ones get 413): the body, and the cells of a
# book or of one function call's arguments (an IKU workbook has thousands; xlwings needs ~1.5 kB a cell).
BATAS_BYTE = 32 * 2**20
BATAS_SEL = 500_000


def versi_manifest(versi: str) -> str:
    """The add-in's version as Office reads it, four numbers: the package version's release numbers (0.1.0 →
    0.1.0.0), so every release is a new manifest version and Office loads the ribbon again after an update.
    A pre- or post-release shares its release's numbers."""
    angka = [str(int(a)) for a in re.match(r"\d+(?:\.\d+)*", versi)[0].split(".")]
    return ".".join((angka + ["0"] * 4)[:4])


# xlwings Server's environments (XLWINGS_ENVIRONMENT); each but prod is an add-in of its own beside production.
LINGKUNGAN = ("dev", "qa", "uat", "staging", "prod")
# ikuxl's own setting, read like xlwings Server's (environment or .env): a public folder holding the add-in's icons.
KUNCI_URL_IKON = "XLWINGS_URL_IKON"
IKON = tuple(f"ikuxl-{n}.png" for n in (16, 32, 64, 80))


def id_manifest_lingkungan(id_prod: str, nama: str) -> str:
    """A non-production environment's add-in Id, derived from the production Id and the environment's name: the
    same on every restart, and not xlwings Server's default (shared by every xlwings add-in). Shaped as a UUID4,
    the only form xlwings Server accepts."""
    return str(uuid.UUID(bytes=uuid.uuid5(uuid.UUID(id_prod), nama).bytes, version=4))


def namespace_fungsi(nama: str) -> str:
    """The functions' namespace in an environment: IKU in production, IKU_DEV and the like elsewhere, so a test
    add-in installed beside production does not claim the same =IKU.* names (as xlwings Server does)."""
    return NAMESPACE if nama == "prod" else f"{NAMESPACE}_{nama.upper()}"


def akhiran_lingkungan(nama: str) -> str:
    """What the add-in's name and tab carry outside production: " [dev]" and the like."""
    return "" if nama == "prod" else f" [{nama}]"


def url_ikon(env: dict[str, str]) -> str | None:
    """The public folder the manifest names for the icons (None: the server's own static/images), checked: the
    Microsoft 365 admin centre fetches the icons from the manifest's URLs and cannot reach a server on an intranet."""
    teks = (env.get(KUNCI_URL_IKON) or "").strip()
    if not teks:
        return None
    if not re.fullmatch(r"https?://[^/\s?#]+(/[^\s?#]*)?", teks):
        raise PengaturanSalah(
            f"{KUNCI_URL_IKON}={teks!r} tidak sah: tulis alamat lengkap folder ikon, "
            f"mis. {KUNCI_URL_IKON}=https://www.instansi.go.id/ikuxl (berisi {', '.join(IKON)})"
        )
    return teks.rstrip("/")


def lingkungan() -> dict[str, str]:
    """Settings xlwings Server reads at import: this folder as the project, functions in namespace IKU, and the
    agency's own settings (licence key, authentication, environment) from the process's environment or from a
    .env file in the working directory (xlwings Server would look for it in this folder, inside the package).
    Each non-production environment gets an add-in Id of its own, derived from the production one."""
    from dotenv import dotenv_values  # installed with xlwings Server

    # only xlwings' settings: PATH, proxies and the like stay the process's
    instansi = {k: v for k, v in dotenv_values(Path.cwd() / ".env").items() if v is not None and k.startswith("XLWINGS_")}
    # log level WARNING: xlwings Server's INFO lines are English ("Running in 'Server' mode."); ikuxl says what runs
    bawaan = {
        "XLWINGS_ENVIRONMENT": "prod",
        "XLWINGS_LICENSE_KEY": "noncommercial",
        "XLWINGS_MANIFEST_ID_PROD": ID_MANIFEST,
        "XLWINGS_LOG_LEVEL": "WARNING",
    }
    env = {
        **bawaan,
        **instansi,
        **{k: os.environ[k] for k in os.environ if k.startswith("XLWINGS_")},
        "XLWINGS_PROJECT_DIR": str(FOLDER),
        "XLWINGS_FUNCTIONS_NAMESPACE": NAMESPACE,
        "XLWINGS_PROJECT_NAME": "IKU",
    }
    try:
        id_prod = str(uuid.UUID(env["XLWINGS_MANIFEST_ID_PROD"]))
    except ValueError:  # xlwings Server says so when it reads it
        return env
    for nama in LINGKUNGAN[:-1]:  # an agency's own Id for an environment is kept
        env.setdefault(f"XLWINGS_MANIFEST_ID_{nama.upper()}", id_manifest_lingkungan(id_prod, nama))
    return env


# xlwings Server's authentication providers (xlwings_server/auth), each with why it checks no identity
# (None: it checks a Microsoft sign-in).
PENYEDIA = {"entraid": None, "custom": "contoh bawaan xlwings Server yang menerima siapa pun dengan token test-token"}
_GUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_BENTUK_GUID = "bentuknya xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"


class PengaturanSalah(ValueError):
    """A setting xlwings Server would not read (or could not check anyone with), said in Indonesian."""


def _daftar(env: dict[str, str], kunci: str, contoh: str) -> list[str]:
    """A list setting as xlwings Server reads it (JSON; null or unset: none)."""
    teks = env.get(kunci)
    try:
        nilai = json.loads(teks) if teks is not None else None
    except ValueError:
        nilai = teks
    if nilai is None:
        return []
    if not isinstance(nilai, list) or not all(isinstance(n, str) for n in nilai):
        raise PengaturanSalah(
            f"{kunci}={teks!r} tidak sah: tulis daftar JSON dengan kurung siku dan tanda petik ganda, "
            f"mis. {kunci}='{contoh}' (atau [] bila tidak ada)"
        )
    return nilai


def penyedia_autentikasi(env: dict[str, str]) -> list[str]:
    """The authentication providers the settings (`lingkungan()`) name, checked before xlwings Server reads
    them (it would fail on its first import or request, in English), with the settings each one needs."""
    kunci = "XLWINGS_AUTH_PROVIDERS"
    penyedia = _daftar(env, kunci, '["entraid"]')
    _daftar(env, "XLWINGS_AUTH_REQUIRED_ROLES", '["IKU.Pengguna"]')
    for p in penyedia:
        if p not in PENYEDIA:
            raise PengaturanSalah(
                f"{kunci}={env[kunci]!r}: penyedia {p!r} tidak dikenal; yang dikenal: entraid (Microsoft Entra ID) "
                f"dan custom (hanya contoh), mis. {kunci}='[\"entraid\"]'"
            )
    if "entraid" in penyedia:  # xlwings checks a token's issuer and audience against these two
        for k, apa in (
            ("XLWINGS_AUTH_ENTRAID_TENANT_ID", "Directory (tenant) ID"),
            ("XLWINGS_AUTH_ENTRAID_CLIENT_ID", "Application (client) ID"),
        ):
            nilai = env.get(k) or ""
            if not _GUID.fullmatch(nilai):
                keadaan = f"{k}={nilai!r} tidak sah" if nilai else f"{k} belum diisi"
                raise PengaturanSalah(
                    f"{kunci} memakai entraid, tetapi {keadaan}: isi dengan {apa} yang tertera di Entra ID "
                    f"(App registrations, halaman aplikasi ikuxl), {_BENTUK_GUID}"
                )
    return penyedia


def celah_autentikasi(penyedia: list[str]) -> str | None:
    """Why a call without a real identity is answered under these providers; None: every call needs one."""
    if not penyedia:
        return "XLWINGS_AUTH_PROVIDERS tidak memuat penyedia autentikasi"
    return next((f"penyedia {p!r} hanyalah {PENYEDIA[p]}" for p in penyedia if PENYEDIA[p]), None)
