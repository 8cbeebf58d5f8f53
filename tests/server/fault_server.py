#!/usr/bin/env python3
"""A small loopback server for the fault matrix (tests/integration/test_fault_matrix.py):
every path answers with a behaviour chosen by the test, and every request is logged.

Used in-process: `srv = FaultServer(routes); srv.start(); ... srv.stop()`. `routes` maps
a path (without query) to a behaviour: a callable taking the request handler. The
helpers below make the usual ones: ok(body), status(code), reset(), truncate(body),
too_big_header(), too_big_chunked(mb), redirect(location), slowloris(), stall(),
ranged(body) (honours Range with 206), whole(body) (ignores Range). Loopback only;
every slow behaviour stops after at most 90 s or when the client goes away.
"""
import os
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_SLOW_SECONDS = 90


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        srv = self.server.owner
        path = self.path.split("?")[0]
        entry = {"t": time.monotonic() - srv.t0, "path": path, "range": self.headers.get("Range")}
        with srv.lock:
            srv.log.append(entry)
        route = srv.routes.get(path)
        if route is None and srv.fallback is not None:
            route = srv.fallback(path)
        if route is None:
            route = status(404)
        try:
            entry["status"] = route(self)
        except (BrokenPipeError, ConnectionResetError, socket.timeout, OSError):
            entry["status"] = 0

    def send_body(self, code, body, ctype="application/octet-stream", extra=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)
        return code


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass


class FaultServer:
    def __init__(self, routes=None, fallback=None):
        self.routes = dict(routes or {})
        self.fallback = fallback  # path -> behaviour or None, for generated paths
        self.log = []
        self.lock = threading.Lock()
        self.t0 = time.monotonic()
        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.owner = self
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def closing(self):
        """Stop listening (new connections are refused); safe from a handler thread."""
        with self.lock:
            if getattr(self, "_closing", False):
                return
            self._closing = True

        def close():
            self.httpd.shutdown()
            self.httpd.server_close()
        threading.Thread(target=close, daemon=True).start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def requests(self, path=None):
        with self.lock:
            return [dict(e) for e in self.log if path is None or e["path"] == path]

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False


# ---- behaviours ------------------------------------------------------------------------
def ok(body, ctype="application/octet-stream"):
    return lambda h: h.send_body(200, body() if callable(body) else body, ctype)


def status(code):
    return lambda h: h.send_body(code, b"<html>fout</html>", "text/html")


def reset():
    """Close the connection with a TCP reset, no answer."""
    def run(h):
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.close_connection = True
        h.connection.close()
        return 0
    return run


def truncate(body):
    """Promise the whole body, send half, close."""
    def run(h):
        h.send_response(200)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body[:len(body) // 2])
        h.wfile.flush()
        h.close_connection = True
        return 200
    return run


def too_big_header(size=40 << 20):
    """A Content-Length over the cap (the body never comes)."""
    def run(h):
        h.send_response(200)
        h.send_header("Content-Length", str(size))
        h.end_headers()
        h.wfile.flush()
        h.close_connection = True
        return 200
    return run


def too_big_chunked(mb=34):
    """A chunked body that goes on past the cap."""
    def run(h):
        h.send_response(200)
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b"z" * (1 << 20)
        for _ in range(mb):
            h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        h.wfile.write(b"0\r\n\r\n")
        return 200
    return run


def redirect(location):
    return lambda h: h.send_body(302, b"", extra={"Location": location})


def slowloris(interval=2.0):
    """Headers, then one byte every `interval` s."""
    def run(h):
        h.send_response(200)
        h.send_header("Content-Length", "100000")
        h.end_headers()
        end = time.monotonic() + MAX_SLOW_SECONDS
        while time.monotonic() < end:
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(interval)
        h.close_connection = True
        return 200
    return run


def stall():
    """Reads the request and never answers."""
    def run(h):
        h.connection.settimeout(1.0)
        end = time.monotonic() + MAX_SLOW_SECONDS
        while time.monotonic() < end:
            try:
                if h.connection.recv(1) == b"":
                    break
            except socket.timeout:
                continue
        h.close_connection = True
        return 0
    return run


def garbage(size=46000, seed=7):
    import random
    rnd = random.Random(seed)
    data = bytes(rnd.getrandbits(8) for _ in range(size))
    return ok(data)


def ranged(body):
    """Honours `Range: bytes=a-b` with 206 (416 when it starts past the end)."""
    def run(h):
        rng = h.headers.get("Range")
        if not rng or not rng.startswith("bytes="):
            return h.send_body(200, body)
        first, _, last = rng[6:].partition("-")
        first = int(first)
        last = min(int(last) if last else len(body) - 1, len(body) - 1)
        if first >= len(body):
            return h.send_body(416, b"")
        part = body[first:last + 1]
        return h.send_body(206, part, extra={"Content-Range": f"bytes {first}-{last}/{len(body)}"})
    return run


def whole(body):
    return ok(body)


def read(path):
    with open(path, "rb") as fh:
        return fh.read()


def set_tfdt(segment, media_time):
    """An fMP4 fragment with every tfdt (version 1) set to media_time."""
    data = bytearray(segment)
    pos = data.find(b"tfdt")
    while pos >= 4:
        data[pos + 8:pos + 16] = (media_time % (1 << 63)).to_bytes(8, "big")
        pos = data.find(b"tfdt", pos + 4)
    return bytes(data)


if __name__ == "__main__":
    print(__doc__)
    os._exit(0)
