#!/usr/bin/env python3
"""meeluister read DEBATE: the debate in reading order, each line printed as it is spoken,
into a file (the bundled example and a fixture debate from tests/server/api_server.py)
and through PortAudio into a private PulseAudio; Ctrl+C stops at once."""
import os
import re
import signal
import tempfile
import time

import harness as h
from api_server import ApiServer

EXAMPLE_ORDER = [
    "Samen tegen mensenhandel",
    "Commissie: Justitie en Veiligheid.",
    "Wanneer: donderdag 21 december 2023, 11.15 tot 13.15 uur.",
    "Waar: Thorbeckezaal.",
    "Namens het kabinet",
    "Eric van der Burg, staatssecretaris van Justitie en Veiligheid.",
    "1. Creëren van brede bewustwording: meer mensen moeten bewust worden gemaakt van wat mensenhandel is.",
]

FIXTURE_ORDER = [
    "Informele Raad Buitenlandse Zaken Ontwikkeling van 8 en 9 oktober 2026",
    "Soort: Commissiedebat.",
    "Commissie: Buitenlandse Handel en Ontwikkelingssamenwerking.",
    "Wanneer: donderdag 1 oktober 2026, 10.00 tot 13.00 uur.",
    "Status: afgelopen.",
    "Waar: Klompézaal.",
    "Namens het kabinet",
    "Bewindspersoon A, minister van Voorbeeldzaken.",
    "Agenda.",
    "Agendapunt 1: Geannoteerde agenda informele Raad",
    "Geannoteerde agenda. Brief regering van 25 september 2026. Dossier 21501 nr. 2900.",
    "Agendapunt 2: Verslag van de Raad",
    "Achtergrond.",
    "Inleiding",
    "Voorbereiding van de informele Raad.",
    "1. Eerste punt",
]


def check_in_order(lines, expected, ctx):
    missing = [e for e in expected if e not in lines]
    h.check(not missing, f"lines missing: {missing}\n{ctx}")
    positions = [lines.index(e) for e in expected]
    h.check(positions == sorted(positions), f"lines out of order: {positions}\n{ctx}")


def spoken_words(lines):
    """The number of words the voice says for these lines (after the Dutch normaliser)."""
    rc, out, err = h.run_meeluister(["normalize", *lines], timeout=60)
    h.check(rc == 0, "normalize failed\n" + h.show(rc, out, err))
    return sum(len(l.split()) for l in out)


def said_seconds(lines, tmp):
    out = os.path.join(tmp, "said.wav")
    rc, said, err = h.run_meeluister(["say", " ".join(lines), "--output", out], timeout=240)
    h.check(rc == 0, "say failed\n" + h.show(rc, said, err))
    samples, rate, _, _ = h.load_audio(out)
    return (h.last_sound(samples) - h.first_sound(samples)) / rate


def read_to_file(args, tmp, env=None):
    out = os.path.join(tmp, "read.wav")
    rc, lines, err = h.run_meeluister(["read", *args, "--output", out], env=env, timeout=240)
    ctx = h.show(rc, lines, err)
    h.check(rc == 0, "expected exit 0\n" + ctx)
    h.check(lines and lines[-1].startswith("Opgeslagen in " + out), "expected 'Opgeslagen in' last\n" + ctx)
    read = lines[:-1]
    # Nothing for the ear holds an address, a host or an id.
    bad = [l for l in read if re.search(r"://|www\.|127\.0\.0\.1|[0-9a-f]{8}-[0-9a-f]{4}-|\b20\d\dD\d{5}\b", l)]
    h.check(not bad, f"ids or addresses read aloud: {bad}\n" + h.show(rc, lines, err))
    samples, rate, channels, frames = h.load_audio(out)
    h.check(rate == 48000 and channels == 2, f"expected 48 kHz stereo, got {rate} Hz {channels} ch")
    begin, end = h.first_sound(samples), h.last_sound(samples)
    h.check(begin is not None, f"the reading is silent ({frames} frames)\n" + ctx)
    seconds = (end - begin) / rate
    # Against the words the voice says (numbers and dates come out long: a loose bound) ...
    words = spoken_words(read)
    estimate = words * 60 / 175
    h.check(0.7 * estimate <= seconds <= 1.8 * estimate,
            f"{words} spoken words at 175/min lasted {seconds:.1f} s, expected about {estimate:.1f} s\n" + ctx)
    # ... and against `say` of the same lines as one text: every line spoken once, no more.
    said = said_seconds(read, tmp)
    h.check(0.9 * said <= seconds <= said + 0.8 * len(read),
            f"the reading lasted {seconds:.1f} s, the same text through say {said:.1f} s\n" + ctx)
    return read, ctx


def show_lines(args, env=None):
    rc, lines, err = h.run_meeluister(["show", *args], env=env, timeout=60)
    h.check(rc == 0, "show failed\n" + h.show(rc, lines, err))
    return lines


