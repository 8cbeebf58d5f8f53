#!/usr/bin/env python3
"""Loopback stand-in for the three sources meeluister reads about debates.

Serves tests/fixtures/data (shaped like the real answers) on 127.0.0.1:
  /dd/api/app, /dd/api/agenda[/DATE], /dd/api/debates/ID, /dd/api/actors/DATE   (Debat Direct)
  /od/Activiteit?$filter=...                                                   (open data, OData v4)
  /od/Vergadering?$filter=Datum ge .. and Datum lt <DATE>T..   opendata/vergadering-<DATE>.json
  /od/Verslag?$filter=Vergadering_Id eq <ID> ...               opendata/verslagen-<ID>.json
  /od/Verslag/<ID>/resource                                    verslag/<ID>.xml (the record)
  /web/...?id=NUMMER, /web/.../SLUG                                            (tweedekamer.nl pages)
Like the real services it answers 403 to Debat Direct requests without a browser-like
User-Agent, 400 to $top above 250, and 304 to a matching If-None-Match.

Bad answers on cue, per source ("dd", "od", "web"): ApiServer.set_fault(source, fault) with
fault one of: ok, html (an error page with status 200), truncated, 403, 500, gone (404 for
/debates/ and for pages), empty (an empty day), noheadings (pages only), huge (9 MB),
drop (the connection is closed without an answer), stall (answers after 10 s). An optional count makes a fault last
that many requests to its source, then "ok" again.

A growing live debate: events added on cue are served (newest first, like the real service)
before the fixture's own events in /dd/api/debates/ID. add_event(debate_id, type, object_id,
time=None) (time: ISO text; default: one minute after the previous added event, starting at
the debate's startedAt).

Stream addresses: with a stream base (stream_base="http://127.0.0.1:P", a loopback
tests/server/hls_server.py), /app's rooms and every started debate's video block point at it:
live = BASE/live/index.m3u8?room=SLUG, on demand = BASE/vod/index.m3u8?room=SLUG&date=DATE.

The same over HTTP (for a server in another process):
  /control/add-event?debate=ID&type=T&object=OID[&time=ISO]   /control/fault?source=S&fault=F[&count=N]
  /control/stream-base?url=BASE (empty: off)   /control/reset   /control/requests (JSON [[path, status]])
  /control/verslag?status=casco   only the Verslag entries with that status are listed (empty: all)

Use in-process:  with ApiServer() as srv: srv.url ...   or run it:
  api_server.py [--port N] [--port-file FILE | FILE] [--stream-base URL]
(prints "PORT n"; writes the port to FILE when given, as tests/unit/PyServer.h expects).
"""
import argparse
import datetime
import hashlib
import json
import os
import re
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "fixtures", "data")

def parse_time(text):
    """Debat Direct's "2026-10-01T10:00:36+0200" (also with "+02:00")."""
    return datetime.datetime.strptime(re.sub(r"([+-]\d\d):(\d\d)$", r"\1\2", text), "%Y-%m-%dT%H:%M:%S%z")


ERROR_PAGE = b"<!DOCTYPE html><html><head><title>503</title></head><body><h1>Service Unavailable</h1></body></html>"
NO_HEADINGS = "<html><body><div>Deze pagina heeft geen koppen.</div></body></html>".encode()


class _State:
    def __init__(self):
        self.lock = threading.Lock()
        self.faults = {"dd": "ok", "od": "ok", "web": "ok"}
        self.requests = []        # (path, status)
        self.conditional = 0      # requests that carried If-None-Match or If-Modified-Since
        self.fault_counts = {}    # source -> requests left before its fault ends (absent: lasts)
        self.added_events = {}    # lower-case debate id -> events added on cue (oldest first)
        self.stream_base = ""     # loopback HLS server the stream addresses point at
        self.verslag_status = ""  # /control/verslag: list only the Verslag entries of that status

    def take_fault(self, source):
        """The fault for one request to `source`, counting down a limited one."""
        with self.lock:
            fault = self.faults.get(source, "ok")
            left = self.fault_counts.get(source)
            if fault != "ok" and left is not None:
                if left <= 1:
                    self.faults[source] = "ok"
                    del self.fault_counts[source]
                else:
                    self.fault_counts[source] = left - 1
            return fault

    def set_fault(self, source, fault, count=None):
        with self.lock:
            self.faults[source] = fault
            self.fault_counts.pop(source, None)
            if count is not None:
                self.fault_counts[source] = int(count)

    def add_event(self, debate_id, event_type, object_id, time=None):
        with self.lock:
            self.added_events.setdefault(debate_id.lower(), []).append(
                {"eventStart": time, "eventType": event_type, "objectId": object_id})

    def reset(self):
        with self.lock:
            self.faults = {"dd": "ok", "od": "ok", "web": "ok"}
            self.fault_counts = {}
            self.requests = []
            self.conditional = 0
            self.added_events = {}
            self.stream_base = ""
            self.verslag_status = ""


