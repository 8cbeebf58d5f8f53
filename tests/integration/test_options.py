#!/usr/bin/env python3
"""Options and messages: every command answers --hulp, -h and `meeluister help COMMAND`
with its usage and options in Dutch on stdout (exit 0); the old English option names still
work; `--` ends the options; usage errors and errors that end a command go to stderr (a
redirected stdout does not keep them) with exit 2 and 1; and every option of the
program's own table (`meeluister --opties`) is in both man pages."""
import os
import re
import subprocess
import tempfile

import harness as h

COMMANDS = ["listen", "demo", "today", "show", "read", "say", "normalize"]


def run(*args, env=None, timeout=60):
    p = subprocess.run([h.binary(), *args], stdin=subprocess.DEVNULL, capture_output=True,
                       env=env if env is not None else h.base_env(), timeout=timeout)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def option_table():
    rc, out, err = run("--opties")
    h.check(rc == 0 and out, f"--opties: {rc} {err}")
    table = {}
    for line in out.splitlines():
        command, *names = line.split()
        table.setdefault(command, []).append(names)
    return table


def test_every_command_has_help_in_dutch():
    table = option_table()
    for command in COMMANDS:
        outputs = []
        for args in ([command, "--hulp"], [command, "--help"], [command, "-h"], ["help", command], ["hulp", command]):
            rc, out, err = run(*args)
            h.check(rc == 0 and not err, f"{args}: exit {rc}, stderr {err!r}")
            h.check(out.startswith(f"Gebruik: meeluister {command}"), f"{args}: no usage line: {out[:200]!r}")
            h.check("Onbekende optie" not in out, f"{args}: {out!r}")
            outputs.append(out)
        h.check(all(o == outputs[0] for o in outputs), f"{command}: the help differs between the ways of asking")
        for names in table[command]:
            h.check(f"  {names[0]} " in outputs[0] or f"  {names[0]}:" in outputs[0],
                    f"{command} --hulp does not name {names[0]}")
            for old in names[1:]:
                h.check(old in outputs[0], f"{command} --hulp does not name the old name {old}")
        # Help after "--" is text, not a request for help.
    rc, out, _ = run("normalize", "--", "--hulp")
    h.check(rc == 0 and "Gebruik" not in out, f"normalize -- --hulp printed help: {out!r}")
    for args in (["--hulp"], ["-h"], ["help"], ["--help"]):
        rc, out, err = run(*args)
        h.check(rc == 0 and out.startswith("Gebruik: meeluister") and all(c in out for c in COMMANDS),
                f"{args}: {rc} {out[:200]!r} {err!r}")
    rc, out, _ = run("--versie")
    h.check(rc == 0 and out.startswith("meeluister "), f"--versie: {rc} {out!r}")
    rc, _, err = run("help", "bestaatniet")
    h.check(rc == 2 and "onbekende opdracht" in err, f"help bestaatniet: {rc} {err!r}")


def test_options_are_dutch_and_old_names_still_work():
    table = option_table()
    for command, rows in table.items():
        for names in rows:
            h.check(re.fullmatch(r"--[a-z][a-z-]*", names[0]), f"{command}: odd option name {names[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, extra in (("nieuw.wav", ["--uitvoer"]), ("oud.wav", ["--output"])):
            path = os.path.join(tmp, name)
            rate = "--spraaksnelheid" if extra[0] == "--uitvoer" else "--rate"
            rc, out, err = run("say", "Goedemorgen.", *extra, path, rate, "300")
            h.check(rc == 0 and os.path.getsize(path) > 10000, f"say {extra}: {rc} {out!r} {err[-300:]}")
    rc, out, err = run("today", "--voorbeeld", "--datum", "2023-12-21")
    rc2, out2, err2 = run("today", "--example", "--date", "2023-12-21")
    h.check(rc == 0 and out == out2 and "Thorbeckezaal" in out, f"today old and new names: {rc} {out!r} {out2!r} {err}")


def test_double_dash_ends_options():
    rc, out, err = run("normalize", "--", "--uitvoer", "-5")
    h.check(rc == 0 and "uitvoer" in out and "min vijf" in out, f"normalize -- ...: {rc} {out!r} {err!r}")
    rc, out, err = run("normalize", "--uitvoer", "x")
    h.check(rc == 2 and "Onbekende optie" in err and not out, f"normalize --uitvoer: {rc} {out!r} {err!r}")
    # A global flag after "--" is text too.
    rc, out, err = run("normalize", "--", "--uitvoerig")
    h.check(rc == 0 and "uitvoerig" in out, f"normalize -- --uitvoerig: {rc} {out!r}")


def test_errors_go_to_stderr_not_stdout():
    with tempfile.TemporaryDirectory() as tmp:
        env = h.base_env({"XDG_CACHE_HOME": tmp, "HOME": tmp})
        cases = ((["listen"], 2, "Gebruik"), (["say", "x", "--bogus"], 2, "Onbekende optie: --bogus"),
                 (["show", "keuken", "--offline"], 1, "Onbekend debat"),
                 (["bestaatniet"], 2, "onbekende opdracht"),
                 (["say", "x", "--uitvoer", os.path.join(tmp, "x.mp3")], 2, ".wav, .flac"),
                 (["say", "x", "--uitvoer", os.path.join(tmp, "geen", "map", "x.wav")], 1, "meeluister:"))
        for args, code, says in cases:
            rc, out, err = run(*args, env=env)
            h.check(rc == code and says in err and out == "", f"{args}: expected exit {code}, '{says}' on stderr and "
                    f"nothing on stdout: {rc} {out!r} {err!r}")
            h.check(err.startswith("meeluister: "), f"{args}: {err!r}")


def man_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read().replace("\\-", "-")


def test_man_pages_name_every_option():
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "man")
    pages = {"en": man_text(os.path.join(src, "meeluister.1")), "nl": man_text(os.path.join(src, "nl", "meeluister.1"))}
    table = option_table()
    for lang, text in pages.items():
        for command in COMMANDS:
            h.check(re.search(r"\b" + command + r"\b", text), f"{lang} man page lacks the command {command}")
        for command, rows in table.items():
            for names in rows:
                for name in names:
                    h.check(re.search(re.escape(name) + r"(?![\w-])", text),
                            f"{lang} man page lacks {name} ({command})")
        for must in ("XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "/etc/xdg", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                     "MPRIS", "130", "143", "NO_COLOR", "MEELUISTER_DATA_DIR", "keys.conf", "config.voorbeeld",
                     "meeluister.desktop", "-h"):
            h.check(must in text, f"{lang} man page lacks {must}")
    for path in (os.path.join(src, "meeluister.1"), os.path.join(src, "nl", "meeluister.1")):
        p = subprocess.run(["man", "--warnings", "-l", "-Tutf8", path], capture_output=True, timeout=60,
                           env=dict(os.environ, MANWIDTH="80"))
        h.check(p.returncode == 0 and not p.stderr.strip(), f"man {path}: {p.stderr.decode()[:500]}")


if __name__ == "__main__":
    h.main(globals())
