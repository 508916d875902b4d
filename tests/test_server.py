"""`ikuxl serve` as a real process on 127.0.0.1: the add-in over HTTP, and what it refuses (files outside its
static folders, bad or oversized requests) without holding up anyone else."""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from xml.etree.ElementTree import fromstring

import pytest
import xlwings as xw

import ikuxl
from ikuxl.excel.server import BATAS_BYTE, BATAS_SEL, FOLDER, versi_manifest

from .bantu import WORKBOOKS
from .muatan import muatan

CONTOH = WORKBOOKS / "iku-tanjabbar-2022-contoh-realisasi.xlsx"
FUNGSI = "/xlwings/custom-functions-call"


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def minta(port: int, metode: str, jalur: str, isi: bytes | str | dict | None = None) -> tuple[int, str]:
    """One request with the path sent exactly as given (http.client does not normalise `..`)."""
    if isinstance(isi, dict):
        isi = json.dumps(isi)
    sambungan = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        sambungan.request(metode, jalur, body=isi, headers={"Content-Type": "application/json"} if isi else {})
        jawab = sambungan.getresponse()
        return jawab.status, jawab.read().decode("utf-8", "replace")
    finally:
        sambungan.close()


def _jalankan_server(tmp_path_factory, *argumen, env=None):
    """`ikuxl serve` as a process on a free port with only the given xlwings settings; yields the port."""
    port = _port_bebas()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")} | (env or {})
    log = open(tmp_path_factory.mktemp("serve") / "serve.log", "w+b")
    proses = subprocess.Popen(
        [sys.executable, "-m", "ikuxl", "serve", "--port", str(port), *argumen],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=tmp_path_factory.mktemp("kerja"),
    )
    for _ in range(240):
        try:
            minta(port, "GET", "/")
            break
        except OSError:
            if proses.poll() is not None:
                log.seek(0)
                pytest.fail(log.read().decode())
            time.sleep(0.25)
    try:
        yield port
    finally:
        proses.terminate()
        proses.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from _jalankan_server(tmp_path_factory)


URL_IKON = "https://www.instansi.example.go.id/ikuxl"


@pytest.fixture(scope="module")
def server_dev(tmp_path_factory):
    """A test server beside production: environment dev by option, icons from a public folder by setting."""
    yield from _jalankan_server(tmp_path_factory, "--lingkungan", "dev", env={"XLWINGS_URL_IKON": URL_IKON + "/"})


def fungsi(nama, *args, **lain) -> dict:
    return {
        "func_name": nama,
        "args": list(args),
        "client": "Office.js",
        "version": xw.__version__,
        "runtime": "1.4",
        "caller_address": "Realisasi!Z1",
        "culture_info_name": "id-ID",
        **lain,
    }


re_ikon = re.compile(r"(/images/[\w-]+\.png)")


def test_ikon_sama_dengan_gambarannya():
    """The committed icons are what ikon.py draws (python -m ikuxl.excel.server.ikon makes them again)."""
    from ikuxl.excel.server import ikon

    assert {p.name: p.read_bytes() for p in ikon.FOLDER.glob("*.png")} == {f"ikuxl-{n}.png": ikon.png(n) for n in ikon.UKURAN}


