"""The README's promises about the project itself."""

import re

from .conftest import AKAR


def _perintah_readme() -> list[str]:
    blok = re.search(r"```bash\n(.*?)```", (AKAR / "README.md").read_text(encoding="utf-8"), re.S)
    return [b.strip() for b in blok.group(1).strip().splitlines()]


def test_readme_dibuka_dengan_dua_perintah_dan_ci_menjalankan_perintah_tes():
    pasang, tes = _perintah_readme()
    assert pasang.startswith("pip install -e") and "ikuxl " in pasang
    ci = (AKAR / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tes in [baris.strip() for baris in ci if not baris.lstrip().startswith("#")]
