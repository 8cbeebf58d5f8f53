#!/usr/bin/env python3
"""meeluister's own Dutch voice (voices/meeluister-nl) is used wherever meeluister's data
lies. eSpeak NG 1.51 cuts a voice file's path after 59 bytes, lowercases it and takes a
'+' for a variant, so before the fix a deeper install or clone fell back to plain `nl`
without a word. Here the project's data is copied to a short folder, under a prefix whose
path is over 150 characters (an install: bin/meeluister and share/meeluister, found from
the program's own place), and to a folder with spaces, capitals, a '+' and non-ASCII
letters (through MEELUISTER_DATA_DIR); `say --output` must give the same audio in all
three, and other audio than plain `nl` (the same data without the voice file). The text
has a number, an amount and a date, so the normaliser's word lists (voices/nl) count too.
Only files are written; nothing is contacted."""
import os
import shutil
import tempfile

import harness as h

TEXT = "Op 3 mei 2024 kost het € 12,50 per uur, zegt mevr. De Vries."
SOURCE = os.path.normpath(os.path.join(os.environ.get("MEELUISTER_TEST_DIR", os.path.join(h.HERE, "..")), ".."))


def copy_data(folder, with_voice=True):
    os.makedirs(folder, exist_ok=True)
    for part in ("voices", "data"):
        shutil.copytree(os.path.join(SOURCE, part), os.path.join(folder, part))
    if not with_voice:
        os.remove(os.path.join(folder, "voices", "meeluister-nl"))
    return folder


def env_without_data_dir(extra=None):
    env = h.base_env()
    env.pop("MEELUISTER_DATA_DIR", None)
    env.update(extra or {})
    return env


def say(program, out, env, voice_expected=True):
    rc, lines, err = h.run_meeluister_with(program, ["--verbose", "say", TEXT, "--output", out], env=env,
                                           timeout=60)
    ctx = h.show(rc, lines, err)
    h.check(rc == 0, f"say with {program} failed\n" + ctx)
    h.check(("niet gevonden" not in err) == voice_expected, f"the voice was (not) found\n{ctx}")
    with open(out, "rb") as fh:
        return fh.read(), ctx


def test_the_voice_is_used_under_any_path():
    with tempfile.TemporaryDirectory(prefix="ml-voice-") as tmp:
        short = copy_data(os.path.join(tmp, "k"))
        long_prefix = tmp
        while len(long_prefix) < 160:
            long_prefix = os.path.join(long_prefix, "een-heel-lange-installatiemap")
        os.makedirs(os.path.join(long_prefix, "bin"))
        program = os.path.join(long_prefix, "bin", "meeluister")
        shutil.copy2(h.binary(), program)
        copy_data(os.path.join(long_prefix, "share", "meeluister"))
        odd = copy_data(os.path.join(tmp, "Mijn Documenten+Kamer", "één twee ÄÖÜ", "Meeluister kloon"))
        plain = copy_data(os.path.join(tmp, "plain"), with_voice=False)
        voice_path = os.path.join(long_prefix, "share", "meeluister", "voices", "meeluister-nl")
        h.check(len(voice_path) > 150, f"the long voice path is only {len(voice_path)} characters")

        ref, ctx = say(h.binary(), os.path.join(tmp, "short.wav"), env_without_data_dir({"MEELUISTER_DATA_DIR": short}))
        installed, ctx_long = say(program, os.path.join(tmp, "long.wav"), env_without_data_dir())
        odd_audio, ctx_odd = say(h.binary(), os.path.join(tmp, "odd.wav"), env_without_data_dir({"MEELUISTER_DATA_DIR": odd}))
        nl, _ = say(h.binary(), os.path.join(tmp, "nl.wav"), env_without_data_dir({"MEELUISTER_DATA_DIR": plain}),
                    voice_expected=False)

        h.check(ref != nl, "the short install sounds like plain nl: the test cannot tell the voices apart\n" + ctx)
        h.check(installed == ref,
                f"under a prefix of {len(long_prefix)} characters the voice sounds different\n" + ctx_long)
        h.check(odd_audio == ref, "under a folder with spaces, capitals, '+' and non-ASCII the voice sounds "
                                  "different\n" + ctx_odd)


if __name__ == "__main__":
    h.main(globals())
