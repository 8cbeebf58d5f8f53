#!/usr/bin/env python3
"""`meeluister today` against the loopback fixture server (tests/server/api_server.py)."""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from api_server import ApiServer  # noqa: E402

BIN = os.environ.get("MEELUISTER_BIN", "meeluister")
DATE = ["--date", "2026-10-01"]


class TodayTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ApiServer().start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.server.reset()
        self.tmp = tempfile.TemporaryDirectory()
        self.env = dict(os.environ, XDG_CACHE_HOME=self.tmp.name, HOME=self.tmp.name)
        for k in ("MEELUISTER_DEBATDIRECT_URL", "MEELUISTER_OPENDATA_URL", "MEELUISTER_WEB_URL"):
            self.env.pop(k, None)

    def tearDown(self):
        self.tmp.cleanup()

    def run_today(self, *args, server=True):
        cmd = [BIN, "today", *args] + (self.server.options() if server else [])
        p = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout.splitlines(), p.stderr

    def test_lists_the_day_live_first_then_by_time(self):
        rc, lines, err = self.run_today(*DATE)
        self.assertEqual(rc, 0, err)
        self.assertEqual(lines[0], "Debatten op donderdag 1 oktober 2026: 6.")
        self.assertEqual(len(lines), 7, lines)
        # Suspended: only its /debates/ID answer says so (current.suspendedSince), not the agenda.
        self.assertEqual(lines[1], "10.00 tot 14.00, Troelstrazaal, Commissiedebat, Commissiedebat Gevangeniswezen, "
                                   "geschorst")
        self.assertIn("Debat over de Voorjaarsnota (vervolg)", lines[2])
        self.assertIn("live sinds 19.01", lines[2])
        self.assertEqual(lines[3], "10.00 tot 13.00, Klompézaal, Commissiedebat, Informele Raad Buitenlandse "
                                   "Zaken Ontwikkeling van 8 en 9 oktober 2026, afgelopen")
        self.assertEqual(lines[5], "16.00 tot 18.00, Groen van Prinstererzaal, Commissiedebat, "
                                   "Staat van de volkshuisvesting, geannuleerd")
        self.assertTrue(lines[6].startswith("22.30 tot 01.30, Thorbeckezaal, Wetgevingsoverleg"), lines[6])
        self.assertFalse(any(l.startswith("Let op") for l in lines), lines)
        paths = [p for p, _ in self.server.requests()]
        self.assertTrue(any("$skiptoken=" in p for p in paths), "second OData page not followed")
        self.assertTrue(all(s == 200 for _, s in self.server.requests()), self.server.requests())

    def test_live_debates_are_asked_for_a_suspension_and_only_they(self):
        rc, lines, err = self.run_today(*DATE)
        self.assertEqual(rc, 0, err)
        asked = sorted(p.rsplit("/", 1)[-1] for p, _ in self.server.requests() if "/debates/" in p)
        self.assertEqual(asked, ["11111111-aaaa-4bbb-8ccc-000000000002", "11111111-aaaa-4bbb-8ccc-000000000004"])
        self.assertTrue(lines[2].endswith("live sinds 19.01"), lines[2])  # live, not suspended

    def test_without_details_a_suspended_debate_stays_live(self):
        self.server.set_fault("dd", "gone")  # 404 for /debates/ID; the agenda still answers
        rc, lines, err = self.run_today(*DATE)
        self.assertEqual(rc, 0, err)
        self.assertEqual(lines[0], "Debatten op donderdag 1 oktober 2026: 6.")
        self.assertIn("Troelstrazaal", lines[1])
        self.assertIn("live sinds 10.03", lines[1])
        self.assertFalse(any(l.startswith("Let op") for l in lines), lines)

    def test_open_data_refused_still_lists_and_says_what_is_missing(self):
        self.server.set_fault("od", "403")
        rc, lines, _ = self.run_today(*DATE)
        self.assertEqual(rc, 0)
        self.assertEqual(lines[0], "Debatten op donderdag 1 oktober 2026: 5.")
        self.assertEqual(len([l for l in lines if l.startswith("Let op: Open data niet bereikbaar")]), 1, lines)
        self.assertIn("403", lines[-1])

    def test_debat_direct_error_page_falls_back_to_open_data(self):
        self.server.set_fault("dd", "html")
        rc, lines, _ = self.run_today(*DATE)
        self.assertEqual(rc, 0)
        self.assertEqual(lines[0], "Debatten op donderdag 1 oktober 2026: 5.")
        self.assertTrue(any("Staat van de volkshuisvesting, geannuleerd" in l for l in lines), lines)
        self.assertTrue(any(l.startswith("Let op: Debat Direct niet bereikbaar") for l in lines), lines)

    def test_truncated_agenda_is_one_clear_line(self):
        self.server.set_fault("dd", "truncated")
        self.server.set_fault("od", "truncated")
        rc, lines, err = self.run_today(*DATE)
        self.assertEqual(rc, 1)
        # The error ends the command: stderr, stdout stays empty.
        self.assertEqual(lines, [])
        err = err.splitlines()
        self.assertEqual(err[0], "meeluister: Kan de debatten van donderdag 1 oktober 2026 niet ophalen. "
                                 "Geen enkele bron gaf de debatten van 2026-10-01.")
        self.assertIn("Debat Direct gaf onleesbare of afgebroken gegevens.", err[1])

    def test_oversized_answer_is_refused_and_the_rest_serves(self):
        self.server.set_fault("dd", "huge")
        rc, lines, _ = self.run_today(*DATE)
        self.assertEqual(rc, 0)
        self.assertEqual(lines[0], "Debatten op donderdag 1 oktober 2026: 5.")
        notes = [l for l in lines if l.startswith("Let op: Debat Direct niet bereikbaar: ")]
        self.assertEqual(len(notes), 1, lines)

    def test_empty_day(self):
        rc, lines, _ = self.run_today("--date", "2026-10-02")
        self.assertEqual(rc, 0)
        self.assertEqual(lines, ["Geen debatten op vrijdag 2 oktober 2026."])

    def test_bad_date_is_usage_error(self):
        rc, lines, err = self.run_today("--date", "1 oktober")
        self.assertEqual(rc, 2)
        self.assertEqual(lines, [])
        self.assertIn("Ongeldige datum", err)

    def test_cache_is_conditional_and_serves_without_network(self):
        rc, first, _ = self.run_today(*DATE)
        self.assertEqual(rc, 0)
        rc, again, _ = self.run_today(*DATE)
        self.assertEqual(rc, 0)
        self.assertEqual(first, again)
        self.assertGreater(self.server.conditional_requests(), 0)
        self.assertIn(304, [s for _, s in self.server.requests()])

    def test_server_failing_uses_the_cache(self):
        rc, first, _ = self.run_today(*DATE)
        self.assertEqual(rc, 0)
        self.server.set_fault("dd", "500")
        rc, lines, _ = self.run_today(*DATE)
        self.assertEqual(rc, 0)
        self.assertEqual(lines[:7], first[:7])
        self.assertTrue(any(l.startswith("Let op: Debat Direct niet bereikbaar; gegevens uit de cache van") for l in lines))

    def test_network_gone_uses_the_cache_and_says_how_old(self):
        own = ApiServer().start()
        cmd = [BIN, "today", *DATE, *own.options()]
        first = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        own.stop()  # from now on the port refuses connections
        self.assertEqual(first.returncode, 0)
        gone = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        self.assertEqual(gone.returncode, 0, gone.stdout)
        lines = gone.stdout.splitlines()
        self.assertEqual(lines[:7], first.stdout.splitlines()[:7])
        self.assertIn("Let op: Debat Direct niet bereikbaar; gegevens uit de cache van", gone.stdout)
        self.assertIn("Let op: het open-dataportaal niet bereikbaar; gegevens uit de cache van", gone.stdout)
        self.assertRegex(gone.stdout, r"cache van \d+ seconden? geleden")
        offline = subprocess.run(cmd + ["--offline"], env=self.env, capture_output=True, text=True, timeout=60)
        self.assertEqual(offline.returncode, 0)
        self.assertIn("Let op: Zonder netwerk: Debat Direct uit de cache van", offline.stdout)
        empty = dict(self.env, XDG_CACHE_HOME=os.path.join(self.tmp.name, "leeg"))
        nothing = subprocess.run(cmd + ["--offline"], env=empty, capture_output=True, text=True, timeout=60)
        self.assertEqual(nothing.returncode, 1)
        self.assertIn("Zonder netwerk en niet in de cache.", nothing.stderr)

    def test_example_day_offline(self):
        rc, lines, _ = self.run_today("--example", server=False)
        self.assertEqual(rc, 0)
        self.assertEqual(lines[0], "Debatten op donderdag 21 december 2023: 2.")
        self.assertEqual(lines[1], "11.15 tot 13.15, Thorbeckezaal, Commissiedebat, Samen tegen mensenhandel, afgelopen")
        rc, lines, _ = self.run_today("--example", "--date", "2023-12-22", server=False)
        self.assertEqual((rc, lines), (0, ["Geen debatten op vrijdag 22 december 2023."]))


if __name__ == "__main__":
    unittest.main(verbosity=2)
