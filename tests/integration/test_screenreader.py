#!/usr/bin/env python3
"""Nothing heard twice, under a real screen reader. Debian's console screen reader `yasr`
runs meeluister in a 24-line pseudo-terminal and speaks each new line through a private
speech-dispatcher whose output module appends every utterance to a file (what the listener
hears from the screen reader); meeluister's own voice is logged with --verbose to a file the
screen reader never sees. In every output mode, and with no mode given (as a listener starts
it), no line is said by both; bursts of printed lines stay shorter than the terminal, so a
screen reader that reads the screen (Fenrir) loses none. Both the bundled example (`demo`)
and a live loopback debate with announcements (ApiServer, as in test_player_live.py)."""
import os
import tempfile
import time

import harness as h
import screenreader as sr
from api_server import ApiServer

ROWS = 24
DATE = "2026-10-01"
LIVE_ID = "11111111-aaaa-4bbb-8ccc-000000000002"   # plenaire zaal, live in the fixtures
MEMBER_D = "b5363002-d06e-4813-9c05-86fe74185a56"  # Kamerlid D, SP
MEMBER_F = "8EAA8995-7E34-47E6-BD85-250E60452B3F"  # Kamerlid F, PRO


def env_for(tmp, extra=None):
    env = h.base_env({"XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s"),
                      "XDG_CACHE_HOME": os.path.join(tmp, "cache"), **(extra or {})})
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("SPEECHD_ADDRESS", None)
    return env


def mode_args(mode):
    return [] if mode is None else ["--modus", mode]


def check_streams(reader, mode, context):
    """The checks every run shares; returns (heard, spoken, printed)."""
    heard, spoken = reader.heard(), reader.spoken()
    printed = [line for _t, line in reader.printed]
    ctx = (f"{context} (mode {mode or 'none given'})\nprinted: {printed}\nheard (screen reader): {heard}\n"
           f"spoken (meeluister): {spoken}\nstderr tail: {reader.stderr()[-8:]}")
    twice = sr.heard_twice(heard, spoken)
    h.check(not twice, f"heard twice (screen reader and meeluister's voice): {twice}\n{ctx}")
    both = [s for s in spoken if s.strip() in (p.strip() for p in printed)]
    h.check(not both, f"printed and spoken: {both}\n{ctx}")
    sizes = sr.bursts(reader.printed)
    h.check(max(sizes, default=0) < ROWS, f"a burst of {max(sizes, default=0)} printed lines (terminal {ROWS})\n{ctx}")
    if mode == "schermlezer":
        h.check(not spoken, f"schermlezer: meeluister's voice spoke\n{ctx}")
        h.check(heard, f"schermlezer: the screen reader heard nothing\n{ctx}")
    if mode in ("spraak", None):
        h.check(spoken, f"spraak: meeluister's voice said nothing\n{ctx}")
    return heard, spoken, printed


def run_demo(mode):
    ok, why = sr.available()
    h.check(ok, why)
    with tempfile.TemporaryDirectory() as tmp:
        args = ["demo", "--null-output", "--geen-mpris", "--verbose", *mode_args(mode)]
        with sr.ScreenReader(args, env_for(tmp), rows=ROWS) as reader:
            # The start: something printed or spoken about the example.
            reader.wait(lambda: reader.printed or reader.spoken(), 30, "the start")
            time.sleep(5.0)
            reader.send("w", pause=3.0)   # where am I
            reader.send("i", pause=3.0)   # about this debate
            reader.send("q")
            status = reader.finish(30)
            h.check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
                    f"q must end the demo with exit 0, status {status}\nstderr: {reader.stderr()[-10:]}")
            heard, spoken, printed = check_streams(reader, mode, "demo")
            print(f"demo, mode {mode or 'none given'}: {len(printed)} printed, {len(heard)} heard from the "
                  f"screen reader, {len(spoken)} spoken by meeluister, bursts {sr.bursts(reader.printed)}")


def test_demo_no_mode_given():
    run_demo(None)


def test_demo_schermlezer():
    run_demo("schermlezer")


def test_demo_spraak():
    run_demo("spraak")


def test_demo_beide():
    run_demo("beide")


def iso(offset):
    t = time.time() + offset
    return time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(t))