def check_shown_too(read, shown, ctx, spoken_only=()):
    """Every sentence read is a line of `show` too (one text for both), headings aside."""
    headings = set(spoken_only) | {"Namens het kabinet", "Agenda", "Achtergrond", "Agenda.", "Achtergrond.", "Inleiding"}
    ministers = [l for l in shown if l.startswith("Namens het kabinet: ")]
    extra = [l for l in read if l not in shown and l not in headings
             and not any(l.rstrip(".") in m for m in ministers)]
    h.check(not extra, f"read lines that show does not have: {extra}\n{ctx}")


def test_bundled_example_into_a_file():
    with tempfile.TemporaryDirectory() as tmp:
        env = h.base_env({"XDG_CACHE_HOME": tmp, "HOME": tmp})
        read, ctx = read_to_file(["voorbeeld"], tmp, env)
        check_in_order(read, EXAMPLE_ORDER, ctx)
        h.check(read[0] == "Samen tegen mensenhandel", "the title comes first\n" + ctx)
        h.check(sum(l.startswith("Agendapunt ") for l in read) == 3, "expected 3 agenda items\n" + ctx)
        check_shown_too(read, show_lines(["voorbeeld"], env), ctx)


def test_fixture_debate_into_a_file():
    with ApiServer() as server, tempfile.TemporaryDirectory() as tmp:
        env = h.base_env({"XDG_CACHE_HOME": tmp, "HOME": tmp})
        args = ["2026A05001", "--date", "2026-10-01", *server.options()]
        read, ctx = read_to_file(args, tmp, env)
        check_in_order(read, FIXTURE_ORDER, ctx)
        check_shown_too(read, show_lines(args, env), ctx)
        h.check(not any(l.startswith(("Terugluisteren", "Sprekers", "Bronnen")) for l in read),
                "links, speakers and sources are for show, not for reading\n" + ctx)


def test_html_introduction_is_read_as_clean_text_with_headings():
    with ApiServer() as server, tempfile.TemporaryDirectory() as tmp:
        env = h.base_env({"XDG_CACHE_HOME": tmp, "HOME": tmp})
        args = ["11111111-aaaa-4bbb-8ccc-000000000005", "--date", "2026-10-01", *server.options()]
        read, ctx = read_to_file(args, tmp, env)
        check_in_order(read, ["Commissiedebat Water & Bodem", "Agenda.", "Geen agendapunten bekend.", "Achtergrond.",
                              "Inleiding",
                              "De vaste commissie voor Infrastructuur en Waterstaat debatteert over water & bodem.",
                              "Onderwerpen zijn onder meer:", "1. de kwaliteit van het grondwater (<10%> norm)",
                              "2. dijkversterking"], ctx)
        h.check("Geen achtergrond bekend." not in read, "the introduction is background\n" + ctx)
        bad = [l for l in read if re.search(r"</?(p|ul|li|strong|script)\b|&(amp|nbsp|lt|gt);|alert\(", l)]
        h.check(not bad, f"markup reached the reading: {bad}\n" + ctx)
        # What the voice says (the normaliser's words) never names markup.
        rc, words, err = h.run_meeluister(["normalize", *read], timeout=60)
        h.check(rc == 0 and not any("groter dan p" in w or "kleiner dan p" in w for w in words),
                "markup spoken\n" + h.show(rc, words, err))
        check_shown_too(read, show_lines(args, env), ctx, spoken_only=["Geen agendapunten bekend."])


def test_through_the_device_lines_come_as_spoken_and_ctrl_c_stops():
    with h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        env = pa.env({"XDG_CACHE_HOME": tmp})
        wav = os.path.join(tmp, "captured.wav")
        rec = pa.record(wav)
        time.sleep(0.3)
        proc = h.Meeluister(["read", "voorbeeld"], env=env)
        h.check(proc.wait_line("Commissie", 20) is not None, "no line printed\n" + "\n".join(proc.err))
        time.sleep(3.0)
        printed = len(proc.lines)
        lines, err, ctx = h.interrupt(proc, rec)
        h.check(lines[-1] == "Gestopt.", "expected 'Gestopt.' last\n" + ctx)
        # Lines are printed as they are spoken, not all at once: a few seconds in, only the first few.
        h.check(2 <= printed <= 8, f"{printed} lines printed about 4 s into the reading\n" + ctx)
        h.check(len(lines) - 1 == printed or len(lines) - 1 == printed + 1,
                f"lines went on after Ctrl+C: {printed} then {len(lines) - 1}\n" + ctx)
        samples, rate, _, _ = h.load_audio(wav)
        begin, end = h.first_sound(samples), h.last_sound(samples)
        h.check(begin is not None, "the sink heard nothing")
        h.check((end - begin) / rate < 6.0, f"speech went on for {(end - begin) / rate:.2f} s; Ctrl+C came at about 4 s")


def test_no_device_says_so_and_prints_nothing_unheard():
    with tempfile.TemporaryDirectory() as tmp:
        rc, lines, err = h.run_meeluister(["read", "voorbeeld"], env=h.no_audio_env(tmp), timeout=60)
        ctx = h.show(rc, lines, err)
        h.check(rc == 1, "expected exit 1 without a device\n" + ctx)
        h.check(not lines and "meeluister: Geen audioapparaat" in err,
                "expected only 'Geen audioapparaat...' on stderr: no line of the debate that was not heard\n" + ctx)


