#!/usr/bin/env python3
"""Every key of data/keys.conf, typed into the interactive player (`meeluister demo`,
the bundled example debate, offline) through a real pseudo-terminal: each one answers
with a line, none leaves the listener stuck, q quits with exit 0. Insert is never bound.
The stream plays into the null output, so no sound server is needed here."""
import os
import tempfile

import harness as h
import pty_player as p

# What a key's answer must hold (a word of it), per action id.
EXPECT = {
    "go-to": "Ga naar",
    "parts": ("sprekers", "Sprekers"), "bookmark": "Bladwijzer", "bookmarks": "Bladwijzers",
    "sleep-timer": "Slaaptimer",
    "subtitles": "Ondertiteling",
    # The example's own subtitles: a sentence of it, or nothing heard yet.
    "repeat": ("Nog niets", "meeluister", "Kamer", "stem", "Commissiedebat", "mensenhandel", "Thorbeckezaal",
               "Veiligheid", "prostitutie", "manieren", "straffen"),
    "repeat-aloud": ("Nog niets", "meeluister", "Kamer", "stem", "Commissiedebat", "mensenhandel", "Thorbeckezaal",
                     "Veiligheid", "prostitutie", "manieren", "straffen"),
    "search": "Zoek", "search-next": "gezocht", "search-previous": "gezocht",
    "play-pause": "Gepauzeerd", "next": ("sprekers", "Agendapunt", "Vooruit"),
    "previous": ("sprekers", "Agendapunt", "Terug"),
    "level-next": "Niveau", "level-previous": "Niveau", "seek-back": "Terug",
    "seek-forward": "Vooruit", "seek-back-long": "Terug", "seek-forward-long": "Vooruit",
    "go-live": ("einde", "opname"), "go-to-start": "begin", "read-agenda": "Agendapunt",
    "read-background": "mensenhandel", "read-info": "Thorbeckezaal", "where-am-i": "Positie",
    "time": "Positie", "help": "Hulp", "describe-keys": "Toetsbeschrijving",
    "volume-up": "Volume", "volume-down": "Volume", "mute": ("gedempt", "hoorbaar"),
    "speech-rate-up": "Spraaksnelheid", "speech-rate-down": "Spraaksnelheid",
    "speed-up": "Snelheid", "speed-down": "Snelheid", "speed-normal": "Snelheid",
    "verbosity": "Meldingen", "output-mode": "Uitvoer", "select": "Positie",
    "back": "q",
}


def start(tmp, extra=()):
    env = h.base_env({"XDG_CONFIG_HOME": os.path.join(tmp, "config"),
                      "XDG_STATE_HOME": os.path.join(tmp, "state"),
                      "XDG_CACHE_HOME": os.path.join(tmp, "cache")})
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    # spraak: the answers to keys are spoken, not printed; --verbose logs what the voice says,
    # and the player counts those lines as heard.
    player = p.PtyPlayer(["demo", "--null-output", "--modus", "spraak", "--geen-mpris", "--verbose", *extra],
                         env=env, voice=True)
    player.expect("hulp", 0, timeout=20, what="the start")
    player.expect("Speelt", 0, timeout=20, what="the stream's start")
    return player


def test_every_binding_answers():
    bindings = p.read_bindings()
    actions = {a for a, _ in bindings}
    h.check("quit" in actions and "help" in actions, f"keys.conf lacks quit/help: {sorted(actions)}")
    for action, keys in bindings:
        h.check("insert" not in keys and "capslock" not in [k.lower() for k in keys],
                f"{action} is bound to Insert or CapsLock: {keys}")
    with tempfile.TemporaryDirectory() as tmp:
        with start(tmp) as player:
            for action, keys in bindings:
                if action in ("quit", "stop-speech"):
                    continue
                for key in keys:
                    word = EXPECT.get(action)
                    h.check(word is not None, f"no expectation for action {action}")
                    line = player.press(key, word, timeout=10)
                    if action in ("parts", "bookmarks") and "Escape sluit" in line:  # a list opened
                        player.press("escape", "gesloten", timeout=10)
                    if action == "describe-keys":  # leave the describer again
                        player.press(key, "uit", timeout=10)
                    if action in ("go-to", "search"):  # leave the prompt again
                        player.press("escape", "Geannuleerd", timeout=10)
                    if action == "play-pause":     # and play again
                        player.press(key, "Speelt", timeout=10)
            # stop-speech answers with silence: it must not be stuck afterwards.
            for key in dict(bindings).get("stop-speech", []):
                player.send(key, pause=0.3)
                player.press("w", "Positie")
            player.quit()


def test_key_describer_does_not_act():
    with tempfile.TemporaryDirectory() as tmp:
        with start(tmp) as player:
            player.press("k", "Toetsbeschrijving aan")
            line = player.press("a", "agenda")
            h.check(line.lower().startswith("a"), f"describer should name the key first: {line!r}")
            before = len(player.lines)
            player.press("q", "stoppen")  # described, not done: the program still runs
            h.check(player.proc.poll() is None, "q in describer mode quit the program")
            player.press("escape", "uit")
            h.check(p.h.find_line(player.lines[before:], "Agendapunt") is None,
                    "the agenda was read although keys were only described")
            player.press("x", "niets")  # an unbound key says so
            player.quit()


def test_user_config_remaps_and_switches_off():
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "config", "meeluister"))
        with open(os.path.join(tmp, "config", "meeluister", "config"), "w", encoding="utf-8") as fh:
            fh.write("[toetsen]\nwhere-am-i = g\nread-agenda =\nquit = ctrl+q q\n")
        with start(tmp) as player:
            player.press("g", "Positie")
            player.press("a", "niets")       # switched off
            player.press("w", "niets")       # moved away
            player.quit("ctrl+q")


def test_no_terminal_plays_like_a_script():
    """Without a terminal the player reads no keys and ends with the stream."""
    rc, lines, err = h.run_meeluister(["demo", "--null-output", "--duration", "3", "--geen-mpris"], timeout=60)
    h.check(rc == 0, h.show(rc, lines, err))
    h.check(h.has_word(lines, "Gestopt"), "expected the duration stop line\n" + h.show(rc, lines, err))


if __name__ == "__main__":
    h.main(globals())
