#!/usr/bin/env python3
"""meeluister say: Dutch speech into a file and through PortAudio into a private
PulseAudio null sink; faster rates are shorter; Ctrl+C silences it; without a device it
says "Geen audioapparaat"; bad options are usage errors."""
import os
import tempfile
import time

import harness as h

TEXT = ("De Tweede Kamer vergadert vandaag over de begroting van Binnenlandse Zaken. "
        "Het debat begint om 10.00 uur en duurt tot de avond.")
WORDS = len(TEXT.split())
LONG = " ".join([TEXT] * 6)


def say_to_file(tmp, name, *extra):
    out = os.path.join(tmp, name)
    rc, lines, err = h.run_meeluister(["say", TEXT, "--output", out, *extra], timeout=60)
    ctx = h.show(rc, lines, err)
    h.check(rc == 0, "expected exit 0\n" + ctx)
    samples, rate, channels, frames = h.load_audio(out)
    h.check(rate == 48000 and channels == 2, f"expected 48 kHz stereo, got {rate} Hz {channels} ch")
    begin, end = h.first_sound(samples), h.last_sound(samples)
    h.check(begin is not None, f"{name} is silent ({frames} frames)\n" + ctx)
    return (end - begin) / rate, lines


def test_say_into_a_file_has_a_plausible_length():
    with tempfile.TemporaryDirectory() as tmp:
        seconds, lines = say_to_file(tmp, "say.wav")
        expected = WORDS * 60 / 175
        h.check(0.7 * expected <= seconds <= 1.5 * expected,
                f"{WORDS} words at 175/min lasted {seconds:.2f} s, expected about {expected:.1f} s")
        h.check(h.has_word(lines, "Opgeslagen"), f"no 'Opgeslagen' line: {lines}")


def test_rate_600_is_shorter_than_175_and_flac_works():
    with tempfile.TemporaryDirectory() as tmp:
        normal, _ = say_to_file(tmp, "normal.wav", "--rate", "175")
        fast, _ = say_to_file(tmp, "fast.flac", "--rate", "600", "--pitch", "40", "--volume", "150")
        h.check(2.5 <= normal / fast <= 4.5,
                f"rate 600 lasted {fast:.2f} s, rate 175 {normal:.2f} s: ratio {normal / fast:.2f}, expected ~3.4")


def test_say_through_portaudio_into_pulseaudio():
    with h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        ref, _ = say_to_file(tmp, "ref.wav")
        wav = os.path.join(tmp, "captured.wav")
        rec = pa.record(wav)
        time.sleep(0.3)
        rc, lines, err = h.run_meeluister(["say", TEXT], env=pa.env(), timeout=60)
        time.sleep(0.4)
        rec.stop()
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "expected exit 0\n" + ctx)
        h.check(not lines, f"nothing belongs on stdout when speaking to the device: {lines}")
        samples, rate, _, frames = h.load_audio(wav)
        begin, end = h.first_sound(samples), h.last_sound(samples)
        h.check(begin is not None, f"the sink heard nothing ({frames} frames)\n" + ctx)
        heard = (end - begin) / rate
        h.check(abs(heard - ref) <= 0.1, f"the sink heard {heard:.2f} s of speech, the file holds {ref:.2f} s")


def test_ctrl_c_silences_speech_at_once():
    with h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "captured.wav")
        rec = pa.record(wav)
        time.sleep(0.3)
        proc = h.Meeluister(["say", LONG], env=pa.env())
        time.sleep(2.0)
        lines, err, ctx = h.interrupt(proc, rec)
        h.check(h.has_word(lines, "Gestopt"), "expected 'Gestopt.'\n" + ctx)
        samples, rate, _, _ = h.load_audio(wav)
        begin, end = h.first_sound(samples), h.last_sound(samples)
        h.check(begin is not None, "the sink heard nothing")
        heard = (end - begin) / rate
        # The long text lasts ~45 s; it was stopped after ~2 s (plus the device's buffer).
        h.check(heard < 3.0, f"speech went on for {heard:.2f} s after start; Ctrl+C came at 2 s")


def test_no_device_says_so():
    with tempfile.TemporaryDirectory() as tmp:
        rc, lines, err = h.run_meeluister(["say", "hallo"], env=h.no_audio_env(tmp), timeout=30)
        ctx = h.show(rc, lines, err)
        h.check(rc == 1, "expected exit 1 without a device\n" + ctx)
        h.check(not lines and h.has_word(err.splitlines(), "Geen audioapparaat"),
                "expected 'Geen audioapparaat...' on stderr\n" + ctx)


def test_bad_options_are_usage_errors():
    for args in (["say"], ["say", "hallo", "--rate", "50"], ["say", "hallo", "--rate", "2000"],
                 ["say", "hallo", "--pitch", "101"], ["say", "hallo", "--volume", "abc"]):
        rc, lines, err = h.run_meeluister(args, timeout=30)
        h.check(rc == 2, f"{args}: expected exit 2\n" + h.show(rc, lines, err))
        h.check(h.looks_dutch(err), f"{args}: expected a Dutch message on stderr: {err!r}")


if __name__ == "__main__":
    h.main(globals())
