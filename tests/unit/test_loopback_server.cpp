// LoopbackServer: a real server on 127.0.0.1, talked to with raw sockets (exact bytes on the
// wire) and with ml::net::HttpClient (the client the demo really uses).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "net/HlsPlaylist.h"
#include "net/HttpClient.h"
#include "net/LoopbackHttp.h"
#include "net/LoopbackServer.h"

namespace fs = std::filesystem;
using ml::net::LoopbackServer;
using Clock = std::chrono::steady_clock;

namespace {

void writeFile(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string randomBytes(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(gen() & 0xff);
  return s;
}

// A fresh folder: base/root is served, base/outside must never be reachable.
struct Tree {
  fs::path base, root;
  std::string big = randomBytes(300'000, 42);
  std::string secret = "geheim-buiten-de-root\n";

  Tree() {
    static std::atomic<int> counter{0};
    base = fs::temp_directory_path() /
           ("ml-loopback-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    root = base / "root";
    fs::remove_all(base);
    writeFile(root / "hello.txt", "hallo\n");
    writeFile(root / "big.bin", big);
    writeFile(root / "Stream(06)" / "prog_index.m3u8", "#EXTM3U\n#EXT-X-ENDLIST\n");
    writeFile(root / "seg.m4a", "m4a");
    writeFile(root / "init.mp4", "mp4");
    writeFile(root / "s.ts", "ts");
    writeFile(root / "a.json", "{}");
    writeFile(root / "p.html", "<p>");
    writeFile(root / "met spatie.txt", "spatie");
    writeFile(base / "outside" / "secret.txt", secret);
    fs::create_symlink(base / "outside" / "secret.txt", root / "link-out");
    fs::create_directory_symlink(base / "outside", root / "dir-out");
    fs::create_symlink(root / "hello.txt", root / "link-in.txt");
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(base, ec);
  }
};

struct RawResponse {
  int status = 0;  // 0: no (complete) answer
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

// A blocking client socket with a receive timeout, so no test can hang.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port, int rcvbuf = 0) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (rcvbuf > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  bool send(std::string_view s) {
    return ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size());
  }
  // True when bytes (or EOF) arrive within `ms`.
  bool readable(int ms) {
    if (!buffer_.empty()) return true;
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, ms) == 1;
  }
  // True when the server closed the connection (EOF) within the receive timeout.
  bool closedByPeer() {
    char c;
    return buffer_.empty() && ::recv(fd_, &c, 1, 0) == 0;
  }
  RawResponse read(bool headRequest = false);

 private:
  bool fill() {
    char chunk[8192];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  int fd_;
  bool connected_ = false;
  std::string buffer_;
};

RawResponse RawClient::read(bool headRequest) {
  RawResponse r;
  std::size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return r;
  }
  std::string head = buffer_.substr(0, end + 2);
  buffer_.erase(0, end + 4);
  const auto lineEnd = head.find("\r\n");
  const std::string statusLine = head.substr(0, lineEnd);
  if (statusLine.rfind("HTTP/1.1 ", 0) != 0) return r;
  for (auto pos = lineEnd + 2; pos < head.size();) {
    const auto next = head.find("\r\n", pos);
    const auto line = head.substr(pos, next - pos);
    const auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    r.headers[name] = line.substr(colon + 2);
    pos = next + 2;
  }
  const auto length = std::stoul(r.headers.at("content-length"));
  if (!headRequest) {
    while (buffer_.size() < length) {
      if (!fill()) return r;
    }
    r.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
  }
  r.status = std::stoi(statusLine.substr(9, 3));
  return r;
}

std::string get(std::string_view target, std::string_view extra = {}) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + std::string(extra) +
         "\r\n";
}

RawResponse fetch(const LoopbackServer& server, std::string_view target) {
  RawClient c(server.port());
  if (!c.send(get(target, "Connection: close\r\n"))) return {};
  return c.read();
}

class LoopbackServerTest : public ::testing::Test {
 protected:
  Tree tree;
  std::unique_ptr<LoopbackServer> server = std::make_unique<LoopbackServer>(tree.root);
};

}  // namespace

