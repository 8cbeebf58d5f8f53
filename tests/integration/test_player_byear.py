#!/usr/bin/env python3
"""The player and the day list by ear (issue 13): help walked key by key, SIGTERM ends with
143, the day list offline offers a retry and the example, an ended debate seeks, a script
never resumes silently, and no line the listener gets holds an id, an address or a host.
Real pseudo-terminals, loopback servers only."""
import os
import re
import signal
import socket
import tempfile
import time

import harness as h
import pty_player as p
from api_server import ApiServer

DATE = "2026-10-01"
ENDED_ID = "5d210dbb-9be4-4c39-8640-63a8ccec5b3a"   # Klompézaal, on demand

# What must never reach a player line: ids, addresses, hosts.
LEAK = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|https?://|127\.0\.0\.1|\.nl\b",
                  re.IGNORECASE)


def no_leaks(lines):
    bad = [l for l in lines if LEAK.search(l)]
    h.check(not bad, f"ids, addresses or hosts in the listener's lines: {bad}")


def private_env(tmp, extra=None):
    env = h.base_env({"XDG_CONFIG_HOME": os.path.join(tmp, "config"),
                      "XDG_STATE_HOME": os.path.join(tmp, "state"),
                      "XDG_CACHE_HOME": os.path.join(tmp, "cache"), "HOME": tmp, **(extra or {})})
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    for k in ("MEELUISTER_DEBATDIRECT_URL", "MEELUISTER_OPENDATA_URL", "MEELUISTER_WEB_URL"):
        env.pop(k, None)
    return env


def demo(tmp):
    player = p.PtyPlayer(["demo", "--null-output", "--modus", "schermlezer", "--geen-mpris"], env=private_env(tmp))
    player.expect("Speelt", 0, timeout=20, what="the stream's start")
    return player


def next_line(player, key, timeout=10):
    """Types a key and returns the next line the program prints."""
    import time
    before = player.send(key)
    deadline = time.monotonic() + timeout
    while len(player.lines) <= before:
        h.check(time.monotonic() < deadline and player.proc.poll() is None, f"no line after {key!r}")
        time.sleep(0.03)
    return player.lines[before]


def test_help_is_walked_key_by_key():
    bindings = p.read_bindings()
    with tempfile.TemporaryDirectory() as tmp, demo(tmp) as player:
        line = player.press("h", "Hulp")
        h.check(len(line.split()) <= 14, f"h says one short line: {line!r}")
        h.check("omhoog" in line.lower() and "escape" in line.lower(), f"the line names the keys to walk: {line!r}")
        first = next_line(player, "down")
        h.check(first.lower().startswith("spatie:") and first.count(".") == 1, f"one key a line, the first: {first!r}")
        second = next_line(player, "down")
        h.check(second != first and ":" in second and bindings[1][1][0] in ("down",)
                and "omlaag" in second.lower(), f"the second key (Down): {second!r}")
        again = next_line(player, "up")
        h.check(again == first, f"Up goes back: {again!r} after {second!r}")
        player.press("escape", "gesloten")
        # Back in the player: Down is the next speaker again, w where-am-i.
        player.press("w", "Positie")
        player.quit()
        no_leaks(player.lines)


def test_other_keys_leave_help_and_act():
    with tempfile.TemporaryDirectory() as tmp, demo(tmp) as player:
        player.press("h", "Hulp")
        player.press("w", "Positie")     # leaves help and answers at once
        player.press("down", ("sprekers", "Aan het woord", "Vooruit", "Agendapunt"))
        player.quit()


def test_sigterm_ends_with_143_and_sigint_with_130():
    for sig, code in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
        with tempfile.TemporaryDirectory() as tmp, demo(tmp) as player:
            player.proc.send_signal(sig)
            rc, lines, err = player.finish(20)
            h.check(rc == code, f"{sig.name} must end with {code}\n" + h.show(rc, lines, err))
            h.check(h.has_word(lines, "Gestopt"), "no line saying it stopped\n" + h.show(rc, lines, err))


