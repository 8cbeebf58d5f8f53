#!/usr/bin/env python3
"""The speech budget, measured where the listener hears it: opening a live debate in
`spraak` mode (`meeluister listen "plenaire zaal"` from loopback fixtures, as in
test_player_live.py) through a real PulseAudio null sink whose monitor is recorded. The
debate is the tone staircase: its level is measured per 250 ms window by Goertzel at the
staircase's frequencies (the two strongest, so a window across a segment boundary still
counts as full), and compared with the fixture's own level (amplitude 0.5 at volume 100 %). meeluister ducks the
debate by 14 dB under its own speech, so a window more than 7 dB under the undisturbed
level is ducked. The debate must be at full level within 5 s of its first sound, and
ducked at most 4 s of its first 20 s."""
import math
import os
import shutil
import tempfile
import time

import harness as h
import pty_player as p
from api_server import ApiServer

DATE = "2026-10-01"
WINDOW = 12000          # 250 ms at 48 kHz
DECIMATE = 8            # the tones are 300-1250 Hz: 6 kHz is plenty
FREQS = [300 + 50 * k for k in range(20)]
DUCKED_DB = -7.0        # half of the 14 dB duck
FULL_DB = -3.0
RECORD_SECONDS = 28
FULL_SCALE = 0.5        # the fixture's tone amplitude (make_fixtures.py), played at volume 100 %


def goertzel(x, freq, rate):
    w = 2 * math.pi * freq / rate
    coeff = 2 * math.cos(w)
    s1 = s2 = 0.0
    for v in x:
        s0 = v + coeff * s1 - s2
        s2, s1 = s1, s0
    return 2 * math.sqrt(max(s1 * s1 + s2 * s2 - coeff * s1 * s2, 0.0)) / len(x)


def decimate(samples):
    """The recording at 6 kHz (a plain average over 8 samples: low-pass enough for 1.25 kHz)."""
    return [sum(samples[i:i + DECIMATE]) / (DECIMATE * 32768.0) for i in range(0, len(samples) - DECIMATE, DECIMATE)]


