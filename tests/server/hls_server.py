#!/usr/bin/env python3
"""Loopback HLS/Icecast test server with faults on cue (Python standard library only).

python3 hls_server.py --media DIR [--port 0] --port-file FILE [--retention 3000] [--window 5]
                     [--history 0]

Listens on 127.0.0.1 (HTTP/1.1, keep-alive, Content-Length) and writes its port to
--port-file once listening. Media comes from make_fixtures.py. Paths:

  /vod/index.m3u8                     master: audio rendition Stream(06) + two video
                                      variants Stream(01|02) that always answer 400
  /vod/Stream(06)/prog_index.m3u8     VOD media playlist (fMP4, EXT-X-MAP init.mp4)
        ?count=N   only the first N segments   ?abs=1  init/segment URIs absolute on the
        other loopback host name (/cdn/ prefix)   ?q=1  segment URIs carry ?token=abc
        (other query parameters, e.g. the Kamer's hd=1&subtitles=vod, are ignored; the
        master passes its own query on to the audio rendition URI)
  /live/index.m3u8, /live/Stream(06)/prog_index.m3u8
                                      sliding window of --window segments in real time:
        newest sequence s_now = floor(t/3.84) + window, media sequence s_now-window+1;
        sequence s plays fixture segment s % 40, named Segment-<base+s*38400000>.m4a
        (tfdt rewritten to match). Unpublished -> 404; left the window more than
        --retention seconds ago -> 404. ?endafter=N adds ENDLIST after sequence N.
  /ts/index.m3u8                      VOD media playlist of MPEG-TS segments seg<k>.ts
  /plain/tone.mp3|.ogg|.opus          Icecast-style: chunked, paced at real time after
                                      a 2 s burst
  /cdn/<any of the above>             alias (for absolute URIs on another host)
  /control/fault?kind=...             status|drop|stall|truncate|garbage|down|freeze
                                      (target= segment|playlist|master|init|plain|subtitles
                                      (a subtitle playlist)|vtt (a subtitle file)|any)
  /control/reset                      clear faults (and an active freeze)
  /control/vod?open=1                 on-demand playlists without ENDLIST (a recording not yet
                                      closed, as just after a debate ended); open=0 closes them
  /control/vod?long=N                 on-demand playlists of N segments (at most 20000; a
                                      plenary day is about 11000), the fixture repeated
  /control/vod?day=missing             the day's recording (--history) answers 404; day=stub: its
                                      playlist has no segment (ENDLIST only); day=there undoes
  /control/log[?since=N]              JSON list of every non-control request
  /vod|live/subtitles/nl-pol.m3u8     the Dutch WebVTT subtitle rendition (issue 12), in the
                                      master as TYPE=SUBTITLES,LANGUAGE="nl-pol": live always,
        on demand only when the master's query has start and end (as the Kamer's). Live: one
        VTT per segment, live/nl/<YYYYMMDDhhmmssmmm>.vtt?start=..&end=.. with the segment's
        PROGRAM-DATE-TIME, HTTP 500 for the newest segment's file in its first 2 s. On demand:
        one VTT for the whole recording, nl-pol/vod.vtt?start=<first PROGRAM-DATE-TIME>.
        Cue texts tell their segment: segment k has the roll-up cue
        ["ondertitel segment k-1", "ondertitel segment k"] from 0.20 to 3.50 s into it, and a
        cue "brug k" from 3.60 s that runs into segment k+1 (live: in both files).
  /control/live                       {"now_seq", "first_seq", "t"}

--history SECONDS (default 0) starts the live timeline that long before the server did (a
debate on since an hour: sequence 0 is its start). With it, /vod/ asked with start= and no
end= (the vodUrl of a debate still live) is the day's recording so far: sequences 0 up to
the live edge, every one fetchable, no ENDLIST (it grows), PROGRAM-DATE-TIME as live.
"""
import argparse
import datetime
import json
import math
import os
import random
import re
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEGMENT_SECONDS = 3.84
TARGETS = ("segment", "playlist", "master", "init", "plain", "subtitles", "vtt", "any")
PLAIN_TYPES = {".mp3": "audio/mpeg", ".ogg": "application/ogg", ".opus": "audio/ogg"}
VIDEO_VARIANT_QUERY = "start=2023-12-21T11%3A15%3A00.0000000%2B01%3A00"


