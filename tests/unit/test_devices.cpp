// Choosing a sound device by what the listener types (audio::matchDevice) and the lines
// of `meeluister apparaten` (audio::deviceLines). Pure functions, no sound device.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "audio/Devices.h"

using namespace ml::audio;

namespace {

OutputDevice sink(std::string id, std::string label, bool isDefault = false) {
  OutputDevice d;
  d.id = std::move(id);
  d.label = std::move(label);
  d.isDefault = isDefault;
  d.serverSink = true;
  return d;
}

const std::vector<OutputDevice> kDesk = {
    sink("alsa_output.pci-0000_00_1f.3.analog-stereo", "Ingebouwde audio Analoog stereo", true),
    sink("bluez_output.00_1B_66_AA_BB_CC.1", "Jabra Evolve 65"),
    sink("alsa_output.pci-0000_01_00.1.hdmi-stereo", "HDMI 2 (Monitor)"),
};

std::size_t pick(const std::vector<OutputDevice>& list, const std::string& wanted) {
  const DeviceMatch m = matchDevice(list, wanted);
  EXPECT_TRUE(m.index.has_value()) << wanted << ": " << m.error;
  return m.index.value_or(99);
}

std::string refusal(const std::vector<OutputDevice>& list, const std::string& wanted) {
  const DeviceMatch m = matchDevice(list, wanted);
  EXPECT_FALSE(m.index.has_value()) << wanted;
  return m.error;
}

}  // namespace

TEST(Devices, TheListIsNumberedWithTheDefaultSaidInWords) {
  EXPECT_EQ(deviceLines(kDesk), (std::vector<std::string>{"1. Ingebouwde audio Analoog stereo (standaard)",
                                                          "2. Jabra Evolve 65", "3. HDMI 2 (Monitor)"}));
}

TEST(Devices, TwinsAreToldApartByTheirOwnName) {
  const std::vector<OutputDevice> twins = {sink("null_a", "Null Output", true), sink("null_b", "Null Output")};
  EXPECT_EQ(deviceLines(twins),
            (std::vector<std::string>{"1. Null Output (naam: null_a) (standaard)", "2. Null Output (naam: null_b)"}));
  EXPECT_EQ(pick(twins, "null_b"), 1u);
  EXPECT_EQ(pick(twins, "2"), 1u);
  EXPECT_NE(refusal(twins, "Null Output").find("meer dan één"), std::string::npos);
}

TEST(Devices, ExactNameThenNumberThenAUniquePart) {
  EXPECT_EQ(pick(kDesk, "Jabra Evolve 65"), 1u);
  EXPECT_EQ(pick(kDesk, "bluez_output.00_1B_66_AA_BB_CC.1"), 1u);  // the system's own name
  EXPECT_EQ(pick(kDesk, "  jabra "), 1u);                          // a part, any capitals, spaces around
  EXPECT_EQ(pick(kDesk, "hdmi"), 2u);
  EXPECT_EQ(pick(kDesk, "INGEBOUWD"), 0u);
  // A whole number is a place in the list, even when it is also part of a name ("HDMI 2").
  EXPECT_EQ(pick(kDesk, "2"), 1u);
  EXPECT_EQ(pick(kDesk, "3"), 2u);
}

TEST(Devices, UnknownAmbiguousAndOutOfRangeNamesSayTheChoicesInDutch) {
  const std::string unknown = refusal(kDesk, "Koptelefoon");
  EXPECT_NE(unknown.find("geen geluidsapparaat 'Koptelefoon'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("1. Ingebouwde audio Analoog stereo (standaard); 2. Jabra Evolve 65; 3. HDMI 2 (Monitor)"),
            std::string::npos)
      << unknown;
  const std::string ambiguous = refusal(kDesk, "alsa_output");
  EXPECT_NE(ambiguous.find("meer dan één"), std::string::npos) << ambiguous;
  EXPECT_NE(ambiguous.find("1. Ingebouwde"), std::string::npos);
  EXPECT_NE(ambiguous.find("3. HDMI"), std::string::npos);
  EXPECT_EQ(ambiguous.find("Jabra"), std::string::npos) << "only the devices that fit are named";
  EXPECT_NE(refusal(kDesk, "4").find("kies 1 tot 3"), std::string::npos);
  EXPECT_NE(refusal(kDesk, "0").find("nummer 0"), std::string::npos);
  EXPECT_NE(refusal(kDesk, " ").find("Geef de naam of het nummer"), std::string::npos);
  EXPECT_NE(refusal({}, "Jabra").find("geen enkel geluidsapparaat"), std::string::npos);
}

TEST(Devices, AChoiceOpensWhatTheSystemListed) {
  const DeviceChoice c = choiceFor(kDesk[1]);
  EXPECT_EQ(c.kind, DeviceChoice::Kind::ServerSink);
  EXPECT_EQ(c.id, "bluez_output.00_1B_66_AA_BB_CC.1");
  EXPECT_EQ(c.label, "Jabra Evolve 65");
  EXPECT_TRUE(c.sameOutput(choiceFor(kDesk[1])));
  EXPECT_FALSE(c.sameOutput(choiceFor(kDesk[2])));
  EXPECT_TRUE(DeviceChoice{}.isDefault());
  OutputDevice alsa = kDesk[0];
  alsa.serverSink = false;
  EXPECT_EQ(choiceFor(alsa).kind, DeviceChoice::Kind::PortAudio);
}
