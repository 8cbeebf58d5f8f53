#!/usr/bin/env python3
"""Choosing the sound device, heard where the listener hears it: one private PulseAudio
with two null sinks, "Koptelefoon" (the default) and "Luidsprekers Woonkamer", both
monitors recorded at once.
- `meeluister apparaten` lists both by name, numbered, the default said in words, and
  nothing else; without any device it says so on stderr (exit 1).
- --apparaat sends the debate (listen, demo) and speech (say) to that sink only: the
  other stays silent. A part of the name, a number and the config key `apparaat` work.
- --spraak-apparaat sends meeluister's own voice to the other sink: `say`, `read` and the
  day's list are heard there only; in the player the answer to a key is heard on the
  headphones only, the debate on the speakers only, and the debate is still ducked while
  meeluister speaks.
- Without a sound server, PortAudio's devices are listed and opened by name.
- An unknown or ambiguous name is a Dutch usage error naming the choices (exit 2), and
  nothing plays; a device option with --output is one too; an unknown name in the config
  file is a warning, and the default device plays.
Only loopback servers and the private PulseAudio are contacted; every run is bounded."""
import os
import statistics
import tempfile
import time

import harness as h
import pty_player as p

SINKS = [("ml_koptelefoon", "Koptelefoon"), ("ml_luidsprekers", "Luidsprekers Woonkamer")]
HEADPHONES, SPEAKERS = "ml_koptelefoon.monitor", "ml_luidsprekers.monitor"
TEXT = "Goedemorgen. De vergadering is geopend."


def peak(samples):
    return max((abs(v) for v in samples), default=0)


class Both:
    """Records both monitors while the block runs: `with Both(pa, tmp) as rec:`, then
    rec.phones and rec.speakers hold (samples, rate) of each."""

    def __init__(self, pa, tmp, tag="rec"):
        self.pa, self.tmp, self.tag = pa, tmp, tag

    def __enter__(self):
        self.paths = [os.path.join(self.tmp, f"{self.tag}-{n}.wav") for n in ("phones", "speakers")]
        self.recs = [self.pa.record(self.paths[0], HEADPHONES), self.pa.record(self.paths[1], SPEAKERS)]
        time.sleep(0.4)  # both recorders are connected before the program starts
        return self

    def __exit__(self, *exc):
        time.sleep(0.4)
        for r in self.recs:
            r.stop()
        if exc[0] is None:
            self.phones = h.load_audio(self.paths[0])[:2]
            self.speakers = h.load_audio(self.paths[1])[:2]
        return False


def env_for(pa, tmp, config=None):
    env = pa.env({"XDG_CACHE_HOME": os.path.join(tmp, "cache"), "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
                  "XDG_STATE_HOME": os.path.join(tmp, "state")})
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    if config is not None:
        os.makedirs(os.path.join(tmp, "config", "meeluister"), exist_ok=True)
        with open(os.path.join(tmp, "config", "meeluister", "config"), "w", encoding="utf-8") as fh:
            fh.write(config)
    return env


def only_on(rec, where, ctx, what):
    """`what` was heard on `where` ("phones" or "speakers") and nothing on the other."""
    heard, _ = getattr(rec, where)
    other = "speakers" if where == "phones" else "phones"
    silent, _ = getattr(rec, other)
    h.check(h.first_sound(heard) is not None, f"{what}: nothing was heard on the {where}\n{ctx}")
    h.check(peak(silent) < 200, f"{what}: the {other} were not silent (peak {peak(silent)})\n{ctx}")


def test_apparaten_lists_both_sinks():
    with h.PulseAudio(sinks=SINKS) as pa, tempfile.TemporaryDirectory() as tmp:
        rc, lines, err = h.run_meeluister(["apparaten"], env=env_for(pa, tmp), timeout=30)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "expected exit 0\n" + ctx)
        h.check(lines == ["1. Koptelefoon (standaard)", "2. Luidsprekers Woonkamer"],
                "expected the two sinks, numbered, the default marked, and nothing else\n" + ctx)
        h.check(err.strip() == "", "apparaten wrote to stderr without --verbose\n" + ctx)
        rc, lines, err = h.run_meeluister(["--verbose", "apparaten"], env=env_for(pa, tmp), timeout=30)
        h.check(rc == 0 and "ml_luidsprekers" in err and len(lines) == 2,
                "with --verbose the sinks' own names go to the log, not to stdout\n" + h.show(rc, lines, err))
    with tempfile.TemporaryDirectory() as tmp:
        rc, lines, err = h.run_meeluister(["apparaten"], env=h.no_audio_env(tmp), timeout=40)
        ctx = h.show(rc, lines, err)
        h.check(rc == 1 and not lines and err.strip() == "meeluister: Geen audioapparaat gevonden.",
                "without any device: one error line on stderr, exit 1\n" + ctx)


