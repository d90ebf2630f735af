#include "app/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace origine::app {
namespace {

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
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("server.listen"), std::string::npos);
  path = WriteTemp("[server\nlisten = \"x\"\n");
  c = LoadConfig(path);
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("line 1"), std::string::npos) << c.error().message;
  path = WriteTemp("[payments]\nx = 1\n");
  EXPECT_FALSE(LoadConfig(path));
  path = WriteTemp("[issuer]\ncountry = \"mali\"\n");
  EXPECT_FALSE(LoadConfig(path));
  std::remove(path.c_str());
}

TEST(ConfigTest, ParsesListen) {
  Config c;
  EXPECT_TRUE(ParseListen("0.0.0.0:1", &c).ok());
  EXPECT_TRUE(ParseListen("[::1]:8080", &c).ok());
  EXPECT_EQ(c.host, "::1");
  EXPECT_FALSE(ParseListen("8080", &c).ok());
  EXPECT_FALSE(ParseListen("host:99999", &c).ok());
  EXPECT_FALSE(ParseListen("host:", &c).ok());
}

}  // namespace
}  // namespace origine::app
