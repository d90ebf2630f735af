#include "app/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "testkit/testkit.h"

namespace origine::app {
namespace {
using testkit::IsError;

std::string WriteTemp(const std::string& text) {
  std::string path = "/tmp/origine-config-" + std::to_string(::getpid()) + ".toml";
  std::ofstream(path) << text;
  return path;
}

TEST(ConfigTest, DefaultsFileAndEnvironmentInThatOrder) {
  ::unsetenv("ORIGINE_LISTEN");
  auto c = LoadConfig("");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->port, 8080);
  std::string path = WriteTemp("[server]\nlisten = \"127.0.0.1:9000\"\n[issuer]\ncountry = \"SN\"\n");
  c = LoadConfig(path);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->port, 9000);
  EXPECT_EQ(c->issuer_country, "SN");
  ::setenv("ORIGINE_LISTEN", "127.0.0.1:9100", 1);
  c = LoadConfig(path);
  ::unsetenv("ORIGINE_LISTEN");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->port, 9100);
  std::remove(path.c_str());
}

TEST(ConfigTest, BadFilesNameTheProblem) {
  std::string path = WriteTemp("[server]\nlisten = 8080\n");
  auto c = LoadConfig(path);
  ASSERT_THAT(c, IsError("config.value"));
  EXPECT_NE(c.error().message.find("server.listen"), std::string::npos);
  path = WriteTemp("[server\nlisten = \"x\"\n");
  c = LoadConfig(path);
  ASSERT_THAT(c, IsError("config.syntax"));
  EXPECT_NE(c.error().message.find("line 1"), std::string::npos) << c.error().message;
  path = WriteTemp("[payments]\nx = 1\n");
  EXPECT_THAT(LoadConfig(path), IsError("config.unknown_key"));
  path = WriteTemp("[bank]\nx = 1\n");
  EXPECT_THAT(LoadConfig(path), IsError("config.unknown_section"));
  path = WriteTemp("[issuer]\ncountry = \"mali\"\n");
  EXPECT_THAT(LoadConfig(path), IsError("config.issuer_country"));
  std::remove(path.c_str());
}

TEST(ConfigTest, ParsesListen) {
  Config c;
  EXPECT_TRUE(ParseListen("0.0.0.0:1", &c).ok());
  EXPECT_TRUE(ParseListen("[::1]:8080", &c).ok());
  EXPECT_EQ(c.host, "::1");
  EXPECT_THAT(ParseListen("8080", &c), IsError("config.listen"));
  EXPECT_THAT(ParseListen("host:99999", &c), IsError("config.listen"));
  EXPECT_THAT(ParseListen("host:", &c), IsError("config.listen"));
}

}  // namespace
}  // namespace origine::app
