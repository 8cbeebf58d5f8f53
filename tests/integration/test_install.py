#!/usr/bin/env python3
"""`cmake --install` puts the program, its voices and data, the man page and the guides
under a prefix, and the installed program runs from anywhere: it finds its voice and the
bundled example without the source tree (MEELUISTER_DATA_DIR unset, another working
folder, the source tree's data out of reach is not needed)."""
import os
import subprocess
import tempfile

import harness as h


def test_installed_program_runs_from_anywhere():
    build = os.path.dirname(h.binary())
    with tempfile.TemporaryDirectory() as prefix, tempfile.TemporaryDirectory() as elsewhere:
        r = subprocess.run(["cmake", "--install", build, "--prefix", prefix], capture_output=True, timeout=120)
        h.check(r.returncode == 0, f"cmake --install failed: {r.stderr.decode()[-800:]}")
        exe = os.path.join(prefix, "bin", "meeluister")
        share = os.path.join(prefix, "share", "meeluister")
        for path in (exe, os.path.join(share, "voices", "meeluister-nl"), os.path.join(share, "data", "keys.conf"),
                     os.path.join(share, "data", "example", "stream", "index.m3u8"),
                     os.path.join(prefix, "share", "man", "man1", "meeluister.1"),
                     os.path.join(prefix, "share", "doc", "meeluister", "gebruik.md"),
                     os.path.join(prefix, "share", "man", "nl", "man1", "meeluister.1"),
                     os.path.join(prefix, "share", "applications", "meeluister.desktop"),
                     os.path.join(prefix, "share", "doc", "meeluister", "LICENSE"),
                     os.path.join(prefix, "share", "doc", "meeluister", "COPYRIGHT.md"),
                     os.path.join(prefix, "share", "doc", "meeluister", "copyright"),
                     os.path.join(share, "data", "config.voorbeeld")):
            h.check(os.path.exists(path), f"not installed: {os.path.relpath(path, prefix)}")
        env = h.base_env({"HOME": elsewhere, "XDG_CONFIG_HOME": elsewhere, "XDG_STATE_HOME": elsewhere})
        env.pop("MEELUISTER_DATA_DIR", None)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)

        def run(*args, timeout=60):
            p = subprocess.run([exe, *args], cwd=elsewhere, env=env, stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=timeout)
            return p.returncode, p.stdout.decode(), p.stderr.decode()

        rc, out, err = run("normalize", "Om 11.15 uur.")
        h.check(rc == 0 and "elf uur vijftien" in out, f"normalize from the install: {rc} {out!r} {err[-300:]}")
        wav = os.path.join(elsewhere, "stem.wav")
        rc, out, err = run("say", "Goedemorgen.", "--output", wav)
        h.check(rc == 0 and os.path.getsize(wav) > 10000, f"say from the install: {rc} {out!r} {err[-300:]}")
        rc, out, err = run("demo", "--null-output", "--duration", "2", "--geen-mpris")
        h.check(rc == 0 and "Gestopt na" in out, f"demo from the install: {rc} {out!r} {err[-300:]}")
        rc, out, err = run("demo", "--geen-geluid", "--duur", "2", "--geen-mpris")
        h.check(rc == 0 and "Gestopt na" in out, f"demo (Dutch options) from the install: {rc} {out!r} {err[-300:]}")
        for root, dirs, files in os.walk(prefix):
            h.check("meeluister-bronmap" not in files, "the build tree's source-path file was installed")
        rc, out, err = run("show", "voorbeeld")
        h.check(rc == 0 and "Thorbeckezaal" in out, f"show voorbeeld from the install: {rc} {err[-300:]}")


if __name__ == "__main__":
    h.main(globals())
