// Runs Python code in Pyodide under Node.js for tests/test_lite.py: the wheels of a folder are unpacked
// into site-packages (nothing is fetched), the machine's hunspell dictionaries are mounted where CPython
// finds them (so spelling is checked alike), then the Python file given is run; what it prints is the answer.
//   node tests/pyodide_jalan.mjs PYODIDE_DIR WHEEL_DIR SCRIPT.py
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelDir, skrip] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const py = await loadPyodide({ indexURL: pyodideDir + "/" });
for (const f of readdirSync(wheelDir).filter((f) => f.endsWith(".whl"))) {
  py.FS.writeFile(`/tmp/${f}`, readFileSync(`${wheelDir}/${f}`));
}
await py.runPythonAsync(`
import glob, site, zipfile
for w in sorted(glob.glob("/tmp/*.whl")):
    zipfile.ZipFile(w).extractall(site.getsitepackages()[0])
`);
const kamus = "/usr/share/hunspell";
if (existsSync(kamus)) {
  py.FS.mkdirTree(kamus);
  py.FS.mount(py.FS.filesystems.NODEFS, { root: kamus }, kamus);
}
py.setStdout({ batched: (s) => console.log(s) });
await py.runPythonAsync(readFileSync(skrip, "utf8"));