class _Handler(BaseHTTPRequestHandler):
    server_version = "FixtureServer/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        state = self.server.state
        parsed = urllib.parse.urlsplit(self.path)
        path, query = parsed.path, urllib.parse.unquote(parsed.query)
        if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
            with state.lock:
                state.conditional += 1
        source = path.split("/")[1] if path.count("/") >= 1 else ""
        if source == "control":
            status, ctype, body = self.control(path, urllib.parse.parse_qs(parsed.query))
            return self.send_plain(status, ctype, body)
        fault = state.take_fault(source)
        if fault == "drop":
            with state.lock:
                state.requests.append((self.path, 0))
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if fault == "stall":
            time.sleep(10)
        try:
            status, ctype, body = self.route(source, path, query, fault)
        except Exception as e:  # a bug here must show, not hang the client
            status, ctype, body = 500, "text/plain", repr(e).encode()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        if status == 200 and self.headers.get("If-None-Match") == etag:
            status, body = 304, b""
        with state.lock:
            state.requests.append((self.path, status))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if status in (200, 304):
            self.send_header("ETag", etag)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on a (too large) answer: that is its right

    def send_plain(self, status, ctype, body):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def control(self, path, q):
        state = self.server.state
        one = lambda k, d="": q.get(k, [d])[0]  # noqa: E731
        if path == "/control/add-event":
            if not one("debate") or not one("type"):
                return 400, "text/plain", b"debate and type needed\n"
            state.add_event(one("debate"), one("type"), one("object"), one("time") or None)
        elif path == "/control/fault":
            if one("source") not in ("dd", "od", "web"):
                return 400, "text/plain", b"source: dd, od or web\n"
            state.set_fault(one("source"), one("fault", "ok"), one("count") or None)
        elif path == "/control/stream-base":
            with state.lock:
                state.stream_base = one("url").rstrip("/")
        elif path == "/control/verslag":
            with state.lock:
                state.verslag_status = one("status").lower()
        elif path == "/control/reset":
            state.reset()
        elif path == "/control/requests":
            with state.lock:
                return 200, "application/json", json.dumps(state.requests).encode()
        else:
            return 404, "text/plain", b"unknown control\n"
        return 200, "text/plain", b"ok\n"

    # --- routing -------------------------------------------------------------------------
    def route(self, source, path, query, fault):
        if fault == "403":
            return 403, "text/html", ERROR_PAGE
        if fault == "500":
            return 500, "text/html", ERROR_PAGE
        if fault == "html":
            return 200, "text/html", ERROR_PAGE
        if fault == "huge":  # larger than any answer meeluister accepts (8 MB for JSON)
            return 200, "application/json", b"[" + b" " * (9 << 20) + b"]"
        if source == "dd":
            if "Mozilla" not in self.headers.get("User-Agent", ""):
                return 403, "text/html", ERROR_PAGE
            result = self.debat_direct(path[len("/dd/api"):], fault)
        elif source == "od":
            result = self.open_data(path[len("/od"):], query, fault)
        elif source == "web":
            result = self.web(path, query, fault)
        else:
            result = (404, "text/plain", b"not found")
        status, ctype, body = result
        if fault == "truncated" and status == 200:
            body = body[: max(1, len(body) * 2 // 5)]
        return status, ctype, body

    @staticmethod
    def _file(*parts):
        p = os.path.join(FIXTURES, *parts)
        if ".." in parts or not os.path.isfile(p):
            return None
        with open(p, "rb") as f:
            return f.read()

    def _json(self, data):
        return 200, "application/json", data if isinstance(data, bytes) else json.dumps(data).encode()

    def debat_direct(self, sub, fault):
        m = re.fullmatch(r"/agenda(?:/(\d{4}-\d\d-\d\d))?", sub)
        if m:
            date = m.group(1) or "2026-10-01"
            data = None if fault == "empty" else self._file("debatdirect", "agenda", date + ".json")
            return self._json(data or {"debates": []})
        if sub == "/app":
            return self._json(self._app(self._file("debatdirect", "app.json")))
        m = re.fullmatch(r"/(?:agenda/[\d-]+/)?debates/([0-9a-fA-F-]+)", sub)
        if m:
            data = None if fault == "gone" else self._file("debatdirect", "debates", m.group(1).lower() + ".json")
            if data is None:
                return 404, "application/json", b'{"error": "Not found"}'
            return self._json(self._debate(m.group(1).lower(), data))
        m = re.fullmatch(r"/actors/(\d{4}-\d\d-\d\d)", sub)
        if m:
            return self._json(self._file("debatdirect", "actors", m.group(1) + ".json")
                              or {"politicians": [], "parties": []})
        return 404, "application/json", b'{"error": "Not found"}'

    def _stream_base(self):
        with self.server.state.lock:
            return self.server.state.stream_base

    def _app(self, data):
        base = self._stream_base()
        if not base or data is None:
            return data
        doc = json.loads(data)
        for loc in doc.get("locations", []):
            loc["streamUrl"] = loc["audioUrl"] = base + "/{date}/index.m3u8?room={slug}"
            loc["vodUrl"] = base + "/vod/index.m3u8?room={slug}&date={date}"
        return doc

    def _debate(self, ident, data):
        state = self.server.state
        base = self._stream_base()
        with state.lock:
            added = [dict(e) for e in state.added_events.get(ident, [])]
        if not added and not base:
            return data
        doc = json.loads(data)
        debate = doc.get("debate", doc)
        if added:
            start = parse_time(debate.get("startedAt") or debate.get("startsAt") or "2026-10-01T10:00:00+0200")
            for i, e in enumerate(added):
                if not e["eventStart"]:
                    e["eventStart"] = (start + datetime.timedelta(minutes=i + 1)).strftime("%Y-%m-%dT%H:%M:%S%z")
            debate["events"] = list(reversed(added)) + list(debate.get("events") or [])
        if base and debate.get("startedAt"):
            room = re.sub(r"[^a-z0-9]", "", (debate.get("locationId") or "").lower())
            debate["video"] = {"url": "%s/live/index.m3u8?room=%s" % (base, room),
                               "vodUrl": "%s/vod/index.m3u8?room=%s&date=%s" % (base, room, debate.get("debateDate")),
                               "audioUrl": None}
        return doc

    def open_data(self, sub, query, fault):
        if sub in ("/Vergadering", "/Verslag") or sub.startswith("/Verslag/"):
            return self.verslag(sub, query)
        if sub != "/Activiteit":
            return 404, "application/json", b'{"error": {"code": "404", "message": "Not found"}}'
        top = re.search(r"\$top=(\d+)", query)
        if top and int(top.group(1)) > 250:
            return 400, "application/json", b'{"error": {"code": "400", "message": "$top max 250"}}'
        empty = {"@odata.context": "$metadata#Activiteit", "value": []}
        token = re.search(r"\$skiptoken=([A-Za-z0-9-]+)", query)
        day = re.search(r"Aanvangstijd lt (\d{4}-\d\d-\d\d)T", query)
        number = re.search(r"Nummer eq '(\d{4}A\d{5})'", query)
        ident = re.search(r"Id eq ([0-9a-fA-F-]{36})", query)
        if "Verwijderd eq false" not in query and not token:
            return 400, "application/json", b'{"error": {"code": "400", "message": "filter Verwijderd"}}'
        name = None
        if token:
            name = token.group(1)
        elif fault == "empty":
            name = None
        elif day:
            name = "day-" + day.group(1)
        elif number:
            name = number.group(1)
        elif ident:
            name = self._number_for_id(ident.group(1))
        data = self._file("opendata", name + ".json") if name else None
        if data is None:
            return self._json(empty)
        doc = json.loads(data)
        if "@odata.nextLink" in doc:  # the real portal gives absolute next links
            host = "http://%s:%d" % self.server.server_address[:2]
            doc["@odata.nextLink"] = host + "/od/" + doc["@odata.nextLink"]
        return self._json(doc)

    def verslag(self, sub, query):
        """The verbatim record: sittings of a day, their Verslag entries, the XML."""
        empty = {"@odata.context": "$metadata#%s" % sub.strip("/"), "value": []}
        if "Verwijderd eq false" not in query and not sub.endswith("/resource"):
            return 400, "application/json", b'{"error": {"code": "400", "message": "filter Verwijderd"}}'
        if sub == "/Vergadering":
            day = re.search(r"Datum lt (\d{4}-\d\d-\d\d)T", query)
            data = self._file("opendata", "vergadering-%s.json" % day.group(1)) if day else None
            return self._json(json.loads(data) if data else empty)
        if sub == "/Verslag":
            ident = re.search(r"Vergadering_Id eq ([0-9a-fA-F-]{36})", query)
            data = self._file("opendata", "verslagen-%s.json" % ident.group(1).lower()) if ident else None
            doc = json.loads(data) if data else empty
            with self.server.state.lock:
                status = self.server.state.verslag_status
            if status:
                doc["value"] = [v for v in doc["value"] if v.get("Status", "").lower() == status]
            return self._json(doc)
        m = re.fullmatch(r"/Verslag/([0-9a-fA-F-]{36})/resource", sub)
        data = self._file("verslag", m.group(1).lower() + ".xml") if m else None
        if data is None:
            return 404, "application/json", b'{"error": {"code": "404", "message": "Not found"}}'
        return 200, "application/xml", data

    def _number_for_id(self, ident):
        folder = os.path.join(FIXTURES, "opendata")
        for fn in sorted(os.listdir(folder)):
            with open(os.path.join(folder, fn), "rb") as f:
                for a in json.load(f).get("value", []):
                    if a.get("Id", "").lower() == ident.lower():
                        return a.get("Nummer")
        return None

    def web(self, path, query, fault):
        if fault == "gone":
            return 404, "text/html", ERROR_PAGE
        if fault == "noheadings":
            return 200, "text/html; charset=utf-8", NO_HEADINGS
        m = re.search(r"id=(\d{4}A\d{5})", query)
        key = m.group(1) if m else path.rstrip("/").rsplit("/", 1)[-1]
        if not re.fullmatch(r"[A-Za-z0-9_-]+", key or ""):
            return 404, "text/html", ERROR_PAGE
        data = self._file("web", key + ".html")
        if data is None:
            return 404, "text/html", ERROR_PAGE
        return 200, "text/html; charset=utf-8", data


class ApiServer:
    """The fixture server in a background thread on 127.0.0.1 (port 0: any free port)."""

    def __init__(self, port=0):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.state = _State()
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.httpd.server_address[1]

    def options(self):
        """Command-line options pointing meeluister at this server."""
        return ["--debatdirect", self.url + "/dd/api", "--opendata", self.url + "/od/", "--web", self.url + "/web"]

    def set_fault(self, source, fault, count=None):
        self.httpd.state.set_fault(source, fault, count)

    def add_event(self, debate_id, event_type, object_id, time=None):
        self.httpd.state.add_event(debate_id, event_type, object_id, time)

    def set_stream_base(self, url):
        with self.httpd.state.lock:
            self.httpd.state.stream_base = (url or "").rstrip("/")

    def set_verslag_status(self, status):
        """Lists only the Verslag entries with this status (as /control/verslag does)."""
        with self.httpd.state.lock:
            self.httpd.state.verslag_status = (status or "").lower()

    def reset(self):
        self.httpd.state.reset()

    def requests(self):
        with self.httpd.state.lock:
            return list(self.httpd.state.requests)

    def conditional_requests(self):
        with self.httpd.state.lock:
            return self.httpd.state.conditional

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def main(argv):
    ap = argparse.ArgumentParser(description="Loopback Debat Direct / open data / web fixture server")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file", default=None)
    ap.add_argument("--stream-base", default="", help="loopback HLS server the stream addresses point at")
    ap.add_argument("port_file_arg", nargs="?", default=None, help="same as --port-file")
    args = ap.parse_args(argv)
    srv = ApiServer(args.port).start()
    srv.set_stream_base(args.stream_base)
    port = srv.httpd.server_address[1]
    port_file = args.port_file or args.port_file_arg
    if port_file:
        with open(port_file + ".tmp", "w") as f:
            f.write("%d\n" % port)
        os.replace(port_file + ".tmp", port_file)
    print("PORT %d" % port, flush=True)
    return srv


if __name__ == "__main__":
    srv = main(sys.argv[1:])
    try:
        srv.thread.join()
    except KeyboardInterrupt:
        srv.stop()
