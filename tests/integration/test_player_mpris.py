#!/usr/bin/env python3
"""Media keys: the interactive player (`meeluister demo`, offline) offers MPRIS2 on a
private D-Bus session bus (a real dbus-daemon started here), and playerctl and busctl
control it: metadata, play/pause, position, volume, rate, next, quit. Without a session
bus the player runs on and says so once on stderr."""
import os
import subprocess
import tempfile
import time

import harness as h
import pty_player as p


class SessionBus:
    def __init__(self):
        self.proc = None
        self.address = None

    def __enter__(self):
        self.proc = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.address = self.proc.stdout.readline().decode().strip()
        h.check(self.address.startswith("unix:"), f"dbus-daemon gave no address: {self.address!r}")
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        return False


def run(cmd, env, timeout=10):
    r = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    return r.returncode, r.stdout.decode().strip(), r.stderr.decode().strip()


def wait_for_player(env, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rc, out, _ = run(["playerctl", "--list-all"], env)
        if rc == 0 and "meeluister" in out:
            return out.split()[0]
        time.sleep(0.2)
    raise h.TestFailure("meeluister did not appear on the session bus")


def test_playerctl_controls_the_player():
    with SessionBus() as bus, tempfile.TemporaryDirectory() as tmp:
        env = h.base_env({"DBUS_SESSION_BUS_ADDRESS": bus.address,
                          "XDG_CONFIG_HOME": os.path.join(tmp, "c"), "XDG_STATE_HOME": os.path.join(tmp, "s")})
        player = p.PtyPlayer(["demo", "--null-output", "--modus", "schermlezer"], env=env)
        try:
            player.expect("Speelt", 0, timeout=20)
            name = wait_for_player(env)
            ctl = ["playerctl", "--player=" + name]
            rc, title, err = run(ctl + ["metadata", "title"], env)
            h.check(rc == 0 and "mensenhandel" in title.lower(), f"title {title!r} ({err})")
            rc, status, _ = run(ctl + ["status"], env)
            h.check(status == "Playing", f"status {status!r}")
            before = len(player.lines)
            run(ctl + ["play-pause"], env)
            player.expect("Gepauzeerd", before, what="playerctl play-pause")
            rc, status, _ = run(ctl + ["status"], env)
            h.check(status == "Paused", f"status after pause {status!r}")
            before = len(player.lines)
            run(ctl + ["play"], env)
            player.expect("Speelt", before, what="playerctl play")
            before = len(player.lines)
            run(ctl + ["position", "20"], env)
            player.expect("20 seconden", before, what="playerctl position 20")
            time.sleep(1.0)
            rc, pos, _ = run(ctl + ["position"], env)
            h.check(rc == 0 and 19.0 <= float(pos) <= 24.0, f"position after the jump: {pos!r}")
            before = len(player.lines)
            run(ctl + ["volume", "0.5"], env)
            player.expect("50 procent", before, what="playerctl volume 0.5")
            rc, vol, _ = run(ctl + ["volume"], env)
            h.check(abs(float(vol) - 0.5) < 0.01, f"volume read back {vol!r}")
            before = len(player.lines)
            run(["busctl", "--address=" + bus.address, "set-property", "org.mpris.MediaPlayer2." + name,
                 "/org/mpris/MediaPlayer2", "org.mpris.MediaPlayer2.Player", "Rate", "d", "1.5"], env)
            player.expect("1,5 keer", before, what="Rate = 1.5")
            rc, can_seek, _ = run(["busctl", "--address=" + bus.address, "get-property",
                                   "org.mpris.MediaPlayer2." + name, "/org/mpris/MediaPlayer2",
                                   "org.mpris.MediaPlayer2.Player", "CanSeek"], env)
            h.check(can_seek == "b true", f"a recording can seek: {can_seek!r}")
            before = len(player.lines)
            run(ctl + ["next"], env)
            player.expect(("sprekers", "spreker"), before, what="playerctl next")
            before = len(player.lines)
            run(["busctl", "--address=" + bus.address, "call", "org.mpris.MediaPlayer2." + name,
                 "/org/mpris/MediaPlayer2", "org.mpris.MediaPlayer2", "Quit"], env)
            rc, lines, err = player.finish(20)
            h.check(rc == 0, "Quit over D-Bus must end the player with 0\n" + h.show(rc, lines, err))
        finally:
            player.kill()
            player.close()


def test_no_session_bus_is_said_once():
    with tempfile.TemporaryDirectory() as tmp:
        env = h.base_env({"XDG_RUNTIME_DIR": tmp, "XDG_CONFIG_HOME": os.path.join(tmp, "c"),
                          "XDG_STATE_HOME": os.path.join(tmp, "s")})
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        with p.PtyPlayer(["demo", "--null-output", "--modus", "schermlezer"], env=env) as player:
            player.expect("Speelt", 0, timeout=20)
            player.press("w", "Positie")
            lines, err = player.quit()
        mentions = [l for l in err.splitlines() if "sessiebus" in l.lower()]
        h.check(len(mentions) == 1, f"expected one stderr line about media keys, got {mentions}")
        h.check(not any("sessiebus" in l.lower() for l in lines), "the bus message belongs on stderr, not stdout")


if __name__ == "__main__":
    h.main(globals())