def run_live(mode):
    ok, why = sr.available()
    h.check(ok, why)
    with h.HlsServer() as hls, tempfile.TemporaryDirectory() as tmp:
        api = ApiServer().start()
        try:
            api.set_stream_base(hls.url(""))
            env = env_for(tmp, {"HOME": tmp, "MEELUISTER_POLL_SECONDS": "0.3"})
            args = ["listen", "plenaire zaal", "--date", DATE, *api.options(), "--null-output", "--geen-mpris",
                    "--verbose", *mode_args(mode)]
            with sr.ScreenReader(args, env, rows=ROWS) as reader:
                reader.wait(lambda: reader.printed or reader.spoken(), 30, "the start")
                time.sleep(4.0)
                api.add_event(LIVE_ID, "speaker", MEMBER_D, iso(0))
                reader.wait(lambda: any("Kamerlid D" in x for x in reader.heard() + reader.spoken()),
                            15, "the new speaker announced")
                api.add_event(LIVE_ID, "interrupter", MEMBER_F, iso(1))
                reader.wait(lambda: any("Kamerlid F" in x for x in reader.heard() + reader.spoken()),
                            15, "the interruption announced")
                time.sleep(1.0)
                reader.send("w", pause=3.0)
                reader.send("q")
                reader.finish(30)
                heard, spoken, _printed = check_streams(reader, mode, "live")
                announced = [s for s in spoken if "Kamerlid D" in s or "Kamerlid F" in s]
                if mode in ("spraak", "beide", None):
                    # Live announcements are meeluister's own voice (they duck the debate).
                    h.check(len(announced) >= 2, f"announcements not spoken by meeluister: {spoken}")
                else:
                    h.check(any("Kamerlid D" in x for x in heard), f"schermlezer: announcement not read: {heard}")
                print(f"live, mode {mode or 'none given'}: heard {heard}, spoken {spoken}")
        finally:
            api.stop()


def test_live_no_mode_given():
    run_live(None)


def test_live_schermlezer():
    run_live("schermlezer")


def test_live_beide():
    run_live("beide")


def run_read(mode):
    """`meeluister read voorbeeld` on the screen reader's terminal (stdout the pty), through a
    real PulseAudio null sink: spraak (the default) speaks the lines and prints none of them;
    schermlezer and beide print them and meeluister says nothing."""
    ok, why = sr.available()
    h.check(ok, why)
    with h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        env = env_for(tmp, pa.env())
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        with sr.ScreenReader(["read", "voorbeeld", "--verbose", *mode_args(mode)], env, rows=ROWS) as reader:
            if mode in ("schermlezer", "beide"):
                status = reader.finish(30)
            else:
                reader.wait(lambda: len(reader.spoken()) >= 2, 30, "two lines read aloud")
                reader.send("s")
                status = reader.finish(30)
            h.check(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0,
                    f"read must end with exit 0, status {status}\nstderr: {reader.stderr()[-10:]}")
            heard, spoken = reader.heard(), reader.spoken()
            printed = [line for _t, line in reader.printed]
            ctx = f"read, mode {mode or 'none given'}\nprinted: {printed}\nheard: {heard}\nspoken: {spoken}"
            twice = sr.heard_twice(heard, spoken)
            h.check(not twice, f"heard twice (screen reader and meeluister's voice): {twice}\n{ctx}")
            both = [x for x in spoken if x.strip() in (p.strip() for p in printed)]
            h.check(not both, f"printed and spoken: {both}\n{ctx}")
            if mode in ("schermlezer", "beide"):
                h.check(not spoken, f"{mode}: meeluister's voice spoke\n{ctx}")
                h.check(any("mensenhandel" in x.lower() for x in printed), f"{mode}: the text was not printed\n{ctx}")
            else:
                h.check(spoken, f"spraak: meeluister's voice said nothing\n{ctx}")
            print(f"read, mode {mode or 'none given'}: {len(printed)} printed, {len(heard)} heard from the "
                  f"screen reader, {len(spoken)} spoken by meeluister")


def test_read_no_mode_given():
    run_read(None)


def test_read_schermlezer():
    run_read("schermlezer")


if __name__ == "__main__":
    h.main(globals())
