#!/usr/bin/env python3
"""Benchmark (not a test): the same live loopback HLS stream (the Kamer's shape: fMP4
AAC, 3.84 s segments, a sliding window) played for SECONDS by meeluister (with the
sound device and with --null-output), ffplay -nodisp and mpv --no-video, side by side
in one run (started 0.3 s apart), each into its own null sink of one private
PulseAudio. Side by side, because this machine has spells of tens of seconds in which
every audio thread, the PulseAudio server's too, costs ten times as much (they come
with no player at all): one after the other, whoever plays during a spell loses.
Prints per player: CPU seconds (user+sys), peak RSS, time to first audio at its sink
(from the player's start to the first sound its sink's monitor recorded), the
server's CPU, and each player's busiest threads over the second half of the run (from
/proc/PID/task/*/stat), to tell a spinning audio thread from work.

Usage: python3 bench/bench_playback.py [SECONDS] [ROUNDS] [--one-by-one]
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


def task_ids(pid):
    """The thread ids of a process ([] once it is gone)."""
    try:
        return os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []


def stat_cpu(path):
    """(name, CPU seconds user + system) from a /proc .../stat file; None if it is gone."""
    try:
        with open(path) as fh:
            text = fh.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    return text[text.index("(") + 1:text.rindex(")")], (int(fields[11]) + int(fields[12])) / TICK


def thread_cpu(pid):
    """{thread id: (name, CPU seconds)} from /proc/PID/task/*/stat."""
    out = {}
    for tid in task_ids(pid):
        got = stat_cpu(f"/proc/{pid}/task/{tid}/stat")
        if got is not None:
            out[tid] = got
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
    got = stat_cpu(f"/proc/{pid}/stat")
    return float("nan") if got is None else got[1]


class Run:
    """One player playing into its own null sink, its sink's monitor recorded."""

    def __init__(self, name, cmd, pa, sink, tmp):
        self.name = name
        self.wav = os.path.join(tmp, f"{name}.wav")
        self.rec_started = time.monotonic()  # each recorder's own start: they start one by one
        self.rec = pa.record(self.wav, device=f"{sink}.monitor")
        self.cmd = cmd
        self.env = pa.env({"PULSE_SINK": sink})
        self.proc = None
        self.hwm_kb = 0
        self.half = None

    def start(self):
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env=self.env)

    def sample(self, half_time):
        if self.proc.poll() is None:
            self.hwm_kb = max(self.hwm_kb, peak_rss_kb(self.proc.pid))
            if self.half is None and time.monotonic() >= half_time:
                self.half = thread_cpu(self.proc.pid)

    def finish(self, seconds):
        self.hwm_kb = max(self.hwm_kb, peak_rss_kb(self.proc.pid))
        threads = describe_threads(self.half or {}, thread_cpu(self.proc.pid), seconds / 2)
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        usage = None
        end = time.monotonic() + 10  # a player that ignores SIGINT (mpv once did) is killed
        while usage is None:
            try:
                pid, _, ru = os.wait4(self.proc.pid, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == self.proc.pid:
                usage = ru
            elif time.monotonic() > end:
                self.proc.kill()
                end = float("inf")
            else:
                time.sleep(0.05)
        return usage, threads

    def result(self, usage, threads):
        self.rec.stop()
        fs = first_sound(self.wav)
        first = None if fs is None else fs - (self.t0 - self.rec_started)
        cpu = (usage.ru_utime + usage.ru_stime) if usage else float("nan")
        # Not ru_maxrss: Linux keeps the forked Python's size in it across exec.
        return cpu, self.hwm_kb / 1024.0, first, threads


def play_round(cmds, pa, seconds, tmp, r, together):
    """Plays every player for `seconds`: side by side (together) or one after the other.
    Returns {name: (cpu, rss, first, threads)} and the server's CPU seconds per player
    (one figure for the whole round when they play together)."""
    out, server = {}, {}
    groups = [list(cmds)] if together else [[n] for n in cmds]
    for group in groups:
        runs = []
        for name in group:
            sink = f"bench_{name.replace('-', '_')}_{r}"
            pa_load_sink(pa, sink)
            runs.append(Run(f"{name}{r}", cmds[name], pa, sink, tmp))
        time.sleep(0.5)  # the recorders are connected before the players start
        server_before = process_cpu(pa.proc.pid)
        for run in runs:
            run.start()
            time.sleep(0.3)  # start-ups do not all fight for the two cores at once
        deadline = time.monotonic() + seconds
        half_time = time.monotonic() + seconds / 2
        while time.monotonic() < deadline:
            for run in runs:
                run.sample(half_time)
            time.sleep(0.1)
        finished = [(run, run.finish(seconds)) for run in runs]
        time.sleep(0.3)
        used = process_cpu(pa.proc.pid) - server_before
        for run, (usage, threads) in finished:
            name = run.name[:-len(str(r))]
            out[name] = run.result(usage, threads)
            server[name] = used
    return out, server


def pa_load_sink(pa, sink):
    subprocess.run(["pactl", "load-module", "module-null-sink", f"sink_name={sink}", "rate=48000",
                    "norewinds=1"], env=pa.env(), check=True, capture_output=True, timeout=10)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    together = "--one-by-one" not in sys.argv
    seconds = float(args[0]) if len(args) > 0 else 60.0
    rounds = int(args[1]) if len(args) > 1 else 1
    ensure_media()
    players = {"meeluister": None, "meeluister-null": None, "ffplay": shutil.which("ffplay"),
               "mpv": shutil.which("mpv")}
    results = {k: [] for k in players}
    servers = []
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
        cmds = {n: c for n, c in cmds.items() if n.startswith("meeluister") or players[n]}
        for r in range(rounds):
            out, server = play_round(cmds, pa, seconds, tmp, r, together)
            for name, res in out.items():
                results[name].append(res + (server[name],))
            servers.append(server)
    how = ("side by side, each into its own null sink" if together
           else "one after the other, each into its own null sink")
    print(f"Live loopback HLS (fMP4 AAC 96 kb/s, 48 kHz stereo), {seconds:.0f} s per run, "
          f"{rounds} round(s), {how} of one private PulseAudio")
    print(f"{'player':<16}{'CPU s':>10}{'peak RSS MB':>14}{'first audio s':>16}{'server CPU s':>15}")
    for name, runs in results.items():
        for cpu, rss, first, _, server in runs:
            fa = "-" if first is None else f"{first:.3f}"
            print(f"{name:<16}{cpu:>10.2f}{rss:>14.1f}{fa:>16}{server:>15.2f}")
    print("\n(server CPU: the PulseAudio server's own CPU time during the run, recorders included;"
          "\n side by side it is one figure for all players. This machine has spells in which the"
          "\n server and every audio thread use ten times their usual CPU, with no player at all;"
          "\n side by side, every player meets the same spells. See docs/benchmarks.md.)")
    print("\nmeeluister's CPU as a share of ffplay's, per round:")
    for r in range(rounds):
        try:
            ours, theirs = results["meeluister"][r][0], results["ffplay"][r][0]
            print(f"  round {r + 1}: {ours:.2f} / {theirs:.2f} = {ours / theirs:.2f}")
        except (IndexError, ZeroDivisionError):
            pass
    print("\nBusiest threads over the second half of each run (share of one core):")
    for name, runs in results.items():
        for r, (_, _, _, threads, _) in enumerate(runs):
            print(f"{name:<16}round {r + 1}: {threads or '-'}")


if __name__ == "__main__":
    main()
