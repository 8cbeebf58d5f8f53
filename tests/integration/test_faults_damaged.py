#!/usr/bin/env python3
"""Live playback with a damaged segment (half a body, random bytes) or a frozen live
playlist: it keeps running, writes exactly --duration seconds, never repeats audio and
loses at most the damaged segment. Each case uses a fresh server for about 15-25 s."""
import os
import tempfile

import harness as h

DURATION = 24


def test_segment_truncated():
    """Half a segment arrives (with a matching Content-Length): at most that one segment
    is lost or partly played, no repeat."""
    h.run_fault_case({"kind": "truncate", "target": "segment", "count": 1}, DURATION, max_missing=1, max_short=1)



def test_segment_garbage():
    """A segment holds random bytes: at most that one is lost (or partly played)."""
    h.run_fault_case({"kind": "garbage", "target": "segment", "count": 1}, DURATION, max_missing=1, max_short=1)



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
