#!/usr/bin/env python3
"""The README's two commands install two different sets of Debian packages.

The run command (scripts/demo.sh) installs only what building and running meeluister
needs: never a sound server (a listener's desktop runs PipeWire or PulseAudio already,
and a second one can disturb the screen reader's own audio) and never test tools. The
test command installs the run set plus the test tools. Checked against apt's own view of
the packages' dependencies (the local package lists; nothing is fetched or installed),
and by configuring a build the way demo.sh does: the program alone, no test targets."""
import os
import subprocess
import tempfile

import harness as h

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "install-deps.sh")

# What must never come onto a listener's machine through the run command.
SOUND_SERVERS = {"pulseaudio", "pipewire", "pipewire-pulse", "pipewire-bin", "wireplumber", "jackd", "jackd2"}
TEST_TOOLS = {"yasr", "speech-dispatcher", "clang-14", "libgtest-dev", "libgmock-dev", "mpv", "ffmpeg",
              "playerctl", "pulseaudio-utils", "libasound2-plugins", "libpugixml-dev"}


def package_set(name):
    r = subprocess.run(["bash", SCRIPT, name, "--list"], capture_output=True, text=True, timeout=30)
    h.check(r.returncode == 0, f"install-deps.sh {name} --list: {r.returncode} {r.stderr}")
    return [p for p in r.stdout.split() if p]


def closure(packages):
    """Every package apt would bring in for `packages` (Depends and Pre-Depends only, as
    install-deps.sh installs with --no-install-recommends)."""
    r = subprocess.run(["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
                        "--no-breaks", "--no-replaces", "--no-enhances", *packages],
                       capture_output=True, text=True, timeout=120)
    return {line.strip() for line in r.stdout.splitlines() if line and not line.startswith(" ")}


def test_run_set_has_no_sound_server_and_no_test_tools():
    run = package_set("run")
    test = package_set("test")
    h.check(len(run) >= 10, f"the run set is suspiciously small: {run}")
    h.check(set(run) <= set(test), f"the test set lacks run packages: {set(run) - set(test)}")
    h.check(not (set(run) & (SOUND_SERVERS | TEST_TOOLS)), f"the run set names: {set(run) & (SOUND_SERVERS | TEST_TOOLS)}")
    h.check({"pulseaudio", "yasr", "libgtest-dev", "clang-14"} <= set(test), "the test set lacks its tools")
    pulled = closure(run)
    # Without package lists apt-cache knows nothing and every check below would pass.
    h.check(len(pulled) > 100 and "libportaudio2" in pulled, f"apt's package lists look empty ({len(pulled)})")
    h.check(not (pulled & SOUND_SERVERS), f"the run set pulls in a sound server: {pulled & SOUND_SERVERS}")
    h.check(not (pulled & TEST_TOOLS), f"the run set pulls in test tools: {pulled & TEST_TOOLS}")


def test_unknown_set_is_refused():
    r = subprocess.run(["bash", SCRIPT, "alles"], capture_output=True, text=True, timeout=30)
    h.check(r.returncode == 2 and "run|test" in r.stderr, f"{r.returncode} {r.stderr!r}")


def test_run_build_configures_without_tests():
    """demo.sh's configuration: MEELUISTER_TESTS=OFF builds no test targets, so it needs
    neither gtest nor the fixtures' tools."""
    demo = open(os.path.join(ROOT, "scripts", "demo.sh")).read()
    h.check("install-deps.sh run" in demo and "-DMEELUISTER_TESTS=OFF" in demo and "BUILD_TARGET=meeluister" in demo,
            "demo.sh no longer installs the run set and builds the program alone")
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run(["cmake", "-S", ROOT, "-B", d, "-DMEELUISTER_TESTS=OFF"], capture_output=True, text=True,
                           timeout=300)
        h.check(r.returncode == 0, f"configure failed: {r.stderr[-800:]}")
        r = subprocess.run(["cmake", "--build", d, "--target", "help"], capture_output=True, text=True, timeout=60)
        h.check("meeluister" in r.stdout and "unit_tests" not in r.stdout,
                f"targets of a run build: {r.stdout[-800:]}")


if __name__ == "__main__":
    h.main(globals())
