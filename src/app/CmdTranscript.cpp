// meeluister transcript BRON|DEBAT [--uitvoer BESTAND] [source options]
// A recording's words as plain lines (issue 12): one line per subtitle line, each starting
// with its position in the recording (H:MM:SS or M:SS), a new speaker marked when the track
// names one. The first line says where the words come from. Source: the Kamer's subtitle
// track (speech recognition: names and abbreviations can be wrong). Printed to stdout, or
// written whole to BESTAND (a temporary file, fsync, rename: never half a transcript).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "app/Args.h"
#include "app/Commands.h"
#include "app/DebateArgs.h"
#include "app/Navigation.h"
#include "app/Options.h"
#include "core/Cancel.h"
#include "core/SmallFile.h"
#include "core/Utf8.h"
#include "core/Time.h"
#include "core/Paths.h"
#include "net/LoopbackServer.h"
#include "net/Url.h"
#include "sources/Fetcher.h"
#include "sources/Resolve.h"
#include "sources/VerslagLookup.h"
#include "ui/Lines.h"
#include "words/SubtitleFeed.h"

namespace ml::app {

namespace {

// Writes `text` to `path` whole: a temporary file beside it, fsync, rename.
void writeWhole(const std::string& path, const std::string& text) {
  const std::filesystem::path target(path);
  const std::filesystem::path tmp = target.string() + ".deel";
  const int fd = createSmallFile(tmp);
  if (fd < 0) throw std::runtime_error("Kan " + path + " niet schrijven: " + std::strerror(errno) + ".");
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw std::runtime_error("Kan " + path + " niet schrijven: " + std::strerror(err) + ".");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    throw std::runtime_error("Kan " + path + " niet schrijven: " + std::strerror(errno) + ".");
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw std::runtime_error("Kan " + path + " niet schrijven: " + std::strerror(err) + ".");
  }
}

// "14.30.05": the clock in the room at a UTC second.
std::string roomClockSeconds(double utc) {
  const auto s = static_cast<std::int64_t>(utc);
  const auto local = s + dutchOffsetMinutes(s) * 60;
  const auto day = ((local % 86400) + 86400) % 86400;
  return fmt::format("{:02}.{:02}.{:02}", day / 3600, day / 60 % 60, day % 60);
}

// The record's speeches: an agenda item's title, then per speech the speaker and its
// paragraphs, each line with the speech's position in the recording.
std::vector<std::string> recordLines(const sources::vlos::Record& record, double origin) {
  std::vector<std::string> out;
  const bool corrected = record.status == "Gecorrigeerd";
  out.push_back(std::string("Bron: het woordelijk verslag van de Tweede Kamer (") +
                (corrected ? "gecorrigeerd" : "nog niet gecorrigeerd") + ").");
  double last = origin;
  auto at = [&](std::optional<double> t) {
    if (t) last = *t;
    return clockPosition(std::max(0.0, last - origin));
  };
  for (const auto& item : record.items) {
    if (!item.title.empty()) out.push_back(at(item.start) + " Agendapunt: " + item.title);
    for (const auto& sp : item.speeches) {
      if (sp.paragraphs.empty()) continue;
      std::string who = sp.speaker.name.empty() ? "Onbekende spreker" : sp.speaker.name;
      if (!sp.speaker.salutation.empty() && !sp.chair) who = sp.speaker.salutation + " " + who;
      if (sp.chair) who = "De voorzitter (" + who + ")";
      else if (!sp.speaker.party.empty()) who += " (" + sp.speaker.party + ")";
      const std::string pos = at(sp.start);
      out.push_back(pos + " " + who + (sp.kind == "interrumpant" ? ", interruptie:" : ":"));
      for (const auto& p : sp.paragraphs) out.push_back(pos + " " + p);
    }
  }
  return out;
}

// The subtitle track's lines. `why`: why the record was not used (said in the first line).
// `turns`: the debate's speaker turns (Debat Direct's timeline), marked where they begin.
std::vector<std::string> subtitleLines(const std::string& url, const CancelPtr& cancel, const std::string& why,
                                       const std::vector<SpeakerEvent>& turns, bool example) {
  words::SubtitleFeed feed(url);
  feed.runOnce();
  const auto lines = feed.transcript().all();
  if (lines.empty()) {
    throw sources::SourceError(why.empty() ? "Van deze uitzending is geen tekst te krijgen: er is geen ondertiteling."
                                           : why + " En er is geen ondertiteling.");
  }
  // Live there is no position: the clock in the room instead. A recording's positions:
  // the cues are on the clock, the recording begins at its first PROGRAM-DATE-TIME.
  const bool live = feed.live() && !feed.relative();
  double origin = 0;
  if (!feed.relative() && !live) {
    const auto start = words::audioStartUtc(url, cancel);
    origin = start ? *start : lines.front().utc;
  }
  std::vector<std::string> out;
  out.push_back(example ? std::string("Bron: de ondertiteling van het meegeleverde voorbeeld (een synthetische stem, "
                                       "geen opname uit de Kamer).")
                        : (why.empty() ? std::string() : why + " ") +
                              "Bron: de ondertiteling van de Kamer (automatische spraakherkenning: namen en afkortingen "
                              "kunnen fout zijn). Tekst van de Tweede Kamer.");
  if (live) out.push_back("Dit debat is live: dit is wat de Kamer er nu van aanbiedt, met de kloktijd in de zaal.");
  words::RollUp rollUp;
  std::string speaker;
  std::size_t turn = 0;
  for (const auto& cue : lines) {
    const std::string at = live ? roomClockSeconds(cue.utc) : clockPosition(std::max(0.0, cue.utc - origin));
    // A speaker turn that began before these words (the track itself names nobody).
    std::string who;
    while (turn < turns.size() && static_cast<double>(turns[turn].time.utcSeconds) <= cue.utc + 0.5) {
      if (!turns[turn].name.empty() && (turns[turn].eventType == "speaker" || turns[turn].eventType == "interrupter")) {
        who = speakerLabel(turns[turn]) + (turns[turn].eventType == "interrupter" ? ", interruptie" : "");
      }
      ++turn;
    }
    if (!who.empty() && cue.speaker.empty()) out.push_back(at + " Aan het woord: " + who);
    if (!cue.speaker.empty() && cue.speaker != speaker) {
      speaker = cue.speaker;
      out.push_back(at + " Spreker: " + speaker);
    }
    for (const auto& l : rollUp.fresh(cue.lines)) out.push_back(at + " " + l);
  }
  return out;
}

}  // namespace

