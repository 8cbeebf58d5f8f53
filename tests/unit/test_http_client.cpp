#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "PyServer.h"
#include "net/HttpClient.h"

using ml::net::HttpClient;
using ml::net::HttpError;
using ml::net::HttpRequest;

namespace {
mltest::PyServer& server() {
  static mltest::PyServer s("http_behaviour_server.py");
  return s;
}
HttpRequest req(const std::string& path) {
  HttpRequest r;
  r.url = server().url(path);
  return r;
}
HttpError::Kind failureOf(HttpClient& c, const HttpRequest& r) {
  try {
    c.get(r);
  } catch (const HttpError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no error for " << r.url;
  return HttpError::Kind::Network;
}
}  // namespace

TEST(HttpClient, SendsABrowserLikeUserAgent) {
  HttpClient c;
  auto r = c.get(req("/headers"));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Mozilla/5.0"), std::string::npos) << r.body;
  EXPECT_EQ(r.contentType, "application/json");
}

TEST(HttpClient, FollowsAFewRedirectsButNotTooMany) {
  HttpClient c;
  auto r = c.get(req("/redirect/3"));
  EXPECT_EQ(r.body, "hallo");
  EXPECT_EQ(r.effectiveUrl, server().url("/hello"));
  EXPECT_EQ(failureOf(c, req("/redirect/9")), HttpError::Kind::RedirectLoop);
  EXPECT_EQ(failureOf(c, req("/redirect-loop")), HttpError::Kind::RedirectLoop);
  try {
    c.get(req("/redirect-loop"));
  } catch (const HttpError& e) {
    EXPECT_NE(e.dutch().find("doorverwijzing in een kring"), std::string::npos) << e.dutch();
  }
}

TEST(HttpClient, NeverFollowsARedirectToAnotherProtocol) {
  HttpClient c;
  EXPECT_EQ(failureOf(c, req("/redirect-file")), HttpError::Kind::Redirect);
  HttpRequest file;
  file.url = "file:///etc/passwd";
  EXPECT_EQ(failureOf(c, file), HttpError::Kind::BadUrl);
}

TEST(HttpClient, EnforcesTheSizeLimitWithAndWithoutContentLength) {
  HttpClient c;
  auto big = req("/big");
  big.maxBytes = 1 << 20;
  EXPECT_EQ(failureOf(c, big), HttpError::Kind::TooLarge);
  auto chunked = req("/big-chunked");
  chunked.maxBytes = 1 << 20;
  EXPECT_EQ(failureOf(c, chunked), HttpError::Kind::TooLarge);
  big.maxBytes = 4 << 20;
  EXPECT_EQ(c.get(big).body.size(), 3u << 20);
}

TEST(HttpClient, StatusErrorsCarryTheCodeAndADutchSentence) {
  HttpClient c;
  try {
    c.get(req("/status/404"));
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.kind(), HttpError::Kind::Status);
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(e.dutch(), "127.0.0.1 antwoordde 404 (niet gevonden)");
  }
  try {
    c.get(req("/status/503"));
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_NE(e.dutch().find("tijdelijk niet beschikbaar"), std::string::npos);
  }
}

TEST(HttpClient, ARefusedConnectionIsANetworkErrorInDutch) {
  HttpClient c;
  HttpRequest r;
  r.url = "http://127.0.0.1:1/x";
  try {
    c.get(r);
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.kind(), HttpError::Kind::Network);
    EXPECT_TRUE(e.unreachable());
    EXPECT_EQ(e.dutch(), "geen verbinding met 127.0.0.1 (verbinding geweigerd)");
  }
}

TEST(HttpClient, A403IsARefusalInPlainDutch) {
  HttpClient c;
  try {
    c.get(req("/status/403"));
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.dutch(), "127.0.0.1 weigert (403)");
    EXPECT_FALSE(e.unreachable());
  }
}

TEST(HttpClient, ByteRangesAreAskedWithRangeAndCutWhenTheServerIgnoresThem) {
  HttpClient c;
  auto r = req("/range");  // honours Range: answers 206
  r.rangeOffset = 3;
  r.rangeLength = 4;
  auto got = c.get(r);
  EXPECT_EQ(got.status, 206);
  EXPECT_EQ(got.body, "3456");
  auto ignore = req("/range-ignored");  // answers 200 with the whole body
  ignore.rangeOffset = 10;
  ignore.rangeLength = 5;
  EXPECT_EQ(c.get(ignore).body, "abcde");
  ignore.rangeOffset = 33;  // runs past the end: too short
  EXPECT_EQ(failureOf(c, ignore), HttpError::Kind::Network);
}

TEST(HttpClient, LowSpeedTimeoutEndsATrickle) {
  HttpClient c;
  auto r = req("/slow");
  r.lowSpeedLimit = 100;  // bytes/s; the server sends 5
  r.lowSpeedTime = std::chrono::seconds(1);
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(failureOf(c, r), HttpError::Kind::Timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
}

TEST(HttpClient, CancelFromAnotherThreadStopsATransferPromptly) {
  auto token = std::make_shared<ml::CancelToken>();
  HttpClient c(token);
  std::thread canceller([token] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    token->cancel();
  });
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(failureOf(c, req("/slow")), HttpError::Kind::Cancelled);
  auto took = std::chrono::steady_clock::now() - t0;
  canceller.join();
  EXPECT_LT(took, std::chrono::seconds(5));  // the trickle alone takes 20 s
}

TEST(HttpClient, ConditionalFetcherReusesTheBodyOn304) {
  HttpClient c;
  ml::net::ConditionalFetcher f(c);
  bool changed = false;
  auto first = f.get(req("/etag"), &changed);
  EXPECT_TRUE(changed);
  EXPECT_EQ(first.body, "inhoud");
  auto second = f.get(req("/etag"), &changed);
  EXPECT_FALSE(changed);
  EXPECT_EQ(second.body, "inhoud");
  EXPECT_EQ(second.status, 200);
}

TEST(HttpClient, StreamDeliversChunksAndStopsWhenAsked) {
  HttpClient c;
  std::size_t got = 0;
  c.stream(req("/big-chunked"), [&](std::string_view d) {
    got += d.size();
    return got < 200000;
  });
  EXPECT_GE(got, 200000u);
  EXPECT_LT(got, 4u << 20);
}

TEST(HttpClient, AStreamedErrorPageIsNeverHandedOnAsData) {
  HttpClient c;
  std::string got;
  try {
    c.stream(req("/status/403"), [&](std::string_view d) {
      got.append(d);
      return true;
    });
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.kind(), HttpError::Kind::Status);
    EXPECT_EQ(e.status(), 403);
  }
  EXPECT_EQ(got, "");
}
