#!/usr/bin/env python3
"""The fault matrix: one fault per case, against tests/server/fault_server.py. Every
case checks the exit code, the listener's lines (what they name, Dutch, no control
bytes, no flood), the time to end (generous bounds) and, for --output, that the WAV is
valid and holds exactly the audio before and after the fault.

Faults that never end are bounded: a request that keeps failing is tried 3 times and
then skipped (one line); an init section that cannot be had, or nothing playable for a
minute, ends with exit 1 and says why; a source without audio never exits 0.

Cases run in parallel threads (each has its own server and program); the whole matrix
takes about two minutes. `test_fault_matrix.py NAME...` runs only the named cases."""
import concurrent.futures
import os
import sys
import tempfile
import threading
import time

import harness as h
import faultlib as fl
import fault_server as fs

ALL = [0, 1, 2, 3, 4]
WITHOUT_2 = [0, 1, 3, 4]


def vod(**playlist):
    """Serve the 5-segment VOD recording (playlist options of faultlib.vod_playlist)."""
    return lambda fx, tmp: (fl.vod_routes(fx, **playlist), None)


def flaky(times, then):
    """Fails `times` times (500), then behaves like `then`."""
    state = {"n": 0}
    lock = threading.Lock()

    def run(hd):
        with lock:
            state["n"] += 1
            n = state["n"]
        if n <= times:
            return hd.send_body(500, b"fout", "text/plain")
        return then(hd)
    return run


def segment_fault(name, behaviour, says, tones=WITHOUT_2, max_seconds=30, never=(), **extra):
    case = {"name": name, "path": "/v/prog.m3u8", "rc": 0, "tones": tones, "max_seconds": max_seconds,
            "says": list(says), "never": ["Opnieuw verbonden", "netwerkfout"] + list(never), "max_lines": 6}
    case["serve"] = lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/s2.m4a": behaviour})
    case.update(extra)
    return case


def _with(routes, extra, fallback=None):
    routes.update(extra)
    return routes, fallback


def never_requested(path):
    def check(log, lines):
        assert not [e for e in log if e["path"] == path], f"{path} was requested"
    return check


def tried_at_most(path, n):
    def check(log, lines):
        got = len([e for e in log if e["path"] == path])
        assert 1 <= got <= n, f"{path} requested {got} times (expected 1..{n})"
    return check


def all_ranged(path):
    def check(log, lines):
        got = [e for e in log if e["path"] == path]
        assert got and all(e.get("range") for e in got), f"{path} requested without Range: {got}"
    return check


def said_at_most(word, n):
    def check(log, lines):
        got = len([l for l in lines if word.lower() in l.lower()])
        assert got <= n, f"{word!r} said {got} times (max {n})"
    return check


def said_once(word):
    def check(log, lines):
        n = len([l for l in lines if word.lower() in l.lower()])
        assert n == 1, f"{word!r} said {n} times"
    return check


def both(*checks):
    def check(log, lines):
        for c in checks:
            c(log, lines)
    return check


# ---- live sources -----------------------------------------------------------------------
def live(**kw):
    def serve(fx, tmp):
        src = fl.Live(fx, **kw)
        return src.routes(), src.fallback
    return serve


def live_all_segments(behaviour, **kw):
    def serve(fx, tmp):
        src = fl.Live(fx, **kw)
        return src.routes(), lambda path: behaviour if path.startswith("/l/seg-") else None
    return serve


def live_all_segments_odd(behaviour, **kw):
    """Every odd sequence number fails with `behaviour` (a source that keeps flapping)."""
    def serve(fx, tmp):
        src = fl.Live(fx, **kw)

        def route(path):
            ok = src.fallback(path)
            if ok and path.startswith("/l/seg-") and int(path[7:].split(".")[0]) % 2:
                return behaviour
            return ok
        return src.routes(), route
    return serve


def live_down_at(seconds):
    """The live source answers, then at `seconds` resets every connection and stops listening."""
    def serve(fx, tmp):
        src = fl.Live(fx)
        t0 = time.monotonic()
        routes = src.routes()

        def guard(behaviour):
            def run(hd):
                if time.monotonic() - t0 >= seconds:
                    hd.server.owner.closing()
                    return fs.reset()(hd)
                return behaviour(hd)
            return run
        routes = {p: guard(b) for p, b in routes.items()}
        return routes, lambda path: guard(src.fallback(path)) if src.fallback(path) else None
    return serve