def dead_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_day_list_offline_offers_retry_and_the_example():
    port = dead_port()
    dead = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp, h.PulseAudio() as pa:
        env = pa.env(private_env(tmp))
        args = ["--debatdirect", dead + "/dd/api", "--opendata", dead + "/od/", "--web", dead + "/web",
                "--modus", "schermlezer", "--geen-mpris"]
        with p.PtyPlayer(args, env=env) as player:
            first = player.expect("verbinding", 0, timeout=30, what="the offline line")
            said = player.lines[first]
            h.check("voorbeeld" in said.lower() and "opnieuw" in said.lower(),
                    f"one line that says so and offers the example and a retry: {said!r}")
            offline = [l for l in player.lines[:first + 1]]
            h.check(len(offline) == 1, f"one line before the choices, not several: {offline}")
            player.expect("2.", first, timeout=10, what="the choices")
            # Enter on the first entry tries again: the same single line comes again.
            before = player.send("enter")
            player.expect("verbinding", before, timeout=30, what="the retry")
            player.press("down", "voorbeeld")
            before = player.send("enter")
            player.expect("Voorbeeld", before, timeout=20, what="the example")
            player.expect("Speelt", before, timeout=30, what="the example's stream")
            before = player.send("escape")
            player.expect("lijst", before, timeout=10)
            player.expect("verbinding", before, timeout=30, what="back at the offer")
            player.quit()
        no_leaks(player.lines)


def test_day_list_offline_without_terminal_is_one_line_and_fails():
    port = dead_port()
    dead = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        rc, lines, err = h.run_meeluister(["--debatdirect", dead + "/dd/api", "--opendata", dead + "/od/",
                                           "--web", dead + "/web", "--geen-mpris"], env=private_env(tmp), timeout=60)
        # The error ends the command (exit 1): its one line is on stderr, stdout stays empty.
        said = [l for l in err.splitlines() if l.startswith("meeluister: Geen verbinding")]
        h.check(rc == 1 and not lines and len(said) == 1, "offline: one line on stderr and exit 1\n" + h.show(rc, lines, err))
        h.check("meeluister demo" in said[0], "the example is offered\n" + h.show(rc, lines, err))
        no_leaks(said)


class Api:
    def __enter__(self):
        self.hls = h.HlsServer().__enter__()
        self.api = ApiServer().start()
        self.api.set_stream_base(self.hls.url(""))
        return self

    def __exit__(self, *exc):
        self.api.stop()
        self.hls.__exit__(*exc)
        return False


def listen_pty(api, env, *extra):
    return p.PtyPlayer(["listen", ENDED_ID, "--date", DATE, *api.api.options(), "--null-output",
                        "--modus", "schermlezer", "--geen-mpris", *extra], env=env)


def test_ended_debate_is_a_recording_and_seeks():
    with Api() as api, tempfile.TemporaryDirectory() as tmp:
        env = private_env(tmp)
        with listen_pty(api, env) as player:
            player.expect("Speelt", 0, timeout=30, what="the stream's start")
            line = player.press("right", ("Vooruit", "live"))
            h.check(line.startswith("Vooruit"), f"Right on an ended debate seeks: {line!r}")
            h.check(not h.has_word(player.lines, "live"), f"an ended debate called live: {player.lines}")
            player.quit()
        no_leaks(player.lines)


def type_line(player, text):
    for ch in text:
        player.send(ch, pause=0.02)