TEST_F(LoopbackServerTest, ServesAFileByteExactWithLengthAndType) {
  const auto r = fetch(*server, "/big.bin");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-length"), std::to_string(tree.big.size()));
  EXPECT_EQ(r.headers.at("content-type"), "application/octet-stream");
  EXPECT_TRUE(r.body == tree.big) << "body differs (" << r.body.size() << " bytes)";
}

TEST_F(LoopbackServerTest, ChoosesContentTypeByExtension) {
  const std::map<std::string, std::string> expected{
      {"/Stream(06)/prog_index.m3u8", "application/vnd.apple.mpegurl"},
      {"/seg.m4a", "audio/mp4"},
      {"/init.mp4", "video/mp4"},
      {"/s.ts", "video/mp2t"},
      {"/a.json", "application/json"},
      {"/p.html", "text/html; charset=utf-8"}};
  for (const auto& [target, type] : expected) {
    const auto r = fetch(*server, target);
    ASSERT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.headers.at("content-type"), type) << target;
  }
}

TEST_F(LoopbackServerTest, KeepsTheConnectionForSeveralRequests) {
  RawClient c(server->port());
  ASSERT_TRUE(c.send(get("/hello.txt")));
  auto r1 = c.read();
  ASSERT_EQ(r1.status, 200);
  EXPECT_EQ(r1.headers.at("connection"), "keep-alive");
  EXPECT_EQ(r1.body, "hallo\n");
  ASSERT_TRUE(c.send(get("/big.bin")));
  auto r2 = c.read();
  ASSERT_EQ(r2.status, 200);
  EXPECT_TRUE(r2.body == tree.big);
  // Pipelined: two requests in one write, two answers in order.
  ASSERT_TRUE(c.send(get("/seg.m4a") + get("/hello.txt", "Connection: close\r\n")));
  EXPECT_EQ(c.read().body, "m4a");
  auto last = c.read();
  EXPECT_EQ(last.body, "hallo\n");
  EXPECT_EQ(last.headers.at("connection"), "close");
  EXPECT_TRUE(c.closedByPeer());
  EXPECT_EQ(server->connectionsAccepted(), 1u);
}

