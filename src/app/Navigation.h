// Where the listener can go in a debate, DAISY style: a navigation level (agenda item,
// speaker turn, time step) and previous/next within it. Pure: positions in, positions out.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/Debate.h"

namespace ml::app {

enum class Level { Speaker, AgendaItem, Time };
const char* dutchLevel(Level level);  // "spreker", "agendapunt", "tijd"
Level nextLevel(Level level);
Level previousLevel(Level level);

// A speaker turn placed on a recording: seconds from the recording's first sample.
struct Turn {
  double position = 0;
  std::string who;  // "Kamerlid A, VVD" / "Van der Burg, staatssecretaris van ..."
  bool interruption = false;
};

// "Name, affiliation" (or the name alone).
std::string speakerLabel(const SpeakerEvent& e);
// The speaker and interrupter events of a timeline on a recording that starts at
// `recordingStartUtc` (UTC seconds) and lasts `length` seconds (0: unknown), in order.
std::vector<Turn> turnsOnRecording(const std::vector<SpeakerEvent>& timeline, double recordingStartUtc, double length);
// Index of the turn playing at `position`, or -1 before the first.
int turnAt(const std::vector<Turn>& turns, double position);
// The next turn after the one playing at `position`.
std::optional<std::size_t> nextTurn(const std::vector<Turn>& turns, double position);
// Previous as on a talking-book player: within `grace` seconds of the current turn's start,
// the turn before it; otherwise back to the start of the current turn.
std::optional<std::size_t> previousTurn(const std::vector<Turn>& turns, double position, double grace = 3.0);

// A seek target kept inside a recording of `length` seconds (0: unknown, only >= 0).
double clampPosition(double position, double length);

}  // namespace ml::app