def test_the_debate_plays_only_on_the_chosen_device():
    with h.HlsServer() as srv, h.PulseAudio(sinks=SINKS) as pa, tempfile.TemporaryDirectory() as tmp:
        with Both(pa, tmp, "listen") as rec:
            rc, lines, err = h.run_meeluister(["listen", srv.url("/vod/index.m3u8?count=2"), "--apparaat", "luidsprekers"],
                                              env=env_for(pa, tmp), timeout=60)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "expected exit 0\n" + ctx)
        only_on(rec, "speakers", ctx, "listen --apparaat luidsprekers")
        runs = h.staircase_runs(rec.speakers[0])
        h.check([r[0] for r in runs] == [0, 1], f"the speakers played {h.describe_runs(runs)}, expected f(0), f(1)\n" + ctx)
        # demo, the bundled example, by number.
        with Both(pa, tmp, "demo") as rec:
            rc, lines, err = h.run_meeluister(["demo", "--apparaat", "2", "--duration", "3"], env=env_for(pa, tmp),
                                              timeout=60)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "demo: expected exit 0\n" + ctx)
        only_on(rec, "speakers", ctx, "demo --apparaat 2")


def test_say_follows_apparaat_and_spraak_apparaat_and_the_config_file():
    with h.PulseAudio(sinks=SINKS) as pa, tempfile.TemporaryDirectory() as tmp:
        cases = [
            (["--apparaat", "Luidsprekers Woonkamer"], None, "speakers"),
            (["--apparaat", "Luidsprekers Woonkamer", "--spraak-apparaat", "kop"], None, "phones"),
            ([], "[algemeen]\napparaat = woonkamer\n", "speakers"),
            (["--apparaat", "1"], "[algemeen]\napparaat = woonkamer\n", "phones"),
            ([], "[algemeen]\napparaat = Koptelefoon\nspraak-apparaat = \"Luidsprekers Woonkamer\"  # de stem\n",
             "speakers"),
        ]
        for i, (options, config, where) in enumerate(cases):
            case_dir = os.path.join(tmp, f"case{i}")
            with Both(pa, tmp, f"say{i}") as rec:
                rc, lines, err = h.run_meeluister(["say", TEXT, *options], env=env_for(pa, case_dir, config), timeout=60)
            ctx = f"say {options} with config {config!r}\n" + h.show(rc, lines, err)
            h.check(rc == 0, "expected exit 0\n" + ctx)
            h.check(not lines, "nothing belongs on stdout when speaking to a device\n" + ctx)
            h.check("waarschuwing" not in err, "a warning\n" + ctx)
            only_on(rec, where, ctx, f"say {options}")


def test_read_speaks_on_the_speech_device():
    """`read` is meeluister's own voice: it speaks on --spraak-apparaat (stopped with
    Ctrl+C after a few lines: exit 130)."""
    with h.PulseAudio(sinks=SINKS) as pa, tempfile.TemporaryDirectory() as tmp:
        with Both(pa, tmp, "read") as rec:
            proc = h.Meeluister(["read", "voorbeeld", "--apparaat", "Koptelefoon", "--spraak-apparaat", "woonkamer"],
                                env=env_for(pa, tmp))
            try:
                h.check(proc.wait_line("mensenhandel", 20) is not None, "read printed no line of the example")
                time.sleep(2.0)
                proc.proc.send_signal(2)
                rc, lines, err = proc.finish(20)
            finally:
                proc.kill()
        ctx = h.show(rc, lines, err)
        h.check(rc == 130, "expected exit 130 after Ctrl+C\n" + ctx)
        only_on(rec, "speakers", ctx, "read --spraak-apparaat woonkamer")


