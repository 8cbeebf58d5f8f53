// What to say about a live debate's new Debat Direct events: who speaks, interruptions, a
// change of chair, suspension, resumption and the end. Pure functions: values in, values out;
// thread-safe.
//
// Texts (Dutch), short and front-loaded (the news first, docs/spraak.md):
//                 speaker        "Kamerlid A, VVD, aan het woord"
//                 government     "Van der Burg, staatssecretaris van Justitie en Veiligheid, aan het woord"
//                 interrupter    "Interruptie: Kamerlid F, PRO"
//                 motion         "Motie: Kamerlid A, VVD"
//                 chair change   "Voorzitter: Kamerlid B, DENK"
//                 start          "Debat begonnen."   suspended  "Debat geschorst."
//                 continued      "Debat hervat."     end        "Debat afgelopen."
//                 a burst        "Kamerlid D, SP, aan het woord; 3 wissels overgeslagen"
// No word is said twice: a name that equals its affiliation is said once.
// "chairman" events (the chair takes the floor for a moment), debate parts and unknown event
// types are not announced.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/Debate.h"

namespace ml::live {

enum class Level {
  All,       // every announced kind
  Speakers,  // speakers, interruptions and motions only (speakerChange)
  Off        // nothing
};

struct Announcement {
  std::string text;       // the full sentence
  std::string shortText;  // a few words, for when the listener is busy ("Kamerlid A, VVD")
  bool speakerChange = false;  // a new voice: speaker, interrupter or motion
};

// Pure: events newly seen (oldest first) -> what to say, respecting the level; a burst of more than
// `burstLimit` events gives one summarising announcement about the newest state.
std::vector<Announcement> announce(const std::vector<SpeakerEvent>& fresh, Level level, std::size_t burstLimit = 3);

// The speaker at the end of a timeline ("Kamerlid A, VVD"), or "" (for where-am-I and MPRIS artist).
// The last speaker, interrupter or motion event counts; after a suspension or the end (with no
// speaker since) there is none; nor when the newest voice has no known name.
std::string currentSpeaker(const std::vector<SpeakerEvent>& timeline);

// "Kamerlid A, VVD"; an office title is lower-cased at its start ("Minister van X" -> "minister
// van X"); an affiliation equal to the name is left out; "" for an event without a name.
std::string who(const SpeakerEvent& event);

// One event on its own; an empty text when its type is not announced.
Announcement announceOne(const SpeakerEvent& event);

// The level from its Dutch or English name ("alles"/"all", "sprekers"/"speakers", "uit"/"off");
// false when unknown.
bool parseLevel(const std::string& text, Level& level);

}  // namespace ml::live
