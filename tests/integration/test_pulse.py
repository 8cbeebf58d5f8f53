#!/usr/bin/env python3
"""meeluister plays through PortAudio into a private PulseAudio null sink; what the
sink's monitor recorded must be the staircase at the right speed. Without any sound
device the program says "Geen audioapparaat" and exits 1, also when the default device
is a JACK device with no server. A sound server that goes away while playing ends the
program with one line and exit 1."""
import os
import re
import tempfile
import time

import harness as h

SEG = h.SEGMENT_SAMPLES


def test_vod_through_portaudio():
    with h.HlsServer() as srv, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "captured.wav")
        rec = pa.record(wav)
        time.sleep(0.3)  # the recorder is connected before the program starts
        t0 = time.monotonic()
        rc, lines, err = h.run_meeluister(["listen", srv.url("/vod/index.m3u8?count=4")],
                                          env=pa.env(), timeout=60)
        wall = time.monotonic() - t0
        time.sleep(0.5)
        rec.stop()
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "expected exit 0\n" + ctx)
        h.check(not h.has_word(lines + err.splitlines(), "Geen audioapparaat"), "no device found under PulseAudio\n" + ctx)
        h.check(wall >= 4 * h.SEGMENT_SECONDS * 0.98,
                f"15.4 s of audio played in {wall:.1f} s: not real time\n" + ctx)
        samples, rate, channels, frames = h.load_audio(wav)
        begin, end = h.first_sound(samples), h.last_sound(samples)
        h.check(begin is not None, f"the recording is silent ({frames} frames)\n" + ctx)
        ratio = (end - begin) / (4 * SEG)
        h.check(abs(ratio - 1.0) <= 0.02,
                f"recorded sound lasts {(end - begin) / rate:.2f} s, expected {4 * SEG / rate:.2f} s "
                f"(ratio {ratio:.4f})\n" + ctx)
        runs = h.staircase_runs(samples)
        h.check([r[0] for r in runs] == [0, 1, 2, 3],
                f"recorded tones {h.describe_runs(runs)}, expected f(0..3)\n" + ctx)
        c = h.classify_runs(runs)
        h.check(c == {"missing": 0, "skips": 0, "back": 0, "short": 0, "long": 0},
                f"runs {h.describe_runs(runs)}: {c}")
        holes = h.gaps(samples, begin + 2048, end - 2048, threshold=0.01, min_ms=5)
        h.check(not holes, f"dropouts in the recording (start, samples): {holes[:5]}\n" + ctx)


def test_sound_server_gone_while_playing():
    """Every fault ends: the sound server stops (killed) while a live debate plays. A device
    that no longer asks for audio is noticed within 5 s of its last call: one line, exit 1,
    within 15 s of the server's end (it waited for ever before)."""
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        pa = h.PulseAudio().__enter__()
        try:
            proc = h.Meeluister(["listen", srv.url("/live/index.m3u8")], env=pa.env())
            time.sleep(4)
            h.check(proc.proc.poll() is None, "meeluister ended before the server did\n" + "\n".join(proc.err))
            pa.proc.kill()
            pa.proc.wait(timeout=10)
            gone = time.monotonic()
            rc, lines, err = proc.finish(30)
            took = time.monotonic() - gone
        finally:
            pa.__exit__(None, None, None)
        ctx = h.show(rc, lines, err)
        h.check(rc == 1, "expected exit 1 when the sound server is gone\n" + ctx)
        h.check(h.has_word(lines, "geluidsapparaat"), "no line saying the sound device stopped\n" + ctx)
        h.check(took < 15, f"took {took:.1f} s to notice the sound server was gone\n" + ctx)


def test_sound_server_gone_while_speaking():
    """The same for `say`: a long text is being spoken when the sound server is killed. It
    waited for ever for the speech to play out before; now one line, exit 1, within 15 s."""
    text = " ".join(f"Dit is zin nummer {i} van een lange tekst." for i in range(1, 80))
    pa = h.PulseAudio().__enter__()
    try:
        proc = h.Meeluister(["say", text], env=pa.env())
        time.sleep(3)
        h.check(proc.proc.poll() is None, "say ended before the server did\n" + "\n".join(proc.err))
        pa.proc.kill()
        pa.proc.wait(timeout=10)
        gone = time.monotonic()
        rc, lines, err = proc.finish(30)
        took = time.monotonic() - gone
    finally:
        pa.__exit__(None, None, None)
    ctx = h.show(rc, lines, err)
    h.check(rc == 1, "expected exit 1 when the sound server is gone\n" + ctx)
    h.check(h.has_word(lines + err.splitlines(), "geluidsapparaat"),
            "no line saying the sound device stopped\n" + ctx)
    h.check(took < 15, f"took {took:.1f} s to notice the sound server was gone\n" + ctx)


def test_no_audio_device():
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        rc, lines, err = h.run_meeluister(["listen", srv.url("/vod/index.m3u8?count=2")],
                                          env=h.no_audio_env(tmp), timeout=40)
        ctx = h.show(rc, lines, err)
        h.check(rc == 1, "expected exit 1 without an audio device\n" + ctx)
        h.check(h.has_word(lines + err.splitlines(), "Geen audioapparaat"),
                "no 'Geen audioapparaat' message\n" + ctx)


def test_jack_default_device_without_server():
    """When the default ALSA device is a JACK device and no JACK server runs, there is no
    device: said plainly in Dutch, exit 1, and none of libjack's or PortAudio's probing
    chatter reaches the terminal (it is only shown with --verbose)."""
    with h.HlsServer() as srv, tempfile.TemporaryDirectory() as tmp:
        conf = os.path.join(tmp, "asound.conf")
        with open(conf, "w") as fh:
            fh.write("</usr/share/alsa/alsa.conf>\n"
                     "pcm.!default { type jack playback_ports { 0 nope:a 1 nope:b } }\n")
        env = h.no_audio_env(tmp)
        env["ALSA_CONFIG_PATH"] = conf
        rc, lines, err = h.run_meeluister(["listen", srv.url("/vod/index.m3u8?count=1")], env=env, timeout=40)
        ctx = h.show(rc, lines, err)
        h.check(rc == 1 and h.has_word(lines + err.splitlines(), "Geen audioapparaat"),
                "expected 'Geen audioapparaat' and exit 1 without a JACK server\n" + ctx)
        h.check(not re.search(r"(?i)jack|alsa lib|cannot connect", err),
                "probing chatter reached stderr without --verbose\n" + ctx)


if __name__ == "__main__":
    h.main(globals())
