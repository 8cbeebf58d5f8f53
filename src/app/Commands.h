// The program's commands. Each returns the process exit code: 0 success, 1 failure,
// 2 bad usage (main turns a UsageError into 2).
#pragma once
#include <string>
#include <vector>

namespace ml::app {

using ArgList = std::vector<std::string>;

int runMain(int argc, char** argv);

int cmdListen(const ArgList& args);  // meeluister listen SOURCE ...
int cmdDemo(const ArgList& args);    // meeluister demo: the bundled example, offline
int cmdNormalize(const ArgList& args);  // meeluister normalize [TEXT]: what the voice will say
int cmdToday(const ArgList& args);   // meeluister today: the day's debates, one line each
int cmdTranscript(const ArgList& args);  // meeluister transcript BRON: the words with positions
int cmdShow(const ArgList& args);    // meeluister show DEBATE: one debate as plain text
int cmdSay(const ArgList& args);     // meeluister say TEXT: speaks TEXT in Dutch
int cmdRead(const ArgList& args);    // meeluister read DEBATE: reads a debate aloud
int cmdInteractive(const ArgList& args);  // meeluister [OPTIONS]: choose from today's debates
int cmdDevices(const ArgList& args);  // meeluister apparaten: the sound devices, numbered

}  // namespace ml::app
