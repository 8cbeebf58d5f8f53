#include "app/Navigation.h"

#include <algorithm>

namespace ml::app {

const char* dutchLevel(Level level) {
  switch (level) {
    case Level::Speaker: return "spreker";
    case Level::AgendaItem: return "agendapunt";
    case Level::Time: return "tijd, per minuut";
  }
  return "";
}

Level nextLevel(Level level) {
  switch (level) {
    case Level::Speaker: return Level::AgendaItem;
    case Level::AgendaItem: return Level::Time;
    case Level::Time: return Level::Speaker;
  }
  return Level::Speaker;
}

Level previousLevel(Level level) {
  return nextLevel(nextLevel(level));
}

std::string speakerLabel(const SpeakerEvent& e) {
  if (e.affiliation.empty()) return e.name;
  return e.name + ", " + e.affiliation;
}

std::vector<Turn> turnsOnRecording(const std::vector<SpeakerEvent>& timeline, double recordingStartUtc,
                                   double length) {
  std::vector<Turn> out;
  if (recordingStartUtc <= 0) return out;
  for (const auto& e : timeline) {
    if (e.name.empty() || (e.eventType != "speaker" && e.eventType != "interrupter")) continue;
    const double at = static_cast<double>(e.time.utcSeconds) - recordingStartUtc;
    if (at < 0 || (length > 0 && at >= length)) continue;
    out.push_back({at, speakerLabel(e), e.eventType == "interrupter"});
  }
  std::stable_sort(out.begin(), out.end(), [](const Turn& a, const Turn& b) { return a.position < b.position; });
  return out;
}

int turnAt(const std::vector<Turn>& turns, double position) {
  int found = -1;
  for (std::size_t i = 0; i < turns.size(); ++i) {
    if (turns[i].position <= position + 1e-6) found = static_cast<int>(i);
  }
  return found;
}

std::optional<std::size_t> nextTurn(const std::vector<Turn>& turns, double position) {
  const int now = turnAt(turns, position);
  const auto next = static_cast<std::size_t>(now + 1);
  if (next < turns.size()) return next;
  return std::nullopt;
}

std::optional<std::size_t> previousTurn(const std::vector<Turn>& turns, double position, double grace) {
  const int now = turnAt(turns, position);
  if (now < 0) return std::nullopt;
  const auto i = static_cast<std::size_t>(now);
  if (position - turns[i].position > grace) return i;
  if (i == 0) return std::nullopt;
  return i - 1;
}

double clampPosition(double position, double length) {
  if (position < 0) return 0;
  if (length > 0 && position > length - 1) return std::max(0.0, length - 1);
  return position;
}

}  // namespace ml::app
