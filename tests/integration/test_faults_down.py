#!/usr/bin/env python3
"""The server goes away (connections refused) during live playback; bad sources.

- down 12 s: the missed segments are still within retention, so the program must
  continue where it stopped without loss, say it retries ("opnieuw"), and fetch
  audio again within two target durations (8 s) of the server answering.
- down 26 s with a 1 s retention: the missed segments are gone; the program must say
  "overgeslagen", jump ahead once and go on.
- A 404 master exits 1 with a message; `listen` without a source exits 2.
"""
import os
import tempfile

import harness as h


def test_server_down_twelve_seconds():
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "live.wav")
        run = h.live_with_fault(srv, out, 36, {"kind": "down", "seconds": 12}, timeout=90)
        ctx = f"down 12 s at t={run.inject_t:.1f} s\n" + h.show(run.rc, run.lines, run.err)
        h.check(run.rc == 0, "expected exit 0\n" + ctx)
        h.check(h.has_word(run.lines, "opnieuw"), "no retry line ('opnieuw')\n" + ctx)
        up = run.inject_t + 12.0
        after = [e for e in h.segment_requests(run.log, "/live/")
                 if e["t"] > up and e.get("status") == 200]
        h.check(after, f"no segment fetched after the server came back at t={up:.1f}\n{ctx}")
        h.check(after[0]["t"] - up <= 2 * h.TARGET_DURATION,
                f"first segment {after[0]['t'] - up:.1f} s after the server came back "
                f"(max {2 * h.TARGET_DURATION:.0f} s)\n{ctx}")
        h.check(not h.fetched_twice(run.log), f"segments fetched twice: {h.fetched_twice(run.log)}")
        h.check_live_output(out, 36, run.log, ctx)
        seqs = [e["seq"] for e in h.segment_requests(run.log, "/live/") if e.get("status") == 200]
        h.check(seqs == list(range(seqs[0], seqs[0] + len(seqs))),
                f"segments fetched {seqs}: not one after the other\n{ctx}")


def test_server_down_segments_gone():
    with h.HlsServer(retention=1) as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "live.wav")
        run = h.live_with_fault(srv, out, 40, {"kind": "down", "seconds": 26}, timeout=110)
        ctx = f"down 26 s at t={run.inject_t:.1f} s (retention 1 s)\n" + h.show(run.rc, run.lines, run.err)
        h.check(run.rc == 0, "expected exit 0\n" + ctx)
        h.check(h.has_word(run.lines, "opnieuw"), "no retry line ('opnieuw')\n" + ctx)
        h.check(h.has_word(run.lines, "overgeslagen"), "no 'overgeslagen' line\n" + ctx)
        runs, c = h.check_live_output(out, 40, run.log, ctx, max_missing=12, max_skips=1)
        h.check(c["skips"] == 1, f"expected one jump ahead, got {c}\n{ctx}")
        h.check(not h.fetched_twice(run.log), f"segments fetched twice: {h.fetched_twice(run.log)}")


def test_missing_master_exits_one():
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        rc, lines, err = h.run_meeluister(
            ["listen", srv.url("/nothing/index.m3u8"), "--output", os.path.join(tmp, "x.wav")],
            timeout=40)
        text = "\n".join(lines) + "\n" + err
        h.check(rc == 1, "a 404 master should exit 1\n" + h.show(rc, lines, err))
        h.check(text.strip(), "no message for a 404 master")
        h.check(h.looks_dutch(text), "the message does not look Dutch\n" + h.show(rc, lines, err))
        h.check(not h.has_word(lines + err.splitlines(), "error"),
                "an English error message\n" + h.show(rc, lines, err))


def test_listen_without_source_exits_two():
    rc, lines, err = h.run_meeluister(["listen"], timeout=20)
    h.check(rc == 2, "`listen` without a source should exit 2\n" + h.show(rc, lines, err))
    h.check(("\n".join(lines) + err).strip(), "no usage message")


if __name__ == "__main__":
    h.main(globals())