def test_go_to_a_moment_by_position_and_by_clock_time():
    """g opens a prompt (issue 14): a position or a clock time in the room, Enter goes
    there; nonsense, a time outside the recording and Escape are answered and change
    nothing. The fixture recording starts at 11.15.00 Dutch time and lasts a few minutes."""
    with Api() as api, tempfile.TemporaryDirectory() as tmp:
        env = private_env(tmp)
        with listen_pty(api, env) as player:
            player.expect("Speelt", 0, timeout=30, what="the stream's start")
            line = player.press("g", "Ga naar")
            h.check("Escape" in line and "14.30" in line, f"the prompt does not say what to type: {line!r}")
            type_line(player, "0:40")
            line = player.press("enter", "Naar")
            h.check(line == "Naar 40 seconden.", f"g 0:40: {line!r}")
            line = player.press("w", "Positie")
            m = re.search(r"Positie (\d+) seconden", line)
            h.check(m and 40 <= int(m.group(1)) <= 46, f"after g 0:40, w says {line!r}")
            h.check("nog 1 minuut" in line and "in de zaal 11.15 uur" in line,
                    f"w says the time left and the clock time in the room: {line!r}")
            player.press("g", "Ga naar")
            type_line(player, "11.15.20")
            line = player.press("enter", "Naar")
            h.check(line == "Naar 11.15 uur, positie 20 seconden.", f"g 11.15.20: {line!r}")
            player.press("g", "Ga naar")
            type_line(player, "9u")
            line = player.press("enter", "buiten")
            h.check(re.search(r"van 11\.15 tot 11\.1[5-9] uur", line), f"a clock time outside says the span: {line!r}")
            player.press("g", "Ga naar")
            type_line(player, "12:3x")
            line = player.press("enter", "geen tijd")
            h.check("12:3x" in line and "1:05:00" in line, f"nonsense is named with an example: {line!r}")
            player.press("g", "Ga naar")
            type_line(player, "5:00")
            line = player.press("enter", "duurt")
            h.check("5:00" in line, f"a position after the end: {line!r}")
            player.press("g", "Ga naar")
            type_line(player, "1")
            player.press("escape", "Geannuleerd")
            # The prompt is closed: keys act again.
            player.press("w", "Positie")
            player.quit()
        no_leaks(player.lines)


MEMBER_D = "b5363002-d06e-4813-9c05-86fe74185a56"  # Kamerlid D, SP
MEMBER_A = "3fe14035-2f9c-461e-94d4-56b8c9a019e1"  # Kamerlid A


def position_said(player):
    """The position w says ("Positie 1 minuut 20 seconden"), in seconds."""
    line = player.press("w", "Positie")
    m = re.search(r"Positie ((?:\d+ (?:minuut|minuten|seconde|seconden) ?)+)", line)
    h.check(m is not None, f"w gives no position: {line!r}")
    total = 0
    for n, unit in re.findall(r"(\d+) (minuut|minuten|seconde|seconden)", m.group(1)):
        total += int(n) * (60 if unit.startswith("minu") else 1)
    return total


def test_the_parts_list_plays_the_chosen_speakers_turn():
    """d lists the speakers' turns on the recording with their clock times and positions;
    Up/Down walk, Enter plays the chosen turn, Escape closes. The fixture recording starts
    at 11.15.00 CET on 21 December 2023 (its PROGRAM-DATE-TIME); two turns are added at
    11.15.40 and 11.16.20 (40 s and 80 s in). The sitting has no verbatim record here (no
    Verslag entry has the status asked), so the list holds the turns alone whenever the
    record's lookup ends; with a record its agenda items join the list (test_words)."""
    with Api() as api, tempfile.TemporaryDirectory() as tmp:
        api.api.set_verslag_status("nog-geen")
        api.api.add_event(ENDED_ID, "speaker", MEMBER_D, "2023-12-21T11:15:40+0100")
        api.api.add_event(ENDED_ID, "interrupter", MEMBER_A, "2023-12-21T11:16:20+0100")
        env = private_env(tmp)
        with listen_pty(api, env) as player:
            player.expect("Speelt", 0, timeout=30, what="the stream's start")
            line = player.press("d", "Sprekers")
            h.check("Sprekers: 2." in line and "Enter speelt" in line, f"the list's opening: {line!r}")
            first = player.lines[player.expect("Kamerlid", len(player.lines) - 1, what="the first turn")]
            h.check("Kamerlid D" in first and "11.15 uur" in first and "40 seconden" in first,
                    f"the first turn names speaker, clock time and position: {first!r}")
            second = player.press("down", "Kamerlid A")
            h.check("interruptie" in second and "1 minuut 20 seconden" in second, f"the second turn: {second!r}")
            player.press("up", "Kamerlid D")
            player.press("down", "Kamerlid A")
            line = player.press("enter", "Interruptie")
            h.check("Kamerlid A" in line, f"Enter plays the chosen turn: {line!r}")
            at = position_said(player)
            h.check(80 <= at <= 86, f"after choosing the turn at 1:20, w says {at} s")
            player.press("d", "Sprekers")
            player.press("escape", "gesloten")
            player.press("w", "Positie")  # the list is closed: keys act again
            player.quit()
        no_leaks(player.lines)


