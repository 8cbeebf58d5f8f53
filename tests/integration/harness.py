"""Shared helpers for the integration tests: the loopback HLS server, a private
PulseAudio with a null sink, running meeluister, and tone-staircase analysis.

Environment (set by ctest): MEELUISTER_BIN (the program), MEELUISTER_MEDIA (fixtures
from tests/server/make_fixtures.py; built into a temp folder when unset),
MEELUISTER_TEST_DIR (tests/). Everything talks to 127.0.0.1/localhost only.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_DIR = os.path.normpath(os.path.join(HERE, "..", "server"))
sys.path.insert(0, SERVER_DIR)

from audio_analysis import (  # noqa: E402,F401  (re-exported for the tests)
    SAMPLE_RATE, SEGMENT_SAMPLES, block_frequencies, change_points, consecutive,
    describe_runs, first_sound, frequency, gaps, last_sound, load_wav, match_staircase,
    segment_frequencies, segment_start, sign_string, staircase_frequency, staircase_runs,
    to_floats)

SEGMENT_SECONDS = 3.84
TARGET_DURATION = 4.0
PROXY_VARS = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy",
              "ALL_PROXY", "ftp_proxy", "FTP_PROXY")

# urllib without any proxy from the environment: only loopback is ever contacted.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class TestFailure(AssertionError):
    pass


def check(condition, message):
    """Fail the current test with a clear reason."""
    if not condition:
        raise TestFailure(message)


# ---- fixtures ------------------------------------------------------------------------
def media_dir():
    """MEELUISTER_MEDIA, or fixtures generated once into the temp folder."""
    media = os.environ.get("MEELUISTER_MEDIA")
    if not media:
        media = os.path.join(tempfile.gettempdir(), "meeluister-test-media")
        os.environ["MEELUISTER_MEDIA"] = media
    if not os.path.isfile(os.path.join(media, "fixtures.json")):
        subprocess.run([sys.executable, os.path.join(SERVER_DIR, "make_fixtures.py"), media],
                       check=True, timeout=300)
    return media


def fixtures():
    with open(os.path.join(media_dir(), "fixtures.json")) as fh:
        return json.load(fh)


def binary():
    exe = os.environ.get("MEELUISTER_BIN")
    check(exe and os.access(exe, os.X_OK), f"MEELUISTER_BIN is not an executable: {exe!r}")
    return exe


def base_env(extra=None):
    """os.environ without proxies (NO_PROXY for loopback), plus extra."""
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.setdefault("LC_ALL", "C.UTF-8")
    if extra:
        env.update(extra)
    return env


def http_get(url, timeout=5.0):
    """(status, body bytes) of a loopback GET; raises on connection errors."""
    try:
        with _OPENER.open(url, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


# ---- the test server -----------------------------------------------------------------
class HlsServer:
    """tests/server/hls_server.py on a free port: `with HlsServer() as srv:`."""

    def __init__(self, retention=None, window=None, start_timeout=15.0, history=None):
        self.retention = retention
        self.window = window
        self.history = history
        self.start_timeout = start_timeout
        self.proc = None
        self.port = None
        self.tmp = None

    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix="ml-srv-")
        port_file = os.path.join(self.tmp, "port")
        cmd = [sys.executable, os.path.join(SERVER_DIR, "hls_server.py"), "--media", media_dir(),
               "--port-file", port_file]
        if self.retention is not None:
            cmd += ["--retention", str(self.retention)]
        if self.window is not None:
            cmd += ["--window", str(self.window)]
        if self.history is not None:
            cmd += ["--history", str(self.history)]
        self.stderr = open(os.path.join(self.tmp, "server.log"), "wb")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.stderr,
                                     stderr=subprocess.STDOUT, env=base_env())
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if os.path.isfile(port_file):
                with open(port_file) as fh:
                    text = fh.read().strip()
                if text:
                    self.port = int(text)
                    return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        self.__exit__(None, None, None)
        raise TestFailure("the test server did not start (see its log)")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        if self.stderr:
            self.stderr.close()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return False

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.port}{path}"

    def control(self, path, timeout=5.0, wait_up=10.0):
        """GET a /control/ path; waits (bounded) while the server is 'down'."""
        deadline = time.monotonic() + wait_up
        while True:
            try:
                status, body = http_get(self.url(path), timeout)
                check(status == 200, f"control {path}: HTTP {status} {body[:200]!r}")
                return body
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def fault(self, **params):
        body = self.control("/control/fault?" + urllib.parse.urlencode(params))
        check(body == b"ok", f"fault {params}: {body!r}")

    def reset(self):
        self.control("/control/reset")

    def log(self, since=0, wait_up=30.0):
        return json.loads(self.control(f"/control/log?since={since}", wait_up=wait_up))

    def live(self):
        return json.loads(self.control("/control/live"))

    def wait_for(self, predicate, timeout, what):
        """Poll the request log until predicate(log) is true (bounded)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.log()):
                return
            time.sleep(0.1)
        raise TestFailure(f"timed out after {timeout:.0f} s waiting for {what}")


