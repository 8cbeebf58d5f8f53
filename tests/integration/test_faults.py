#!/usr/bin/env python3
"""Live playback survives one fault at a time (HTTP errors, a dropped connection, a
stalled playlist): it keeps running, writes exactly --duration seconds, never repeats
audio, loses nothing (at most the one segment answered 404). Each case runs against a
fresh server for about 15-25 s (damaged segments and a frozen playlist:
test_faults_damaged.py; the server going away: test_faults_down.py)."""
import harness as h

DURATION = 24


def test_segment_404():
    """One segment answers 404 once: retry it or skip it, never repeat."""
    h.run_fault_case({"kind": "status", "code": 404, "target": "segment", "count": 1}, DURATION, max_missing=1)


def test_playlist_500_three_times():
    """Three playlist reloads answer 500: segments are still in the window, nothing lost."""
    h.run_fault_case({"kind": "status", "code": 500, "target": "playlist", "count": 3}, DURATION)


def test_segment_connection_dropped():
    """The connection closes without an answer on a segment: fetched again, nothing lost."""
    h.run_fault_case({"kind": "drop", "target": "segment", "count": 1}, DURATION)


def test_playlist_stall_ten_seconds():
    """A playlist reload hangs 10 s (less than the 19 s window): nothing lost."""
    h.run_fault_case({"kind": "stall", "target": "playlist", "seconds": 10}, DURATION)


if __name__ == "__main__":
    h.main(globals())
