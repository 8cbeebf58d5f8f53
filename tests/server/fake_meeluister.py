#!/usr/bin/env python3
"""A stand-in for `meeluister listen`, used only to check the integration tests and
the harness themselves while the real program is being written (and to compare
behaviour). Python standard library + the ffmpeg CLI (decoding) + pacat (playing).

  MEELUISTER_BIN=tests/server/fake_meeluister.py python3 tests/integration/test_x.py

Contract (same as the program): listen SOURCE [--output FILE] [--duration S]
[--start live|begin|S] [--live-edge N]; Dutch lines on stdout; exit 0/1/2.
"""
import argparse
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import wave

OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
RATE = 48000
FRAME = 4  # bytes per stereo s16 frame
# Deliberate mistakes, to show that the tests catch them: priming (drop the first 1024 samples), skip (lose one live segment),
# hammer (reload the live playlist every 0.3 s), video (fetch the first video variant).
BUG = os.environ.get("FAKE_MEELUISTER_BUG", "")


def say(text):
    print(text, flush=True)


class Gone(Exception):
    pass


def fetch(url, timeout=5.0):
    """Body of url; raises Gone on 404/410, OSError/HTTPError on other failures."""
    try:
        with OPENER.open(url, timeout=timeout) as r:
            length = r.headers.get("Content-Length")
            body = r.read()
            if length is not None and len(body) != int(length):
                raise OSError("short body")
            return body, r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        if e.code in (404, 410):
            raise Gone(str(e.code)) from None
        raise OSError(f"HTTP {e.code}") from None


def fetch_retrying(url, stop_at=None):
    """fetch with a retry every 2 s on connection errors and 5xx."""
    failed = False
    while True:
        try:
            body = fetch(url)
            if failed:
                say("Opnieuw verbonden.")
            return body
        except Gone:
            raise
        except (OSError, urllib.error.URLError) as e:
            if stop_at is not None and time.monotonic() > stop_at:
                raise
            say(f"Verbinding verbroken ({e}). Nieuwe poging over 2 seconden, opnieuw verbinden.")
            failed = True
            time.sleep(2)


def parse_playlist(text, base):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    audio = None
    variants = []
    info = {"segments": [], "map": None, "ended": False, "seq": 0, "target": 4.0, "vod": False}
    seq = None
    pending = False
    for line in lines:
        if line.startswith("#EXT-X-MEDIA:") and "TYPE=AUDIO" in line:
            m = re.search(r'URI="([^"]+)"', line)
            if m and audio is None:
                audio = urllib.parse.urljoin(base, m.group(1))
        elif line.startswith("#EXT-X-STREAM-INF"):
            pending = True
        elif line.startswith("#EXT-X-MEDIA-SEQUENCE:"):
            info["seq"] = int(line.split(":")[1])
        elif line.startswith("#EXT-X-TARGETDURATION:"):
            info["target"] = float(line.split(":")[1])
        elif line.startswith("#EXT-X-MAP:"):
            info["map"] = urllib.parse.urljoin(base, re.search(r'URI="([^"]+)"', line).group(1))
        elif line == "#EXT-X-ENDLIST":
            info["ended"] = True
        elif line.startswith("#EXT-X-PLAYLIST-TYPE:VOD"):
            info["vod"] = True
        elif line.startswith("#EXTINF:"):
            info["_dur"] = float(line.split(":")[1].split(",")[0])
        elif not line.startswith("#"):
            url = urllib.parse.urljoin(base, line)
            if pending:
                variants.append(url)
                pending = False
                continue
            seq = info["seq"] + len(info["segments"])
            info["segments"].append((seq, url, info.pop("_dur", 3.84)))
    return audio, variants, info


def valid_segment(data):
    """Whole fMP4 fragment (box sizes add up) or whole MPEG-TS packets."""
    if data[:1] == b"\x47":
        return len(data) % 188 == 0 and all(data[i] == 0x47 for i in range(0, len(data), 188))
    pos = 0
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        if size < 8 or not re.fullmatch(rb"[a-z0-9]{4}", kind):
            return False
        pos += size
    return pos == len(data) and pos > 0