TEST_F(LoopbackServerTest, Http10ClosesUnlessAskedToKeepAlive) {
  RawClient c(server->port());
  ASSERT_TRUE(c.send("GET /hello.txt HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(c.read().status, 200);
  EXPECT_TRUE(c.closedByPeer());
}

TEST_F(LoopbackServerTest, MissingFilesAndFoldersGive404) {
  EXPECT_EQ(fetch(*server, "/nope.m4a").status, 404);
  EXPECT_EQ(fetch(*server, "/Stream(01)/prog_index.m3u8").status, 404);
  EXPECT_EQ(fetch(*server, "/Stream(06)").status, 404);  // a folder is not served
  EXPECT_EQ(fetch(*server, "/").status, 404);
  EXPECT_EQ(fetch(*server, "/hello.txt/x").status, 404);
  // A 404 keeps the connection usable.
  RawClient c(server->port());
  ASSERT_TRUE(c.send(get("/nope") + get("/hello.txt")));
  EXPECT_EQ(c.read().status, 404);
  EXPECT_EQ(c.read().status, 200);
}

TEST_F(LoopbackServerTest, RefusesEveryPathOutOfRoot) {
  const char* attempts[] = {"/../etc/passwd",        "/%2e%2e/etc/passwd",
                            "/%2E%2E%2Fetc%2Fpasswd", "/Stream(06)/../../outside/secret.txt",
                            "/../outside/secret.txt", "/%2e%2e/outside/secret.txt",
                            "/link-out",              "/dir-out/secret.txt",
                            "//etc/passwd",           "/..%2foutside%2fsecret.txt"};
  for (const char* target : attempts) {
    const auto r = fetch(*server, target);
    EXPECT_TRUE(r.status == 400 || r.status == 403 || r.status == 404)
        << target << " gave " << r.status;
    EXPECT_EQ(r.body.find("geheim"), std::string::npos) << target;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
  }
  EXPECT_EQ(fetch(*server, "/link-out").status, 403);
  EXPECT_EQ(fetch(*server, "/link-in.txt").body, "hallo\n");  // a link inside root is fine
}

TEST_F(LoopbackServerTest, DecodesPercentEscapesAndIgnoresTheQuery) {
  EXPECT_EQ(fetch(*server, "/Stream(06)/prog_index.m3u8").status, 200);
  EXPECT_EQ(fetch(*server, "/Stream%2806%29/prog_index.m3u8").status, 200);
  EXPECT_EQ(fetch(*server, "/met%20spatie.txt").body, "spatie");
  EXPECT_EQ(fetch(*server, "/hello.txt?start=2026-07-01T13%3A35%3A26&x=..").body, "hallo\n");
  EXPECT_EQ(fetch(*server, "/./hello.txt").body, "hallo\n");
  EXPECT_EQ(fetch(*server, "/hello%zz.txt").status, 400);
  EXPECT_EQ(fetch(*server, "/hello%00.txt").status, 400);
}

TEST_F(LoopbackServerTest, HeadSendsHeadersWithoutBody) {
  RawClient c(server->port());
  ASSERT_TRUE(c.send("HEAD /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto r = c.read(true);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers.at("content-length"), std::to_string(tree.big.size()));
  // No body followed: the next answer on the connection starts right away.
  ASSERT_TRUE(c.send(get("/hello.txt")));
  EXPECT_EQ(c.read().body, "hallo\n");
}

TEST_F(LoopbackServerTest, OtherMethodsGive405AndMalformedRequests400) {
  RawClient post(server->port());
  ASSERT_TRUE(post.send("POST /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto r = post.read();
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers.at("allow"), "GET, HEAD");
  for (const char* bad : {"GARBAGE\r\n\r\n", "GET /hello.txt\r\n\r\n", "GET hello.txt HTTP/1.1\r\n\r\n",
                          "GET /hello.txt HTTP/2.0\r\n\r\n", "GET /hello.txt HTTP/1.1\r\nNoColon\r\n\r\n",
                          "GET /hello.txt HTTP/1.1\r\nContent-Length: 5\r\n\r\nhallo"}) {
    RawClient c(server->port());
    ASSERT_TRUE(c.send(bad));
    EXPECT_EQ(c.read().status, 400) << bad;
    EXPECT_TRUE(c.closedByPeer()) << bad;
  }
}

TEST_F(LoopbackServerTest, LimitsTheRequestHeadTo8KiB) {
  RawClient c(server->port());
  ASSERT_TRUE(c.send("GET /hello.txt HTTP/1.1\r\nX-Long: " + std::string(9000, 'a')));
  EXPECT_EQ(c.read().status, 431);
  EXPECT_TRUE(c.closedByPeer());
  // Just under the limit still works.
  RawClient ok(server->port());
  ASSERT_TRUE(ok.send(get("/hello.txt", "X-Long: " + std::string(7000, 'a') + "\r\n")));
  EXPECT_EQ(ok.read().status, 200);
}

TEST_F(LoopbackServerTest, BoundsOpenConnectionsAndServesTheQueueLater) {
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < LoopbackServer::kMaxConnections; ++i) {
    held.push_back(std::make_unique<RawClient>(server->port()));
    ASSERT_TRUE(held.back()->send(get("/hello.txt")));
    ASSERT_EQ(held.back()->read().status, 200) << i;  // answered and kept open
  }
  RawClient extra(server->port());  // waits in the backlog
  ASSERT_TRUE(extra.connected());
  ASSERT_TRUE(extra.send(get("/hello.txt")));
  EXPECT_FALSE(extra.readable(300)) << "more than kMaxConnections served at once";
  held.pop_back();  // frees one place
  ASSERT_TRUE(extra.readable(3000));
  EXPECT_EQ(extra.read().body, "hallo\n");
}

TEST_F(LoopbackServerTest, ServesManyParallelClients) {
  constexpr int kThreads = 32, kEach = 3;
  std::atomic<int> good{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      RawClient c(server->port());
      for (int i = 0; i < kEach; ++i) {
        if (!c.send(get("/big.bin"))) return;
        if (c.read().body == tree.big) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), kThreads * kEach);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(20));
}

TEST_F(LoopbackServerTest, DestructorReturnsPromptlyWhileClientsHoldConnections) {
  RawClient idle(server->port());
  ASSERT_TRUE(idle.send(get("/hello.txt")));
  ASSERT_EQ(idle.read().status, 200);
  ASSERT_TRUE(idle.send("GET /hello.txt HTTP/1.1\r\n"));  // half a request
  RawClient stalled(server->port(), 4096);  // asks for a big file and never reads it
  ASSERT_TRUE(stalled.send(get("/big.bin")));
  ASSERT_TRUE(stalled.readable(3000));
  const auto start = Clock::now();
  server.reset();
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));
  EXPECT_TRUE(idle.closedByPeer());
}

TEST(LoopbackServer, ThrowsInDutchWhenRootIsMissing) {
  try {
    LoopbackServer s("/nonexistent/meeluister-test-root");
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bestaat niet"), std::string::npos) << e.what();
  }
}

TEST_F(LoopbackServerTest, BuildsUrlsOnItsPort) {
  const auto base = "http://127.0.0.1:" + std::to_string(server->port()) + "/";
  EXPECT_NE(server->port(), 0);
  EXPECT_EQ(server->url("Stream(06)/prog_index.m3u8"), base + "Stream(06)/prog_index.m3u8");
  EXPECT_EQ(server->url("/index.m3u8"), base + "index.m3u8");
}

TEST(LoopbackHttp, ParsesKeepAliveAndBodyFlags) {
  using ml::net::loopback::parseRequestHead;
  auto a = parseRequestHead("GET /x HTTP/1.1\r\nConnection: Keep-Alive, Close\r\n\r\n");
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->keepAlive);
  auto b = parseRequestHead("GET /x HTTP/1.0\r\nconnection: keep-alive\r\n\r\n");
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->keepAlive);
  auto c = parseRequestHead("GET /x HTTP/1.1\r\nContent-Length: 000\r\n\r\n");
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->hasBody);
  EXPECT_TRUE(parseRequestHead("GET /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")->hasBody);
  EXPECT_FALSE(parseRequestHead("GET /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n"));
  EXPECT_FALSE(parseRequestHead("GET /x HTTP/1.1\r\n folded\r\n\r\n"));
}

