#!/usr/bin/env python3
"""Diagnostic (not a test): plays the live loopback stream for SECONDS with one player
into a private PulseAudio null sink and prints, every 2 s, each busy thread's CPU share
and syscalls per second, of the player (p:) and of the PulseAudio server (s:).

It shows what docs/benchmarks.md calls spells: stretches of tens of seconds in which
the server's threads and the player's audio threads use 10-30 times their usual CPU
while their syscall counts stay the same. They come with ffplay as the player too.

With `none`, no player runs: only the server and a recorder on its sink's monitor
(the spells come all the same).

Usage: python3 bench/watch_threads.py [SECONDS] [meeluister|ffplay|none]
Needs a build (build/meeluister) and the test media (as bench_playback.py)."""
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
os.environ.setdefault("MEELUISTER_MEDIA", os.path.join(ROOT, "build", "tests", "media"))
os.environ.setdefault("MEELUISTER_BIN", os.path.join(ROOT, "build", "meeluister"))
os.environ.setdefault("MEELUISTER_TEST_DIR", os.path.join(ROOT, "tests"))

import harness as h  # noqa: E402
from bench_playback import ensure_media, task_ids  # noqa: E402

STEP = 2.0


def threads(pid):
    """{tid: (name, CPU ns, syscalls read, syscalls written)} from /proc."""
    out = {}
    for tid in task_ids(pid):
        base = f"/proc/{pid}/task/{tid}"
        try:
            with open(f"{base}/comm") as fh:
                name = fh.read().strip()
            runtime = 0.0
            with open(f"{base}/sched") as fh:
                for line in fh:
                    if line.startswith("se.sum_exec_runtime"):
                        runtime = float(line.split()[-1]) * 1e6  # ms -> ns
            with open(f"{base}/io") as fh:
                io = {k: int(v) for k, v in (line.split(":") for line in fh)}
        except (OSError, ValueError):
            continue
        out[tid] = (name, runtime, io.get("syscr", 0), io.get("syscw", 0))
    return out


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    player = sys.argv[2] if len(sys.argv) > 2 else "meeluister"
    ensure_media()
    with h.HlsServer() as srv, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        url = srv.url("/live/Stream(06)/prog_index.m3u8")
        cmds = {"meeluister": [os.environ["MEELUISTER_BIN"], "listen", url],
                "ffplay": ["ffplay", "-nodisp", "-loglevel", "error", url],
                "none": ["sleep", str(seconds + 5)]}
        if player == "none":
            pa.record(os.path.join(tmp, "monitor.wav"))
        proc = subprocess.Popen(cmds[player], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=pa.env())
        before = {}
        t0 = time.monotonic()
        try:
            while time.monotonic() - t0 < seconds and proc.poll() is None:
                time.sleep(STEP)
                row = []
                for tag, pid in (("p", proc.pid), ("s", pa.proc.pid)):
                    for tid, (name, ns, rd, wr) in sorted(threads(pid).items(), key=lambda x: int(x[0])):
                        old = before.get(tid, (name, 0.0, 0, 0))
                        before[tid] = (name, ns, rd, wr)
                        share = (ns - old[1]) / (STEP * 1e9) * 100
                        if share >= 0.05:
                            row.append(f"{tag}:{name[:10]} {share:.1f}% r{(rd - old[2]) / STEP:.0f} w{(wr - old[3]) / STEP:.0f}")
                print(f"{time.monotonic() - t0:5.1f}s  " + "  ".join(row), flush=True)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()


if __name__ == "__main__":
    main()
