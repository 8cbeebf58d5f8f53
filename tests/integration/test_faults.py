#!/usr/bin/env python3
"""Live playback survives one fault at a time (HTTP errors, dropped and stalled
connections, damaged segments, a frozen playlist): it keeps running, writes exactly
--duration seconds, never repeats audio, and loses at most the damaged segment.
Each case runs against a fresh server for about 15-25 s."""
import os
import tempfile

import harness as h

DURATION = 24


def run_case(fault, max_missing=0, max_short=0, duration=DURATION):
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "live.wav")
        run = h.live_with_fault(srv, out, duration, fault)
        ctx = f"fault {fault} at t={run.inject_t:.1f} s\n" + h.show(run.rc, run.lines, run.err)
        h.check(run.rc == 0, "expected exit 0\n" + ctx)
        applied = [e for e in run.log if e.get("fault")]
        h.check(applied, f"the fault was never triggered (no matching request)\n{ctx}")
        twice = h.fetched_twice(run.log)
        h.check(not twice, f"segments fetched twice: {twice}\n{ctx}")
        h.check_live_output(out, duration, run.log, ctx, max_missing=max_missing, max_short=max_short)
        return run


def test_segment_404():
    """One segment answers 404 once: retry it or skip it, never repeat."""
    run_case({"kind": "status", "code": 404, "target": "segment", "count": 1}, max_missing=1)


def test_playlist_500_three_times():
    """Three playlist reloads answer 500: segments are still in the window, nothing lost."""
    run_case({"kind": "status", "code": 500, "target": "playlist", "count": 3})


def test_segment_connection_dropped():
    """The connection closes without an answer on a segment: fetched again, nothing lost."""
    run_case({"kind": "drop", "target": "segment", "count": 1})


def test_playlist_stall_ten_seconds():
    """A playlist reload hangs 10 s (less than the 19 s window): nothing lost."""
    run_case({"kind": "stall", "target": "playlist", "seconds": 10})


def test_segment_truncated():
    """Half a segment arrives (with a matching Content-Length): at most that one segment
    is lost or partly played, no repeat."""
    run_case({"kind": "truncate", "target": "segment", "count": 1}, max_missing=1, max_short=1)


def test_segment_garbage():
    """A segment holds random bytes: at most that one is lost (or partly played)."""
    run_case({"kind": "garbage", "target": "segment", "count": 1}, max_missing=1, max_short=1)


def test_playlist_frozen():
    """The live playlist stops advancing for 12 s, then catches up: nothing lost."""
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "live.wav")
        run = h.live_with_fault(srv, out, DURATION, {"kind": "freeze", "seconds": 12})
        ctx = f"freeze at t={run.inject_t:.1f} s\n" + h.show(run.rc, run.lines, run.err)
        h.check(run.rc == 0, "expected exit 0\n" + ctx)
        h.check(not h.fetched_twice(run.log), f"segments fetched twice: {h.fetched_twice(run.log)}")
        h.check_live_output(out, DURATION, run.log, ctx)
        during = [e for e in h.playlist_requests(run.log, "/live/")
                  if run.inject_t <= e["t"] < run.inject_t + 12]
        h.check(len(during) <= 12 / 1.9 + 2,
                f"{len(during)} playlist reloads during a 12 s freeze: hammering")


if __name__ == "__main__":
    h.main(globals())