def test_unknown_debate_and_usage_errors():
    with ApiServer() as server, tempfile.TemporaryDirectory() as tmp:
        env = h.base_env({"XDG_CACHE_HOME": tmp, "HOME": tmp})
        out = os.path.join(tmp, "x.wav")
        rc, lines, err = h.run_meeluister(["read", "keuken", "--output", out, "--date", "2026-10-01",
                                           *server.options()], env=env, timeout=60)
        h.check(rc == 1 and not lines and err.startswith("meeluister: Onbekend debat: 'keuken'."),
                "expected one 'Onbekend debat' line on stderr\n" + h.show(rc, lines, err))
        h.check(not os.path.exists(out), "no file is written for an unknown debate")
    rc, lines, err = h.run_meeluister(["read"], timeout=30)
    h.check(rc == 2 and "Welk debat?" in err, "expected 'Welk debat?'\n" + h.show(rc, lines, err))
    for args, says in ((["read", "voorbeeld", "--rate", "50"], "van 80 tot 900"),
                       (["read", "voorbeeld", "--rate", "snel"], "verwacht een getal"),
                       (["read", "voorbeeld", "--volume", "3"], "Onbekende optie")):
        rc, lines, err = h.run_meeluister(args, timeout=30)
        h.check(rc == 2 and says in err, f"{args}: expected exit 2 and '{says}'\n" + h.show(rc, lines, err))



def test_keys_on_a_terminal_move_pause_and_stop_without_echo():
    from pty_read import PtyRead
    import termios
    with h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        env = pa.env({"XDG_CACHE_HOME": tmp, "HOME": tmp})
        proc = PtyRead(["read", "voorbeeld"], env=env)
        try:
            raw = proc.lflag()
            proc.expect("Commissie: Justitie en Veiligheid.", 0, 30)
            h.check(proc.lflag() & termios.ECHO == 0 and proc.lflag() & termios.ICANON == 0,
                    "the terminal is raw while reading")
            # Down: the rest of "what and when" is skipped, the next section starts.
            at = proc.send("down")
            got = proc.expect("Namens het kabinet", at)
            h.check("Waar: Thorbeckezaal." not in proc.lines[at:got + 1], f"Down did not skip: {proc.lines}")
            at = proc.send("down")
            agenda = proc.expect("Agenda.", at)
            h.check(proc.lines[agenda + 1].startswith("Agendapunt 1") if len(proc.lines) > agenda + 1 else True,
                    f"the agenda's heading comes first: {proc.lines}")
            # Up: back to the section before.
            at = proc.send("up")
            proc.expect("Namens het kabinet", at)
            # Space pauses (nothing more is read), Space again reads on from the same line.
            time.sleep(0.3)
            at = proc.send("space")
            proc.expect("Gepauzeerd.", at)
            time.sleep(2.0)
            quiet = proc.lines[at:]
            h.check(quiet == ["Gepauzeerd."], f"reading went on while paused: {quiet}")
            at = proc.send("space")
            time.sleep(1.5)
            h.check(len(proc.lines) > at, f"Space did not read on: {proc.lines}")
            # Another key silences and says how to go on (the listener's own keys).
            at = proc.send("x")
            proc.expect("Spatie leest verder, s stopt.", at)
            # s stops: "Gestopt.", exit 0, the terminal as it was, and no key ever echoed.
            at = proc.send("s")
            proc.expect("Gestopt.", at)
            rc, lines, err = proc.finish(20)
            ctx = h.show(rc, lines, err)
            h.check(rc == 0, "stopping with s exits 0\n" + ctx)
            h.check(lines[-1] == "Gestopt.", "'Gestopt.' last\n" + ctx)
            h.check(proc.lflag() == raw, "the terminal is restored\n" + ctx)
            h.check(proc.echo == b"", f"keys echoed: {proc.echo!r}\n" + ctx)
        finally:
            proc.kill()
            proc.close()


def test_ctrl_c_on_a_terminal_ends_at_once_and_restores_it():
    from pty_read import PtyRead
    with h.PulseAudio() as pa, tempfile.TemporaryDirectory() as tmp:
        env = pa.env({"XDG_CACHE_HOME": tmp, "HOME": tmp})
        proc = PtyRead(["read", "voorbeeld"], env=env)
        try:
            raw = proc.lflag()
            proc.expect("Commissie: Justitie en Veiligheid.", 0, 30)
            # A pty without a controlling session does not turn Ctrl+C into SIGINT: send it.
            at = len(proc.lines)
            proc.proc.send_signal(signal.SIGINT)
            proc.expect("Gestopt.", at, 5)
            rc, lines, err = proc.finish(10)
            h.check(rc == 130, "Ctrl+C exits 130\n" + h.show(rc, lines, err))
            h.check(proc.lflag() == raw, "the terminal is restored")
        finally:
            proc.kill()
            proc.close()


if __name__ == "__main__":
    h.main(globals())