def test_bookmarks_are_set_listed_removed_and_survive_a_restart():
    with Api() as api, tempfile.TemporaryDirectory() as tmp:
        env = private_env(tmp)
        with listen_pty(api, env) as player:
            player.expect("Speelt", 0, timeout=30, what="the stream's start")
            player.press("j", "Nog geen bladwijzers")
            player.press("g", "Ga naar")
            type_line(player, "0:30")
            player.press("enter", "Naar")
            line = player.press("B", "Bladwijzer gezet")
            h.check("11.15 uur" in line, f"a bookmark is named by the clock time: {line!r}")
            player.press("B", "al een bladwijzer")  # the same place twice: one bookmark
            player.press("g", "Ga naar")
            type_line(player, "1:10")
            player.press("enter", "Naar")
            line = player.press("B", "Bladwijzer gezet")
            h.check("11.16 uur" in line, f"the second bookmark: {line!r}")
            line = player.press("j", "Bladwijzers: 2")
            current = player.lines[player.expect("positie", len(player.lines) - 1, what="the current bookmark")]
            h.check("1 minuut 10 seconden" in current, f"the list starts at the bookmark here: {current!r}")
            player.press("up", "30 seconden")
            line = player.press("delete", "Verwijderd")
            h.check("11.15" in line, f"Delete removes the chosen one: {line!r}")
            player.press("escape", "gesloten")
            player.quit()
        files = os.listdir(os.path.join(tmp, "state", "meeluister", "debatten"))
        h.check(len(files) == 1 and files[0].endswith(".tsv"), f"one state file for the debate: {files}")
        # Another run: the bookmark is still there, Enter plays it.
        with listen_pty(api, env, "--start", "begin") as player:
            player.expect("Speelt", 0, timeout=30, what="the stream's start")
            line = player.press("j", "Bladwijzers: 1")
            player.expect("positie", len(player.lines) - 1, what="the bookmark")
            line = player.press("enter", "Naar bladwijzer")
            h.check("11.16" in line, f"the kept bookmark is played: {line!r}")
            at = position_said(player)
            h.check(70 <= at <= 76, f"after the bookmark at 1:10, w says {at} s")
            player.quit()
        no_leaks(player.lines)


