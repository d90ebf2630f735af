#include "core/file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

namespace origine::file {
namespace {

class FileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("origine-file-test-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(FileTest, WritesAtomicallyWithTheModeAndReplaces) {
  ASSERT_TRUE(EnsurePrivateDirectory(dir_.string()));
  const std::string path = (dir_ / "a.txt").string();
  ASSERT_TRUE(WriteFileAtomic(path, "one", 0600));
  ASSERT_TRUE(WriteFileAtomic(path, "two", 0600));
  EXPECT_EQ(*ReadFile(path), "two");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(dir_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  // No temporary left behind.
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_)) entries += e.exists();
  EXPECT_EQ(entries, 1);
}

TEST_F(FileTest, ReadRefusesMissingAndOversizedFiles) {
  ASSERT_TRUE(EnsurePrivateDirectory(dir_.string()));
  auto missing = ReadFile((dir_ / "none").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  const std::string path = (dir_ / "big").string();
  ASSERT_TRUE(WriteFileAtomic(path, std::string(100, 'x'), 0644));
  EXPECT_TRUE(ReadFile(path, 100));
  auto big = ReadFile(path, 99);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, "file.too_large");
}

TEST_F(FileTest, WriteIntoAMissingDirectoryFailsCleanly) {
  auto st = WriteFileAtomic((dir_ / "no" / "such" / "file").string(), "x", 0600);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind, ErrorKind::kInternal);
}

TEST_F(FileTest, CreateNeverReplaces) {
  ASSERT_TRUE(EnsurePrivateDirectory(dir_.string()));
  const std::string path = (dir_ / "key").string();
  ASSERT_TRUE(CreateFileAtomic(path, "first", 0600));
  auto again = CreateFileAtomic(path, "second", 0600);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "file.exists");
  EXPECT_EQ(*ReadFile(path), "first");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  int entries = 0;  // no temporary left behind, even after the refusal
  for (const auto& e : std::filesystem::directory_iterator(dir_)) entries += e.exists();
  EXPECT_EQ(entries, 1);
}

}  // namespace
}  // namespace origine::file