def playlist_requests_per_second(limit):
    def check(log, lines):
        reloads = [e["t"] for e in log if e["path"].endswith("prog.m3u8")]
        span = max(1.0, reloads[-1] - reloads[0]) if reloads else 1.0
        rate = (len(reloads) - 1) / span
        assert rate <= limit, f"{len(reloads)} playlist requests in {span:.1f} s ({rate:.2f}/s)"
    return check


def no_segment_twice(log, lines):
    twice = fl.fetched_twice(log)
    assert not twice, f"segments fetched twice: {twice[:5]}"


# ---- other sources ----------------------------------------------------------------------
def stream_of(byte, rate=500_000, seconds=95):
    """An endless 'audio' stream of one repeated byte (nothing decodable)."""
    def run(hd):
        hd.send_response(200)
        hd.send_header("Content-Type", "audio/mpeg")
        hd.send_header("Transfer-Encoding", "chunked")
        hd.end_headers()
        chunk = byte * (rate // 10)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            hd.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            hd.wfile.flush()
            time.sleep(0.1)
        hd.wfile.write(b"0\r\n\r\n")
        return 200
    return run


MASTER_VIDEO_ONLY = (b"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=320x180\nv1/prog.m3u8\n"
                     b"#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nv2/prog.m3u8\n")
MASTER_ONE = b"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=96000,CODECS=\"mp4a.40.2\"\nprog.m3u8\n"


def single_file(segment_type="fmp4", honour_range=True):
    def serve(fx, tmp):
        playlist, name, media = fl.single_file_hls(tmp, segment_type)
        body = fs.ranged(media) if honour_range else fs.whole(media)
        return {"/s/prog.m3u8": fs.ok(playlist, "application/vnd.apple.mpegurl"), "/s/" + name: body}, None
    return serve


def ranged_check(segment_type):
    ext = "mp4" if segment_type == "fmp4" else "ts"
    return all_ranged(f"/s/all.{ext}")


S = "/v/s2.m4a"
CASES = [
    # A segment that keeps failing: three tries, then skipped with one line naming why.
    segment_fault("segment_403", fs.status(403), ["weigert (403)", "overgeslagen"], check=tried_at_most(S, 3)),
    segment_fault("segment_500", fs.status(500), ["500", "overgeslagen"], check=tried_at_most(S, 3)),
    segment_fault("segment_503", fs.status(503), ["503", "overgeslagen"], check=tried_at_most(S, 3)),
    segment_fault("segment_404", fs.status(404), ["404", "overgeslagen"], check=tried_at_most(S, 3)),
    segment_fault("segment_410", fs.status(410), ["410", "overgeslagen"], check=tried_at_most(S, 3)),
    # (libcurl itself asks once more when a reused keep-alive connection turns out dead)
    segment_fault("segment_reset", fs.reset(), ["viel weg", "overgeslagen"], check=tried_at_most(S, 6)),
    segment_fault("segment_truncated", fs.truncate(b"x" * 40000), ["onvolledig", "overgeslagen"],
                  check=tried_at_most(S, 3)),
    segment_fault("segment_too_big_header", fs.too_big_header(), ["groter dan toegestaan", "overgeslagen"],
                  check=tried_at_most(S, 3)),
    segment_fault("segment_too_big_chunked", fs.too_big_chunked(), ["groter dan toegestaan", "overgeslagen"],
                  check=tried_at_most(S, 3), max_seconds=45),
    segment_fault("segment_redirect_file", fs.redirect("file:///etc/passwd"), ["niet toegestaan adres", "overgeslagen"],
                  check=tried_at_most(S, 3)),
    # three tries of at most 6 requests each (libcurl follows at most 5 redirects)
    segment_fault("segment_redirect_loop", fs.redirect("/v/s2.m4a"), ["kring", "overgeslagen"],
                  check=tried_at_most(S, 18)),
    segment_fault("segment_slowloris", fs.slowloris(2.0), ["te traag", "overgeslagen"], max_seconds=50,
                  check=tried_at_most(S, 6)),
    segment_fault("segment_stall", fs.stall(), ["te traag", "overgeslagen"], max_seconds=50,
                  check=tried_at_most(S, 6)),
    segment_fault("segment_garbage", fs.garbage(), ["beschadigd"], never=["overgeslagen:"]),
    segment_fault("segment_500_twice_then_fine", flaky(2, fs.ok(lambda: FX.segments[2])), ["opnieuw"],
                  tones=ALL, never=["overgeslagen"]),
    {"name": "two_segments_500", "path": "/v/prog.m3u8", "rc": 0, "tones": [0, 3, 4], "max_seconds": 30,
     "says": ["500", "overgeslagen"], "never": ["Opnieuw verbonden"], "max_lines": 6,
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/s1.m4a": fs.status(500), S: fs.status(500)}),
     "check": said_once("overgeslagen:")},
    # The init section cannot be had: nothing can play; exit 1 at once, naming it.
    {"name": "init_404", "path": "/v/prog.m3u8", "rc": 1, "max_seconds": 20, "says": ["init-sectie", "404"],
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/init.mp4": fs.status(404)}),
     "check": tried_at_most("/v/init.mp4", 3), "max_lines": 5},
    {"name": "init_403", "path": "/v/prog.m3u8", "rc": 1, "max_seconds": 20, "says": ["init-sectie", "weigert (403)"],
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/init.mp4": fs.status(403)}), "max_lines": 5},
    {"name": "init_truncated", "path": "/v/prog.m3u8", "rc": 1, "max_seconds": 20, "says": ["init-sectie"],
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/init.mp4": fs.truncate(FX.init)}), "max_lines": 5},
    # The playlist at start.
    {"name": "playlist_403", "path": "/v/prog.m3u8", "rc": 1, "max_seconds": 15, "says": ["weigert (403)"],
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/prog.m3u8": fs.status(403)})},
    {"name": "playlist_too_big", "path": "/v/prog.m3u8", "rc": 1, "max_seconds": 20,
     "says": ["afspeellijst te groot"], "never": ["netwerkfout"],
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/prog.m3u8": fs.ok(b"#EXTM3U\n" + b"# vulsel\n" * 350000)})},
    {"name": "playlist_redirect_loop", "path": "/v/prog.m3u8", "rc": 1, "max_seconds": 15,
     "says": ["kring"], "never": ["ongeldig of niet toegestaan"],
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/prog.m3u8": fs.redirect("/v/prog.m3u8")})},
    {"name": "playlist_redirect_file", "path": "/v/prog.m3u8", "rc": 1, "max_seconds": 15,
     "says": ["niet toegestaan adres"],
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/prog.m3u8": fs.redirect("file:///etc/passwd")})},
    {"name": "playlist_reset", "path": "/v/prog.m3u8", "rc": 1, "max_seconds": 20, "says": ["verbinding"],
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/prog.m3u8": fs.reset()}),
     "check": tried_at_most("/v/prog.m3u8", 4)},
    # Sources without any playable audio never exit 0.
    {"name": "every_segment_500", "path": "/v/prog.m3u8", "rc": 1, "max_seconds": 40,
     "says": ["overgeslagen", "geen afspeelbaar geluid"], "never": ["Afgelopen"], "max_lines": 6,
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {f"/v/s{k}.m4a": fs.status(500) for k in range(5)})},
    {"name": "every_segment_garbage", "path": "/v/prog.m3u8", "rc": 1, "max_seconds": 30,
     "says": ["geen afspeelbaar geluid"], "never": ["Afgelopen"], "max_lines": 5,
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {f"/v/s{k}.m4a": fs.garbage(seed=k) for k in range(5)}),
     "check": said_once("beschadigd")},
    {"name": "html_page", "path": "/page", "rc": 1, "max_seconds": 20, "says": ["geen afspeelbaar geluid"],
     "never": ["Afgelopen"],
     "serve": lambda fx, tmp: ({"/page": fs.ok(b"<html><body>Niet hier</body></html>" * 20, "text/html")}, None)},
    {"name": "master_video_variants_fail", "path": "/m/index.m3u8", "rc": 1, "max_seconds": 20,
     "says": ["400"], "never": ["Afgelopen"],
     "serve": lambda fx, tmp: ({"/m/index.m3u8": fs.ok(MASTER_VIDEO_ONLY), "/m/v1/prog.m3u8": fs.status(400),
                                "/m/v2/prog.m3u8": fs.status(400)}, None)},
    {"name": "master_variant_segments_404", "path": "/v/index.m3u8", "rc": 1, "max_seconds": 40,
     "says": ["404", "geen afspeelbaar geluid"], "never": ["Afgelopen"], "max_lines": 6,
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), dict({"/v/index.m3u8": fs.ok(MASTER_ONE)},
                                                           **{f"/v/s{k}.m4a": fs.status(404) for k in range(5)}))},
    # Playlists as other packagers write them.
    {"name": "bom_and_comment_before_extm3u", "path": "/v/prog.m3u8", "rc": 0, "tones": ALL, "max_seconds": 20,
     "says": ["Afgelopen"],
     "serve": lambda fx, tmp: _with(fl.vod_routes(fx), {"/v/prog.m3u8": fs.ok(
         fl.vod_playlist(head="\ufeff# gemaakt door een andere packager\n\n#EXTM3U\n"))})},
    {"name": "gap_segment", "path": "/v/prog.m3u8", "rc": 0, "tones": WITHOUT_2, "max_seconds": 20,
     "says": ["ontbreekt"], "never": ["Probleem", "overgeslagen"],
     "serve": vod(gap=(2,)), "check": both(never_requested(S), said_once("ontbreekt"))},
    {"name": "two_gap_segments_said_once", "path": "/v/prog.m3u8", "rc": 0, "tones": [0, 1, 4], "max_seconds": 20,
     "says": ["ontbreekt een stuk van 8 seconden"], "never": ["Probleem"],
     "serve": vod(gap=(2, 3)), "check": both(never_requested(S), never_requested("/v/s3.m4a"),
                                             said_once("ontbreekt"))},
    {"name": "single_file_fmp4_byte_ranges", "path": "/s/prog.m3u8", "rc": 0, "seconds": 12, "max_seconds": 30,
     "says": ["Afgelopen"], "serve": single_file("fmp4"), "check": ranged_check("fmp4")},
    {"name": "single_file_fmp4_range_ignored", "path": "/s/prog.m3u8", "rc": 0, "seconds": 12, "max_seconds": 30,
     "says": ["Afgelopen"], "serve": single_file("fmp4", honour_range=False)},
    {"name": "single_file_ts_byte_ranges", "path": "/s/prog.m3u8", "rc": 0, "seconds": 12, "max_seconds": 30,
     "says": ["Afgelopen"], "serve": single_file("mpegts"), "check": ranged_check("mpegts")},
    # Live sequence handling.
    {"name": "live_sequence_reset", "path": "/l/prog.m3u8", "rc": 0, "seconds": 24, "args": ["--duration", 24],
     "max_seconds": 60, "says": ["begon opnieuw"], "never": ["Afspelen lukt niet"], "max_lines": 6,
     "serve": live(reset_at=8.0), "check": no_segment_twice},
    {"name": "live_stale_copy_is_no_restart", "path": "/l/prog.m3u8", "rc": 0, "seconds": 20,
     "args": ["--duration", 20], "max_seconds": 60, "never": ["begon opnieuw", "Afspelen lukt niet"],
     "serve": live(lag=(6.0, 14.0, 3 * fl.SEG)), "check": no_segment_twice},
    {"name": "live_sequence_near_int64_max", "path": "/l/prog.m3u8", "rc": 0, "seconds": 16,
     "args": ["--duration", 16], "max_seconds": 50, "never": ["Afspelen lukt niet", "begon opnieuw"],
     "serve": live(base=2**63 - 100), "check": no_segment_twice},
    {"name": "live_sequence_beyond_int64", "path": "/l/prog.m3u8", "rc": 1, "max_seconds": 15,
     "says": ["volgnummer"], "serve": live(base=2**63 + 5)},
    {"name": "live_target_duration_tiny", "path": "/l/prog.m3u8", "rc": 0, "seconds": 16,
     "args": ["--duration", 16], "max_seconds": 50, "serve": live(target="0.000001"),
     "check": both(playlist_requests_per_second(1.5), no_segment_twice)},
    {"name": "live_target_duration_huge", "path": "/l/prog.m3u8", "rc": 0, "seconds": 20,
     "args": ["--duration", 20], "max_seconds": 60, "serve": live(target="999999999"), "never": ["uur"],
     "check": no_segment_twice},
    {"name": "live_kamer_names_too_long", "path": "/l/prog.m3u8", "rc": 0, "seconds": 20,
     "args": ["--duration", 20], "max_seconds": 60, "says": ["overgeslagen"], "never": ["stoll", "Afspelen lukt niet"],
     "serve": live(window=2, refuse=(5.0, 17.0), name=lambda seq, i: f"Segment-{10**19 + i * 38400000}.m4a"),
     "check": no_segment_twice},
    {"name": "live_flapping_segments_capped", "path": "/l/prog.m3u8", "rc": 0, "seconds": 24,
     "args": ["--duration", 24], "max_seconds": 90, "max_lines": 10, "says": ["weigert (403)", "overgeslagen"],
     "serve": live_all_segments_odd(fs.status(403)), "check": no_segment_twice},
    # Faults that would last for ever end after a minute without audio, with exit 1.
    {"name": "live_every_segment_403", "path": "/l/prog.m3u8", "rc": 1, "max_seconds": 100, "output": False,
     "says": ["weigert (403)", "geen geluid binnengekregen"], "max_lines": 8,
     "serve": live_all_segments(fs.status(403))},
    {"name": "live_server_gone", "path": "/l/prog.m3u8", "rc": 1, "max_seconds": 100, "output": False,
     "says": ["geen verbinding", "geen geluid binnengekregen"], "max_lines": 8, "serve": live_down_at(6.0)},
    {"name": "endless_undecodable_stream", "path": "/radio", "rc": 1, "max_seconds": 100, "output": False,
     "says": ["geen afspeelbaar geluid"], "max_lines": 6,
     # one line at once, then at most one per 30 s
     "serve": lambda fx, tmp: ({"/radio": stream_of(b"\x00")}, None), "check": said_at_most("Een stukje", 3)},
]

FX = None


def run_one(case):
    with tempfile.TemporaryDirectory(prefix="ml-fm-") as tmp:
        t0 = time.monotonic()
        try:
            problems = fl.run_case(case, FX, tmp)
        except Exception as e:  # noqa: BLE001 - a broken case is a failure, not a crash
            problems = [f"{type(e).__name__}: {e}"]
        return case["name"], problems, time.monotonic() - t0


def test_fault_matrix():
    global FX
    FX = fl.Fixtures()
    only = set(sys.argv[1:])
    cases = [c for c in CASES if not only or c["name"] in only]
    h.check(only or len(cases) >= 30, f"only {len(cases)} cases")
    failed = []
    t0 = time.monotonic()
    # The minute-long cases first, so they overlap the many short ones.
    cases.sort(key=lambda c: -c["max_seconds"])
    with concurrent.futures.ThreadPoolExecutor(max_workers=int(os.environ.get("FAULT_MATRIX_JOBS", "6"))) as pool:
        for name, problems, took in pool.map(run_one, cases):
            print(f"{'FAIL' if problems else 'PASS'} {name} ({took:.1f} s)", flush=True)
            for p in problems:
                print("    " + p.replace("\n", "\n    "), flush=True)
            if problems:
                failed.append(name)
    print(f"{len(cases) - len(failed)} of {len(cases)} cases passed in {time.monotonic() - t0:.0f} s", flush=True)
    h.check(not failed, f"failed: {failed}")


if __name__ == "__main__":
    try:
        test_fault_matrix()
    except h.TestFailure as e:
        print(f"FAIL test_fault_matrix: {e}", flush=True)
        sys.exit(1)
