"""Helpers for the local hardening tests (test_io_*.py): running meeluister with raw bytes
kept (to see every control byte it writes), a tiny loopback server for hostile playlists, a
copy of the API fixtures with hostile text, and checks on what reaches a terminal."""
import http.server
import json
import os
import shutil
import signal
import subprocess
import threading
import time

import harness as h
import api_server

HOSTILE = "Raad \u001b]0;PWNED\u0007 \u001b[2J\u0000 \u202eliam\u202c \u2066x\u2069 \u009b31m\u0007Ontwikkeling"


def run_bytes(args, env, timeout=60.0, preexec=None, stdin=subprocess.DEVNULL):
    """(rc, stdout bytes, stderr bytes, seconds) of meeluister run to the end (bounded)."""
    t0 = time.monotonic()
    p = subprocess.run([h.binary(), *[str(a) for a in args]], env=env, stdin=stdin,
                       capture_output=True, timeout=timeout, preexec_fn=preexec)
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t0


def check_printable(data, what):
    """No byte a terminal acts on, valid UTF-8, no bidi override: what the cleaner promises."""
    try:
        text = data.decode("utf-8", "strict")
    except UnicodeDecodeError as err:
        raise h.TestFailure(f"{what}: not valid UTF-8 ({err}): {data[-300:]!r}")
    for ch in text:
        o = ord(ch)
        bad = (o < 0x20 and ch != "\n") or o == 0x7F or 0x80 <= o <= 0x9F or 0x202A <= o <= 0x202E \
            or 0x2066 <= o <= 0x2069
        h.check(not bad, f"{what}: control U+{o:04X} reached the terminal: {text[-300:]!r}")
    return text


def hostile_fixtures(tmp):
    """A copy of tests/fixtures/data whose on-demand debate (Klompézaal) is named HOSTILE in
    Debat Direct's agenda and debate answers."""
    dst = os.path.join(tmp, "data")
    shutil.copytree(api_server.FIXTURES, dst)
    for rel in ("debatdirect/agenda/2026-10-01.json",
                "debatdirect/debates/5d210dbb-9be4-4c39-8640-63a8ccec5b3a.json"):
        path = os.path.join(dst, rel)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        old = "Informele Raad Buitenlandse Zaken Ontwikkeling"
        h.check(old in text, f"fixture {rel} changed: no {old!r}")
        text = text.replace(old, json.dumps(HOSTILE)[1:-1])
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    return dst


class StaticServer:
    """A loopback HTTP server answering fixed bytes per path (404 otherwise)."""

    def __init__(self, routes):
        routes = dict(routes)

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                body = routes.get(self.path.split("?")[0])
                self.send_response(200 if body is not None else 404)
                body = body if body is not None else b"niet gevonden"
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.httpd.server_address[1], path)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        return False


def signal_and_time(proc, sig, limit):
    """Send sig; (returncode, seconds until the process ended). Kills it after `limit` * 10."""
    t0 = time.monotonic()
    proc.send_signal(sig)
    try:
        proc.wait(timeout=max(10.0, limit * 10))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
        raise h.TestFailure(f"still running {limit * 10:.0f} s after signal {sig}")
    return proc.returncode, time.monotonic() - t0


def fill_limit(limit_bytes):
    """preexec_fn: a file size limit standing in for a full disk (portable, no root), with
    SIGXFSZ ignored so a write past it fails with EFBIG like a full disk's ENOSPC."""
    def apply():
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return apply


class StallServer:
    """A loopback server that accepts every request and never answers (until stopped):
    an API that stalls. `arrived` is set at the first request."""

    def __init__(self):
        self.arrived = threading.Event()
        self.release = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                outer.arrived.set()
                outer.release.wait(60)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def options(self):
        base = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        return ["--debatdirect", base + "/dd/api", "--opendata", base + "/od/", "--web", base + "/web"]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        return False