def staircase_clock(x, rate):
    """(boundary index, frequency index after it) of the staircase in the recording: the
    candidate boundary (the strongest tone stepping up by one) that predicts the strongest
    tone of the most windows. Speech over the ducked debate rarely outweighs the tone at its
    own frequency, and never consistently."""
    win, step = int(0.1 * rate), int(0.05 * rate)
    best = []
    for i in range(0, len(x) - win, step):
        amps = [goertzel(x[i:i + win], f, rate) for f in FREQS]
        k = max(range(len(FREQS)), key=lambda j: amps[j])
        best.append((i, k, amps[k]))
    candidates = [(b[0] + win // 2, b[1]) for a, b in zip(best, best[1:])
                  if b[1] == (a[1] + 1) % len(FREQS) and a[2] > 0.02 and b[2] > 0.02]
    seg = h.SEGMENT_SECONDS * rate

    def score(c):
        boundary, k_after = c
        hits = 0
        for i, k, _a in best:
            n = math.floor((i - boundary) / seg)
            inside = (i - boundary) - n * seg
            if win <= inside <= seg - 2 * win and k == (k_after + n) % len(FREQS):
                hits += 1
        return hits
    return max(candidates, key=score) if candidates else None


def levels(samples, rate=h.SAMPLE_RATE):
    """[(seconds, tone amplitude)] per 250 ms window: Goertzel at the staircase frequency that
    plays there (both, when the window crosses a segment boundary), placed by a boundary
    found in the undisturbed tail of the recording."""
    small = rate / DECIMATE
    x = decimate(samples)
    clock = staircase_clock(x, small)
    h.check(clock is not None, "no staircase segment boundary found in the recording")
    boundary, k_after = clock
    seg = h.SEGMENT_SECONDS * small
    win = int(WINDOW / DECIMATE)
    out = []
    for start in range(0, len(x) - win, win):
        n0 = math.floor((start - boundary) / seg)
        n1 = math.floor((start + win - 1 - boundary) / seg)
        amps = [goertzel(x[start:start + win], FREQS[(k_after + n) % len(FREQS)], small) for n in {n0, n1}]
        out.append((start / small, math.sqrt(sum(a * a for a in amps))))
    return out


def db(ratio):
    return 20 * math.log10(max(ratio, 1e-9))


def budget(lv):
    """(onset s, reference amplitude, per-window dB from the onset) of a recording's levels."""
    ref = FULL_SCALE
    onset = next((t for t, a in lv if a > ref * 0.1), None)
    rel = [(t - onset, db(a / ref)) for t, a in lv if onset is not None and t >= onset]
    return onset, ref, rel


def test_opening_a_live_debate_leaves_the_debate_alone():
    with h.HlsServer() as hls, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        api = ApiServer().start()
        wav = os.path.join(tmp, "heard.wav")
        try:
            api.set_stream_base(hls.url(""))
            rec = pa.record(wav)
            time.sleep(0.3)
            env = pa.env({"XDG_CACHE_HOME": os.path.join(tmp, "cache"), "XDG_CONFIG_HOME": os.path.join(tmp, "c"),
                          "XDG_STATE_HOME": os.path.join(tmp, "s")})
            env.pop("DBUS_SESSION_BUS_ADDRESS", None)
            player = p.PtyPlayer(["listen", "plenaire zaal", "--date", DATE, *api.options(), "--modus", "spraak",
                                  "--geen-mpris", "--verbose"], env=env)
            try:
                time.sleep(RECORD_SECONDS)
                player.send("q")
                rc, lines, err = player.finish(RECORD_SECONDS + 20)  # counted from the start
            finally:
                player.kill()
                player.close()
            time.sleep(0.3)
            rec.stop()
            if os.environ.get("ML_KEEP"):  # keep the recording for a look
                shutil.copy(wav, os.environ["ML_KEEP"])
        finally:
            api.stop()
        spoken = [l[l.find("gesproken: ") + 11:] for l in err.splitlines() if "gesproken: " in l]
        ctx = f"exit {rc}\nspoken: {spoken}\nprinted: {lines}"
        samples, rate, _ch, _frames = h.load_audio(wav)
        onset, ref, rel = budget(levels(samples, rate))
        h.check(onset is not None and ref > 0.02, f"no debate in the recording (reference {ref:.3f})\n" + ctx)
        first20 = [(t, d) for t, d in rel if t < 20.0]
        h.check(len(first20) >= 76, f"the recording holds only {len(first20) / 4:.1f} s of the debate\n" + ctx)
        ducked = sum(0.25 for _t, d in first20 if d < DUCKED_DB)
        # Full level from the first window at full level after which the debate is never ducked
        # again (a lone window a few dB low is a dropout of a loaded machine, not speech over it).
        full_at = next((t for t, d in first20 if d >= FULL_DB and all(d2 >= DUCKED_DB for t2, d2 in first20 if t2 >= t)),
                       None)
        timeline = " ".join(f"{d:.0f}" for _t, d in first20)
        if os.environ.get("ML_DEBUG"):
            print(timeline)
        print(f"debate from {onset:.2f} s; ducked {ducked:.2f} s of the first 20 s; at full level (never ducked after) "
              f"from {full_at if full_at is None else round(full_at, 2)} s; spoken: {spoken}")
        h.check(full_at is not None and full_at <= 5.0,
                f"the debate is not at full level within 5 s (from {full_at} s)\nper 250 ms (dB): {timeline}\n" + ctx)
        h.check(ducked <= 4.0, f"the debate was ducked {ducked:.2f} s of its first 20 s (at most 4)\n"
                f"per 250 ms (dB): {timeline}\n" + ctx)


if __name__ == "__main__":
    h.main(globals())
