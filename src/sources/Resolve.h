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
// example). Returns nullopt when `ref` is no debate reference at all (a stream address, a
// file: see classifyReference), so `listen` can play it as it is. Throws SourceError with
// one Dutch sentence when it is one but cannot be found or no source answers. Use
// Debate::bestAudioUrl() (or liveAudioUrl / onDemandAudioUrl) for playback and
// Debate::notes for what to tell the listener. Blocks on the network (cancel: `cancel`).
std::optional<Debate> resolveDebate(const std::string& ref, const SourceConfig& config,
                                    CancelPtr cancel = nullptr);

// The Activiteit Nummer of the bundled example debate (invented; see data/example/README.md).
inline constexpr const char* kExampleNumber = "2023A08217";

}  // namespace ml::sources
