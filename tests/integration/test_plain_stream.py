#!/usr/bin/env python3
"""meeluister listen to Icecast-style streams (chunked, paced at real time, no
Content-Length): MP3, Ogg Vorbis and Ogg Opus, 8 s each into a WAV file."""
import os
import tempfile

import harness as h

SEG = h.SEGMENT_SAMPLES


def listen_plain(name):
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, name + ".wav")
        rc, lines, err = h.run_meeluister(
            ["listen", srv.url("/plain/" + name), "--output", out, "--duration", "8"], timeout=40)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "expected exit 0\n" + ctx)
        h.check(h.has_word(lines, "Verbinden"), "no 'Verbinden' line\n" + ctx)
        samples, rate, channels, frames = h.load_audio(out)
        h.check(rate == 48000 and channels == 2, f"{out}: {rate} Hz, {channels} channels")
        h.check(abs(frames / rate - 8.0) <= 0.25, f"{out}: {frames / rate:.2f} s for --duration 8\n" + ctx)
        begin = h.first_sound(samples)
        h.check(begin is not None and begin < 0.1 * rate, f"{out}: sound starts at sample {begin}")
        runs = h.staircase_runs(samples)
        h.check([r[0] for r in runs][:3] == [0, 1, 2],
                f"{out}: tones {h.describe_runs(runs)}, expected f(0), f(1), f(2) in order\n" + ctx)
        h.check(abs(runs[1][2] - SEG) <= 2 * 1920, f"{out}: f(1) lasts {runs[1][2] / rate:.2f} s")
        holes = h.gaps(samples, begin + 2048, len(samples) - 2048)
        h.check(not holes, f"{out}: silent runs {holes[:5]}")
        reqs = [e for e in srv.log() if e["path"].startswith("/plain/")]
        h.check(len(reqs) == 1, f"{len(reqs)} requests for one stream: {reqs}")


def test_mp3():
    listen_plain("tone.mp3")


def test_ogg_vorbis():
    listen_plain("tone.ogg")


def test_ogg_opus():
    listen_plain("tone.opus")


if __name__ == "__main__":
    h.main(globals())
