#!/usr/bin/env python3
"""Benchmark (not a test) of moving through a long recording (issue 14, item 7): a
plenary day's recording of 11,250 segments (12 hours; the loopback fixture repeated,
each segment a staircase tone that tells which segment is heard) with 600 speaker turns
in its Debat Direct timeline, played by meeluister into a private PulseAudio null sink
whose monitor is recorded.

Prints:
  - opening the debate: from the start of the process to the first audio at the sink;
  - each go-to (g 6:00:00, g 2:00:00, g 11:00:00) and a seek from the list of parts
    (d, End, Enter): from Enter to the first 50 ms of the target segment's tone at the
    sink, and from Enter to meeluister's answer line;
  - the list of parts: from d to its first line;
and beside them, opening the same recording at 6:00:00 in meeluister (--start), ffplay
(-ss) and mpv (--start): from the start of each process to the first audio at the sink.

The recording's first sample is taken as the moment parecord was started; its own start
latency (tens of ms) makes the audio times a little too short rather than too long.

Usage: python3 bench/bench_seek.py
Needs a build (build/meeluister) and the test media (made here when missing)."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
sys.path.insert(0, os.path.join(ROOT, "tests", "server"))
os.environ.setdefault("MEELUISTER_MEDIA", os.path.join(ROOT, "build", "tests", "media"))
os.environ.setdefault("MEELUISTER_BIN", os.path.join(ROOT, "build", "meeluister"))
os.environ.setdefault("MEELUISTER_TEST_DIR", os.path.join(ROOT, "tests"))

import harness as h  # noqa: E402
import pty_player as p  # noqa: E402
from api_server import ApiServer  # noqa: E402

SEGMENTS = int(os.environ.get("BENCH_SEGMENTS", "11250"))  # 12 hours of 3.84 s segments
TURNS = 600
DATE = "2026-10-01"
ENDED_ID = "5d210dbb-9be4-4c39-8640-63a8ccec5b3a"
MEMBERS = ["3fe14035-2f9c-461e-94d4-56b8c9a019e1", "b5363002-d06e-4813-9c05-86fe74185a56",
           "bab21bc5-8703-4fe7-96f4-c0364573adfc", "8eaa8995-7e34-47e6-bd85-250e60452b3f"]
START_UTC = 1703153700       # the fixture recording's first PROGRAM-DATE-TIME (11.15 CET)
SEG = 3.84
WIN = 2400                   # 50 ms at 48 kHz


def ensure_media():
    media = os.environ["MEELUISTER_MEDIA"]
    if not os.path.isfile(os.path.join(media, "fixtures.json")):
        subprocess.run([sys.executable, os.path.join(ROOT, "tests", "server", "make_fixtures.py"), media],
                       check=True)


def tone_of_segment(seq):
    return (seq % 40) % 20


def tone_at(samples, i):
    amps = [p.goertzel(samples, i, WIN, 300 + 50 * k) for k in range(20)]
    best = max(range(20), key=lambda k: amps[k])
    return best if amps[best] > 0.02 else None


def first_tone(samples, rate, after_s, tone, limit_s=10.0):
    """Seconds (from the recording's start) of the first of three 50 ms windows in a row
    holding `tone`, searched from after_s on; None when not found within limit_s."""
    i = int(after_s * rate)
    end = min(len(samples) - WIN, int((after_s + limit_s) * rate))
    run = 0
    while i < end:
        run = run + 1 if tone_at(samples, i) == tone else 0
        if run == 3:
            return (i - 2 * WIN) / rate
        i += WIN
    return None


def first_sound(samples, rate, after_s, threshold=300):
    for i in range(int(after_s * rate), len(samples)):
        if abs(samples[i]) > threshold:
            return i / rate
    return None


def hms(text):
    """Seconds of "6:00:00"."""
    return sum(int(x) * 60 ** i for i, x in enumerate(reversed(text.split(":"))))


def iso(utc):
    return time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(utc))


def interactive(hls, api, tmp):
    """The seeks in the interactive player: [(what, answer s, heard s)], open s, list s."""
    wav = os.path.join(tmp, "player.wav")
    rows = []
    with h.PulseAudio() as pa:
        rec = pa.record(wav)
        rec_t0 = time.monotonic()
        time.sleep(0.3)
        env = pa.env({"XDG_CACHE_HOME": os.path.join(tmp, "cache"), "HOME": tmp,
                      "XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s")})
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        t_open = time.monotonic()
        player = p.PtyPlayer(["listen", ENDED_ID, "--date", DATE, *api.options(), "--modus", "schermlezer",
                              "--geen-mpris", "--start", "begin"], env=env)
        keys = []
        try:
            player.expect("Speelt", 0, timeout=60, what="the start")
            time.sleep(3)
            for text in ("6:00:00", "2:00:00", "11:00:00"):
                player.press("g", "Ga naar")
                for ch in text:
                    player.send(ch, pause=0.02)
                t_key = time.monotonic()
                player.press("enter", "Naar", timeout=30)
                keys.append((f"g {text}", t_key, time.monotonic() - t_key, int(hms(text) // SEG)))
                time.sleep(3)
            t_d = time.monotonic()
            player.press("d", "Sprekers", timeout=30)
            list_s = time.monotonic() - t_d
            player.press("end", "Kamerlid", timeout=10)
            t_key = time.monotonic()
            player.press("enter", "Aan het woord", timeout=30)
            last_turn_pos = (TURNS - 1) * (SEGMENTS * SEG / TURNS) + 30
            keys.append(("d, End, Enter", t_key, time.monotonic() - t_key, int(last_turn_pos // SEG)))
            time.sleep(3)
            player.quit()
        finally:
            player.kill()
            player.close()
        time.sleep(0.3)
        rec.stop()
    if os.environ.get("BENCH_KEEP"):
        shutil.copy(wav, os.environ["BENCH_KEEP"])
        print("keys at", [(what, round(t_key - rec_t0, 3), seq) for what, t_key, _a, seq in keys])
    samples, rate, _ch, _n = h.load_audio(wav)
    opened = first_sound(samples, rate, t_open - rec_t0)
    open_s = opened - (t_open - rec_t0) if opened is not None else float("nan")
    for what, t_key, answer_s, seq in keys:
        at = t_key - rec_t0
        heard = first_tone(samples, rate, at, tone_of_segment(seq))
        rows.append((what, answer_s, heard - at if heard is not None else float("nan")))
    return rows, open_s, list_s


def opening_at(url, tmp):
    """{player: seconds from its start to first audio at the sink} opening at 6:00:00."""
    out = {}
    players = {
        "meeluister": [os.environ["MEELUISTER_BIN"], "listen", url, "--start", "6:00:00", "--geen-mpris",
                       "--modus", "schermlezer"],
        "ffplay": ["ffplay", "-nodisp", "-loglevel", "error", "-ss", "21600", url] if shutil.which("ffplay") else None,
        "mpv": ["mpv", "--no-video", "--no-terminal", "--audio-display=no", "--start=21600", url]
        if shutil.which("mpv") else None,
    }
    for name, cmd in players.items():
        if cmd is None:
            continue
        wav = os.path.join(tmp, f"{name}.wav")
        with h.PulseAudio() as pa:
            rec = pa.record(wav)
            rec_t0 = time.monotonic()
            time.sleep(0.3)
            env = pa.env({"XDG_CACHE_HOME": os.path.join(tmp, "cache-" + name), "HOME": tmp,
                          "XDG_STATE_HOME": os.path.join(tmp, "s-" + name)})
            env.pop("DBUS_SESSION_BUS_ADDRESS", None)
            t0 = time.monotonic()
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, env=env)
            time.sleep(8)
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            time.sleep(0.2)
            rec.stop()
        samples, rate, _ch, _n = h.load_audio(wav)
        target = tone_of_segment(int(21600 // SEG))
        heard = first_tone(samples, rate, t0 - rec_t0, target)
        out[name] = heard - (t0 - rec_t0) if heard is not None else float("nan")
    return out


def main():
    ensure_media()
    with h.HlsServer() as hls, tempfile.TemporaryDirectory() as tmp:
        hls.control(f"/control/vod?long={SEGMENTS}")
        api = ApiServer().start()
        try:
            api.set_stream_base(hls.url(""))
            step = SEGMENTS * SEG / TURNS
            for i in range(TURNS):
                api.add_event(ENDED_ID, "speaker", MEMBERS[i % len(MEMBERS)], iso(START_UTC + 30 + i * step))
            rows, open_s, list_s = interactive(hls, api, tmp)
        finally:
            api.stop()
        peers = opening_at(hls.url("/vod/Stream(06)/prog_index.m3u8"), tmp)
    print(f"Recording: {SEGMENTS} segments ({SEGMENTS * SEG / 3600:.1f} h), {TURNS} speaker turns, loopback.")
    print(f"meeluister opens the debate (process start to first audio): {open_s:.2f} s")
    print(f"list of parts (d to its first line): {list_s * 1000:.0f} ms")
    print(f"{'seek':<16} {'answer line ms':>15} {'heard ms':>10}")
    for what, answer_s, heard_s in rows:
        print(f"{what:<16} {answer_s * 1000:>15.0f} {heard_s * 1000:>10.0f}")
    print("Opening the 12-hour recording at 6:00:00 (process start to first audio at the sink):")
    for name, s in peers.items():
        print(f"  {name:<12} {s:.2f} s" if s == s else f"  {name:<12} no audio of 6:00:00 within 8 s")


if __name__ == "__main__":
    main()