def test_in_the_player_speech_is_on_the_headphones_and_the_debate_on_the_speakers():
    with h.HlsServer() as srv, h.PulseAudio(sinks=SINKS) as pa, tempfile.TemporaryDirectory() as tmp:
        with Both(pa, tmp, "player") as rec:
            player = p.PtyPlayer(["listen", srv.url("/vod/index.m3u8?count=8"), "--modus", "spraak", "--geen-mpris",
                                  "--spraaksnelheid", "90", "--verbose", "--apparaat", "Woonkamer",
                                  "--spraak-apparaat", "Koptelefoon"], env=env_for(pa, tmp), voice=True)
            try:
                player.expect("hulp", 0, timeout=20, what="the start")
                player.expect("Speelt", 0, timeout=20, what="the stream's start")
                time.sleep(3.0)
                before = player.send("w")
                player.expect("Positie", before)
                time.sleep(3.5)
                player.send("q")
                rc, lines, err = player.finish(20)
            finally:
                player.kill()
                player.close()
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "q must exit 0\n" + ctx)
        phones, rate = rec.phones
        speakers, _ = rec.speakers
        # The speakers: the debate, from its start.
        onset = p.stream_onset(speakers)
        h.check(onset is not None, "the debate's staircase is not on the speakers\n" + ctx)
        # The headphones: silent while the debate plays alone (3 s and more before w), then
        # the answer to w (and the goodbye on q).
        first = h.first_sound(phones)
        h.check(first is not None, "no speech on the headphones after w\n" + ctx)
        h.check(first >= onset + 2.5 * rate, f"sound on the headphones {(first - onset) / rate:.2f} s after the "
                "debate began, before w: the debate is heard there\n" + ctx)
        loud = [i for i in range(first, len(phones) - 4800, 4800) if p.rms(phones, i, 4800) > 0.03]
        h.check(loud, "no speech on the headphones after w\n" + ctx)
        answer = [loud[0]]
        for i in loud[1:]:  # the answer to w: the first run of speech (gaps under 0.6 s)
            if i - answer[-1] > 0.6 * rate:
                break
            answer.append(i)
        begin, end = answer[0], answer[-1] + 4800
        h.check((end - begin) / rate >= 1.0, f"the answer lasted only {(end - begin) / rate:.2f} s\n" + ctx)
        # The speakers: nothing but the debate, ducked while meeluister speaks on the headphones.
        wins = p.windows(speakers, onset)
        if os.environ.get("ML_DEBUG"):
            print(f"answer {begin / rate:.2f}-{end / rate:.2f} s, onset {onset / rate:.2f} s")
            for i, a, r in wins:
                print(f"{i / rate:6.2f} tone {a:.3f} rest {r:.3f}")
        # Speech over the tone leaves a residual in window after window; a window where the
        # duck ramps the tone (its level unlike a neighbour's) leaves one too, and is no speech.
        def steady(k):
            near = [wins[j][1] for j in (k - 1, k + 1) if 0 <= j < len(wins)]
            return all(abs(a - wins[k][1]) <= 0.2 * max(a, wins[k][1]) for a in near)
        spoken = [(i, r) for k, (i, _a, r) in enumerate(wins) if r >= 0.03 and steady(k)]
        h.check(not spoken, f"speech (or other sound than the debate) on the speakers at "
                f"{[round(i / rate, 2) for i, _r in spoken[:5]]} s\n" + ctx)
        base = [a for i, a, _r in wins if onset + rate <= i < begin - rate]
        during = [a for i, a, _r in wins if begin + 0.3 * rate <= i <= end - 4800]
        after = [a for i, a, _r in wins if end + rate <= i <= end + 2 * rate]
        h.check(base and during, f"not enough windows: {len(base)} before, {len(during)} during the speech\n" + ctx)
        b, d = statistics.median(base), statistics.median(during)
        h.check(p.db(d / b) <= -8.0, f"the debate was not ducked while meeluister spoke on the headphones: "
                f"{p.db(d / b):.1f} dB\n" + ctx)
        if after:
            h.check(p.db(statistics.median(after) / b) >= -2.0, "the debate did not come back after the speech\n" + ctx)
        print(f"speech {begin / rate:.2f}-{end / rate:.2f} s on the headphones; the debate on the speakers, "
              f"ducked {p.db(d / b):.1f} dB meanwhile")


