#!/usr/bin/env python3
"""`meeluister show DEBATE` against the loopback fixture server (tests/server/api_server.py)."""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from api_server import ApiServer  # noqa: E402

BIN = os.environ.get("MEELUISTER_BIN", "meeluister")
SAMPLE_ID = "5d210dbb-9be4-4c39-8640-63a8ccec5b3a"
HTML_ID = "11111111-aaaa-4bbb-8ccc-000000000005"  # its introduction and title are HTML


class ShowTest(unittest.TestCase):
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

    def tearDown(self):
        self.tmp.cleanup()

    def show(self, *args, server=True, date="2026-10-01"):
        cmd = [BIN, "show", *args] + (["--date", date] if date else []) + (self.server.options() if server else [])
        p = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout.splitlines(), p.stderr

    def test_by_number_in_reading_order(self):
        rc, lines, err = self.show("2026A05001")
        self.assertEqual(rc, 0, err)
        order = ["Informele Raad Buitenlandse Zaken Ontwikkeling van 8 en 9 oktober 2026",
                 "Soort: Commissiedebat.",
                 "Commissie: Buitenlandse Handel en Ontwikkelingssamenwerking.",
                 "Wanneer: donderdag 1 oktober 2026, 10.00 tot 13.00 uur.",
                 "Begonnen om 10.00, afgelopen om 13.00.",
                 "Status: afgelopen.",
                 "Waar: Klompézaal.",
                 "Namens het kabinet: Bewindspersoon A, minister van Voorbeeldzaken.",
                 "Agenda, 2 punten:",
                 "Agendapunt 1: Geannoteerde agenda informele Raad",
                 "Geannoteerde agenda. Brief regering van 25 september 2026. Dossier 21501 nr. 2900.",
                 "Documentnummer: 2026D30001.",
                 "Agendapunt 2: Verslag van de Raad",
                 "Achtergrond:",
                 "Voorbereiding van de informele Raad.",
                 "1. Eerste punt"]
        positions = [lines.index(l) for l in order]  # raises when a line is missing
        self.assertEqual(positions, sorted(positions))
        self.assertTrue(any(l.startswith("Sprekers: Kamerlid D (SP), Kamerlid A (CDA)") for l in lines), lines)
        self.assertIn("Terugluisteren: https://vod.example.invalid/2026-10-01/klompezaal/index.m3u8?hd=1&subtitles=vod"
                      "&keyframes=1&start=2026-10-01T10%3A00%3A36%2B02%3A00&end=2026-10-01T13%3A00%3A54%2B02%3A00", lines)
        self.assertFalse(any(l.startswith("Let op") for l in lines), lines)
        self.assertFalse(any("\x1b" in l for l in lines))

    def test_by_debat_direct_page_url_and_id(self):
        url = ("https://debatdirect.tweedekamer.nl/2026-10-01/internationaal/klompezaal/"
               "informele-raad-buitenlandse-zaken-ontwikkeling-van-8-en-9-oktober-2026-10-00")
        rc, lines, _ = self.show(url)
        self.assertEqual(rc, 0)
        self.assertEqual(lines[0], "Informele Raad Buitenlandse Zaken Ontwikkeling van 8 en 9 oktober 2026")
        rc, lines2, _ = self.show(SAMPLE_ID)
        self.assertEqual(rc, 0)
        self.assertEqual(lines2, lines)

    def test_by_tweedekamer_url(self):
        rc, lines, _ = self.show(self.server.url + "/web/debat_en_vergadering/commissievergaderingen/details?id=2026A05001")
        self.assertEqual(rc, 0)
        self.assertIn("Agendapunt 2: Verslag van de Raad", lines)

    def test_room_name_gives_the_live_debate(self):
        rc, lines, _ = self.show("plenaire", "zaal")
        self.assertEqual(rc, 0)
        self.assertEqual(lines[0], "Debat over de Voorjaarsnota (vervolg)")
        self.assertIn("Status: live.", lines)
        self.assertIn("Live geluid: https://audio.example.invalid/live/plenairezaal/audio.m3u8", lines)
        self.assertIn("Aan het woord sinds 19.02: Kamerlid A, CDA.", lines)
        self.assertIn("Vergaderingnummer: 2026A05002.", lines)  # the split debate's shared Activiteit

    def test_suspended_debate(self):
        rc, lines, _ = self.show("troelstrazaal")
        self.assertEqual(rc, 0)
        self.assertIn("Status: geschorst.", lines)

    def test_gone_debate_id_is_one_clear_line(self):
        self.server.set_fault("dd", "gone")
        rc, lines, err = self.show(SAMPLE_ID)
        self.assertEqual(rc, 1)
        # An error that ends the command goes to stderr: `show X > file` does not keep it.
        self.assertEqual(lines, [])
        self.assertEqual(err.splitlines(), ["meeluister: Dit debat bestaat niet (meer) bij Debat Direct."])

    def test_unknown_reference(self):
        rc, lines, err = self.show("keuken")
        self.assertEqual(rc, 1)
        self.assertEqual(lines, [])
        self.assertEqual(len(err.splitlines()), 1)
        self.assertTrue(err.startswith("meeluister: Onbekend debat: 'keuken'."), err)

    def test_open_data_error_page_still_shows_debat_direct(self):
        self.server.set_fault("od", "html")
        rc, lines, _ = self.show(SAMPLE_ID)
        self.assertEqual(rc, 0)
        self.assertEqual(lines[0], "Informele Raad Buitenlandse Zaken Ontwikkeling van 8 en 9 oktober 2026")
        self.assertFalse(any(l.startswith("Agenda,") for l in lines))
        self.assertIn("Let op: Open data niet bereikbaar: Het open-dataportaal gaf een webpagina in plaats van gegevens.",
                      lines)

    def test_page_without_headings_and_missing_page(self):
        self.server.set_fault("web", "noheadings")
        rc, lines, _ = self.show("2026A05001")
        self.assertEqual(rc, 0)
        # Only Debat Direct's introduction is background now: no section of the page.
        self.assertEqual(lines[lines.index("Achtergrond:") + 1:][:2][0], "Voorbereiding van de informele Raad.")
        self.assertNotIn("1. Eerste punt", lines)
        self.assertIn("Agendapunt 1: Geannoteerde agenda informele Raad", lines)
        self.server.set_fault("web", "gone")
        rc, lines, _ = self.show("2026A05001")
        self.assertEqual(rc, 0)
        self.assertTrue(any(l.startswith("Let op: Achtergrond van de webpagina ontbreekt: ") for l in lines), lines)

    def test_debat_direct_forbidden_shows_open_data_and_page(self):
        self.server.set_fault("dd", "403")
        rc, lines, _ = self.show("2026A05001")
        self.assertEqual(rc, 0)
        self.assertEqual(lines[0], "Informele Raad Buitenlandse Zaken Ontwikkeling van 8 en 9 oktober 2026")
        self.assertIn("Agendapunt 1: Geannoteerde agenda informele Raad", lines)
        self.assertIn("Achtergrond:", lines)
        self.assertTrue(any(l.startswith("Let op: Debat Direct niet bereikbaar:") and "403" in l
                            and l.endswith(". Geluid en sprekers ontbreken.") for l in lines), lines)

    def test_html_introduction_is_clean_text(self):
        rc, lines, err = self.show(HTML_ID)
        self.assertEqual(rc, 0, err)
        self.assertEqual(lines[0], "Commissiedebat Water & Bodem")
        at = lines.index("Achtergrond:")
        self.assertEqual(lines[at + 1:at + 5],
                         ["De vaste commissie voor Infrastructuur en Waterstaat debatteert over water & bodem.",
                          "Onderwerpen zijn onder meer:",
                          "1. de kwaliteit van het grondwater (<10%> norm)",
                          "2. dijkversterking"])
        for l in lines:
            self.assertNotRegex(l, r"</?(p|ul|li|strong|script)\b|&(amp|nbsp|lt|gt);|alert\(", l)

    def test_bundled_example_offline_with_mojibake_repaired(self):
        rc, lines, _ = self.show("voorbeeld", server=False, date=None)
        self.assertEqual(rc, 0)
        self.assertEqual(lines[0], "Samen tegen mensenhandel")
        self.assertIn("Commissie: Justitie en Veiligheid.", lines)
        self.assertIn("Wanneer: donderdag 21 december 2023, 11.15 tot 13.15 uur.", lines)
        self.assertIn("Waar: Thorbeckezaal.", lines)
        self.assertIn("Namens het kabinet: Eric van der Burg, staatssecretaris van Justitie en Veiligheid.", lines)
        self.assertIn("1. Creëren van brede bewustwording: meer mensen moeten bewust worden gemaakt van wat "
                      "mensenhandel is.", lines)
        self.assertFalse(any("Ć«" in l for l in lines))
        self.assertFalse(any(l.startswith("Let op") for l in lines), lines)
        rc, same, _ = self.show("example", server=False, date=None)
        self.assertEqual(same, lines)

    def test_uitgelicht_page_address_finds_its_meeting(self):
        url = "https://www.tweedekamer.nl/debat_en_vergadering/uitgelicht/samen-tegen-mensenhandel"
        rc, lines, _ = self.show("--example", url, server=False, date=None)
        self.assertEqual(rc, 0)
        rc, by_name, _ = self.show("voorbeeld", server=False, date=None)
        self.assertIn("Webpagina: " + url, lines)
        self.assertEqual([l for l in lines if not l.startswith("Webpagina: ")],
                         [l for l in by_name if not l.startswith("Webpagina: ")])

    def test_missing_reference_is_usage_error(self):
        rc, lines, err = self.show(server=False, date=None)
        self.assertEqual(rc, 2)
        self.assertIn("Welk debat?", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
