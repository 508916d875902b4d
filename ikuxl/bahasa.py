"""The command line in Indonesian throughout: the texts Typer prints itself ("Show this message and exit.",
"Missing argument", the help panels, the type labels). Typer looks some up through gettext at the moment it
prints them (its panel titles once, at import), so `pasang()` gives its modules a lookup in this catalogue;
the copy of Click inside it writes its texts in, so its errors and the usage line's placeholders are
translated as they are shown. A text in neither stays as the library wrote it."""

from __future__ import annotations

import importlib.abc
import importlib.util
import re
import sys

KATALOG = {
    # what Typer looks up through gettext (typer.core, typer.rich_utils)
    "Options": "Opsi",
    "Commands": "Perintah",
    "Arguments": "Argumen",
    "Error": "Galat",
    "Aborted!": "Dibatalkan.",
    "Aborted.": "Dibatalkan.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Ketik [blue]'{command_path} {help_option}'[/] untuk bantuan.",
    "[default: {}]": "[bawaan: {}]",
    "default: {default}": "bawaan: {default}",
    "[required]": "[wajib]",
    "(deprecated) ": "(usang) ",
    "[env var: {}]": "[variabel lingkungan: {}]",
    "env var: {var}": "variabel lingkungan: {var}",
    "Missing command.": "Perintah belum diberikan.",
    "No such command {name!r}.": "Perintah {name!r} tidak ada.",
    # the help of the help option, and of Typer's completion options (set on the command by ikuxl.cli.main)
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Install completion for the current shell.": "Pasang pelengkapan otomatis untuk shell ini.",
    "Show completion for the current shell, to copy it or customize the installation.": "Tampilkan skrip pelengkapan otomatis untuk shell ini, untuk disalin atau disesuaikan.",
}
# the type labels Typer shows beside each parameter (<str>, <bool>, …); a flag's needs none
JENIS = {
    "text": "teks",
    "str": "teks",
    "integer": "bilangan",
    "int": "bilangan",
    "float": "angka",
    "path": "jalur",
    "file": "berkas",
    "directory": "folder",
    "bool": None,
    "boolean": None,
}
KONSTAN_TYPER = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
    "DEFAULT_STRING": "[default: {}]",
    "ENVVAR_STRING": "[env var: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "DEPRECATED_STRING": "(deprecated) ",
}
# the placeholders of the usage line, written in without gettext
PENGGANTI_PAKAI = (("[OPTIONS]", "[OPSI]"), ("COMMAND [ARGS]...", "PERINTAH [ARGUMEN]..."))
# texts written in without gettext: errors are translated as they are shown, by pattern
POLA_GALAT = [
    (r"Missing argument (.+)\.", r"Argumen \1 belum diberikan."),
    (r"Missing option (.+)\.", r"Opsi \1 belum diberikan."),
    (r"Missing parameter: (.+)", r"Parameter belum diberikan: \1"),
    (r"Invalid value for (.+?): ", r"Nilai \1 tidak sah: "),
    (r"Input should be a valid number, unable to parse string as a number", "harus berupa angka"),
    (r"Input should be a valid integer, unable to parse string as an integer", "harus berupa bilangan bulat"),
    (r"No such command (.+?)\.", r"Perintah \1 tidak ada."),
    (r"No such option: (\S+)", r"Opsi tidak dikenal: \1"),
    (r"Did you mean (.+)\?", r"Maksudnya \1?"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", r"Ada argumen lebih yang tidak dikenal (\1)"),
    (r"\(Possible options: (.+)\)", r"(opsi yang ada: \1)"),
    (r"'[^']*' is not a valid float\.", "harus berupa angka"),
    (r"'[^']*' is not a valid int(?:eger)?\.", "harus berupa bilangan bulat"),
    (r"Could not open file (.+?): ", r"Berkas \1 tidak dapat dibuka: "),
    (r"Option (.+) requires an argument\.", r"Opsi \1 memerlukan satu nilai."),
    (r"(.+) is not one of (.+)\.", r"\1 bukan salah satu dari \2."),
]


def terjemah(teks: str) -> str:
    return KATALOG.get(teks, teks)


def terjemah_galat(pesan: str) -> str:
    for pola, ganti in POLA_GALAT:
        pesan = re.sub(pola, ganti, pesan)
    return pesan


def pasang() -> None:
    """Typer's own texts in Indonesian, for this process (its modules must be imported). Those of
    typer.rich_utils are put in when Typer imports it, to print help or an error: it imports rich.markdown,
    about 30 ms that a recalc does not need."""
    import typer.core
    from typer._click import core, formatting

    if getattr(core.Command.get_help_option, "_ikuxl", False):
        return
    typer.core._ = terjemah  # the modules of Typer (0.29, the floor) that look texts up through gettext
    bantuan_asli, pakai_asli = core.Command.get_help_option, formatting.HelpFormatter.write_usage

    def get_help_option(self, ctx):
        opsi = bantuan_asli(self, ctx)
        if opsi is not None and opsi.help:
            opsi.help = terjemah(opsi.help)
        return opsi

    def write_usage(self, prog, args="", prefix=None):
        for inggris, indonesia in PENGGANTI_PAKAI:
            args = args.replace(inggris, indonesia)
        return pakai_asli(self, prog, args, "Cara pakai: " if prefix is None else prefix)

    get_help_option._ikuxl = True
    core.Command.get_help_option = get_help_option
    formatting.HelpFormatter.write_usage = write_usage
    for kelas in (typer.core.TyperOption, typer.core.TyperArgument):
        kelas.display_type = _label_jenis(kelas.display_type)
    if "typer.rich_utils" in sys.modules:
        _pasang_rich(sys.modules["typer.rich_utils"])
    else:
        sys.meta_path.insert(0, _SesudahImpor())


class _SesudahImpor(importlib.abc.MetaPathFinder):
    """Runs _pasang_rich on typer.rich_utils as soon as it is imported."""

    def find_spec(self, nama, path, target=None):
        if nama != "typer.rich_utils":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(nama)
        jalankan = spec.loader.exec_module

        def exec_module(modul):
            jalankan(modul)
            _pasang_rich(modul)

        spec.loader.exec_module = exec_module
        return spec


def _pasang_rich(r) -> None:
    r._ = terjemah
    for nama, inggris in KONSTAN_TYPER.items():  # read through gettext when Typer was imported: look up again
        setattr(r, nama, terjemah(inggris))
    format_asli = r.rich_format_error

    def rich_format_error(e):
        pesan = terjemah_galat(e.format_message())
        e.format_message = lambda: pesan
        return format_asli(e)

    r.rich_format_error = rich_format_error


def _label_jenis(asli):
    def display_type(self, ctx):
        label = asli(self, ctx)
        if not label or not label.startswith("<"):
            return label
        inti = re.sub(r"^list\[(\w+)\]$", r"\1", label[1:-1]).lower()  # many values: the usage line's "..." says so
        jenis = JENIS.get(inti, inti)
        return f"<{jenis}>" if jenis else None

    return display_type
