#!/usr/bin/env python3
"""meeluister listen on demand (VOD) into a WAV/FLAC file, against the loopback server.

The fixture segments carry no encoder priming (edit list media_time 0, every frame is
real audio), so a correct decoder delivers exactly 180 * 1024 = 184320 samples per
segment: ffmpeg 5.1 (libavformat HLS + mov demuxer + native AAC decoder) does.
"""
import os
import re
import tempfile
import time

import harness as h

SEG = h.SEGMENT_SAMPLES
KAMER_QUERY = "hd=1&subtitles=vod&keyframes=1"


def listen_to_file(srv, path, out, extra=(), timeout=40.0):
    args = ["listen", srv.url(path), "--output", out, *extra]
    t0 = time.monotonic()
    rc, lines, err = h.run_meeluister(args, timeout=timeout)
    return rc, lines, err, time.monotonic() - t0


def check_staircase_file(out, first_k, count, exact=True):
    """The file holds staircase segments first_k..first_k+count-1, 48 kHz stereo,
    sample-exact length when exact, no silent gaps."""
    info = h.probe(out)
    h.check(info["sample_rate"] == 48000, f"{out}: sample rate {info['sample_rate']}, expected 48000")
    h.check(int(info["channels"]) == 2, f"{out}: {info['channels']} channels, expected 2")
    samples, rate, channels, frames = h.load_audio(out)
    if exact:
        h.check(frames == count * SEG,
                f"{out}: {frames} sample frames, expected exactly {count} x {SEG} = {count * SEG} "
                f"(difference {frames - count * SEG}; the fixtures have no priming to drop)")
    else:
        h.check(abs(frames - count * SEG) <= 2048,
                f"{out}: {frames} sample frames, expected {count * SEG} +- 2048")
    freqs = h.segment_frequencies(samples, 0)[:count]
    ks = h.match_staircase(freqs)
    want = [(first_k + i) % 20 for i in range(count)]
    h.check(ks == want, f"{out}: staircase {ks} (Hz {[round(f, 1) for f in freqs]}), expected {want}")
    runs = h.staircase_runs(samples)
    problems = h.interior_runs_ok(runs)
    h.check(not problems, f"{out}: {problems}; runs {h.describe_runs(runs)}")
    holes = h.gaps(samples, 2048, len(samples) - 2048, threshold=0.01, min_ms=5)
    h.check(not holes, f"{out}: silent runs (start, samples) {holes[:5]}")
    return samples


def check_log(srv, want_seqs, prefix):
    log = srv.log()
    video = [e["path"] for e in log if "Stream(01)" in e["path"] or "Stream(02)" in e["path"]]
    h.check(not video, f"video variants fetched: {video}")
    segs = h.segment_requests(log, prefix)
    seqs = [h.seq_of_segment(e["path"]) for e in segs]
    h.check(sorted(seqs) == sorted(want_seqs) and len(set(seqs)) == len(seqs),
            f"segments fetched {seqs}, expected each of {want_seqs} exactly once")
    return log


def check_vod_lines(lines, err, rc):
    h.check(rc == 0, "expected exit 0\n" + h.show(rc, lines, err))
    h.check(h.has_word(lines, "Verbinden"), "no 'Verbinden' line\n" + h.show(rc, lines, err))
    h.check(h.has_word(lines, "Afgelopen"), "no 'Afgelopen' line at the end\n" + h.show(rc, lines, err))
    h.check(not h.has_word(lines, "live"), "VOD announced as live\n" + h.show(rc, lines, err))


def test_fmp4_master_to_wav():
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "vod.wav")
        rc, lines, err, secs = listen_to_file(srv, f"/vod/index.m3u8?count=6&{KAMER_QUERY}", out)
        check_vod_lines(lines, err, rc)
        h.check(h.has_word(lines, "begin") or any(re.search(r"\d+:\d\d", l) for l in lines),
                "no line naming the start ('begin' or a position)\n" + h.show(rc, lines, err))
        check_staircase_file(out, 0, 6)
        h.check(secs < 15.0, f"23 s of VOD took {secs:.1f} s to write: a file should not be paced")
        log = check_log(srv, list(range(6)), "/vod/Stream(06)/")
        masters = [e for e in log if e["path"] == "/vod/index.m3u8"]
        h.check(len(masters) == 1, f"master fetched {len(masters)} times")


def test_fmp4_absolute_uris_with_query():
    """Init and segments on another host name (localhost vs 127.0.0.1) under /cdn/,
    segment URIs with their own query string."""
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "abs.wav")
        rc, lines, err, _ = listen_to_file(
            srv, "/vod/Stream(06)/prog_index.m3u8?count=6&abs=1&q=1", out)
        check_vod_lines(lines, err, rc)
        check_staircase_file(out, 0, 6)
        log = check_log(srv, list(range(6)), "/vod/Stream(06)/")
        segs = h.segment_requests(log)
        h.check(all(e["query"] == "token=abc" for e in segs),
                f"segment queries not kept: {[e['query'] for e in segs]}")
        raw = [e["path"] for e in log if e["path"].endswith((".m4a", ".mp4"))]
        h.check(all(p.startswith("/cdn/") for p in raw), f"absolute URIs not followed: {raw}")


def test_mpegts_to_wav():
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "ts.wav")
        rc, lines, err, _ = listen_to_file(srv, "/ts/index.m3u8?count=6", out)
        check_vod_lines(lines, err, rc)
        check_staircase_file(out, 0, 6)
        check_log(srv, list(range(6)), "/ts/")


def test_start_at_position():
    """--start 7.68 is the start of segment 2: the file begins with f(2)."""
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "start.wav")
        rc, lines, err, _ = listen_to_file(srv, f"/vod/index.m3u8?count=6&{KAMER_QUERY}", out,
                                           ["--start", "7.68"])
        check_vod_lines(lines, err, rc)
        samples = check_staircase_file(out, 2, 4, exact=False)
        begin = h.first_sound(samples)
        h.check(begin is not None and begin < 2048, f"sound starts at sample {begin}, expected at once")
        check_log(srv, [2, 3, 4, 5], "/vod/Stream(06)/")


def test_flac_output_with_duration():
    """--output .flac and --duration 10: 10 s of f(0), f(1), f(2) (first part)."""
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "vod.flac")
        rc, lines, err, _ = listen_to_file(srv, "/vod/index.m3u8?count=6", out,
                                           ["--duration", "10"])
        h.check(rc == 0, "expected exit 0\n" + h.show(rc, lines, err))
        info = h.probe(out)
        h.check(info["codec_name"] == "flac", f"{out} is {info['codec_name']}, expected flac")
        h.check(info["sample_rate"] == 48000 and int(info["channels"]) == 2, f"format {info}")
        samples, rate, channels, frames = h.load_audio(out)
        h.check(abs(frames - 10 * 48000) <= 1024, f"{frames} frames for --duration 10")
        ks = h.match_staircase(h.segment_frequencies(samples, 0))
        h.check(ks == [0, 1], f"staircase {ks}, expected [0, 1] in the first two segments")
        runs = h.staircase_runs(samples)
        h.check([r[0] for r in runs] == [0, 1, 2], f"runs {h.describe_runs(runs)}")


if __name__ == "__main__":
    h.main(globals())