class Media:
    """The fixture files, read once into memory."""

    def __init__(self, root):
        with open(os.path.join(root, "fixtures.json")) as fh:
            self.info = json.load(fh)
        self.base_ticks = self.info["base_ticks"]
        self.ticks_per_segment = self.info["ticks_per_segment"]
        self.base_media_time = self.info["base_media_time"]
        self.segment_samples = self.info["segment_samples"]
        fm = os.path.join(root, "fmp4")
        self.init = _read(os.path.join(fm, "init.mp4"))
        self.segments = [_read(os.path.join(fm, s["name"])) for s in self.info["segments"]]
        self.count = len(self.segments)
        self.ts = [_read(os.path.join(root, "ts", f"seg{k}.ts")) for k in range(self.count)]
        self.plain = {name: _read(os.path.join(root, "plain", name))
                      for name in ("tone.mp3", "tone.ogg", "tone.opus")}
        self.plain_seconds = self.info["plain_segments"] * SEGMENT_SECONDS

    def segment_name(self, seq):
        return f"Segment-{self.base_ticks + seq * self.ticks_per_segment}.m4a"

    def seq_of(self, name):
        m = re.fullmatch(r"Segment-(\d+)\.m4a", name)
        if not m:
            return None
        delta = int(m.group(1)) - self.base_ticks
        if delta < 0 or delta % self.ticks_per_segment:
            return None
        return delta // self.ticks_per_segment

    def pdt(self, seq):
        t = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(
            microseconds=(self.base_ticks + seq * self.ticks_per_segment) // 10)
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"

    def live_segment(self, seq):
        """Fixture segment seq % N with its tfdt moved to the live timeline."""
        data = bytearray(self.segments[seq % self.count])
        pos = data.find(b"tfdt")
        while pos >= 4:
            data[pos + 8:pos + 16] = (self.base_media_time + seq * self.segment_samples).to_bytes(8, "big")
            pos = data.find(b"tfdt", pos + 4)
        return bytes(data)


def _read(path):
    with open(path, "rb") as fh:
        return fh.read()


class State:
    """Everything shared between handler threads."""

    def __init__(self, media, window, retention, history=0.0):
        self.media = media
        self.window = window
        self.retention = retention
        self.history = history
        self.t0 = time.monotonic() - history
        self.lock = threading.Lock()
        self.faults = []
        self.vod_open = False     # /control/vod?open=1: the recording's playlist not closed yet
        self.vod_long = 0         # /control/vod?long=N: on-demand playlists of N segments (benchmarks)
        self.day_missing = False  # /control/vod?day=missing: the day's recording answers 404
        self.day_stub = False     # /control/vod?day=stub: the day's recording has no segment yet
        self.log = []
        self.freeze = None  # (start_t, end_t) in server time
        self.down_request = None  # seconds, set by the fault handler
        self.connections = set()

    def now(self):
        return time.monotonic() - self.t0

    def playlist_time(self):
        t = self.now()
        with self.lock:
            if self.freeze and self.freeze[0] <= t < self.freeze[1]:
                return self.freeze[0]
        return t

    def newest_seq(self, t):
        return int(math.floor(t / SEGMENT_SECONDS)) + self.window

    def segment_status(self, seq):
        """200 when live segment seq is fetchable now, else 404."""
        t = self.now()
        if seq > self.newest_seq(t):
            return 404
        left_window_at = seq * SEGMENT_SECONDS
        if t > left_window_at and t - left_window_at > self.retention:
            return 404
        return 200

    def take_fault(self, target):
        """The first armed fault matching target (its count consumed), or None."""
        with self.lock:
            for f in self.faults:
                if f["target"] in (target, "any") and f["count"] > 0:
                    f["count"] -= 1
                    if f["count"] == 0:
                        self.faults.remove(f)
                    return dict(f)
        return None

    def record(self, entry):
        with self.lock:
            self.log.append(entry)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "meeluister-test/1"

    def log_message(self, fmt, *args):  # quiet
        pass

    def setup(self):
        super().setup()
        with self.server.state.lock:
            self.server.state.connections.add(self.connection)

    def finish(self):
        try:
            super().finish()
        finally:
            with self.server.state.lock:
                self.server.state.connections.discard(self.connection)

    # ---- plumbing -------------------------------------------------------------------
    def do_GET(self):
        state = self.server.state
        parsed = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(parsed.path)
        query = urllib.parse.parse_qs(parsed.query)
        self._entry = None
        if path.startswith("/control/"):
            return self.control(path, query)
        self._entry = {"t": round(state.now(), 3), "path": path, "query": parsed.query,
                       "status": None, "bytes": 0}
        state.record(self._entry)
        if path.startswith("/cdn/"):
            path = path[4:]
        try:
            self.route(path, query)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def send_body(self, status, body, ctype="application/octet-stream", fault=None):
        fault = fault or {}
        kind = fault.get("kind")
        if kind == "drop":
            self._note(0, 0, "drop")
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if kind == "stall":
            self._note(None, 0, "stall")
            time.sleep(float(fault.get("seconds", 10)))
        if kind == "status":
            status = int(fault.get("code", 404))
            body = f"fault {status}\n".encode()
            ctype = "text/plain"
        elif kind == "truncate" and status == 200:
            body = body[: len(body) // 2]
        elif kind == "garbage" and status == 200:
            body = os.urandom(len(body))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache" if ctype.endswith("mpegurl") else "max-age=60")
        self.end_headers()
        self.wfile.write(body)
        self._note(status, len(body), kind)

    def _note(self, status, nbytes, fault):
        if self._entry is not None:
            self._entry["status"] = status
            self._entry["bytes"] = nbytes
            if fault:
                self._entry["fault"] = fault

    def answer(self, target, status, body, ctype):
        fault = self.server.state.take_fault(target) if target else None
        self.send_body(status, body, ctype, fault)

    def not_found(self, target=None):
        self.answer(target, 404, b"not found\n", "text/plain")

    # ---- routes ---------------------------------------------------------------------
    def route(self, path, query):
        state = self.server.state
        media = state.media
        m3u8 = "application/vnd.apple.mpegurl"
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] in ("vod", "live") and parts[1] == "index.m3u8":
            if parts[0] == "vod" and state.day_missing and self.day_recording(query):
                return self.not_found("master")
            return self.answer("master", 200, self.master(parts[0], query), m3u8)
        if len(parts) >= 3 and parts[0] in ("vod", "live") and parts[1] == "subtitles":
            return self.subtitles(parts[0], parts[2:], query)
        if len(parts) == 3 and parts[0] in ("vod", "live"):
            stream, name = parts[1], parts[2]
            if stream in ("Stream(01)", "Stream(02)"):
                return self.answer(None, 400, b"bad request\n", "text/plain")
            if stream != "Stream(06)":
                return self.not_found()
            if name == "prog_index.m3u8":
                if parts[0] == "vod" and self.day_recording(query):
                    newest = state.newest_seq(state.playlist_time())
                    if state.day_stub:  # as the Kamer answers a window with no recording
                        body = self.media_playlist(query, range(0), 0, True)
                    else:
                        body = self.media_playlist(query, range(0, newest + 1), 0, False)
                else:
                    body = self.vod_playlist(query) if parts[0] == "vod" else self.live_playlist(query)
                return self.answer("playlist", 200, body, m3u8)
            if name == "init.mp4":
                return self.answer("init", 200, media.init, "video/mp4")
            seq = media.seq_of(name)
            if seq is None:
                return self.not_found("segment")
            if parts[0] == "vod" and state.history > 0:  # the day's recording (its URIs have no query)
                if seq > state.newest_seq(state.now()):
                    return self.not_found("segment")
                self._entry["seq"] = seq
                return self.answer("segment", 200, media.live_segment(seq), "audio/mp4")
            if parts[0] == "vod":
                if seq < media.count:
                    return self.answer("segment", 200, media.segments[seq], "audio/mp4")
                if seq < state.vod_long:  # a long recording: the fixture again, its tfdt moved on
                    return self.answer("segment", 200, media.live_segment(seq), "audio/mp4")
                return self.not_found("segment")
            self._entry["seq"] = seq
            if state.segment_status(seq) != 200:
                return self.not_found("segment")
            return self.answer("segment", 200, media.live_segment(seq), "audio/mp4")
        if len(parts) == 2 and parts[0] == "ts":
            if parts[1] == "index.m3u8":
                return self.answer("playlist", 200, self.ts_playlist(query), m3u8)
            m = re.fullmatch(r"seg(\d+)\.ts", parts[1])
            if m and int(m.group(1)) < media.count:
                return self.answer("segment", 200, media.ts[int(m.group(1))], "video/mp2t")
            return self.not_found("segment")
        if len(parts) == 2 and parts[0] == "plain" and parts[1] in media.plain:
            return self.plain(parts[1])
        return self.not_found()

    def day_recording(self, query):
        """The day's recording of a debate still live (--history, start= without end=)."""
        return self.server.state.history > 0 and "start" in query and "end" not in query

    def master(self, kind, query):
        q = urllib.parse.urlsplit(self.path).query
        audio = "Stream(06)/prog_index.m3u8" + ("?" + q if q else "")
        lines = ["#EXTM3U", "#EXT-X-VERSION:7",
                 f'#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Original Audio",URI="{audio}"',]
        if kind == "live" or ("start" in query and "end" in query):
            media = self.server.state.media
            start = urllib.parse.quote(media.pdt(0), safe="")
            lines.append('#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="Nederlands",DEFAULT=NO,'
                         f'FORCED=NO,URI="subtitles/nl-pol.m3u8?start={start}",LANGUAGE="nl-pol"')
        lines += [
                 '#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH=408322,RESOLUTION=320x180,AUDIO="audio"',
                 f"Stream(01)/prog_index.m3u8?{VIDEO_VARIANT_QUERY}",
                 '#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH=504260,RESOLUTION=640x360,AUDIO="audio"',
                 f"Stream(02)/prog_index.m3u8?{VIDEO_VARIANT_QUERY}"]
        return ("\n".join(lines) + "\n").encode()

    # ---- subtitles (issue 12) ---------------------------------------------------------
    @staticmethod
    def cue_time(seconds):
        ms = int(round(seconds * 1000))
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"

    def segment_cues(self, seq, offset):
        """The cues of segment seq, `offset` seconds into the file's timeline."""
        rollup = [f"ondertitel segment {seq - 1}", f"ondertitel segment {seq}"] if seq > 0 \
            else [f"ondertitel segment {seq}"]
        return [(offset + 0.20, offset + 3.50, rollup),
                (offset + 3.60, offset + 4.30, [f"brug {seq}"])]

    @staticmethod
    def vtt(cues, header=""):
        out = ["WEBVTT" + header, ""]
        for n, (a, b, lines) in enumerate(cues):
            out += [str(n + 1), f"{Handler.cue_time(a)} --> {Handler.cue_time(b)} line:90%"] + lines + [""]
        return "\n".join(out).encode()

    def vtt_name(self, seq):
        media = self.server.state.media
        t = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(
            microseconds=(media.base_ticks + seq * media.ticks_per_segment) // 10)
        return t.strftime("%Y%m%d%H%M%S") + f"{t.microsecond // 1000:03d}"

    def seq_of_vtt(self, name):
        m = re.fullmatch(r"(\d{17})\.vtt", name)
        if not m:
            return None
        media = self.server.state.media
        t = datetime.datetime.strptime(m.group(1)[:14], "%Y%m%d%H%M%S").replace(tzinfo=datetime.timezone.utc)
        ticks = (int(t.timestamp()) * 1000 + int(m.group(1)[14:])) * 10000
        delta = ticks - media.base_ticks
        if delta < 0 or delta % media.ticks_per_segment:
            return None
        return delta // media.ticks_per_segment

    def subtitles(self, kind, rest, query):
        state = self.server.state
        media = state.media
        m3u8 = "application/vnd.apple.mpegurl"
        vtt_type = "text/vtt; charset=utf-8"
        if rest == ["nl-pol.m3u8"] and kind == "vod":
            count = state.vod_long or media.count
            start = urllib.parse.quote(media.pdt(0), safe="")
            lines = ["#EXTM3U", "#EXT-X-VERSION:4", "#EXT-X-PLAYLIST-TYPE:VOD",
                     f"#EXTINF:{count * SEGMENT_SECONDS:.3f}", f"nl-pol/vod.vtt?start={start}",
                     "#EXT-X-ENDLIST"]
            return self.answer("subtitles", 200, ("\n".join(lines) + "\n").encode(), m3u8)
        if rest == ["nl-pol", "vod.vtt"] and kind == "vod":
            count = state.vod_long or media.count
            cues = []
            for k in range(count):
                cues += self.segment_cues(k, k * SEGMENT_SECONDS)
            return self.answer("vtt", 200, self.vtt(cues), vtt_type)
        if rest == ["nl-pol.m3u8"] and kind == "live":
            newest = state.newest_seq(state.playlist_time())
            first = max(0, newest - state.window + 1)
            lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:4",
                     f"#EXT-X-MEDIA-SEQUENCE:{first}"]
            for seq in range(first, newest + 1):
                a = urllib.parse.quote(media.pdt(seq), safe="")
                b = urllib.parse.quote(media.pdt(seq + 1), safe="")
                lines += [f"#EXT-X-PROGRAM-DATE-TIME:{media.pdt(seq)}", "#EXTINF:3.840,",
                          f"live/nl/{self.vtt_name(seq)}.vtt?start={a}&end={b}"]
            return self.answer("subtitles", 200, ("\n".join(lines) + "\n").encode(), m3u8)
        if len(rest) == 3 and rest[:2] == ["live", "nl"] and kind == "live":
            seq = self.seq_of_vtt(rest[2])
            if seq is None or state.segment_status(seq) != 200:
                return self.not_found("subtitles")
            self._entry["vtt_seq"] = seq
            now = state.now()
            published = (seq - state.window) * SEGMENT_SECONDS  # when it became the newest
            if seq == state.newest_seq(now) and now - published < 2.0:
                return self.answer("vtt", 500, b"not yet\n", "text/plain")
            cues = self.segment_cues(seq, 0.0)
            if seq > 0:  # the bridge from the segment before runs into this one
                cues.insert(0, (0.0, 0.70, [f"brug {seq - 1}"]))
            # The Kamer's X-TIMESTAMP-MAP is not reliable: this one is deliberately wrong.
            return self.answer("vtt", 200, self.vtt(cues, "\nX-TIMESTAMP-MAP=MPEGTS:181999,LOCAL:00:00:07.000"),
                               vtt_type)
        return self.not_found("subtitles")

    def uri_prefix(self, query):
        """'' for relative URIs, or the absolute base on the other loopback name."""
        if query.get("abs", ["0"])[0] != "1":
            return ""
        host = (self.headers.get("Host") or "").split(":")[0]
        other = "127.0.0.1" if host == "localhost" else "localhost"
        directory = urllib.parse.urlsplit(self.path).path.rsplit("/", 1)[0]
        if directory.startswith("/cdn/"):
            directory = directory[4:]
        return f"http://{other}:{self.server.server_address[1]}/cdn{directory}/"

    def media_playlist(self, query, seqs, first, ended, vod=False):
        media = self.server.state.media
        prefix = self.uri_prefix(query)
        token = "?token=abc" if query.get("q", ["0"])[0] == "1" else ""
        lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-TARGETDURATION:4",
                 f"#EXT-X-MEDIA-SEQUENCE:{first}"]
        if vod:
            lines.append("#EXT-X-PLAYLIST-TYPE:VOD")
        lines.append(f'#EXT-X-MAP:URI="{prefix}init.mp4"')
        for seq in seqs:
            lines.append(f"#EXT-X-PROGRAM-DATE-TIME:{media.pdt(seq)}")
            lines.append("#EXTINF:3.840,")
            lines.append(prefix + media.segment_name(seq) + token)
        if ended:
            lines.append("#EXT-X-ENDLIST")
        return ("\n".join(lines) + "\n").encode()

    def vod_playlist(self, query):
        media = self.server.state.media
        count = self.server.state.vod_long or media.count
        if "count" in query:
            count = max(0, min(count, int(query["count"][0])))
        if self.server.state.vod_open:  # no ENDLIST and no PLAYLIST-TYPE yet, as just after a debate
            return self.media_playlist(query, range(count), 0, False)
        return self.media_playlist(query, range(count), 0, True, vod=True)

    def live_playlist(self, query):
        state = self.server.state
        newest = state.newest_seq(state.playlist_time())
        first = max(0, newest - state.window + 1)
        ended = False
        if "endafter" in query:
            end = int(query["endafter"][0])
            if newest >= end:
                newest, ended = end, True
                first = min(first, end)
        return self.media_playlist(query, range(first, newest + 1), first, ended)

    def ts_playlist(self, query):
        media = self.server.state.media
        count = media.count
        if "count" in query:
            count = max(0, min(count, int(query["count"][0])))
        lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:4",
                 "#EXT-X-MEDIA-SEQUENCE:0", "#EXT-X-PLAYLIST-TYPE:VOD"]
        for k in range(count):
            lines += ["#EXTINF:3.840,", f"seg{k}.ts"]
        lines.append("#EXT-X-ENDLIST")
        return ("\n".join(lines) + "\n").encode()

    def plain(self, name):
        state = self.server.state
        fault = state.take_fault("plain")
        data = state.media.plain[name]
        if fault and fault["kind"] in ("status", "drop", "stall"):
            return self.send_body(200, data, PLAIN_TYPES[os.path.splitext(name)[1]], fault)
        rate = len(data) / state.media.plain_seconds  # bytes per second
        self.send_response(200)
        self.send_header("Content-Type", PLAIN_TYPES[os.path.splitext(name)[1]])
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("icy-name", "meeluister test tone")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self._entry["status"] = 200
        start = time.monotonic()
        sent = 0
        burst = int(2.0 * rate)
        try:
            while sent < len(data):
                due = burst + int((time.monotonic() - start) * rate)
                if sent >= due:
                    time.sleep(0.05)
                    continue
                chunk = data[sent:min(len(data), due, sent + 16384)]
                self.wfile.write(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                self.wfile.flush()
                sent += len(chunk)
                self._entry["bytes"] = sent
            self.wfile.write(b"0\r\n\r\n")
        finally:
            self.close_connection = True

    # ---- control --------------------------------------------------------------------
    def control(self, path, query):
        state = self.server.state
        q = {k: v[0] for k, v in query.items()}
        if path == "/control/log":
            since = int(q.get("since", 0))
            with state.lock:
                body = json.dumps(state.log[since:]).encode()
            return self.send_body(200, body, "application/json")
        if path == "/control/live":
            t = state.playlist_time()
            newest = state.newest_seq(t)
            body = json.dumps({"now_seq": newest, "first_seq": max(0, newest - state.window + 1),
                               "t": round(state.now(), 3)}).encode()
            return self.send_body(200, body, "application/json")
        if path == "/control/reset":
            with state.lock:
                state.faults.clear()
                state.freeze = None
            return self.send_body(200, b"ok", "text/plain")
        if path == "/control/vod":
            with state.lock:
                if "open" in q:
                    state.vod_open = q.get("open") == "1"
                if "long" in q:
                    state.vod_long = max(0, min(20000, int(q["long"])))
                if "day" in q:
                    state.day_missing = q.get("day") == "missing"
                    state.day_stub = q.get("day") == "stub"

            return self.send_body(200, b"ok", "text/plain")
        if path == "/control/fault":
            error = self.arm(state, q)
            if error:
                return self.send_body(400, error.encode(), "text/plain")
            self.send_body(200, b"ok", "text/plain")
            if q.get("kind") == "down":
                self.close_connection = True
                threading.Thread(target=self.server.shutdown, daemon=True).start()
            return None
        return self.send_body(404, b"unknown control\n", "text/plain")

    def arm(self, state, q):
        kind = q.get("kind")
        seconds = float(q.get("seconds", 10))
        if kind == "down":
            with state.lock:
                state.down_request = seconds
            return None
        if kind == "freeze":
            t = state.now()
            with state.lock:
                state.freeze = (state.playlist_time() if state.freeze else t, t + seconds)
            return None
        if kind not in ("status", "drop", "stall", "truncate", "garbage"):
            return f"unknown kind {kind!r}\n"
        target = q.get("target", "segment")
        if target not in TARGETS:
            return f"unknown target {target!r}\n"
        fault = {"kind": kind, "target": target, "count": int(q.get("count", 1))}
        if kind == "status":
            fault["code"] = int(q.get("code", 404))
        if kind == "stall":
            fault["seconds"] = seconds
        with state.lock:
            state.faults.append(fault)
        return None


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(state, port, port_file):
    """Serve until killed; a 'down' fault closes the listening socket and every open
    connection, then binds the same port again after the requested seconds."""
    first = True
    while True:
        for attempt in range(100):
            try:
                server = Server(("127.0.0.1", port), Handler)
                break
            except OSError:
                if attempt == 99:
                    raise
                time.sleep(0.05)
        server.state = state
        port = server.server_address[1]
        if first:
            tmp = port_file + ".tmp"
            with open(tmp, "w") as fh:
                fh.write(f"{port}\n")
            os.replace(tmp, port_file)
            first = False
        server.serve_forever(poll_interval=0.05)
        server.server_close()
        with state.lock:
            seconds = state.down_request
            state.down_request = None
            conns = list(state.connections)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if seconds is None:
            return
        time.sleep(seconds)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--media", default=os.environ.get("MEELUISTER_MEDIA"))
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--retention", type=float, default=3000.0)
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--history", type=float, default=0.0)
    args = ap.parse_args()
    if not args.media:
        ap.error("--media (or MEELUISTER_MEDIA) is required")
    random.seed()
    state = State(Media(args.media), args.window, args.retention, args.history)
    try:
        serve(state, args.port, args.port_file)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