def segment_requests(log, prefix=None):
    """Log entries of media segments (fMP4 .m4a or .ts), optionally below a path prefix."""
    out = []
    for e in log:
        path = e["path"][4:] if e["path"].startswith("/cdn/") else e["path"]
        if prefix and not path.startswith(prefix):
            continue
        if path.endswith(".m4a") or path.endswith(".ts"):
            out.append(dict(e, path=path))
    return out


def playlist_requests(log, prefix=None):
    return [e for e in log if e["path"].endswith("prog_index.m3u8")
            and (not prefix or e["path"].startswith(prefix))]


def seq_of_segment(name, fx=None):
    """Sequence number of Segment-<ticks>.m4a (or seg<k>.ts)."""
    fx = fx or fixtures()
    base = os.path.basename(name)
    m = re.fullmatch(r"Segment-(\d+)\.m4a", base)
    if m:
        return (int(m.group(1)) - fx["base_ticks"]) // fx["ticks_per_segment"]
    m = re.fullmatch(r"seg(\d+)\.ts", base)
    return int(m.group(1)) if m else None


def fetched_twice(log):
    """Paths of segments answered 200 more than once."""
    seen, twice = set(), []
    for e in segment_requests(log):
        if e.get("status") == 200 and not e.get("fault"):
            if e["path"] in seen:
                twice.append(e["path"])
            seen.add(e["path"])
    return twice


# ---- audio files written by the program ----------------------------------------------
def probe(path):
    """ffprobe facts of an audio file: codec, sample_rate, channels, sample_fmt."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
         "stream=codec_name,sample_rate,channels,sample_fmt", "-of", "json", path],
        capture_output=True, text=True, timeout=30)
    check(out.returncode == 0, f"ffprobe cannot read {path}: {out.stderr.strip()[:300]}")
    streams = json.loads(out.stdout).get("streams", [])
    check(streams, f"{path} holds no audio stream")
    info = streams[0]
    info["sample_rate"] = int(info.get("sample_rate", 0))
    return info


def load_audio(path, channel=0):
    """(samples array('h'), rate, channels, frames) of a WAV (16-bit read directly) or of
    any other file ffmpeg decodes (float WAV, FLAC), without resampling."""
    check(os.path.isfile(path), f"no output file {path}")
    check(os.path.getsize(path) > 44, f"output file {path} is empty ({os.path.getsize(path)} bytes)")
    try:
        return load_wav(path, channel)
    except Exception:  # noqa: BLE001 - not 16-bit PCM WAV: let ffmpeg decode it
        pass
    info = probe(path)
    raw = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-i", path, "-map", "0:a:0",
                          "-f", "s16le", "-"], capture_output=True, timeout=60)
    check(raw.returncode == 0, f"ffmpeg cannot decode {path}: {raw.stderr[-300:]!r}")
    channels = int(info["channels"])
    from audio_analysis import pcm_from_bytes
    samples = pcm_from_bytes(raw.stdout, channels, channel)
    return samples, info["sample_rate"], channels, len(raw.stdout) // (2 * channels)


# ---- PulseAudio ----------------------------------------------------------------------
class Recording:
    def __init__(self, proc, path):
        self.proc = proc
        self.path = path

    def stop(self, timeout=10.0):
        """Stop parecord cleanly (SIGINT lets it finish the WAV header)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        return self.path


