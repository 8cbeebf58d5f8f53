"""Helpers for the fault matrix: sources built from the test fixtures and served by
tests/server/fault_server.py, and one case runner that checks exit code, the listener's
lines (Dutch, no control bytes), the time to end and the written file."""
import math
import os
import re
import subprocess
import tempfile
import time

import harness as h
import fault_server as fs  # noqa: E402  (tests/server is on sys.path through harness)

SEG = h.SEGMENT_SECONDS
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b\u202a-\u202e\u2066-\u2069]")


class Fixtures:
    """The fMP4 tone staircase, read once."""

    def __init__(self):
        media = h.media_dir()
        self.info = h.fixtures()
        self.init = fs.read(os.path.join(media, "fmp4", "init.mp4"))
        self.segments = [fs.read(os.path.join(media, "fmp4", s["name"])) for s in self.info["segments"]]
        self.base_media_time = self.info["base_media_time"]
        self.samples = self.info["segment_samples"]

    def live_segment(self, index):
        return fs.set_tfdt(self.segments[index % len(self.segments)], self.base_media_time + index * self.samples)


def vod_playlist(count=5, head="#EXTM3U\n", map_line='#EXT-X-MAP:URI="init.mp4"\n', gap=()):
    lines = [head, "#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n",
             "#EXT-X-PLAYLIST-TYPE:VOD\n", map_line]
    for k in range(count):
        if k in gap:
            lines.append("#EXT-X-GAP\n")
        lines.append(f"#EXTINF:3.84,\ns{k}.m4a\n")
    lines.append("#EXT-X-ENDLIST\n")
    return "".join(lines).encode()


def vod_routes(fx, count=5, **playlist):
    """A VOD recording at /v/prog.m3u8: init.mp4 and s<k>.m4a (tones 0..count-1)."""
    routes = {"/v/prog.m3u8": fs.ok(vod_playlist(count, **playlist), "application/vnd.apple.mpegurl"),
              "/v/init.mp4": fs.ok(fx.init)}
    for k in range(count):
        routes[f"/v/s{k}.m4a"] = fs.ok(fx.segments[k])
    return routes


class Live:
    """A live window over the fixtures in real time: index i (from 0 at the server's start)
    is listed once t >= (i - window + 1) * 3.84 and plays fixture i % 40. Its sequence is
    base + i and its name name(seq, i). `reset_at`: from then on the sequence starts again
    at 0 (an encoder restart). `refuse`: (t0, t1) during which the playlist answers 503.
    `lag`: (t0, t1, seconds) during which an older copy is served (a lagging cache)."""

    def __init__(self, fx, base=1000, window=5, target="4", name=None, reset_at=None, refuse=None,
                 prefix="/l/", lag=None):
        self.fx = fx
        self.base = base
        self.window = window
        self.target = target
        self.name = name or (lambda seq, i: f"seg-{seq}.m4a")
        self.reset_at = reset_at
        self.refuse = refuse
        self.prefix = prefix
        self.lag = lag
        self.t0 = time.monotonic()
        self.by_name = {}

    def playlist(self, h_):
        t = time.monotonic() - self.t0
        if self.refuse and self.refuse[0] <= t < self.refuse[1]:
            return h_.send_body(503, b"bezet", "text/plain")
        if self.lag and self.lag[0] <= t < self.lag[1]:
            t = max(0.0, t - self.lag[2])
        base, start = self.base, 0.0
        if self.reset_at is not None and t >= self.reset_at:
            base, start = 0, self.reset_at
        newest = int((t - start) / SEG) + self.window - 1
        first = max(0, newest - self.window + 1)
        lines = ["#EXTM3U\n#EXT-X-VERSION:7\n", f"#EXT-X-TARGETDURATION:{self.target}\n",
                 f"#EXT-X-MEDIA-SEQUENCE:{base + first}\n", f'#EXT-X-MAP:URI="init.mp4"\n']
        for i in range(first, newest + 1):
            name = self.name(base + i, i)
            self.by_name[name] = i
            lines.append(f"#EXTINF:3.84,\n{name}\n")
        return h_.send_body(200, "".join(lines).encode(), "application/vnd.apple.mpegurl")

    def fallback(self, path):
        if not path.startswith(self.prefix):
            return None
        name = path[len(self.prefix):]
        if name in self.by_name:
            return fs.ok(self.fx.live_segment(self.by_name[name]))
        return None

    def routes(self):
        return {self.prefix + "prog.m3u8": self.playlist, self.prefix + "init.mp4": fs.ok(self.fx.init)}


