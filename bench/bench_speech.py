#!/usr/bin/env python3
"""Benchmark (not a test): meeluister's speech at a private PulseAudio null sink.

1. Time from a `say` request (the program's start) to the first speech sample the sink
   played, per round.
2. Stop latency: `say` with a long text, SIGINT after 1.5 s; time from the signal to the
   last speech sample the sink played (this includes the device's own buffer).

The sink's monitor is recorded for the whole run; the recording's length in frames, read
from its growing file just before each request, maps wall time onto the sink's clock
(the recorder writes every ~20 ms, so figures are upper bounds by about that much).

Usage: python3 bench/bench_speech.py [ROUNDS]   (needs build/meeluister)"""
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

SHORT = "Agendapunt drie: de begroting van Binnenlandse Zaken."
LONG = " ".join(["De Tweede Kamer vergadert vandaag over de begroting van Binnenlandse Zaken."] * 8)
FRAME_BYTES = 4  # 16-bit stereo


def recorded_bytes(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def run(cmd, env):
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)


def sound_after(samples, start, threshold=0.01):
    idx = h.first_sound(samples[start:], threshold)
    return None if idx is None else start + idx


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    binary = os.environ["MEELUISTER_BIN"]
    marks = []  # (kind, bytes at the request, bytes at the signal or None)
    with h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "sink.wav")
        rec = pa.record(wav)
        time.sleep(0.5)
        for _ in range(rounds):
            b0 = recorded_bytes(wav)
            proc = run([binary, "say", SHORT], pa.env())
            proc.wait(timeout=30)
            time.sleep(0.3)
            marks.append(("first", b0, None))
        for _ in range(rounds):
            b0 = recorded_bytes(wav)
            proc = run([binary, "say", LONG], pa.env())
            time.sleep(1.5)
            b_sig = recorded_bytes(wav)
            t_sig = time.monotonic()
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
            exit_s = time.monotonic() - t_sig
            time.sleep(0.5)
            marks.append(("stop", b0, (b_sig, exit_s)))
        time.sleep(0.3)
        rec.stop()
        samples, rate, _, frames = h.load_audio(wav)
        header = os.path.getsize(wav) - frames * FRAME_BYTES

    def frame(b):
        return max(0, (b - header) // FRAME_BYTES)

    firsts, stops, exits = [], [], []
    for i, (kind, b0, extra) in enumerate(marks):
        start = frame(b0)
        first = sound_after(samples, start)
        if first is None:
            print(f"round {i}: no sound heard")
            continue
        if kind == "first":
            firsts.append((first - start) / rate)
        else:
            b_sig, exit_s = extra
            sig = frame(b_sig)
            end = sig
            # the last sound before the next long stretch of silence after the signal
            quiet = 0
            for n in range(sig, min(len(samples), sig + 2 * rate)):
                if abs(samples[n]) >= 328:
                    end, quiet = n, 0
                else:
                    quiet += 1
                    if quiet > rate // 2:
                        break
            stops.append((end - sig) / rate)
            exits.append(exit_s)

    def show(name, values):
        if values:
            v = sorted(values)
            print(f"{name}: median {1000 * v[len(v) // 2]:.0f} ms, min {1000 * v[0]:.0f} ms, "
                  f"max {1000 * v[-1]:.0f} ms ({len(v)} rounds)")

    show("say request -> first speech sample at the sink", firsts)
    show("SIGINT -> last speech sample at the sink", stops)
    show("SIGINT -> process exit", exits)


if __name__ == "__main__":
    main()