class PulseAudio:
    """A private PulseAudio (user mode) with a null sink `test_sink` at 48 kHz,
    the recipe of reference/audio-testing.md. `sinks`: [(name, description)] for other
    null sinks instead (description None: PulseAudio's own); the first is the default."""

    def __init__(self, start_timeout=10.0, sinks=None):
        self.start_timeout = start_timeout
        self.sinks = list(sinks) if sinks else [("test_sink", None)]
        self.dir = None
        self.proc = None
        self.recorders = []

    def env(self, extra=None):
        env = base_env({"XDG_RUNTIME_DIR": os.path.join(self.dir, "xdg"),
                        "PULSE_SERVER": f"unix:{self.dir}/pulse.sock",
                        "HOME": self.dir})
        if extra:
            env.update(extra)
        return env

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="ml-pulse-")
        os.mkdir(os.path.join(self.dir, "xdg"), 0o700)
        self.logfile = open(os.path.join(self.dir, "pulse.log"), "wb")
        modules = []
        for name, description in self.sinks:
            spec = f"module-null-sink sink_name={name} rate=48000 norewinds=1"
            if description:
                spec += f" sink_properties=\"device.description='{description}'\""
            modules += ["-L", spec]
        self.proc = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", *modules,
             "-L", f"module-native-protocol-unix auth-anonymous=1 socket={self.dir}/pulse.sock"],
            stdin=subprocess.DEVNULL, stdout=self.logfile, stderr=subprocess.STDOUT,
            env=self.env())
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            r = subprocess.run(["pactl", "info"], env=self.env(), stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=5)
            if r.returncode == 0:
                if len(self.sinks) > 1:  # the first sink is the default, whatever the server chose
                    subprocess.run(["pactl", "set-default-sink", self.sinks[0][0]], env=self.env(),
                                   stdin=subprocess.DEVNULL, capture_output=True, timeout=5, check=True)
                return self
            time.sleep(0.05)
        log = self.read_log()
        self.__exit__(None, None, None)
        raise TestFailure(f"PulseAudio did not start: {log[-800:]}")

    def read_log(self):
        try:
            with open(os.path.join(self.dir, "pulse.log"), errors="replace") as fh:
                return fh.read()
        except OSError:
            return ""

    def record(self, path, device=None):
        """Records a sink's monitor (the first sink's by default; `device` names another
        source, e.g. "other_sink.monitor") into a WAV file until stopped."""
        device = device or f"{self.sinks[0][0]}.monitor"
        proc = subprocess.Popen(
            ["parecord", "--latency-msec=20", f"--device={device}", "--channels=2",
             "--rate=48000", "--format=s16le", "--file-format=wav", path],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=self.env())
        rec = Recording(proc, path)
        self.recorders.append(rec)
        return rec

    def __exit__(self, *exc):
        for rec in self.recorders:
            rec.stop()
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if getattr(self, "logfile", None):
            self.logfile.close()
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
        return False


def interrupt(proc, rec, limit=1.0):
    """Ctrl+C (SIGINT) to a running meeluister while `rec` records: checks exit 130 within
    `limit` seconds, stops the recorder half a second later; returns (lines, err, ctx)."""
    t_sig = time.monotonic()
    proc.proc.send_signal(signal.SIGINT)
    rc, lines, err = proc.finish(10)
    exit_s = time.monotonic() - t_sig
    time.sleep(0.5)
    rec.stop()
    ctx = show(rc, lines, err)
    check(rc == 130, "expected exit 130 after Ctrl+C\n" + ctx)
    check(exit_s < limit, f"the program took {exit_s:.2f} s to end after Ctrl+C")
    return lines, err, ctx


