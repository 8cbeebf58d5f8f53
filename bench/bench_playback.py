#!/usr/bin/env python3
"""Benchmark (not a test): the same live loopback HLS stream (the Kamer's shape: fMP4
AAC, 3.84 s segments, a sliding window) played for SECONDS by meeluister, ffplay
-nodisp and mpv --no-video, one after the other in one run, each into the same
private PulseAudio null sink. Prints per player: CPU seconds (user+sys), peak RSS,
and time to first audio at the sink (from the player's start to the first sound the
sink's monitor recorded), and each player's busiest threads over the second half
of the run (from /proc/PID/task/*/stat), to tell a spinning audio thread from work.

Usage: python3 bench/bench_playback.py [SECONDS] [ROUNDS]
Needs a build (build/meeluister) and the test media (ctest -R make_fixtures, or it is
made here)."""
import os
import resource
import shutil
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


def ensure_media():
    media = os.environ["MEELUISTER_MEDIA"]
    if not os.path.isfile(os.path.join(media, "fixtures.json")):
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "server", "make_fixtures.py"), media],
                       check=True)


def first_sound(wav, threshold=300):
    samples, rate, _, _ = h.load_audio(wav)
    for i, v in enumerate(samples):
        if v > threshold or v < -threshold:
            return i / rate
    return None


def peak_rss_kb(pid):
    """The process's own resident high-water mark (VmHWM), reset at exec."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


TICK = os.sysconf("SC_CLK_TCK")


def thread_cpu(pid):
    """{thread id: (name, CPU seconds)} from /proc/PID/task/*/stat."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as fh:
                text = fh.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        out[tid] = (name, (int(fields[11]) + int(fields[12])) / TICK)
    return out


def describe_threads(first, last, seconds):
    """Per-thread CPU share over the second half of the run, busiest first."""
    rows = []
    for tid, (name, cpu) in last.items():
        before = first.get(tid, (name, 0.0))[1]
        rows.append((cpu - before, name))
    rows.sort(reverse=True)
    return ", ".join(f"{name} {100 * used / seconds:.1f}%" for used, name in rows[:4] if used > 0)


def process_cpu(pid):
    """CPU seconds (user + system) a process has used so far, from /proc/PID/stat."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            text = fh.read()
    except OSError:
        return float("nan")
    fields = text[text.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def run_one(name, cmd, pa, seconds, tmp):
    wav = os.path.join(tmp, f"{name}.wav")
    server_before = process_cpu(pa.proc.pid)
    rec = pa.record(wav)
    time.sleep(0.5)
    rec_started = time.monotonic() - 0.5
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=pa.env())
    deadline = t0 + seconds
    hwm_kb = 0
    half = None
    while time.monotonic() < deadline and proc.poll() is None:
        hwm_kb = max(hwm_kb, peak_rss_kb(proc.pid))
        if half is None and time.monotonic() >= t0 + seconds / 2:
            half = thread_cpu(proc.pid)
        time.sleep(0.1)
    hwm_kb = max(hwm_kb, peak_rss_kb(proc.pid))
    threads = describe_threads(half or {}, thread_cpu(proc.pid), seconds / 2)
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    usage = None
    end = time.monotonic() + 10  # a player that ignores SIGINT (mpv once did) is killed
    while usage is None:
        try:
            pid, _, ru = os.wait4(proc.pid, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == proc.pid:
            usage = ru
        elif time.monotonic() > end:
            proc.kill()
            end = float("inf")
        else:
            time.sleep(0.05)
    time.sleep(0.3)
    server = process_cpu(pa.proc.pid) - server_before
    rec.stop()
    fs = first_sound(wav)
    first = None if fs is None else fs - (t0 - rec_started)
    cpu = (usage.ru_utime + usage.ru_stime) if usage else float("nan")
    # Not ru_maxrss: Linux keeps the forked Python's size in it across exec.
    rss_mb = hwm_kb / 1024.0
    return cpu, rss_mb, first, threads, server


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    ensure_media()
    players = {"meeluister": None, "meeluister-null": None, "ffplay": shutil.which("ffplay"),
               "mpv": shutil.which("mpv")}
    results = {k: [] for k in players}
    with h.HlsServer() as srv, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        url = srv.url("/live/Stream(06)/prog_index.m3u8")
        cmds = {
            "meeluister": [os.environ["MEELUISTER_BIN"], "listen", url],
            # The same pipeline without the sound device: meeluister's own cost, without
            # PortAudio's ALSA enumeration (which loads every ALSA plugin; see docs).
            "meeluister-null": [os.environ["MEELUISTER_BIN"], "listen", url, "--null-output"],
            "ffplay": ["ffplay", "-nodisp", "-loglevel", "error", url],
            "mpv": ["mpv", "--no-video", "--no-terminal", "--audio-display=no", url],
        }
        for r in range(rounds):
            for name, exe in players.items():
                if not name.startswith("meeluister") and exe is None:
                    continue
                results[name].append(run_one(f"{name}{r}", cmds[name], pa, seconds, tmp))
    print(f"Live loopback HLS (fMP4 AAC 96 kb/s, 48 kHz stereo), {seconds:.0f} s per run, "
          f"{rounds} round(s), PulseAudio null sink")
    print(f"{'player':<16}{'CPU s':>10}{'peak RSS MB':>14}{'first audio s':>16}{'server CPU s':>15}")
    for name, runs in results.items():
        for cpu, rss, first, _, server in runs:
            fa = "-" if first is None else f"{first:.3f}"
            print(f"{name:<16}{cpu:>10.2f}{rss:>14.1f}{fa:>16}{server:>15.2f}")
    print("\n(server CPU: the PulseAudio server's own CPU time during that run, recorder included;"
          "\n it rises with the player's when this machine makes all audio IPC dearer for a while.)")
    print("\nBusiest threads over the second half of each run (share of one core):")
    for name, runs in results.items():
        for r, (_, _, _, threads, _) in enumerate(runs):
            print(f"{name:<16}round {r + 1}: {threads or '-'}")


if __name__ == "__main__":
    main()