def single_file_hls(tmp, segment_type="fmp4", seconds=12):
    """ffmpeg -hls_flags single_file: one media file with byte ranges (and, for fMP4, an
    EXT-X-MAP BYTERANGE). A 440 Hz tone; returns (playlist bytes, media name, media bytes)."""
    out = os.path.join(tmp, f"single-{segment_type}")
    os.makedirs(out, exist_ok=True)
    ext = "mp4" if segment_type == "fmp4" else "ts"
    cmd = ["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
           f"sine=frequency=440:sample_rate=48000:duration={seconds}", "-ac", "2", "-c:a", "aac",
           "-b:a", "96k", "-f", "hls", "-hls_time", "4", "-hls_playlist_type", "vod",
           "-hls_flags", "single_file", "-hls_segment_type", segment_type,
           "-hls_segment_filename", os.path.join(out, f"all.{ext}"), os.path.join(out, "prog.m3u8")]
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    h.check(r.returncode == 0, f"ffmpeg single_file failed: {r.stderr[-400:]!r}")
    playlist = fs.read(os.path.join(out, "prog.m3u8"))
    h.check(b"EXT-X-BYTERANGE" in playlist, f"ffmpeg wrote no byte ranges:\n{playlist.decode()}")
    return playlist, f"all.{ext}", fs.read(os.path.join(out, f"all.{ext}"))


class Result:
    pass


def run_case(case, fx, tmp):
    """Runs one case dict; returns a list of problems (empty: passed)."""
    routes, fallback = case["serve"](fx, tmp)
    out = os.path.join(tmp, case["name"] + ".wav") if case.get("output", True) else None
    with fs.FaultServer(routes, fallback) as srv:
        args = ["listen", srv.url(case["path"])]
        if out:
            args += ["--output", out]
        args += [str(a) for a in case.get("args", [])]
        if not out:
            args += ["--null-output"]
        t0 = time.monotonic()
        proc = h.Meeluister(args)
        try:
            rc, lines, err = proc.finish(case["max_seconds"] + 30)
        except h.TestFailure as e:
            return [str(e)]
        took = time.monotonic() - t0
        log = srv.requests()
    problems = []
    ctx = f"took {took:.1f} s\n" + h.show(rc, lines, err)
    if rc != case["rc"]:
        problems.append(f"exit {rc}, expected {case['rc']}")
    if took > case["max_seconds"]:
        problems.append(f"took {took:.1f} s (max {case['max_seconds']})")
    for line in lines:
        if CONTROL.search(line):
            problems.append(f"control bytes in {line!r}")
    text = "\n".join(lines)
    for word in case.get("says", []):
        if word.lower() not in text.lower():
            problems.append(f"no line says {word!r}")
    for word in case.get("never", []):
        if word.lower() in text.lower():
            problems.append(f"a line says {word!r}")
    if rc != 0 and not h.looks_dutch(lines[-1] if lines else ""):
        problems.append("the last line (why it ended) does not look Dutch")
    if "max_lines" in case and len(lines) > case["max_lines"]:
        problems.append(f"{len(lines)} lines (max {case['max_lines']}): a flood")
    if out and "tones" in case:
        problems += check_tones(out, case["tones"])
    if out and "seconds" in case:
        problems += check_length(out, case["seconds"])
    if "check" in case:
        try:
            case["check"](log, lines)
        except AssertionError as e:
            problems.append(str(e))
    return [p + "\n" + ctx for p in problems[:1]] + problems[1:]


def check_tones(out, tones):
    """The file is a valid 48 kHz stereo WAV holding exactly these staircase tones, one
    segment each, in order (the segments before and after a fault, nothing repeated)."""
    try:
        samples, rate, channels, frames = h.load_audio(out)
    except AssertionError as e:
        return [str(e)]
    if rate != 48000 or channels != 2:
        return [f"{out}: {rate} Hz, {channels} channels"]
    want = len(tones) * h.SEGMENT_SAMPLES
    problems = []
    if abs(frames - want) > 2 * 1024:
        problems.append(f"{frames / rate:.2f} s written, expected {want / rate:.2f} s ({len(tones)} segments)")
    runs = h.staircase_runs(samples)
    got = [k for k, _, length in runs if length > h.SEGMENT_SAMPLES // 2]
    if got != [t % 20 for t in tones]:
        problems.append(f"tones {got}, expected {tones} ({h.describe_runs(runs)})")
    return problems


def check_length(out, seconds, slack=0.3):
    try:
        samples, rate, channels, frames = h.load_audio(out)
    except AssertionError as e:
        return [str(e)]
    if abs(frames / rate - seconds) > slack:
        return [f"{frames / rate:.2f} s written, expected {seconds:.2f} s"]
    return []


def fetched_twice(log):
    seen, twice = set(), []
    for e in log:
        if e.get("status") == 200 and (e["path"].endswith(".m4a") or e["path"].endswith(".ts")):
            if e["path"] in seen and not e.get("range"):
                twice.append(e["path"])
            seen.add(e["path"])
    return twice