def test_server_manifest_fungsi_dan_skrip_lewat_http(server):
    status, manifest = minta(server, "GET", "/manifest")
    akar = fromstring(manifest)
    ns = {
        "o": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
        "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    }
    tombol = akar.findall(".//o:CustomTab/o:Group/o:Control", ns)
    assert [t.find("o:Action/o:FunctionName", ns).text for t in tombol] == ["iku-validasi", "iku-hitung", "iku-ringkasan"]
    teks = {s.get("id"): s.get("DefaultValue") for s in akar.iter("{%s}String" % ns["bt"])}
    assert teks["Iku.Namespace"] == "IKU" and teks["Iku.Tab.Label"] == "IKU"
    assert [teks[f"Iku.{t}.Label"] for t in ("Validasi", "Hitung", "Ringkasan")] == [
        "Validasi",
        "Hitung Capaian",
        "Perbarui Ringkasan",
    ]
    assert akar.find("{http://schemas.microsoft.com/office/appforoffice/1.1}Id").text == "39f658d7-f006-401f-9e10-823db2319f44"
    # the package's version, so Office loads the ribbon again after an update (it was fixed at 1.0.0.0)
    assert akar.find("{http://schemas.microsoft.com/office/appforoffice/1.1}Version").text == versi_manifest(ikuxl.__version__)
    # ikuxl's own icons, served by the server itself (the admin centre fetches them from the manifest's URLs)
    ikon = sorted({u for u in re_ikon.findall(manifest)})
    assert ikon == [f"/images/ikuxl-{n}.png" for n in (16, 32, 64, 80)] and "xlwings-" not in manifest
    assert _url_ikon(akar) == {
        u: f"http://127.0.0.1:{server}/static/images/ikuxl-{n}.png" for u, n in zip(URUTAN_IKON, (32, 64, 16, 32, 80))
    }
    assert akar.find(f"{{{OFFICE}}}DisplayName").get("DefaultValue") == "IKU — Indikator Kinerja Utama"
    for u in ikon:
        status, isi = minta(server, "GET", "/static" + u)
        assert status == 200 and isi.startswith("\ufffdPNG")
    status, ribbon = minta(server, "GET", "/static/js/ribbon.js")
    assert status == 200 and all(f'"{f}"' in ribbon for f in ("iku-validasi", "iku-hitung", "iku-ringkasan"))

    meta = json.loads(minta(server, "GET", "/xlwings/custom-functions-meta")[1])
    assert {f["name"] for f in meta["functions"]} == {"ANGKA", "CAPAIAN", "KATEGORI", "NILAI"}
    status, hasil = minta(server, "POST", FUNGSI, fungsi("CAPAIAN", [[7]], [[6.5]], [["negatif"]], [[None]]))
    assert status == 200 and json.loads(hasil)["result"][0][0] == pytest.approx(107.142857142857)
    status, aksi = minta(server, "POST", "/xlwings/custom-scripts-call/hitung_capaian", muatan(CONTOH))
    assert status == 200
    assert any(a["func"] == "alert" and "5 indikator dihitung" in a["args"][0] for a in json.loads(aksi)["actions"])


OFFICE = "http://schemas.microsoft.com/office/appforoffice/1.1"
BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0"
URUTAN_IKON = ("IconUrl", "HighResolutionIconUrl", "Iku.Ikon.16", "Iku.Ikon.32", "Iku.Ikon.80")


def _url_ikon(akar) -> dict[str, str]:
    """Every icon URL in a manifest: the add-in's own two and the ribbon's three, by name."""
    return {
        **{n: akar.find(f"{{{OFFICE}}}{n}").get("DefaultValue") for n in URUTAN_IKON[:2]},
        **{g.get("id"): g.get("DefaultValue") for g in akar.iter(f"{{{BT}}}Image") if g.get("DefaultValue")},
    }


def test_manifest_lingkungan_dev_di_samping_produksi_dan_ikon_publik(server_dev, server):
    """Issue 24: a test add-in (`--lingkungan dev`) installs beside production: its own Id (derived from the
    production Id, the same on every start), functions in namespace IKU_DEV (=IKU_DEV.CAPAIAN), a name and tab
    marked [dev]; with XLWINGS_URL_IKON its icons come from that public folder (the admin centre fetches them
    there), not from the intranet server. Production is unchanged (the test above)."""
    from ikuxl.excel.server import ID_MANIFEST, id_manifest_lingkungan

    status, manifest = minta(server_dev, "GET", "/manifest")
    assert status == 200
    akar = fromstring(manifest)
    id_dev = akar.find(f"{{{OFFICE}}}Id").text
    assert id_dev == id_manifest_lingkungan(ID_MANIFEST, "dev") and id_dev != ID_MANIFEST
    assert id_dev == id_manifest_lingkungan(ID_MANIFEST, "dev")  # deterministic
    assert fromstring(minta(server, "GET", "/manifest")[1]).find(f"{{{OFFICE}}}Id").text == ID_MANIFEST
    teks = {s.get("id"): s.get("DefaultValue") for s in akar.iter(f"{{{BT}}}String")}
    assert teks["Iku.Namespace"] == "IKU_DEV" and teks["Iku.Tab.Label"] == "IKU [dev]"
    assert akar.find(f"{{{OFFICE}}}DisplayName").get("DefaultValue") == "IKU — Indikator Kinerja Utama [dev]"
    assert akar.find(f"{{{OFFICE}}}Version").text == versi_manifest(ikuxl.__version__)
    assert _url_ikon(akar) == {u: f"{URL_IKON}/ikuxl-{n}.png" for u, n in zip(URUTAN_IKON, (32, 64, 16, 32, 80))}
    assert "/static/images" not in manifest
    # the functions are the same; a wrong name is answered with the names in this environment's namespace
    meta = json.loads(minta(server_dev, "GET", "/xlwings/custom-functions-meta")[1])
    assert {f["name"] for f in meta["functions"]} == {"ANGKA", "CAPAIAN", "KATEGORI", "NILAI"}
    status, hasil = minta(server_dev, "POST", FUNGSI, fungsi("CAPAIAN", [[7]], [[6.5]], [["negatif"]], [[None]]))
    assert status == 200 and json.loads(hasil)["result"][0][0] == pytest.approx(107.142857142857)
    status, pesan = minta(server_dev, "POST", FUNGSI, fungsi("TIDAK_ADA", [[1]]))
    assert status == 404 and "IKU_DEV.CAPAIAN" in pesan


def test_id_add_in_tiap_lingkungan_diturunkan_dari_id_produksi(tmp_path, monkeypatch):
    """Each non-production environment's Id: derived from the production Id (ikuxl's, or the agency's own),
    distinct, a UUID4 (xlwings Server accepts no other); an agency's own Id for an environment is kept."""
    import uuid

    from ikuxl.excel.server import ID_MANIFEST, LINGKUNGAN, id_manifest_lingkungan, lingkungan

    monkeypatch.chdir(tmp_path)
    for k in [k for k in os.environ if k.startswith("XLWINGS_")]:
        monkeypatch.delenv(k)
    env = lingkungan()
    id_ = {n: env[f"XLWINGS_MANIFEST_ID_{n.upper()}"] for n in LINGKUNGAN}
    assert id_["prod"] == ID_MANIFEST and len(set(id_.values())) == len(LINGKUNGAN)
    assert all(uuid.UUID(i).version == 4 for i in id_.values())
    assert id_["staging"] == id_manifest_lingkungan(ID_MANIFEST, "staging") == lingkungan()["XLWINGS_MANIFEST_ID_STAGING"]
    id_instansi = "0b3f3c1e-8d2a-4c57-9a55-3f1d2e4b6a70"
    (tmp_path / ".env").write_text(f"XLWINGS_MANIFEST_ID_PROD={id_instansi}\n", encoding="utf-8")
    monkeypatch.setenv("XLWINGS_MANIFEST_ID_QA", "6f1c2d3e-4b5a-4978-8c1d-2e3f4a5b6c7d")
    env = lingkungan()
    assert env["XLWINGS_MANIFEST_ID_DEV"] == id_manifest_lingkungan(id_instansi, "dev") != id_["dev"]
    assert env["XLWINGS_MANIFEST_ID_QA"] == "6f1c2d3e-4b5a-4978-8c1d-2e3f4a5b6c7d"


def test_serve_lingkungan_dan_url_ikon_salah_dikatakan_sebelum_mulai(serve_kering):
    """A --lingkungan xlwings Server does not know, or an icon address that is not a full http(s) URL (option,
    environment or .env), is said in Indonesian before anything is bound; good ones go on to the port check."""
    kasus = {
        "lingkungan salah": (("--lingkungan", "produksi"), {}, None, ["--lingkungan produksi", "dev, qa, uat, staging, prod"]),
        "url tanpa skema": (("--url-ikon", "www.instansi.go.id/ikon"), {}, None, ["XLWINGS_URL_IKON='www.instansi.go.id/ikon'"]),
        "url di lingkungan": (
            (),
            {"XLWINGS_URL_IKON": "ftp://x/ikon"},
            None,
            ["XLWINGS_URL_IKON='ftp://x/ikon'", "ikuxl-80.png"],
        ),
        "url di .env": ((), {}, "XLWINGS_URL_IKON=ikon/\n", ["XLWINGS_URL_IKON='ikon/'", "https://"]),
    }
    salah = {}
    for nama, (argumen, env, dotenv, pesan) in kasus.items():
        kode, keluaran, dibuka = serve_kering(*argumen, env=env, dotenv=dotenv)
        if kode == 0 or dibuka or "Traceback" in keluaran or not all(p in keluaran for p in pesan):
            salah[nama] = (kode, keluaran, dibuka)
    assert salah == {}
    kode, keluaran, dibuka = serve_kering("--lingkungan", "uat", "--url-ikon", URL_IKON)
    assert dibuka == ["127.0.0.1"] and "tidak dapat dipakai" in keluaran


def test_versi_manifest_empat_angka_dari_versi_paket():
    """Office reads an add-in's version as four numbers: the package version's release numbers, padded or cut."""
    versi = ["0.1.0", "1.2", "2.0.0rc1", "1.10.3.dev2", "1.2.3.4.5", "3.0.0.post1", "2024.01"]
    assert [versi_manifest(v) for v in versi] == ["0.1.0.0", "1.2.0.0", "2.0.0.0", "1.10.3.0", "1.2.3.4", "3.0.0.0", "2024.1.0.0"]


def test_paket_server_diberi_batas_yang_diuji():
    """The [server] extra names what the server code imports (python-dotenv) and keeps xlwings Server below 2,
    since ikuxl reaches into its internals."""
    import tomllib

    from .conftest import AKAR

    server = tomllib.loads((AKAR / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["server"]
    assert any(r.startswith("xlwings-server>=") and r.endswith(",<2") for r in server), server
    assert any(r.startswith("python-dotenv") for r in server), server


def test_berkas_di_luar_folder_statis_tidak_dilayani(server, tmp_path):
    """Every form of a path out of the static folders gets 404 (issue 10: /static/../../etc/passwd was served),
    a symlink out of the folder too; the add-in's own files are still served."""
    naik = len(FOLDER.parts) + 2
    rahasia = tmp_path / "key.pem"
    rahasia.write_text("RAHASIA")
    tautan = FOLDER / "static" / f"uji-tautan-{os.getpid()}.pem"
    tautan.symlink_to(rahasia)
    try:
        jalur = [
            "/static/" + "../" * naik + "etc/passwd",
            "/static/../__init__.py",
            "/static/js/../../__init__.py",
            "/static/" + "%2e%2e/" * naik + "etc/passwd",
            "/static/" + "..%2f" * naik + "etc/passwd",
            "/static/" + "%2e%2e%2f" * naik + "etc/passwd",
            "/static/" + "%2E%2E%2F" * naik + "etc/passwd",
            "/static/" + "..\\" * naik + "etc\\passwd",
            "/static/" + "..%5c" * naik + "etc%5cpasswd",
            "/static//etc/passwd",
            "/static/%2fetc%2fpasswd",
            f"/static/{tautan.name}",
            "/static/" + "../" * naik + str(rahasia).lstrip("/"),
            "/favicon.ico/../../" + "../" * naik + "etc/passwd",
        ]
        dijawab = {j: minta(server, "GET", j) for j in jalur}
    finally:
        tautan.unlink()
    assert {j: s for j, (s, isi) in dijawab.items() if s != 404 or "root:" in isi or "RAHASIA" in isi} == {}
    for j in ("/static/js/ribbon.js", "/static/js/auth.js", "/manifest", "/favicon.ico"):
        assert minta(server, "GET", j)[0] == 200, j


def test_permintaan_rusak_dijawab_4xx_dengan_pesan(server):
    """A request Excel's add-in would not send gets a 4xx with a message (a 500 is retried by Excel)."""
    buku = muatan(CONTOH)
    buku["sheets"][1]["values"][4][6] = "Rumah \ud800 Layak"  # IKU!G5
    skrip = "/xlwings/custom-scripts-call/hitung_capaian"
    rusak = {
        "JSON rusak": (skrip, b"{bad", "bukan JSON"),
        "bukan UTF-8": (skrip, b"\xff\xfe{", "bukan JSON"),
        "bukan objek": (FUNGSI, b"[1]", "objek JSON"),
        "func_name angka": (FUNGSI, fungsi(5), "tidak dikenal"),
        "fungsi tak dikenal": (FUNGSI, fungsi("__class__"), "tidak dikenal"),
        "args objek": (FUNGSI, fungsi("ANGKA") | {"args": {"a": 1}}, "args"),
        "argumen kebanyakan": (FUNGSI, fungsi("ANGKA", [[1]], [[2]]), "jumlah argumen"),
        "baris tak sama": (FUNGSI, fungsi("ANGKA", [[1], [2, 3]]), "sama panjang"),
        "tanpa runtime": (FUNGSI, {k: v for k, v in fungsi("ANGKA", [[1]]).items() if k != "runtime"}, "runtime"),
        "surrogate di argumen": (FUNGSI, fungsi("ANGKA", [["9,5"], ["\ud800"]]), "argumen ke-1 fungsi ANGKA (baris 2, kolom 1)"),
        "surrogate di sel": (skrip, buku, "lembar IKU sel G5"),
        "buku kosong": (skrip, {}, "client"),
        "tanpa lembar": (skrip, {k: v for k, v in muatan(CONTOH).items() if k != "sheets"}, "tidak lengkap"),
        "skrip tak dikenal": ("/xlwings/custom-scripts-call/__loader__", muatan(CONTOH), "tidak dikenal"),
    }
    jawab = {nama: minta(server, "POST", jalur, isi) for nama, (jalur, isi, _) in rusak.items()}
    salah = {
        nama: jawab[nama]
        for nama, (_, _, pesan) in rusak.items()
        if not 400 <= jawab[nama][0] < 500 or pesan not in jawab[nama][1]
    }
    assert salah == {}
    status, hasil = minta(server, "POST", FUNGSI, fungsi("ANGKA", [["9,5"], ["1.234,5"]]))
    assert status == 200 and json.loads(hasil)["result"] == [[9.5], [1234.5]]


def test_badan_terlalu_besar_ditolak_sebelum_dibaca(server):
    """A Content-Length over the limit is answered 413 at once: the server does not wait for the body."""
    with socket.create_connection(("127.0.0.1", server), timeout=60) as s:
        s.sendall(
            f"POST {FUNGSI} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {BATAS_BYTE + 1}\r\n\r\n{{".encode()
        )
        jawab = b""
        while bagian := s.recv(65536):  # headers and body may come in separate packets; the server then closes
            jawab += bagian
    jawab = jawab.decode()
    assert jawab.startswith("HTTP/1.1 413") and "permintaan terlalu besar" in jawab


def test_sel_terlalu_banyak_ditolak(server):
    """Within the byte limit but over the cell limit: 413 naming the count, for a book and for a function."""
    baris = BATAS_SEL // 2 + 1
    status, pesan = minta(server, "POST", FUNGSI, fungsi("CAPAIAN", [[1]] * baris, [[2]] * baris, [["positif"]], [[None]]))
    assert status == 413 and "argumen fungsi CAPAIAN terlalu besar" in pesan and "sel" in pesan
    buku = muatan(CONTOH)
    buku["sheets"].append({**buku["sheets"][0], "name": "Data", "values": [[0] * 10] * (BATAS_SEL // 10 + 1)})
    status, pesan = minta(server, "POST", "/xlwings/custom-scripts-call/hitung_capaian", buku)
    assert status == 413 and f"buku {CONTOH.name} terlalu besar" in pesan


def test_permintaan_besar_tidak_menahan_yang_lain(server):
    """While a large (allowed) function call is computed, a /manifest asked after it is answered first.
    IKU.NILAI over many components: a long computation with a one-cell answer."""
    baris = BATAS_SEL // 4
    isi = json.dumps(fungsi("NILAI", [["[k1] + [k2]"]], [[f"k{i}"] for i in range(baris)], [[i] for i in range(baris)]))
    urutan = []
    terkirim = threading.Event()

    def besar():
        sambungan = http.client.HTTPConnection("127.0.0.1", server, timeout=600)
        sambungan.request("POST", FUNGSI, body=isi, headers={"Content-Type": "application/json"})
        terkirim.set()
        jawab = sambungan.getresponse()
        urutan.append(("besar", jawab.status, json.loads(jawab.read())["result"]))

    kerja = threading.Thread(target=besar)
    kerja.start()
    assert terkirim.wait(120)
    time.sleep(1)  # let the server start on it (not a measurement: only the order is asserted)
    status, _ = minta(server, "GET", "/manifest")
    urutan.append(("manifest", status))
    kerja.join(600)
    assert urutan == [("manifest", 200), ("besar", 200, [[3.0]])]


def test_pengaturan_instansi_dari_env_di_folder_kerja(tmp_path, monkeypatch):
    """`ikuxl serve` takes the agency's settings from a .env in the folder it is started in (licence key,
    authentication, environment), the process's environment first; it forces neither `prod` nor a licence."""
    from ikuxl.excel.server import ID_MANIFEST, lingkungan

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("XLWINGS_LICENSE_KEY", raising=False)
    monkeypatch.delenv("XLWINGS_ENVIRONMENT", raising=False)
    (tmp_path / ".env").write_text(
        'XLWINGS_LICENSE_KEY="kunci-instansi"\nXLWINGS_ENVIRONMENT=dev\nXLWINGS_AUTH_PROVIDERS=["entraid"]\nPATH=/jahat\n',
        encoding="utf-8",
    )
    env = lingkungan()
    assert env["XLWINGS_LICENSE_KEY"] == "kunci-instansi" and env["XLWINGS_ENVIRONMENT"] == "dev"
    assert env["XLWINGS_AUTH_PROVIDERS"] == '["entraid"]' and env["XLWINGS_PROJECT_DIR"] == str(FOLDER)
    assert "PATH" not in env  # only xlwings' settings come from the file
    monkeypatch.setenv("XLWINGS_ENVIRONMENT", "staging")  # the process's environment wins over the file
    assert lingkungan()["XLWINGS_ENVIRONMENT"] == "staging"
    (tmp_path / ".env").unlink()
    assert lingkungan()["XLWINGS_MANIFEST_ID_PROD"] == ID_MANIFEST and lingkungan()["XLWINGS_LICENSE_KEY"] == "noncommercial"


def test_serve_tanpa_paket_server_berkata_apa_yang_dipasang(monkeypatch):
    """Without the [server] extra, `ikuxl serve` says in Indonesian what to install (it was a raw traceback)."""
    from .bantu import ikuxl

    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed: importing it fails
    r = ikuxl("serve")
    assert r.returncode != 0 and "pip install 'ikuxl[server]'" in r.stdout + r.stderr


def test_pita_mengirim_hanya_lembar_yang_dibaca():
    """The ribbon sends the values of the sheets the scripts read, no more (a workbook's other sheets can be large)."""
    from ikuxl.excel.skrip import LEMBAR_DIKIRIM

    js = (FOLDER / "static" / "js" / "ribbon.js").read_text(encoding="utf-8")
    dibaca = json.loads(re.search(r"const DIBACA = (\[[^\]]*\]);", js)[1])
    assert dibaca == [n.lower() for n in LEMBAR_DIKIRIM]
    assert "include: await lembarDibaca()" in js and "enabled: aktif" in js


def test_port_terpakai_dikatakan_dalam_bahasa_indonesia():
    """A port another program holds: `ikuxl serve` says so in Indonesian (uvicorn's own message is English)."""
    from .bantu import ikuxl

    with socket.socket() as dipakai:
        dipakai.bind(("127.0.0.1", 0))
        dipakai.listen()
        port = dipakai.getsockname()[1]
        r = ikuxl("serve", "--port", port)
    assert (
        r.returncode != 0 and f"alamat 127.0.0.1:{port} tidak dapat dipakai (sudah dipakai program lain)" in r.stdout + r.stderr
    )


@pytest.fixture
def serve_kering(monkeypatch, tmp_path):
    """`ikuxl serve` in this process, opening nothing: every bind is recorded and refused (so a run that gets that
    far stops at the port check), uvicorn.run only recorded; the xlwings settings are this test's alone, from the
    environment or from a .env in the folder serve is started in."""
    import errno

    import uvicorn

    from .bantu import ikuxl

    dibuka = []

    def bind(self, alamat):
        dibuka.append(alamat[0])
        raise OSError(errno.EADDRINUSE, "dipakai")

    monkeypatch.setattr(socket.socket, "bind", bind)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: dibuka.append(("uvicorn.run", k.get("host"))))
    for k in [k for k in os.environ if k.startswith("XLWINGS_")]:
        monkeypatch.delenv(k)

    def jalankan(*argumen, env=None, dotenv=None):
        folder = tmp_path / f"jalan-{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        if dotenv is not None:
            (folder / ".env").write_text(dotenv, encoding="utf-8")
        with monkeypatch.context() as m:
            for k, v in (env or {}).items():
                m.setenv(k, v)
            r = ikuxl("serve", *argumen, cwd=folder)
        hasil = (r.returncode, r.stdout + r.stderr, list(dibuka))
        dibuka.clear()
        return hasil

    return jalankan


ENTRAID = {
    "XLWINGS_AUTH_PROVIDERS": '["entraid"]',
    "XLWINGS_AUTH_ENTRAID_TENANT_ID": "0b3f3c1e-8d2a-4c57-9a55-3f1d2e4b6a70",
    "XLWINGS_AUTH_ENTRAID_CLIENT_ID": "6f1c2d3e-4b5a-4978-8c1d-2e3f4a5b6c7d",
}
DOTENV_ENTRAID = "".join(f"{k}={v}\n" for k, v in ENTRAID.items())


def test_serve_menolak_host_jaringan_tanpa_autentikasi(serve_kering):
    """Issue 6: beyond loopback, no real authentication provider (none, [], xlwings Server's sample `custom`,
    from the environment or the .env) is refused before anything is bound, unless --tanpa-autentikasi says so;
    loopback stays open as before. Nothing is ever bound: the test's bind only records."""
    ditolak = {
        "tanpa pengaturan": ((), {}, None),
        "daftar kosong": ((), {"XLWINGS_AUTH_PROVIDERS": "[]"}, None),
        "contoh custom": ((), {"XLWINGS_AUTH_PROVIDERS": '["custom"]'}, None),
        "custom di .env": ((), {}, 'XLWINGS_AUTH_PROVIDERS=["custom"]\n'),
        "entraid dan custom di .env": ((), {}, DOTENV_ENTRAID.replace('["entraid"]', '["entraid", "custom"]')),
        "alamat jaringan": (("--host", "192.0.2.10"), {}, None),
        "IPv6 semua": (("--host", "::"), {}, None),
        "nama host": (("--host", "server-iku.example"), {}, None),
    }
    salah = {}
    for nama, (argumen, env, dotenv) in ditolak.items():
        argumen = argumen or ("--host", "0.0.0.0")
        kode, keluaran, dibuka = serve_kering(*argumen, env=env, dotenv=dotenv)
        if kode == 0 or dibuka or "--tanpa-autentikasi" not in keluaran or "server tidak dijalankan" not in keluaran:
            salah[nama] = (kode, keluaran, dibuka)
    assert salah == {}
    _, keluaran, _ = serve_kering("--host", "0.0.0.0", env={"XLWINGS_AUTH_PROVIDERS": '["custom"]'})
    assert "test-token" in keluaran  # why the sample is no authentication

    # allowed: the run goes on to the port check (the test's bind refuses it there)
    boleh = {
        "loopback 127.0.0.2": (("--host", "127.0.0.2"), {}, None, "127.0.0.2"),
        "localhost": (("--host", "localhost"), {"XLWINGS_AUTH_PROVIDERS": '["custom"]'}, None, "localhost"),
        "::1": (("--host", "::1"), {}, None, "::1"),
        "dengan --tanpa-autentikasi": (("--host", "0.0.0.0", "--tanpa-autentikasi"), {}, None, "0.0.0.0"),
        "entraid": (("--host", "0.0.0.0"), ENTRAID, None, "0.0.0.0"),
        "entraid di .env": (("--host", "0.0.0.0"), {}, DOTENV_ENTRAID, "0.0.0.0"),
    }
    for nama, (argumen, env, dotenv, host) in boleh.items():
        kode, keluaran, dibuka = serve_kering(*argumen, env=env, dotenv=dotenv)
        if dibuka != [host] or "tidak dapat dipakai" not in keluaran:
            salah[nama] = (kode, keluaran, dibuka)
    assert salah == {}
    _, keluaran, _ = serve_kering("--host", "0.0.0.0", "--tanpa-autentikasi")
    assert "peringatan" in keluaran  # the explicit flag still gets today's warning


def test_serve_pengaturan_autentikasi_salah_dikatakan_sebelum_mulai(serve_kering):
    """Issue 8: a mistyped authentication setting (environment or .env) is said in Indonesian before anything
    starts, naming the variable, its value and the accepted form (it printed "server running", then a traceback)."""
    kasus = {
        "tanpa kurung": ({"XLWINGS_AUTH_PROVIDERS": "entraid"}, None, ["XLWINGS_AUTH_PROVIDERS='entraid'", '["entraid"]']),
        "salah ketik": ({"XLWINGS_AUTH_PROVIDERS": '["entrad"]'}, None, ["""'["entrad"]'""", "tidak dikenal", '["entraid"]']),
        "JSON rusak": (
            {"XLWINGS_AUTH_PROVIDERS": '["entraid"'},
            None,
            ["""XLWINGS_AUTH_PROVIDERS='["entraid"'""", '["entraid"]'],
        ),
        "kosong": ({"XLWINGS_AUTH_PROVIDERS": ""}, None, ["XLWINGS_AUTH_PROVIDERS=''", "[]"]),
        "di .env": ({}, "XLWINGS_AUTH_PROVIDERS=entraid\n", ["XLWINGS_AUTH_PROVIDERS='entraid'", '["entraid"]']),
        "tanpa tenant": (
            {k: v for k, v in ENTRAID.items() if "TENANT" not in k},
            None,
            ["XLWINGS_AUTH_ENTRAID_TENANT_ID", "belum diisi", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"],
        ),
        "client bukan GUID": (
            ENTRAID | {"XLWINGS_AUTH_ENTRAID_CLIENT_ID": "ikuxl-app"},
            None,
            ["XLWINGS_AUTH_ENTRAID_CLIENT_ID='ikuxl-app'", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"],
        ),
        "peran tanpa kurung": (
            ENTRAID | {"XLWINGS_AUTH_REQUIRED_ROLES": "IKU.Pengguna"},
            None,
            ["XLWINGS_AUTH_REQUIRED_ROLES='IKU.Pengguna'", '["IKU.Pengguna"]'],
        ),
    }
    salah = {}
    for nama, (env, dotenv, pesan) in kasus.items():
        kode, keluaran, dibuka = serve_kering(env=env, dotenv=dotenv)
        if (
            kode == 0
            or dibuka
            or "Traceback" in keluaran
            or "xlwings Server di" in keluaran
            or not all(p in keluaran for p in pesan)
        ):
            salah[nama] = (kode, keluaran, dibuka)
    assert salah == {}


def test_serve_pengaturan_lain_yang_tak_terbaca_dikatakan(tmp_path):
    """Any other xlwings Server setting it cannot read is said in Indonesian before the server is announced
    (it printed "server running", then pydantic's traceback). A real process, on 127.0.0.1 only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")} | {"XLWINGS_ENVIRONMENT": "produksi"}
    r = subprocess.run(
        [sys.executable, "-m", "ikuxl", "serve", "--port", str(_port_bebas())],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    keluaran = r.stdout + r.stderr
    assert r.returncode != 0 and "Traceback" not in keluaran and "xlwings Server di" not in keluaran
    assert "XLWINGS_ENVIRONMENT='produksi'" in keluaran and "'prod'" in keluaran


NODE_ATUR_LEMBAR = r"""
const vm = require("vm"), fs = require("fs");
const [ribbon, data] = process.argv.slice(2).map((p) => fs.readFileSync(p, "utf-8"));
const log = [];
function tiruan(jalur) {  // any object of Excel's API: every call and assignment recorded
  return new Proxy(function () {}, {
    get: (t, k) => (k === "then" ? undefined : tiruan(jalur + "." + String(k))),
    set: (t, k, v) => (log.push([jalur + "." + String(k), v]), true),
    apply: (t, self, args) => (log.push([jalur, args]), tiruan(jalur + "()")),
  });
}
const context = {
  workbook: tiruan("workbook"),
  sync: async () => {  // Excel refuses to ungroup columns without a group: that batch fails
    const gagal = log.length && log[log.length - 1][0].endsWith(".ungroup");
    log.push(["sync", gagal]);
    if (gagal) throw new Error("InvalidOperation");
  },
};
const Office = { actions: { associate() {} }, context: { requirements: { isSetSupported: () => true } } };
const Excel = { GroupOption: { byColumns: "ByColumns" }, PaperType: {}, PageOrientation: {}, DataValidationOperator: {},
  DataValidationAlertStyle: {} };
const kotak = vm.createContext({ Office, Excel, console });
vm.runInContext(ribbon, kotak);
kotak.ikuxlAturLembar(context, data).then(() => console.log(JSON.stringify(log)));
"""


def test_pita_mengelompokkan_kolom_bantu(tmp_path):
    """The ribbon's Office.js callback groups each run of helper columns and collapses it (Range.group,
    hideGroupDetails), after ungrouping what an earlier run left (a failure there, no group, is not an error),
    and before the sheet is protected again. Run in Node with Excel's API recorded."""
    import shutil

    from ikuxl.aksi import rencana
    from ikuxl.excel.skrip import pengaturan_lembar
    from ikuxl.workbook.baca import baca_dokumen

    if not shutil.which("node"):
        pytest.skip("Node.js tidak terpasang")
    plan = rencana(baca_dokumen(WORKBOOKS / "iku-kalsel-2020-contoh-realisasi.xlsx"))[0]
    data = [pengaturan_lembar(plan["Realisasi"])]
    (tmp_path / "data.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "atur.js").write_text(NODE_ATUR_LEMBAR, encoding="utf-8")
    keluar = subprocess.run(
        ["node", tmp_path / "atur.js", FOLDER / "static" / "js" / "ribbon.js", tmp_path / "data.json"],
        capture_output=True,
        text=True,
        check=True,
    )
    log = json.loads(keluar.stdout)
    rentang = [args[0] for jalur, args in log if jalur.endswith(".getRange")]
    kelompok = [(jalur.rsplit(".", 1)[1], args) for jalur, args in log if jalur.endswith("group") or "GroupDetails" in jalur]
    (runtun,) = data[0]["kelompok_kolom"]
    assert kelompok == [("ungroup", ["ByColumns"]), ("group", ["ByColumns"]), ("hideGroupDetails", ["ByColumns"])]
    assert "A:" + runtun.split(":")[1] in rentang and runtun in rentang
    assert ["sync", True] in log  # the failed ungroup did not stop the callback
    urutan = [jalur for jalur, _ in log]
    assert max(i for i, j in enumerate(urutan) if "group" in j.lower()) < urutan.index(
        next(j for j in urutan if j.endswith("protection.protect"))
    )