TEST(LoopbackHttp, SplitsTargetsIntoSafeSegments) {
  using ml::net::loopback::targetSegments;
  const auto s = targetSegments("/Stream%2806%29//./prog_index.m3u8?a=/../b");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, (std::vector<std::string>{"Stream(06)", "prog_index.m3u8"}));
  EXPECT_FALSE(targetSegments("/a/%2E%2e/b"));
  EXPECT_FALSE(targetSegments("/a%2f..%2fb"));
  EXPECT_FALSE(targetSegments("/a%2"));
  EXPECT_FALSE(targetSegments("http://127.0.0.1/a"));
  EXPECT_EQ(targetSegments("/...")->front(), "...");  // only ".." itself is special
}

namespace {

fs::path exampleStream() { return fs::path(MEELUISTER_TEST_DIR) / ".." / "data" / "example" / "stream"; }

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    out.push_back(text.substr(pos, nl - pos));
    pos = nl == std::string::npos ? text.size() : nl + 1;
  }
  return out;
}

}  // namespace

// The bundled example stream, served as `meeluister demo` serves it: the Kamer's shape.
TEST(LoopbackServerExample, ServesTheBundledStreamInTheKamersShape) {
  LoopbackServer server(exampleStream());
  RawClient c(server.port());
  ASSERT_TRUE(c.send(get("/index.m3u8")));
  const auto master = c.read();
  ASSERT_EQ(master.status, 200);
  EXPECT_EQ(master.headers.at("content-type"), "application/vnd.apple.mpegurl");
  EXPECT_NE(master.body.find("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"Original Audio\","
                            "URI=\"Stream(06)/prog_index.m3u8\""),
            std::string::npos);
  EXPECT_NE(master.body.find("AUDIO=\"audio\",SUBTITLES=\"subs\"\nStream(01)/prog_index.m3u8"), std::string::npos);
  // The subtitle rendition, as the Kamer's on-demand one: one WebVTT file for the recording.
  EXPECT_NE(master.body.find("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"Nederlands\",DEFAULT=NO,FORCED=NO,"
                            "URI=\"subtitles/nl-pol.m3u8\",LANGUAGE=\"nl-pol\""),
            std::string::npos);
  ASSERT_TRUE(c.send(get("/subtitles/nl-pol.m3u8")));
  const auto subs = c.read();
  ASSERT_EQ(subs.status, 200);
  EXPECT_NE(subs.body.find("#EXT-X-PROGRAM-DATE-TIME:2023-12-21T10:15:00.000Z"), std::string::npos);
  ASSERT_TRUE(c.send(get("/subtitles/nl-pol/vod.vtt")));
  const auto vtt = c.read();
  ASSERT_EQ(vtt.status, 200);
  EXPECT_EQ(vtt.headers.at("content-type"), "text/vtt; charset=utf-8");
  EXPECT_EQ(vtt.body.rfind("WEBVTT\n", 0), 0u);
  EXPECT_NE(vtt.body.find("Dit is het voorbeeld van meeluister."), std::string::npos);
  ASSERT_TRUE(c.send(get("/Stream(01)/prog_index.m3u8")));
  EXPECT_EQ(c.read().status, 404);  // the video variant is absent on purpose

  ASSERT_TRUE(c.send(get("/Stream%2806%29/prog_index.m3u8")));
  const auto media = c.read();
  ASSERT_EQ(media.status, 200);
  const auto ls = lines(media.body);
  ASSERT_GE(ls.size(), 8u);
  EXPECT_EQ(ls[5], "#EXT-X-MAP:URI=\"init.mp4\"");
  EXPECT_EQ(ls.back(), "#EXT-X-ENDLIST");
  std::vector<std::string> segments, durations;
  for (const auto& l : ls) {
    if (l.rfind("#EXTINF:", 0) == 0) durations.push_back(l.substr(8));
    if (!l.empty() && l[0] != '#') segments.push_back(l);
  }
  ASSERT_GE(segments.size(), 8u);  // 30 s or more
  ASSERT_EQ(durations.size(), segments.size());
  std::uintmax_t total = fs::file_size(exampleStream() / "index.m3u8") + media.body.size();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const long long ticks = 17031537000000000LL + static_cast<long long>(i) * 38400000LL;
    EXPECT_EQ(segments[i], "Segment-" + std::to_string(ticks) + ".m4a");
    if (i + 1 < segments.size()) {
      EXPECT_EQ(durations[i], "3.840,");
    }
    ASSERT_TRUE(c.send(get("/Stream(06)/" + segments[i])));
    const auto seg = c.read();
    ASSERT_EQ(seg.status, 200) << segments[i];
    EXPECT_EQ(seg.headers.at("content-type"), "audio/mp4");
    EXPECT_EQ(seg.body.substr(4, 4), "styp");
    total += seg.body.size();
  }
  ASSERT_TRUE(c.send(get("/Stream(06)/init.mp4")));
  const auto init = c.read();
  ASSERT_EQ(init.status, 200);
  EXPECT_EQ(init.body.substr(4, 4), "ftyp");
  EXPECT_LT(total + init.body.size(), 400u * 1024u);
}

