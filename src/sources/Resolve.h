// The entry points other parts of meeluister use (e.g. `listen DEBATE` for the audio URL).
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/Cancel.h"
#include "core/Debate.h"
#include "sources/Fetcher.h"
#include "sources/SourceConfig.h"

namespace ml::sources {

// The fetcher for a configuration: the bundled example files when config.example, else
// HTTP with the disk cache under ml::paths::cacheDir()/http (cache only when offline).
std::unique_ptr<Fetcher> makeFetcher(const SourceConfig& config, CancelPtr cancel = nullptr);

// True for the references that mean the bundled example: "voorbeeld" or "example".
bool isExampleRef(const std::string& ref);

// Resolves a debate reference (see Sources::resolve; "voorbeeld"/"example" gives the bundled
// example). Returns nullopt when `ref` names no debate; throws SourceError (Dutch) when the
// sources cannot be reached. Use Debate::bestAudioUrl() (or liveAudioUrl/onDemandAudioUrl)
// for playback, and Debate::notes for what to tell the listener.
std::optional<Debate> resolveDebate(const std::string& ref, const SourceConfig& config,
                                    CancelPtr cancel = nullptr);

// The Activiteit Nummer of the bundled example debate (invented; see data/example/README.md).
inline constexpr const char* kExampleNumber = "2023A08217";

}  // namespace ml::sources
