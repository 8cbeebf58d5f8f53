// Matching an open data Activiteit to a Debat Direct debate. The two share no key, so the
// match weighs the date (required), the room, the start time in minutes and the subject's
// words, into a confidence between 0 and 1. Pure; thread-safe.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/Debate.h"
#include "sources/OpenData.h"

namespace ml::sources {

struct MatchScore {
  double confidence = 0;  // 0..1
  double room = 0, time = 0, subject = 0;  // the parts, each 0..1
};

// Below this a match is not used.
inline constexpr double kMatchThreshold = 0.55;

MatchScore scoreMatch(const Debate& debate, const od::Activity& activity);

struct Match {
  std::size_t index;  // into the activities
  double confidence;
};
// The best activity for `debate` at or above the threshold. Several debates may match one
// activity (a plenary debate split in two around a break shares its Activiteit).
std::optional<Match> bestMatch(const Debate& debate, const std::vector<od::Activity>& activities);

// Word overlap of two subjects (Dice coefficient on lower-case words of 3+ letters).
double subjectSimilarity(const std::string& a, const std::string& b);

}  // namespace ml::sources