// Through the libcurl client that `meeluister demo` really uses.
namespace {

ml::net::HttpResponse curlGet(ml::net::HttpClient& client, const std::string& url) {
  ml::net::HttpRequest request;
  request.url = url;
  request.totalTimeout = std::chrono::milliseconds(10000);
  return client.get(request);
}

long curlStatus(ml::net::HttpClient& client, const std::string& url) {
  try {
    return curlGet(client, url).status;
  } catch (const ml::net::HttpError& e) {
    return e.status();
  }
}

}  // namespace

TEST_F(LoopbackServerTest, HttpClientGetsFilesByteExactOnOneConnection) {
  ml::net::HttpClient client;
  const auto big = curlGet(client, server->url("big.bin"));
  EXPECT_EQ(big.status, 200);
  EXPECT_TRUE(big.body == tree.big);
  for (int i = 0; i < 4; ++i) {
    const auto r = curlGet(client, server->url("Stream(06)/prog_index.m3u8"));
    EXPECT_EQ(r.contentType, "application/vnd.apple.mpegurl");
    EXPECT_EQ(r.body, "#EXTM3U\n#EXT-X-ENDLIST\n");
  }
  EXPECT_EQ(curlGet(client, server->url("Stream%2806%29/prog_index.m3u8")).status, 200);
  EXPECT_EQ(server->connectionsAccepted(), 1u) << "libcurl did not reuse the connection";
}

