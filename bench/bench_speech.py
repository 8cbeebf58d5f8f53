#!/usr/bin/env python3
"""Benchmark (not a test): meeluister's speech at a private PulseAudio null sink.

1. Time from a `say` request (the program's start) to the first speech sample the sink
   played, per round: meeluister (its device buffer 50 ms, and 200 ms as before, set by
   MEELUISTER_DEVICE_LATENCY_MS), and side by side `espeak-ng -v nl` and `spd-say` (through a
   private speech-dispatcher whose espeak-ng module plays to the same PulseAudio) speaking
   the same sentence into the same null sink.
2. Stop latency: `say` with a long text, SIGINT after 1.5 s; time from the signal to the
   last speech sample the sink played (this includes the device's own buffer).

The sink's monitor is recorded for the whole run; the recording's length in frames, read
from its growing file just before each request, maps wall time onto the sink's clock
(the recorder writes every ~20 ms, so figures are upper bounds by about that much).

3. Key to speech in the player: `listen` of the fixture debate in a pseudo-terminal with
   `--modus spraak`, the debate muted (m), then w (where am I): time from the key to the
   first speech sample at the sink, per device buffer.
   3b. The same with --spraak-apparaat: the speech on a second null sink of its own.
4. Underruns: meeluister plays the fixture debate for UNDERRUN_SECONDS with `--modus spraak`
   (its start-up lines spoken over it), per device buffer; the sink logs with --verbose how
   often the device ran dry and how many frames the mixer had no programme for.

Usage: python3 bench/bench_speech.py [ROUNDS]   (needs build/meeluister)"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
os.environ.setdefault("MEELUISTER_MEDIA", os.path.join(ROOT, "build", "tests", "media"))
os.environ.setdefault("MEELUISTER_BIN", os.path.join(ROOT, "build", "meeluister"))
os.environ.setdefault("MEELUISTER_TEST_DIR", os.path.join(ROOT, "tests"))

import harness as h  # noqa: E402

SHORT = "Agendapunt drie: de begroting van Binnenlandse Zaken."
LONG = " ".join(["De Tweede Kamer vergadert vandaag over de begroting van Binnenlandse Zaken."] * 8)
FRAME_BYTES = 4  # 16-bit stereo


def recorded_bytes(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def run(cmd, env):
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)


def sound_after(samples, start, threshold=0.01):
    idx = h.first_sound(samples[start:], threshold)
    return None if idx is None else start + idx


def private_speechd(folder, env):
    """(process, port) of a private speech-dispatcher whose espeak-ng module plays to the
    test PulseAudio (env has PULSE_SERVER); None when speech-dispatcher is missing."""
    if shutil.which("speech-dispatcher") is None or shutil.which("spd-say") is None:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    conf = os.path.join(folder, "speechd")
    os.makedirs(os.path.join(conf, "modules"), exist_ok=True)
    with open(os.path.join(conf, "speechd.conf"), "w") as fh:
        fh.write(f'CommunicationMethod "inet_socket"\nPort {port}\nDefaultLanguage "nl"\n'
                 'AudioOutputMethod "pulse"\nAddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"\n'
                 'DefaultModule espeak-ng\n')
    open(os.path.join(conf, "modules", "espeak-ng.conf"), "w").close()
    proc = subprocess.Popen(["speech-dispatcher", "-s", "-c", "inet_socket", "-p", str(port), "-C", conf,
                             "-L", folder, "-t", "0"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=dict(env, HOME=folder))
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    # one warm-up utterance: the module starts on the first request
    subprocess.run(["spd-say", "-w", "-l", "nl", "klaar"], env=dict(env, SPEECHD_ADDRESS=f"inet_socket:127.0.0.1:{port}"),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
    return proc, port


UNDERRUN_SECONDS = 20
UNDERRUN_LINE = re.compile(r"(\d+) keer een onderloop van het apparaat, (\d+) frames zonder programma")


LATENCIES = os.environ.get("BENCH_LATENCIES", "30 200").split()


def key_to_speech(rounds):
    import pty_player as p
    for latency in LATENCIES:
        delays = []
        with h.HlsServer() as srv, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
            wav = os.path.join(tmp, "sink.wav")
            rec = pa.record(wav)
            time.sleep(0.3)
            env = pa.env({"MEELUISTER_DEVICE_LATENCY_MS": latency, "XDG_CONFIG_HOME": os.path.join(tmp, "c"),
                          "XDG_STATE_HOME": os.path.join(tmp, "s")})
            env.pop("DBUS_SESSION_BUS_ADDRESS", None)
            player = p.PtyPlayer(["listen", srv.url("/vod/index.m3u8?count=20"), "--modus", "spraak", "--geen-mpris"],
                                 env=env)
            marks = []
            try:
                time.sleep(4.0)
                player.send("s", pause=0.2)
                player.send("m", pause=0.3)   # the debate muted: only speech is heard
                player.send("s", pause=1.5)
                for _ in range(rounds):
                    b0 = recorded_bytes(wav)
                    player.send("w", pause=1.2)
                    marks.append(b0)
                    player.send("s", pause=1.5)
                player.send("q")
                player.finish(20)
            finally:
                player.kill()
                player.close()
            time.sleep(0.3)
            rec.stop()
            samples, rate, _, frames = h.load_audio(wav)
            header = os.path.getsize(wav) - frames * FRAME_BYTES
            for b0 in marks:
                start = max(0, (b0 - header) // FRAME_BYTES)
                first = sound_after(samples, start)
                if first is not None and first - start < rate:
                    delays.append((first - start) / rate)
        v = sorted(delays)
        if v:
            print(f"key w -> first speech sample at the sink, player, {latency} ms device buffer: median "
                  f"{1000 * v[len(v) // 2]:.0f} ms, min {1000 * v[0]:.0f} ms, max {1000 * v[-1]:.0f} ms ({len(v)} keys)")
        else:
            print(f"key w -> speech, {latency} ms device buffer: no speech found after the keys")


def key_to_speech_on_its_own_device(rounds):
    """3b. The same key, with --spraak-apparaat: two null sinks, the debate on one (not
    muted: the speech sink hears only speech), the speech on the other, whose monitor is
    recorded. 30 ms device buffers (the default)."""
    import pty_player as p
    sinks = [("bench_phones", "Koptelefoon"), ("bench_speakers", "Luidsprekers")]
    delays = []
    with h.HlsServer() as srv, h.PulseAudio(sinks=sinks) as pa, tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "phones.wav")
        rec = pa.record(wav, "bench_phones.monitor")
        time.sleep(0.3)
        env = pa.env({"XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s")})
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        player = p.PtyPlayer(["listen", srv.url("/vod/index.m3u8?count=20"), "--modus", "spraak", "--geen-mpris",
                              "--apparaat", "Luidsprekers", "--spraak-apparaat", "Koptelefoon"], env=env)
        marks = []
        try:
            time.sleep(4.0)
            player.send("s", pause=1.5)
            for _ in range(rounds):
                b0 = recorded_bytes(wav)
                player.send("w", pause=1.2)
                marks.append(b0)
                player.send("s", pause=1.5)
            player.send("q")
            player.finish(20)
        finally:
            player.kill()
            player.close()
        time.sleep(0.3)
        rec.stop()
        samples, rate, _, frames = h.load_audio(wav)
        header = os.path.getsize(wav) - frames * FRAME_BYTES
        for b0 in marks:
            start = max(0, (b0 - header) // FRAME_BYTES)
            first = sound_after(samples, start)
            if first is not None and first - start < rate:
                delays.append((first - start) / rate)
    v = sorted(delays)
    if v:
        print(f"key w -> first speech sample at the speech device's sink (--spraak-apparaat), 30 ms buffers: median "
              f"{1000 * v[len(v) // 2]:.0f} ms, min {1000 * v[0]:.0f} ms, max {1000 * v[-1]:.0f} ms ({len(v)} keys)")
    else:
        print("key w -> speech on its own device: no speech found after the keys")


def underruns(rounds):
    """Device underflows and programme-less frames while the fixture debate plays with speech."""
    binary = os.environ["MEELUISTER_BIN"]
    for latency in LATENCIES:
        counts = []
        for _ in range(max(1, rounds // 2)):
            with h.HlsServer() as srv, h.PulseAudio() as pa:
                env = pa.env({"MEELUISTER_DEVICE_LATENCY_MS": latency})
                proc = subprocess.run([binary, "listen", srv.url("/vod/index.m3u8?count=8"), "--modus", "spraak",
                                       "--duration", str(UNDERRUN_SECONDS), "--verbose", "--geen-mpris"],
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      env=env, timeout=120)
                found = UNDERRUN_LINE.findall(proc.stderr.decode("utf-8", "replace"))
                counts.append(tuple(int(x) for x in found[-1]) if found else None)
        print(f"underruns, {latency} ms device buffer, {UNDERRUN_SECONDS} s of the debate with speech: "
              + ", ".join("no count logged" if c is None else f"{c[0]} device underflows / {c[1]} frames without programme"
                          for c in counts))


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    binary = os.environ["MEELUISTER_BIN"]
    marks = []  # (kind, bytes at the request, bytes at the signal or None)
    with h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "sink.wav")
        rec = pa.record(wav)
        time.sleep(0.5)
        speechd = private_speechd(tmp, pa.env())
        players = [("meeluister say (default 30 ms buffer)", [binary, "say", SHORT], {}),
                   ("meeluister say (200 ms buffer)", [binary, "say", SHORT], {"MEELUISTER_DEVICE_LATENCY_MS": "200"}),
                   ("espeak-ng -v nl", ["espeak-ng", "-v", "nl", SHORT], {})]
        if speechd is not None:
            players.append(("spd-say (private speech-dispatcher)", ["spd-say", "-w", "-l", "nl", SHORT],
                            {"SPEECHD_ADDRESS": f"inet_socket:127.0.0.1:{speechd[1]}"}))
        for _ in range(rounds):
            for name, cmd, extra in players:  # interleaved, so a busy spell hits all alike
                b0 = recorded_bytes(wav)
                proc = run(cmd, pa.env(extra))
                proc.wait(timeout=30)
                time.sleep(0.4)
                marks.append(("first:" + name, b0, None))
        if speechd is not None:
            speechd[0].terminate()
            speechd[0].wait(timeout=10)
        for _ in range(rounds):
            b0 = recorded_bytes(wav)
            proc = run([binary, "say", LONG], pa.env())
            time.sleep(1.5)
            b_sig = recorded_bytes(wav)
            t_sig = time.monotonic()
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
            exit_s = time.monotonic() - t_sig
            time.sleep(0.5)
            marks.append(("stop", b0, (b_sig, exit_s)))
        time.sleep(0.3)
        rec.stop()
        samples, rate, _, frames = h.load_audio(wav)
        header = os.path.getsize(wav) - frames * FRAME_BYTES

    def frame(b):
        return max(0, (b - header) // FRAME_BYTES)

    firsts, stops, exits = {}, [], []
    for i, (kind, b0, extra) in enumerate(marks):
        start = frame(b0)
        first = sound_after(samples, start)
        if first is None:
            print(f"round {i}: no sound heard")
            continue
        if kind.startswith("first:"):
            firsts.setdefault(kind[6:], []).append((first - start) / rate)
        else:
            b_sig, exit_s = extra
            sig = frame(b_sig)
            end = sig
            # the last sound before the next long stretch of silence after the signal
            quiet = 0
            for n in range(sig, min(len(samples), sig + 2 * rate)):
                if abs(samples[n]) >= 328:
                    end, quiet = n, 0
                else:
                    quiet += 1
                    if quiet > rate // 2:
                        break
            stops.append((end - sig) / rate)
            exits.append(exit_s)

    def show(name, values):
        if values:
            v = sorted(values)
            print(f"{name}: median {1000 * v[len(v) // 2]:.0f} ms, min {1000 * v[0]:.0f} ms, "
                  f"max {1000 * v[-1]:.0f} ms ({len(v)} rounds)")

    for name, values in firsts.items():
        show(f"request -> first speech sample at the sink, {name}", values)
    show("SIGINT -> last speech sample at the sink", stops)
    show("SIGINT -> process exit", exits)
    key_to_speech(rounds)
    key_to_speech_on_its_own_device(rounds)
    underruns(rounds)


if __name__ == "__main__":
    main()