def test_the_sleep_timer_fades_out_and_stops():
    """--slaaptimer 0,4: 24 s of the debate, its last 10 s fading out, then one line and
    exit 0. Played into a real PulseAudio null sink and recorded: the level falls."""
    with Api() as api, h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "heard.wav")
        rec = pa.record(wav)
        time.sleep(0.3)
        env = pa.env({"XDG_CONFIG_HOME": os.path.join(tmp, "config"), "XDG_STATE_HOME": os.path.join(tmp, "state"),
                      "XDG_CACHE_HOME": os.path.join(tmp, "cache"), "HOME": tmp})
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        for k in ("MEELUISTER_DEBATDIRECT_URL", "MEELUISTER_OPENDATA_URL", "MEELUISTER_WEB_URL"):
            env.pop(k, None)
        player = p.PtyPlayer(["listen", ENDED_ID, "--date", DATE, *api.api.options(), "--modus", "schermlezer",
                              "--geen-mpris", "--slaaptimer", "0,4"], env=env)
        try:
            player.expect("Slaaptimer", 0, timeout=30, what="the sleep timer's start line")
            rc, lines, err = player.finish(60)
        finally:
            player.kill()
            player.close()
        time.sleep(0.3)
        rec.stop()
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, "the sleep timer ends with exit 0\n" + ctx)
        h.check(h.has_word(lines, "slaaptimer is afgelopen"), "no line saying the sleep timer ended\n" + ctx)
        samples, rate, _ch, _frames = h.load_audio(wav)
        win = rate // 2
        lv = [p.rms(samples, i, win) for i in range(0, len(samples) - win, win)]
        ref = sorted(lv)[len(lv) * 3 // 4] if lv else 0
        h.check(ref > 0.02, f"no debate in the recording (level {ref:.3f})\n" + ctx)
        heard = [i for i, v in enumerate(lv) if v > ref * 0.05]
        first, last = heard[0], heard[-1]
        seconds = (last - first + 1) / 2
        h.check(20 <= seconds <= 27, f"the debate was heard for {seconds:.1f} s, not about 24 s\n" + ctx)
        # The fade: full level until about 10 s before the end, then falling.
        full = lv[last - 24:last - 22]
        mid = lv[last - 11:last - 9]
        low = lv[last - 3:last + 1]
        h.check(min(full) > ref * 0.8, f"not at full level 12 s before the end: {full} (ref {ref:.3f})")
        h.check(max(mid) < ref * 0.75 and min(mid) > ref * 0.3, f"not half way down 5 s before the end: {mid}")
        h.check(max(low) < ref * 0.25, f"still loud in the last 2 s: {low}")


def test_start_at_a_clock_time():
    """--start 11u15,30 is no time; --start "11.15 uur" is the clock time 11.15 in the room:
    the recording's first second. --start 0:30 is a position."""
    with Api() as api, tempfile.TemporaryDirectory() as tmp:
        env = private_env(tmp)
        base = ["listen", ENDED_ID, "--date", DATE, *api.api.options(), "--null-output", "--duration", "2",
                "--geen-mpris", "--modus", "schermlezer"]
        rc, lines, err = h.run_meeluister(base + ["--start", "11u15,30"], env=env, timeout=30)
        h.check(rc == 2 and "--start" in err and "14u30" in err, "a bad --start is a usage error\n" + h.show(rc, lines, err))
        rc, lines, err = h.run_meeluister(base + ["--start", "11.15.40 uur"], env=env, timeout=60)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0 and h.has_word(lines, "11.15"), "--start with a clock time goes there\n" + ctx)
        h.check(any("positie 40 seconden" in l for l in lines), "--start 11.15.40 uur is 40 s in\n" + ctx)
        rc, lines, err = h.run_meeluister(base + ["--start", "0:30"], env=env, timeout=60)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0 and any("30 seconden" in l for l in lines), "--start 0:30\n" + ctx)


def test_a_script_never_resumes_silently():
    with Api() as api, tempfile.TemporaryDirectory() as tmp:
        env = private_env(tmp)
        # A listener plays a while and quits: the point is saved.
        with listen_pty(api, env) as player:
            player.expect("Speelt", 0, timeout=30, what="the stream's start")
            player.press("ctrl+right", "Vooruit")
            player.quit()
        # With a terminal it resumes (the control) ...
        with listen_pty(api, env) as player:
            player.expect("Verder", 0, timeout=30, what="the resume line")
            player.quit()
        # ... a script does not: it starts at the beginning.
        rc, lines, err = h.run_meeluister(["listen", ENDED_ID, "--date", DATE, *api.api.options(),
                                           "--null-output", "--duration", "2", "--geen-mpris"],
                                          env=env, timeout=60)
        ctx = h.show(rc, lines, err)
        h.check(rc == 0, ctx)
        h.check(not h.has_word(lines, "Verder"), "a script resumed\n" + ctx)
        h.check(h.has_word(lines, "begin"), "a script starts at the beginning\n" + ctx)


if __name__ == "__main__":
    h.main(globals())
