#!/usr/bin/env python3
"""`cpack -G DEB` (scripts/make-deb.sh) makes a Debian package that holds the program, its
voice, the example debate, both man pages, the desktop entry and the copyright, whose
Depends (from dpkg-shlibdeps) name the shared libraries' packages, and whose contents,
unpacked with `dpkg -x` into a temporary folder (never installed on this machine), run:
the demo plays offline from another working folder. The desktop entry validates."""
import os
import shutil
import subprocess
import tempfile

import harness as h

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def test_deb_holds_everything_and_runs_unpacked():
    build = os.path.dirname(h.binary())
    with tempfile.TemporaryDirectory() as tmp:
        r = subprocess.run([os.path.join(ROOT, "scripts", "make-deb.sh"), build, os.path.join(tmp, "out")],
                           capture_output=True, timeout=280)
        h.check(r.returncode == 0, f"make-deb.sh failed: {r.stderr.decode()[-1500:]}")
        deb = r.stdout.decode().strip().splitlines()[-1]
        info = subprocess.run(["dpkg-deb", "--field", deb], capture_output=True, text=True, check=True).stdout
        fields = {}
        for line in info.splitlines():
            if line and not line.startswith(" ") and ":" in line:
                k, v = line.split(":", 1)
                fields[k] = v.strip()
        h.check(fields.get("Package") == "meeluister" and fields.get("Section") == "sound"
                and fields.get("Version", "").startswith("0.") and fields.get("Maintainer"), f"control: {info}")
        depends = fields.get("Depends", "")
        for pkg in ("libavformat59", "libportaudio2", "libespeak-ng1", "libcurl4", "libsndfile1", "libsoxr0",
                    "libsonic0", "espeak-ng-data", "tzdata"):
            h.check(pkg in depends, f"Depends lacks {pkg}: {depends}")
        contents = subprocess.run(["dpkg-deb", "--contents", deb], capture_output=True, text=True, check=True).stdout
        paths = {line.split()[-1].lstrip(".") for line in contents.splitlines()}
        for path in ("/usr/bin/meeluister", "/usr/share/meeluister/voices/meeluister-nl",
                     "/usr/share/meeluister/data/keys.conf", "/usr/share/meeluister/data/config.voorbeeld",
                     "/usr/share/meeluister/data/example/stream/index.m3u8", "/usr/share/man/man1/meeluister.1",
                     "/usr/share/man/nl/man1/meeluister.1", "/usr/share/applications/meeluister.desktop",
                     "/usr/share/doc/meeluister/copyright", "/usr/share/doc/meeluister/LICENSE"):
            h.check(path in paths, f"the package lacks {path}")
        h.check(not any("bronmap" in p for p in paths), "the build tree's source-path file was packed")
        root = os.path.join(tmp, "root")
        subprocess.run(["dpkg-deb", "-x", deb, root], check=True, timeout=60)
        copyright = open(os.path.join(root, "usr/share/doc/meeluister/copyright"), encoding="utf-8").read()
        h.check("License: GPL-3+" in copyright, "copyright does not say GPL-3+")
        elsewhere = os.path.join(tmp, "elders")
        os.makedirs(elsewhere)
        env = h.base_env({"HOME": elsewhere, "XDG_CONFIG_HOME": elsewhere, "XDG_STATE_HOME": elsewhere,
                          "XDG_CACHE_HOME": elsewhere})
        env.pop("MEELUISTER_DATA_DIR", None)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        p = subprocess.run([os.path.join(root, "usr/bin/meeluister"), "demo", "--geen-geluid", "--duur", "2",
                            "--geen-mpris"], cwd=elsewhere, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=60)
        out = p.stdout.decode()
        h.check(p.returncode == 0 and "Gestopt na" in out, f"demo from the unpacked package: {p.returncode} {out!r} "
                f"{p.stderr.decode()[-400:]}")
        with open(os.path.join(root, "usr/bin/meeluister"), "rb") as f:
            h.check(os.path.abspath(ROOT).encode() not in f.read(), "the packaged binary names the source tree")


def test_desktop_entry_validates_and_matches_mpris():
    path = os.path.join(ROOT, "dist", "meeluister.desktop")
    text = open(path, encoding="utf-8").read()
    for must in ("Terminal=true", "Name[nl]=", "Comment[nl]=", "Comment=", "Categories=AudioVideo;Audio;Player;",
                 "Exec=meeluister"):
        h.check(must in text, f"desktop entry lacks {must}")
    # MPRIS's DesktopEntry is the file's name without .desktop.
    vtable = open(os.path.join(ROOT, "src", "lib", "sdbus", "MprisVtable.cpp"), encoding="utf-8").read()
    h.check('p == "DesktopEntry"' in vtable and '"s", "meeluister"' in vtable, "MPRIS names another desktop entry")
    if shutil.which("desktop-file-validate"):
        r = subprocess.run(["desktop-file-validate", path], capture_output=True, text=True)
        h.check(r.returncode == 0 and not r.stdout.strip(), f"desktop-file-validate: {r.stdout} {r.stderr}")


if __name__ == "__main__":
    h.main(globals())