def test_the_days_list_speaks_on_the_speech_device():
    """`meeluister` without a command: the day's list (loopback fixtures) is spoken on the
    speech device; nothing plays on the debate's device until a debate is chosen."""
    from api_server import ApiServer
    with h.HlsServer() as hls, h.PulseAudio(sinks=SINKS) as pa, tempfile.TemporaryDirectory() as tmp:
        api = ApiServer().start()
        try:
            api.set_stream_base(hls.url(""))
            with Both(pa, tmp, "list") as rec:
                player = p.PtyPlayer(["--date", "2026-10-01", *api.options(), "--modus", "spraak", "--geen-mpris",
                                      "--verbose", "--apparaat", "woonkamer", "--spraak-apparaat", "koptelefoon"],
                                     env=env_for(pa, tmp), voice=True)
                try:
                    player.expect("Debatten op", 0, timeout=30, what="the day's list")
                    time.sleep(2.5)
                    player.send("q")
                    rc, lines, err = player.finish(20)
                finally:
                    player.kill()
                    player.close()
        finally:
            api.stop()
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "q must exit 0\n" + ctx)
        only_on(rec, "phones", ctx, "the day's list")


def test_unknown_ambiguous_and_misplaced_device_names():
    with h.HlsServer() as srv, h.PulseAudio(sinks=SINKS) as pa, tempfile.TemporaryDirectory() as tmp:
        url = srv.url("/vod/index.m3u8?count=1")
        cases = [
            (["listen", url, "--apparaat", "Bestaatniet"], "geen geluidsapparaat 'Bestaatniet'", True),
            (["listen", url, "--spraak-apparaat", "e"], "meer dan één", True),
            (["say", TEXT, "--apparaat", "3"], "geen geluidsapparaat nummer 3", True),
            (["demo", "--apparaat", "kop", "--output", os.path.join(tmp, "x.wav")], "--uitvoer", False),
        ]
        with Both(pa, tmp, "errors") as rec:
            for args, words, lists in cases:
                rc, lines, err = h.run_meeluister(args, env=env_for(pa, tmp), timeout=30)
                ctx = f"{args}\n" + h.show(rc, lines, err)
                h.check(rc == 2, "expected exit 2 (a usage error)\n" + ctx)
                h.check(not lines, "nothing belongs on stdout for a usage error\n" + ctx)
                h.check(words.lower() in err.lower() and h.looks_dutch(err), f"expected a Dutch line with {words!r}\n" + ctx)
                if lists:
                    h.check("Koptelefoon" in err and "Luidsprekers Woonkamer" in err, "the choices are not named\n" + ctx)
        h.check(peak(rec.phones[0]) < 200 and peak(rec.speakers[0]) < 200, "something played after a usage error")
        # An unknown name in the config file: a warning, and the default device plays.
        with Both(pa, tmp, "config") as rec:
            rc, lines, err = h.run_meeluister(["say", TEXT],
                                              env=env_for(pa, tmp, "[algemeen]\napparaat = Bestaatniet\n"), timeout=60)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0 and "Bestaatniet" in err and "standaardapparaat" in err,
                "expected a warning naming the device and exit 0\n" + ctx)
        only_on(rec, "phones", ctx, "an unknown apparaat in the config file")


def test_without_a_sound_server_portaudio_devices_are_listed_and_chosen():
    """No PulseAudio or PipeWire answers: the list is PortAudio's (here two ALSA null
    devices from a private ALSA configuration), and a device is opened by its name."""
    with tempfile.TemporaryDirectory() as tmp:
        conf = os.path.join(tmp, "asound.conf")
        with open(conf, "w") as fh:
            fh.write("</usr/share/alsa/alsa.conf>\n"
                     "pcm.!default { type null hint { show on description \"Standaard\" } }\n"
                     "pcm.stil { type null hint { show on description \"Stil apparaat\" } }\n")
        env = h.no_audio_env(tmp)
        env["ALSA_CONFIG_PATH"] = conf
        rc, lines, err = h.run_meeluister(["apparaten"], env=env, timeout=40)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0 and lines in (["1. stil", "2. default (standaard)"], ["1. default (standaard)", "2. stil"]),
                "expected PortAudio's two devices, the default marked\n" + ctx)
        h.check(err.strip() == "", "PortAudio's probing chatter reached stderr\n" + ctx)
        rc, lines, err = h.run_meeluister(["--verbose", "say", "Hallo", "--apparaat", "STIL"], env=env, timeout=40)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0 and "PortAudio: stil" in err, "say --apparaat STIL did not open the device 'stil'\n" + ctx)
        rc, lines, err = h.run_meeluister(["say", "Hallo", "--apparaat", "koptelefoon"], env=env, timeout=40)
        ctx = h.show(rc, lines, err)
        h.check(rc == 2 and "stil" in err and "default (standaard)" in err, "expected the choices and exit 2\n" + ctx)


if __name__ == "__main__":
    h.main(globals())
