#!/usr/bin/env python3
"""The program names neither its source nor its build folder (it finds an uninstalled
build's data through build/meeluister-bronmap), and still plays the example from the build
tree. With MEELUISTER_REPRO_FULL=1, scripts/check-reproducible.sh also builds it twice in two
differently named folders and compares the two bit for bit (slow: two builds)."""
import os
import subprocess

import harness as h

ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def test_binary_names_no_build_or_source_folder():
    exe = os.path.realpath(h.binary())
    with open(exe, "rb") as f:
        data = f.read()
    for folder in {ROOT, os.path.dirname(exe)}:
        h.check(folder.encode() not in data, f"{exe} holds the path {folder}")
    marker = os.path.join(os.path.dirname(exe), "meeluister-bronmap")
    h.check(os.path.exists(marker), "the build tree has no meeluister-bronmap")
    env = h.base_env()
    env.pop("MEELUISTER_DATA_DIR", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    p = subprocess.run([exe, "demo", "--geen-geluid", "--duur", "1", "--geen-mpris"], cwd="/", env=env,
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    h.check(p.returncode == 0 and b"Gestopt na" in p.stdout, f"demo from the build tree: {p.returncode} "
            f"{p.stdout.decode()!r} {p.stderr.decode()[-300:]}")


def test_two_builds_are_identical():
    if os.environ.get("MEELUISTER_REPRO_FULL") != "1":
        print("skipped: set MEELUISTER_REPRO_FULL=1 (two full builds)")
        return
    p = subprocess.run([os.path.join(ROOT, "scripts", "check-reproducible.sh")], capture_output=True, timeout=3600)
    h.check(p.returncode == 0, f"check-reproducible.sh: {p.stdout.decode()} {p.stderr.decode()[-1500:]}")


if __name__ == "__main__":
    h.main(globals())
