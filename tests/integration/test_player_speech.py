#!/usr/bin/env python3
"""The interactive player speaks over the debate through a real PulseAudio null sink:
the speech is heard, the stream is ducked while it speaks and comes back after, and a
key silences the speech at once (mid-sentence). Keys go through a pseudo-terminal; the
sink's monitor is recorded and analysed (tone level by Goertzel at the staircase's
known frequency, speech as what is left when the tone is taken out)."""
import os
import statistics
import tempfile
import time

import harness as h
import pty_player as p

WORDS_PER_MINUTE = 175  # the default speech rate
SLOW_RATE = 90          # the rate this test asks for


def clusters(wins, threshold=0.03, gap=4800 * 4):
    """Runs of windows holding speech: [(first start, last end)] in samples."""
    out = []
    for start, _amp, residual in wins:
        if residual < threshold:
            continue
        if out and start - out[-1][1] <= gap:
            out[-1][1] = start + 4800
        else:
            out.append([start, start + 4800])
    return [tuple(c) for c in out]


def test_speech_ducks_and_stops_on_a_key():
    with h.HlsServer() as srv, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "heard.wav")
        rec = pa.record(wav)
        time.sleep(0.3)
        env = pa.env({"XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s")})
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        # A slow voice: the answer to w is one short line now (the speech budget), and the
        # test needs it to last longer than the time before s cuts it.
        player = p.PtyPlayer(["listen", srv.url("/vod/index.m3u8?count=8"), "--modus", "spraak", "--geen-mpris",
                              "--spraaksnelheid", str(SLOW_RATE), "--verbose"], env=env, voice=True)
        try:
            player.expect("hulp", 0, timeout=20, what="the start")
            player.expect("Speelt", 0, timeout=20, what="the stream's start")
            time.sleep(1.0)
            player.send("s")  # silences the start-up lines; then the stream plays alone
            time.sleep(3.0)
            before = player.send("w")
            t_w = time.monotonic()
            first = player.expect("Positie", before)
            time.sleep(1.5)
            t_s = time.monotonic()
            player.send("s")
            time.sleep(3.0)
            said = player.lines[first:]
            player.send("q")
            rc, lines, err = player.finish(20)
        finally:
            player.kill()
            player.close()
        time.sleep(0.3)
        rec.stop()
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "q must exit 0\n" + ctx)
        samples, rate, _ch, _frames = h.load_audio(wav)
        h.check(h.first_sound(samples) is not None, "nothing was recorded\n" + ctx)
        onset = p.stream_onset(samples)
        h.check(onset is not None, "the stream's first segment boundary is not in the recording\n" + ctx)
        wins = p.windows(samples, onset)
        if os.environ.get("ML_DEBUG"):
            for i, a, r in wins:
                print(f"{i / rate:6.2f} tone {a:.3f} rest {r:.3f}")
        speech = clusters(wins)
        # Spoken runs: the answer to w (cut by s) and the goodbye (cut when the program
        # ends). A plain stream's start speaks nothing (the speech budget: connecting and
        # the help hint are printed only), so the first run is the answer to w, which came
        # more than 4 s after the stream started.
        h.check(len(speech) >= 1, f"expected the answer to w as speech, found {len(speech)} spoken runs\n" + ctx)
        begin, end = speech[0]
        h.check(begin - onset >= 3.0 * rate, f"speech before w (the start must be silent): runs "
                f"{[(round(b0 / rate, 2), round(e0 / rate, 2)) for b0, e0 in speech]}\n" + ctx)
        spoken = (end - begin) / rate
        # The whole answer to w, at the rate asked for, would take this long:
        words = len(said[0].split())
        natural = words / SLOW_RATE * 60
        allowed = (t_s - t_w) + 0.6
        h.check(spoken <= allowed, f"speech went on {spoken:.2f} s after w although s came after "
                f"{t_s - t_w:.2f} s (allowed {allowed:.2f} s)\n" + ctx)
        h.check(natural >= spoken + 1.0, f"the test did not cut the speech short: natural {natural:.1f} s, "
                f"spoken {spoken:.1f} s")
        # Tone level: before the answer (away from any speech), during it, and after it.
        def quiet(i):
            return all(i + 4800 < b - 48000 or i > e + 48000 for b, e in speech)
        base = [a for i, a, _r in wins if quiet(i) and i < begin]
        during = [a for i, a, _r in wins if begin + 9600 <= i <= end - 4800]
        after = [a for i, a, _r in wins if end + 48000 <= i <= end + 96000]
        h.check(base and during and after, f"not enough windows: {len(base)} {len(during)} {len(after)}; "
                f"speech runs (s): {[(round(b0 / rate, 2), round(e0 / rate, 2)) for b0, e0 in speech]}, "
                f"recording {len(samples) / rate:.1f} s, onset {onset / rate:.2f} s\n" + ctx)
        b, d, a = statistics.median(base), statistics.median(during), statistics.median(after)
        h.check(p.db(d / b) <= -8.0, f"the stream was not ducked under speech: {p.db(d / b):.1f} dB "
                f"(tone {b:.3f} before, {d:.3f} during)\n" + ctx)
        h.check(p.db(a / b) >= -2.0, f"the stream did not come back after speech: {p.db(a / b):.1f} dB\n" + ctx)
        print(f"ducked {p.db(d / b):.1f} dB, back to {p.db(a / b):.1f} dB; spoke {spoken:.2f} s of a "
              f"{natural:.1f} s answer, s came after {t_s - t_w:.2f} s")


if __name__ == "__main__":
    h.main(globals())
