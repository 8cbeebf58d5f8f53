#!/usr/bin/env python3
"""meeluister listen to the live stream (sliding window of 5 segments, real time)."""
import math
import os
import tempfile

import harness as h

SEG = h.SEGMENT_SAMPLES
LIVE_QUERY = "hd=1&subtitles=live&keyframes=1"


def newest_at(t, window=5):
    return int(math.floor(t / h.SEGMENT_SECONDS)) + window


def test_live_twenty_seconds():
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "live.wav")
        rc, lines, err = h.run_meeluister(
            ["listen", srv.url(f"/live/index.m3u8?{LIVE_QUERY}"), "--output", out, "--duration", "20"],
            timeout=60)
        h.check(rc == 0, "expected exit 0\n" + h.show(rc, lines, err))
        h.check(h.has_word(lines, "Verbinden"), "no 'Verbinden' line\n" + h.show(rc, lines, err))
        h.check(h.has_word(lines, "live"), "no 'live' line\n" + h.show(rc, lines, err))
        log = srv.log()
        h.check_live_output(out, 20.0, log, h.show(rc, lines, err))
        segs = [e for e in h.segment_requests(log, "/live/") if e.get("status") == 200]
        seqs = [e["seq"] for e in segs]
        h.check(seqs == list(range(seqs[0], seqs[0] + len(seqs))),
                f"segments fetched out of order or with holes: {seqs}")
        h.check(not h.fetched_twice(log), f"segments fetched twice: {h.fetched_twice(log)}")
        video = [e["path"] for e in log if "Stream(01)" in e["path"] or "Stream(02)" in e["path"]]
        h.check(not video, f"video variants fetched: {video}")
        # Start near the live edge: within the newest 3 segments of the window then.
        playlists = h.playlist_requests(log, "/live/")
        newest = newest_at(playlists[0]["t"])
        h.check(newest - 2 <= seqs[0] <= newest,
                f"first segment {seqs[0]}, window then ended at {newest}: not near the live edge")
        # Reload pace: about one per target duration (HLS: >= half of it), no hammering.
        times = [e["t"] for e in playlists]
        span = times[-1] - times[0]
        h.check(len(times) >= 2, f"the live playlist was never reloaded: {times}")
        h.check(len(times) <= span / 1.9 + 3,
                f"{len(times)} playlist fetches in {span:.1f} s: faster than half the target duration")
        quick = [round(b - a, 2) for a, b in zip(times, times[1:]) if b - a < 1.0]
        h.check(len(quick) <= 1, f"playlist reloads less than 1 s apart: {quick} (times {times})")


def test_live_stream_that_ends():
    """?endafter=N: the playlist gains ENDLIST after sequence N; the program plays to the
    end, says 'Afgelopen' and exits 0 without --duration."""
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        end = srv.live()["now_seq"] + 2
        out = os.path.join(tmp, "ending.wav")
        rc, lines, err = h.run_meeluister(
            ["listen", srv.url(f"/live/index.m3u8?endafter={end}"), "--output", out], timeout=60)
        h.check(rc == 0, "expected exit 0\n" + h.show(rc, lines, err))
        h.check(h.has_word(lines, "Afgelopen"), "no 'Afgelopen' line\n" + h.show(rc, lines, err))
        log = srv.log()
        segs = [e for e in h.segment_requests(log, "/live/") if e.get("status") == 200]
        seqs = [e["seq"] for e in segs]
        h.check(seqs and seqs[-1] == end, f"segments fetched {seqs}, the stream ended at {end}")
        samples, rate, channels, frames = h.load_audio(out)
        h.check(frames == len(seqs) * SEG,
                f"{frames} frames for {len(seqs)} segments ({len(seqs) * SEG} expected)")
        runs = h.staircase_runs(samples)
        h.check([r[0] for r in runs] == [s % 20 for s in seqs],
                f"tones {h.describe_runs(runs)} for segments {seqs}")


if __name__ == "__main__":
    h.main(globals())