def no_audio_env(tmpdir):
    """Environment in which PortAudio finds no output device at all: the system ALSA
    configuration (its `default`/`pulse` devices go through PulseAudio) with PULSE_SERVER
    pointing at a socket that does not exist and autospawn off. Measured: PortAudio
    then reports 0 devices. (An empty ALSA_CONFIG_PATH file is NOT usable: PortAudio
    19.6 aborts on an assertion in BuildDeviceList.)"""
    client = os.path.join(tmpdir, "pulse-client.conf")
    with open(client, "w") as fh:
        fh.write("autospawn = no\n")
    env = base_env({"PULSE_SERVER": f"unix:{tmpdir}/no-such-pulse.sock",
                    "PULSE_CLIENTCONFIG": client, "XDG_RUNTIME_DIR": tmpdir, "HOME": tmpdir,
                    "JACK_NO_START_SERVER": "1"})
    for var in ("ALSA_CONFIG_PATH", "AUDIODEV", "PULSE_SINK"):
        env.pop(var, None)
    return env


# ---- running the program -------------------------------------------------------------
def run_meeluister(args, env=None, timeout=60.0):
    """Run meeluister to completion: (returncode, stdout_lines, stderr). Fails the
    test (after killing it) when it runs longer than timeout seconds."""
    proc = Meeluister(args, env)
    return proc.finish(timeout)


def run_meeluister_with(program, args, env=None, timeout=60.0):
    """run_meeluister with another copy of the program (e.g. one installed elsewhere)."""
    proc = Meeluister(args, env, program=program)
    return proc.finish(timeout)


