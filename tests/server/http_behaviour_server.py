#!/usr/bin/env python3
"""A loopback HTTP server with the awkward behaviours an HTTP client must survive:
redirects (also to file://), a body larger than allowed, a slow trickle, ETag and
Last-Modified with 304 answers, and an echo of the request headers.
Usage: http_behaviour_server.py PORT_FILE   (binds 127.0.0.1 on a free port)"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ETAG = '"v1"'
LAST_MODIFIED = "Thu, 21 Dec 2023 10:15:00 GMT"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, code, body, ctype="text/plain", extra=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/redirect-file":
            self.send_body(302, b"", extra={"Location": "file:///etc/passwd"})
        elif path.startswith("/redirect/"):
            n = int(path.rsplit("/", 1)[1])
            target = "/hello" if n == 0 else f"/redirect/{n - 1}"
            self.send_body(302, b"", extra={"Location": target})
        elif path == "/redirect-loop":
            self.send_body(302, b"", extra={"Location": "/redirect-loop"})
        elif path in ("/range", "/range-ignored"):
            body = b"0123456789abcdefghijklmnopqrstuvwxyz"[:36]
            rng = self.headers.get("Range", "")
            if path == "/range" and rng.startswith("bytes="):
                first, last = rng[6:].split("-")
                part = body[int(first):int(last) + 1]
                self.send_body(206, part, extra={
                    "Content-Range": f"bytes {first}-{int(first) + len(part) - 1}/{len(body)}"})
            else:
                self.send_body(200, body)
        elif path == "/hello":
            self.send_body(200, b"hallo", extra={"X-Test": "1"})
        elif path == "/big":
            self.send_body(200, b"x" * (3 << 20))
        elif path == "/big-chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"y" * 65536
            try:
                for _ in range(64):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"s")
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/etag":
            if self.headers.get("If-None-Match") == ETAG or \
                    self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.send_response(304)
                self.send_header("ETag", ETAG)
                self.end_headers()
            else:
                self.send_body(200, b"inhoud", extra={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})
        elif path == "/headers":
            self.send_body(200, json.dumps(dict(self.headers)).encode(), "application/json")
        elif path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            self.send_body(code, b"<html>fout</html>", "text/html")
        else:
            self.send_body(404, b"niet gevonden")

    do_HEAD = do_GET


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # clients that hang up early are part of the tests


def main():
    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.replace(sys.argv[1] + ".tmp", sys.argv[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