TEST_F(LoopbackServerTest, HttpClientSees404AndRefusedTraversal) {
  ml::net::HttpClient client;
  EXPECT_EQ(curlStatus(client, server->url("nope.m4a")), 404);
  try {
    curlGet(client, server->url("nope.m4a"));
    FAIL() << "no HttpError for 404";
  } catch (const ml::net::HttpError& e) {
    EXPECT_EQ(e.kind(), ml::net::HttpError::Kind::Status);
  }
  for (const char* path : {"../etc/passwd", "%2e%2e/outside/secret.txt", "..%2Foutside%2Fsecret.txt",
                           "link-out", "dir-out/secret.txt", "Stream(06)/../../outside/secret.txt"}) {
    const long status = curlStatus(client, server->url(path));
    EXPECT_TRUE(status == 400 || status == 403 || status == 404) << path << " gave " << status;
  }
  EXPECT_EQ(curlGet(client, server->url("hello.txt")).body, "hallo\n");  // still serving
}

TEST(LoopbackServerExample, PlaysThroughHttpClientAndTheHlsParser) {
  LoopbackServer server(exampleStream());
  ml::net::HttpClient client;
  const auto masterUrl = server.url("index.m3u8");
  const auto master = ml::net::parsePlaylist(curlGet(client, masterUrl).body, masterUrl);
  ASSERT_TRUE(master.isMaster);
  const auto audioUrl = ml::net::chooseAudioPlaylist(master);
  EXPECT_EQ(audioUrl, server.url("Stream(06)/prog_index.m3u8"));
  const auto media = ml::net::parsePlaylist(curlGet(client, audioUrl).body, audioUrl);
  ASSERT_FALSE(media.isMaster);
  EXPECT_TRUE(media.media.endList);
  EXPECT_EQ(media.media.playlistType, "VOD");
  ASSERT_GE(media.media.segments.size(), 8u);
  const auto& first = media.media.segments.front();
  ASSERT_TRUE(first.programDateTime.has_value());
  EXPECT_DOUBLE_EQ(*first.programDateTime, 1703153700.0);  // 2023-12-21T10:15:00Z
  EXPECT_GE(media.media.totalDuration(), 30.0);
  EXPECT_LE(media.media.totalDuration(), 42.0);
  EXPECT_EQ(curlGet(client, first.mapUri).body.substr(4, 4), "ftyp");
  for (const auto& seg : media.media.segments) {
    const auto r = curlGet(client, seg.uri);
    EXPECT_EQ(r.contentType, "audio/mp4") << seg.uri;
    EXPECT_EQ(r.body.size(), fs::file_size(exampleStream() / "Stream(06)" /
                                           seg.uri.substr(seg.uri.rfind('/') + 1)));
  }
  EXPECT_EQ(server.connectionsAccepted(), 1u);
  EXPECT_EQ(curlStatus(client, master.variants.at(0).uri), 404);  // Stream(01) is absent
}