int cmdTranscript(const ArgList& args) {
  const Args a(args, transcriptSpec());
  if (a.positional().size() != 1) {
    throw UsageError("Gebruik: meeluister transcript BRON, met als BRON het adres van een stream of een debat "
                     "(bijvoorbeeld 2023A07965).");
  }
  const std::string& source = a.positional()[0];
  const sources::SourceConfig config = sourceConfig(a);
  auto cancel = std::make_shared<CancelToken>();
  std::optional<Debate> debate;
  try {
    debate = sources::resolveDebate(source, config, cancel);
  } catch (const std::exception&) {
    if (!net::isHttpUrl(source)) throw;
  }
  // The bundled example: its stream (with its subtitle track) from a loopback server of
  // our own, as `demo` plays it; no verbatim record.
  const bool example = config.example || sources::isExampleRef(source);
  std::optional<net::LoopbackServer> exampleServer;
  std::string url;
  if (example) {
    exampleServer.emplace(paths::dataDir() / "data" / "example" / "stream");
    url = exampleServer->url("index.m3u8");
  } else if (debate) {
    url = debate->bestAudioUrl();
    if (url.empty()) throw sources::SourceError("Voor dit debat is geen opname gevonden, dus ook geen ondertiteling.");
  } else if (net::isHttpUrl(source)) {
    url = source;
  } else {
    throw UsageError("BRON moet een http- of https-adres of een debat zijn: '" + source + "'.");
  }

  std::vector<std::string> out;
  // The verbatim record first: speakers and corrected text. A record without text yet
  // (Casco) leaves the words to the subtitles, and the first line says so.
  std::string why;
  if (debate && !example) {
    auto fetcher = sources::makeFetcher(config, cancel);
    if (auto record = sources::vlos::findRecord(*fetcher, config, *debate, why)) {
      record->items = sources::vlos::itemsOf(*record, *debate);
      if (record->hasText()) {
        const auto start = words::audioStartUtc(url, cancel);
        const double origin = start ? *start : debate->start() ? static_cast<double>(debate->start()->utcSeconds) : 0;
        out = recordLines(*record, origin);
      } else {
        why = record->statusLine();
      }
    }
  }
  if (out.empty()) {
    out = subtitleLines(url, cancel, why, debate && !example ? debate->timeline : std::vector<SpeakerEvent>{}, example);
  }
  if (auto file = a.value("uitvoer")) {
    std::string text;
    for (const auto& l : out) text += printable(l) + "\n";
    writeWhole(*file, text);
    ui::line(fmt::format("{} regels geschreven naar {}.", out.size(), *file));
    return 0;
  }
  for (const auto& l : out) ui::line(l);
  return 0;
}

}  // namespace ml::app