class Output:
    """Decoder (ffmpeg, stdin -> s16le stereo 48 kHz) and sink (WAV/FLAC or pacat)."""

    def __init__(self, path, duration, skip_frames=0):
        self.limit = None if duration is None else int(duration * RATE)
        self.skip = skip_frames
        self.written = 0
        self.done = threading.Event()
        self.dec = subprocess.Popen(["ffmpeg", "-v", "quiet", "-nostdin", "-i", "pipe:0", "-map", "0:a:0",
                                     "-f", "s16le", "-ar", str(RATE), "-ac", "2", "pipe:1"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.path = path
        self.tmpdir = None
        if path:
            target = path
            if path.lower().endswith(".flac"):
                self.tmpdir = tempfile.mkdtemp()
                target = os.path.join(self.tmpdir, "out.wav")
            self.wav = wave.open(target, "wb")
            self.wav.setnchannels(2)
            self.wav.setsampwidth(2)
            self.wav.setframerate(RATE)
            self.sink = None
        else:
            self.wav = None
            self.sink = subprocess.Popen(["pacat", "--playback", "--rate=48000", "--channels=2",
                                          "--format=s16le", "--latency-msec=100"],
                                         stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            chunk = self.dec.stdout.read(RATE * FRAME // 10)
            if not chunk:
                break
            if self.skip:
                cut = min(self.skip, len(chunk) // FRAME)
                self.skip -= cut
                chunk = chunk[cut * FRAME:]
            if self.limit is not None:
                chunk = chunk[:max(0, self.limit - self.written) * FRAME]
            if chunk:
                if self.wav:
                    self.wav.writeframes(chunk)
                else:
                    try:
                        self.sink.stdin.write(chunk)
                    except BrokenPipeError:
                        break
                self.written += len(chunk) // FRAME
            if self.limit is not None and self.written >= self.limit:
                self.done.set()  # keep draining so the decoder never blocks
        self.done.set()

    def feed(self, data):
        if self.done.is_set():
            return False
        try:
            self.dec.stdin.write(data)
            self.dec.stdin.flush()
        except BrokenPipeError:
            return False
        return not self.done.is_set()

    def close(self):
        try:
            self.dec.stdin.close()
        except OSError:
            pass
        self.done.wait(timeout=30)
        self.dec.kill()
        if self.wav:
            self.wav.close()
            if self.tmpdir:
                subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", os.path.join(self.tmpdir, "out.wav"),
                                self.path], check=True)
                shutil.rmtree(self.tmpdir)
        else:
            self.sink.stdin.close()
            self.sink.wait(timeout=60)


def play_plain(url, out):
    req = OPENER.open(url, timeout=10)
    while not out.done.is_set():
        data = req.read1(16384)
        if not data:
            break
        out.feed(data)


def play_hls(info, playlist_url, out, start, edge):
    seen_map = None
    if info["ended"] or info["vod"]:
        segs = info["segments"]
        first = 0
        if start not in (None, "begin", "live"):
            pos = float(start)
            acc = 0.0
            for i, (_, _, dur) in enumerate(segs):
                if acc + dur > pos + 1e-6:
                    first = i
                    out.skip = int(round((pos - acc) * RATE))
                    break
                acc += dur
            say(f"Afspelen vanaf {int(pos) // 60}:{int(pos) % 60:02d}.")
        else:
            say("Afspelen vanaf het begin.")
        for seq, url, _ in segs[first:]:
            if seen_map != info["map"] and info["map"]:
                if not out.feed(fetch_retrying(info["map"])[0]):
                    return
                seen_map = info["map"]
            data = fetch_segment(url)
            if data is not None and not out.feed(data):
                return
        say("Afgelopen.")
        return
    say("Live meeluisteren.")
    next_seq = info["segments"][max(0, len(info["segments"]) - edge)][0]
    while True:
        for seq, url, _ in info["segments"]:
            if seq < next_seq:
                continue
            if seq > next_seq:
                say(f"{seq - next_seq} fragmenten overgeslagen.")
            if info["map"] and seen_map != info["map"]:
                if not out.feed(fetch_retrying(info["map"])[0]):
                    return
                seen_map = info["map"]
            data = fetch_segment(url)
            if BUG == "skip" and seq == next_seq and seq % 7 == 3:
                data = None
            if data is not None and not out.feed(data):
                return
            next_seq = seq + 1
        if info["ended"]:
            say("Afgelopen.")
            return
        if out.done.is_set():
            return
        time.sleep(0.3 if BUG == "hammer" else info["target"])
        _, _, info = parse_playlist(fetch_retrying(playlist_url)[0].decode(), playlist_url)


def fetch_segment(url):
    for attempt in range(3):
        try:
            data = fetch_retrying(url)[0]
            if valid_segment(data):
                return data
        except Gone:
            if attempt == 2:
                return None
        time.sleep(0.5)
    return None


def main():
    if len(sys.argv) < 2 or sys.argv[1] != "listen":
        print("gebruik: meeluister listen BRON", file=sys.stderr)
        return 2
    ap = argparse.ArgumentParser(prog="meeluister listen", add_help=False)
    ap.add_argument("source", nargs="?")
    ap.add_argument("--output")
    ap.add_argument("--duration", type=float)
    ap.add_argument("--start")
    ap.add_argument("--live-edge", type=int, default=3)
    try:
        args = ap.parse_args(sys.argv[2:])
    except SystemExit:
        return 2
    if not args.source:
        print("Geef een bron op: meeluister listen URL", file=sys.stderr)
        return 2
    if not args.output and subprocess.run(["pactl", "info"], capture_output=True).returncode != 0:
        say("Geen audioapparaat gevonden.")
        return 1
    say(f"Verbinden met {args.source}")
    try:
        head = OPENER.open(args.source, timeout=10)
    except urllib.error.HTTPError as e:
        say(f"De bron is niet gevonden (HTTP {e.code}).")
        return 1
    except OSError as e:
        say(f"Kan niet verbinden: {e}")
        return 1
    ctype = head.headers.get("Content-Type", "")
    out = Output(args.output, args.duration, 1024 if BUG == "priming" else 0)
    try:
        if "mpegurl" not in ctype:
            play_plain_from(head, out)
        else:
            text = head.read().decode()
            head.close()
            audio, variants, info = parse_playlist(text, args.source)
            url = args.source
            if BUG == "video" and variants:
                try:
                    fetch(variants[0])
                except (OSError, Gone):
                    pass
            if audio or variants:
                url = audio or variants[0]
                audio, variants, info = parse_playlist(fetch_retrying(url)[0].decode(), url)
            play_hls(info, url, out, args.start, args.live_edge)
    finally:
        out.close()
    return 0


def play_plain_from(resp, out):
    say("Stroom gevonden.")
    while not out.done.is_set():
        data = resp.read1(16384)
        if not data:
            break
        out.feed(data)


if __name__ == "__main__":
    sys.exit(main())