class Meeluister:
    """meeluister running in the background; stdout lines collected as they come."""

    def __init__(self, args, env=None, program=None):
        self.args = [str(a) for a in args]
        self.started = time.monotonic()
        self.lines = []
        self.line_times = []
        self.err = []
        self.proc = subprocess.Popen([program or binary(), *self.args], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env if env is not None else base_env())
        self.threads = [threading.Thread(target=self._pump, args=(self.proc.stdout, True), daemon=True),
                        threading.Thread(target=self._pump, args=(self.proc.stderr, False), daemon=True)]
        for t in self.threads:
            t.start()

    def _pump(self, stream, is_out):
        for raw in iter(stream.readline, b""):
            text = raw.decode("utf-8", "replace").rstrip("\n")
            if is_out:
                self._add_line(text)
            else:
                self._stderr_line(text)
        stream.close()

    def _add_line(self, text):
        """A line the listener gets (stdout), with when it came."""
        self.line_times.append(time.monotonic() - self.started)
        self.lines.append(text)

    def _stderr_line(self, text):
        """A line of stderr (the log); PtyPlayer also hears spoken lines here."""
        self.err.append(text)

    def wait_line(self, word, timeout, after=0):
        """Index of the first stdout line (from index `after`) holding word; bounded."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            idx = find_line(self.lines[after:], word)
            if idx is not None:
                return after + idx
            if self.proc.poll() is not None:
                time.sleep(0.2)
                idx = find_line(self.lines[after:], word)
                return None if idx is None else after + idx
            time.sleep(0.05)
        return None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def finish(self, timeout):
        """Wait (bounded) for the exit: (returncode, stdout_lines, stderr text)."""
        remaining = max(0.1, timeout - (time.monotonic() - self.started))
        try:
            self.proc.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            self.kill()
            for t in self.threads:
                t.join(timeout=5)
            raise TestFailure(
                f"meeluister {' '.join(self.args)} still ran after {timeout:.0f} s; killed.\n"
                f"stdout: {self.lines[-10:]}\nstderr: {self.err[-10:]}")
        for t in self.threads:
            t.join(timeout=5)
        return self.proc.returncode, list(self.lines), "\n".join(self.err)


def find_line(lines, word):
    """Index of the first line containing `word` as a word (case-insensitive), or None."""
    pattern = re.compile(r"(?<![\w])" + re.escape(word) + r"(?![\w])", re.IGNORECASE)
    for i, line in enumerate(lines):
        if pattern.search(line):
            return i
    return None


def has_word(lines, word):
    return find_line(lines, word) is not None


DUTCH_WORDS = ("de", "het", "een", "niet", "geen", "kan", "mis", "fout", "mislukt", "gevonden",
               "ongeldig", "onbekend", "verbinding", "bestaat", "bron", "adres", "van")


def looks_dutch(text):
    """True when text holds at least one common Dutch word (a rough check that a message
    was meant for the Dutch user, not a raw library error)."""
    return any(has_word([text], w) for w in DUTCH_WORDS)


def show(rc, lines, err):
    """Text for failure messages."""
    tail = "\n".join(err.splitlines()[-15:])
    return f"exit {rc}\nstdout:\n  " + "\n  ".join(lines) + f"\nstderr (tail):\n{tail}"


# ---- staircase checks ----------------------------------------------------------------
def interior_runs_ok(runs, seg=SEGMENT_SAMPLES, slack=2 * 1920):
    """Problems with a run list: steps that are not +1 (mod 20) and interior runs whose
    length is not one segment (+-slack). Empty list when clean."""
    problems = []
    for a, b in zip(runs, runs[1:]):
        if (b[0] - a[0]) % 20 != 1:
            problems.append(f"step {a[0]} -> {b[0]} at {b[1] / SAMPLE_RATE:.2f} s")
    for i, (k, pos, length) in enumerate(runs):
        if (0 < i < len(runs) - 1 and abs(length - seg) > slack) or length > seg + slack:
            problems.append(f"tone {k} at {pos / SAMPLE_RATE:.2f} s lasts {length / seg:.3f} segments")
    return problems


def classify_runs(runs, seg=SEGMENT_SAMPLES, slack=2 * 1920):
    """{'missing': segments skipped in total, 'skips': number of forward jumps,
    'back': backward/odd steps, 'short': interior runs shorter than a segment,
    'long': interior runs longer than a segment (a repeat merges into one long run)}."""
    out = {"missing": 0, "skips": 0, "back": 0, "short": 0, "long": 0}
    for a, b in zip(runs, runs[1:]):
        step = (b[0] - a[0]) % 20
        if 2 <= step <= 12:
            out["missing"] += step - 1
            out["skips"] += 1
        elif step != 1:
            out["back"] += 1
    for i, (k, pos, length) in enumerate(runs):
        if length > seg + slack:
            out["long"] += 1  # also the first and last run: a repeat there is no partial
        elif length < seg - slack and 0 < i < len(runs) - 1:
            out["short"] += 1
    return out


def check_live_output(out, duration, log, context="", max_missing=0, max_short=0,
                      max_skips=None):
    """A live recording: 48 kHz stereo, `duration` s (+-0.25), staircase tones in
    order without repeats (no long run, no backward step), at most max_missing
    segments skipped and max_short partial segments; the first tone is the first
    segment fetched. Returns (runs, classification)."""
    samples, rate, channels, frames = load_audio(out)
    check(rate == 48000 and channels == 2, f"{out}: {rate} Hz, {channels} channels")
    check(abs(frames / rate - duration) <= 0.25,
          f"{out}: {frames / rate:.2f} s written for --duration {duration}\n{context}")
    runs = staircase_runs(samples)
    check(runs, f"{out}: no staircase tone found\n{context}")
    c = classify_runs(runs)
    detail = f"runs {describe_runs(runs)}\nclassified {c}\n{context}"
    check(c["back"] == 0 and c["long"] == 0, f"repeated or reordered audio: {detail}")
    check(c["missing"] <= max_missing, f"{c['missing']} segments lost (max {max_missing}): {detail}")
    if max_skips is not None:
        check(c["skips"] <= max_skips, f"{c['skips']} skips (max {max_skips}): {detail}")
    check(c["short"] <= max_short, f"{c['short']} partial segments (max {max_short}): {detail}")
    check(runs[0][1] < 2 * 1920, f"{out}: first tone starts at {runs[0][1] / rate:.2f} s\n{detail}")
    check(runs[-1][1] + runs[-1][2] > frames - 3 * 1920,
          f"{out}: the tone stops before the end of the file\n{detail}")
    holes = gaps(samples, 2048, len(samples) - 2048, threshold=0.01, min_ms=5)
    check(not holes, f"{out}: silent runs (start, samples) {holes[:5]}\n{detail}")
    segs = [e for e in segment_requests(log, "/live/") if e.get("status") == 200 and not e.get("fault")]
    check(segs, "no live segment fetched")
    first_seq = segs[0]["seq"]
    check(runs[0][0] == first_seq % 20,
          f"first tone is f({runs[0][0]}) but the first segment fetched was seq {first_seq}\n{detail}")
    return runs, c


# ---- live playback with a fault injected mid-way --------------------------------------
class LiveRun:
    """Result of live_with_fault: rc, lines, err, log, out (WAV path), inject_t (server
    time of the injection), proc (the Meeluister)."""


def live_with_fault(srv, out, duration, fault=None, after_segments=4, timeout=None,
                    inject=None):
    """Play the live stream into `out` for `duration` seconds; once the program has
    fetched `after_segments` segments, arm `fault` (a dict for HlsServer.fault) or call
    inject(srv). Bounded by timeout (default duration + 40 s)."""
    timeout = timeout or duration + 40.0
    run = LiveRun()
    run.out = out
    run.proc = Meeluister(["listen", srv.url("/live/index.m3u8?hd=1&subtitles=live&keyframes=1"),
                           "--output", out, "--duration", str(duration)])
    try:
        def fetched(log):
            ok = [e for e in segment_requests(log) if e.get("status") == 200]
            return len(ok) >= after_segments or run.proc.proc.poll() is not None
        srv.wait_for(fetched, 30.0, f"{after_segments} segment fetches before the fault")
        check(run.proc.proc.poll() is None,
              "meeluister ended before the fault\n" + show(run.proc.proc.returncode, run.proc.lines,
                                                           "\n".join(run.proc.err)))
        run.inject_t = srv.live()["t"]
        if fault:
            srv.fault(**fault)
        if inject:
            inject(srv)
        run.rc, run.lines, run.err = run.proc.finish(timeout)
    finally:
        run.proc.kill()
    run.log = srv.log()
    return run


def run_fault_case(fault, duration, max_missing=0, max_short=0):
    """One live run with one fault against a fresh server: exit 0, the fault really
    triggered, no segment fetched twice, the recording clean within the allowances."""
    with HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "live.wav")
        run = live_with_fault(srv, out, duration, fault)
        ctx = f"fault {fault} at t={run.inject_t:.1f} s\n" + show(run.rc, run.lines, run.err)
        check(run.rc == 0, "expected exit 0\n" + ctx)
        applied = [e for e in run.log if e.get("fault")]
        check(applied, f"the fault was never triggered (no matching request)\n{ctx}")
        twice = fetched_twice(run.log)
        check(not twice, f"segments fetched twice: {twice}\n{ctx}")
        check_live_output(out, duration, run.log, ctx, max_missing=max_missing, max_short=max_short)
        return run


# ---- test runner ---------------------------------------------------------------------
def main(namespace):
    """Run every test_* function of the calling module; exit 1 when any fails."""
    tests = [(name, fn) for name, fn in sorted(namespace.items())
             if name.startswith("test_") and callable(fn)]
    only = sys.argv[1:]
    failed = 0
    for name, fn in tests:
        if only and name not in only:
            continue
        t0 = time.monotonic()
        try:
            fn()
            print(f"PASS {name} ({time.monotonic() - t0:.1f} s)", flush=True)
        except Exception as err:  # noqa: BLE001 - report every failure the same way
            failed += 1
            print(f"FAIL {name} ({time.monotonic() - t0:.1f} s): {err}", flush=True)
            if not isinstance(err, TestFailure):
                traceback.print_exc()
    print(f"{len(tests) - failed if not only else len(only) - failed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)
