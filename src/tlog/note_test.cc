#include "tlog/note.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "core/encoding.h"
#include "core/file.h"
#include "testkit/testkit.h"
#include "testkit/vectors.h"
#include "tlog/test_util.h"

namespace origine::tlog {
namespace {

const std::string kEmDash = "\xE2\x80\x94";

TEST(Note, C2spExampleVerifies) {
  TESTKIT_REQUIRE_VECTORS(vectors);
  const std::string dir = vectors.string();
  auto ex = testkit::ReadJsonFile(dir + "/derived/signed_note_c2sp_example.json").as_object();
  const std::string vkey(ex.at("vkey").as_string());
  const std::string note(ex.at("note").as_string());
  const std::string text(ex.at("text").as_string());

  auto v = ParseVerifierKey(vkey);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->name, std::string(ex.at("key_name").as_string()));
  EXPECT_EQ(encoding::Hex(std::vector<uint8_t>{uint8_t(v->key_id >> 24), uint8_t(v->key_id >> 16),
                                               uint8_t(v->key_id >> 8), uint8_t(v->key_id)}),
            std::string(ex.at("key_id_hex").as_string()));
  EXPECT_EQ(encoding::Hex(v->public_key), std::string(ex.at("ed25519_public_key_hex").as_string()));
  EXPECT_EQ(KeyId(v->name, v->public_key), v->key_id);
  EXPECT_EQ(VerifierKey(v->name, v->public_key), vkey);

  std::vector<std::string> keys{vkey};
  auto opened = OpenNote(note, keys);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->text, text);
  ASSERT_EQ(opened->verified.size(), 1u);
  EXPECT_EQ(opened->verified[0].name, "example.com/foo");
  EXPECT_TRUE(opened->unverified.empty());

  // Tampered text, signature, dash, missing newline.
  std::string tampered = note;
  tampered[0] = 't';
  EXPECT_FALSE(OpenNote(tampered, keys).ok());
  tampered = note;
  tampered.replace(tampered.find("Uw2QOkn8"), 8, "Uw2QOkn9");
  EXPECT_FALSE(OpenNote(tampered, keys).ok());
  tampered = note;
  tampered.replace(tampered.find(kEmDash), kEmDash.size(), "-");
  EXPECT_FALSE(OpenNote(tampered, keys).ok());
  EXPECT_FALSE(OpenNote(note.substr(0, note.size() - 1), keys).ok());
  tampered = note;
  tampered.replace(0, 4, "This\x01");
  EXPECT_FALSE(OpenNote(tampered, keys).ok());
  // No known key: rejected.
  std::vector<std::string> none;
  EXPECT_FALSE(OpenNote(note, none).ok());
  // An extra signature by an unknown key is ignored; one by another name with
  // the same key ID too.
  std::string extra =
      note + kEmDash + " other.example/key AAAAAAAAAAAA\n" + kEmDash +
      " example.org/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
  auto with_extra = OpenNote(extra, keys);
  ASSERT_TRUE(with_extra.ok()) << with_extra.error().message;
  EXPECT_EQ(with_extra->unverified.size(), 2u);
  // A second, bad signature from the known key rejects the whole note; an
  // identical repeated line is reported once.
  std::string bad_known = note + kEmDash + " example.com/foo Uw2QOgAA\n";
  EXPECT_FALSE(OpenNote(bad_known, keys).ok());
  std::string sig_line = note.substr(text.size() + 1);
  auto repeated = OpenNote(note + sig_line, keys);
  ASSERT_TRUE(repeated.ok());
  EXPECT_EQ(repeated->verified.size(), 1u);
  std::string bad_first =
      std::string(text) + "\n" + kEmDash + " example.com/foo Uw2QOgAA\n" + note.substr(text.size() + 1);
  EXPECT_FALSE(OpenNote(bad_first, keys).ok());
}

TEST(Note, CheckpointExampleParses) {
  TESTKIT_REQUIRE_VECTORS(vectors);
  const std::string dir = vectors.string();
  auto ex = testkit::ReadJsonFile(dir + "/derived/signed_note_c2sp_example.json")
                .at("checkpoint_example_unverifiable")
                .as_object();
  const std::string note(ex.at("note").as_string());
  const std::string text = note.substr(0, note.rfind("\n\n") + 1);
  auto cp = ParseCheckpoint(text);
  ASSERT_TRUE(cp.ok()) << cp.error().message;
  EXPECT_EQ(cp->origin, std::string(ex.at("origin").as_string()));
  EXPECT_EQ(cp->size, static_cast<uint64_t>(ex.at("tree_size").as_int64()));
  EXPECT_EQ(encoding::Base64(cp->root), std::string(ex.at("root_b64").as_string()));
  EXPECT_TRUE(cp->extensions.empty());
  EXPECT_EQ(*FormatCheckpoint(*cp), text);
  // The signature line is well formed but the key is unknown: no verification possible.
  auto signer = NoteSigner::FromSeed("example.com/behind-the-sofa", std::vector<uint8_t>(32, 7));
  std::vector<Verifier> vs{signer->verifier()};
  EXPECT_FALSE(OpenNote(note, vs).ok());
}

TEST(Note, CheckpointStrictness) {
  const std::string root = encoding::Base64(std::vector<uint8_t>(32, 1));
  EXPECT_TRUE(ParseCheckpoint("o\n0\n" + root + "\n").ok());
  EXPECT_TRUE(ParseCheckpoint("o\n18446744073709551615\n" + root + "\n").ok());
  auto ext = ParseCheckpoint("o\n5\n" + root + "\next one\n");
  ASSERT_TRUE(ext.ok());
  EXPECT_EQ(ext->extensions, std::vector<std::string>{"ext one"});
  EXPECT_EQ(*FormatCheckpoint(*ext), "o\n5\n" + root + "\next one\n");
  for (const std::string& bad : std::vector<std::string>{
           "o\n5\n" + root,          // no final newline
           "o\n5\n",                 // no root
           "\n5\n" + root + "\n",    // empty origin
           "o\n05\n" + root + "\n",  // leading zero
           "o\n+5\n" + root + "\n",  // sign
           "o\n-1\n" + root + "\n",
           "o\n 5\n" + root + "\n",
           "o\n18446744073709551616\n" + root + "\n",  // overflow
           "o\n5\n" + root.substr(0, 40) + "\n",       // short root
           "o\n5\n" + encoding::Base64(std::vector<uint8_t>(31, 1)) + "\n",
           "o\n5\n" + root + "\n\n",  // empty extension line
           "o\n5\n" + root + "\nx\n\n",
       })
    EXPECT_FALSE(ParseCheckpoint(bad).ok()) << bad;
  Checkpoint cp{"", 1, {}, {}};
  EXPECT_FALSE(FormatCheckpoint(cp).ok());
  cp.origin = "o";
  cp.extensions = {""};
  EXPECT_FALSE(FormatCheckpoint(cp).ok());
}

TEST(Note, SignAndOpen) {
  auto signer = NoteSigner::FromSeed("origine.example/ML/log", std::vector<uint8_t>(32, 42));
  ASSERT_TRUE(signer.ok());
  const std::string text = "origine.example/ML/log\n3\n" + encoding::Base64(std::vector<uint8_t>(32, 9)) + "\n";
  auto note = signer->Sign(text);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(note->substr(0, text.size() + 1), text + "\n");
  EXPECT_EQ(note->substr(text.size() + 1, 4), kEmDash + " ");
  EXPECT_EQ(*note, *signer->Sign(text));  // Ed25519 is deterministic
  std::vector<Verifier> vs{signer->verifier()};
  auto cp = OpenCheckpoint(*note, "origine.example/ML/log", vs);
  ASSERT_TRUE(cp.ok()) << cp.error().message;
  EXPECT_EQ(cp->size, 3u);
  EXPECT_FALSE(OpenCheckpoint(*note, "origine.example/other", vs).ok());
  // The vkey round-trips.
  auto parsed = ParseVerifierKey(signer->VerifierKey());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->public_key, signer->public_key());
  // Private key string round-trips.
  auto again = NoteSigner::FromPrivateKey(signer->PrivateKey());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->VerifierKey(), signer->VerifierKey());
  // Text rules.
  EXPECT_FALSE(signer->Sign("no newline").ok());
  EXPECT_FALSE(signer->Sign("").ok());
  EXPECT_FALSE(signer->Sign("tab\there\n").ok());
  EXPECT_FALSE(signer->Sign("bad \xff utf8\n").ok());
  EXPECT_TRUE(signer->Sign("blank\n\nlines inside\n").ok());
  auto multi = signer->Sign("blank\n\nlines inside\n");
  auto opened = OpenNote(*multi, vs);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->text, "blank\n\nlines inside\n");
  // Names.
  EXPECT_FALSE(NoteSigner::FromSeed("has space", std::vector<uint8_t>(32)).ok());
  EXPECT_FALSE(NoteSigner::FromSeed("has+plus", std::vector<uint8_t>(32)).ok());
  EXPECT_FALSE(NoteSigner::FromSeed("nbsp\xC2\xA0name", std::vector<uint8_t>(32)).ok());
  EXPECT_FALSE(NoteSigner::FromSeed("", std::vector<uint8_t>(32)).ok());
}

// The key pair published in the documentation of golang.org/x/mod/sumdb/note
// (an independent implementation of the same formats).
TEST(Note, GoSumdbNoteDocumentationKey) {
  const std::string skey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  const std::string vkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  auto signer = NoteSigner::FromPrivateKey(skey);
  ASSERT_TRUE(signer.ok()) << signer.error().message;
  EXPECT_EQ(signer->VerifierKey(), vkey);
  EXPECT_EQ(signer->PrivateKey(), skey);
  const std::string text =
      "If you think cryptography is the answer to your problem,\n"
      "then you don't know what your problem is.\n";
  auto note = signer->Sign(text);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*note,
            text + "\n" + kEmDash +
                " PeterNeumann "
                "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n");
}

TEST(Note, VerifierKeyStrictness) {
  auto signer = NoteSigner::FromSeed("a.example/log", std::vector<uint8_t>(32, 1));
  const std::string good = signer->VerifierKey();
  EXPECT_TRUE(ParseVerifierKey(good).ok());
  const size_t p1 = good.find('+');
  std::string wrong_id = good;
  wrong_id[p1 + 1] = wrong_id[p1 + 1] == '0' ? '1' : '0';
  EXPECT_FALSE(ParseVerifierKey(wrong_id).ok());
  EXPECT_FALSE(ParseVerifierKey("a.example/log+12345678").ok());
  EXPECT_FALSE(ParseVerifierKey(good + "+extra").ok());
  std::string upper = good;
  for (size_t i = p1 + 1; i < p1 + 9; ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
  if (upper != good) {
    EXPECT_FALSE(ParseVerifierKey(upper).ok());
  }
}

class NoteSignerFile : public ::testing::Test {
 protected:
  testkit::TempDir tmp_;
  const std::string dir_ = tmp_.path().string();
};

TEST_F(NoteSignerFile, CreateThenLoad) {
  const std::string path = DefaultSignerKeyPath(dir_);
  EXPECT_THAT(NoteSigner::Load(path), testkit::IsError("tlog.key_not_found"));
  auto created = NoteSigner::LoadOrCreate(path, "origine.example/ML/log");
  ASSERT_TRUE(created.ok()) << created.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir_ + "/keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  auto loaded = NoteSigner::LoadOrCreate(path, "origine.example/ML/log");
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->VerifierKey(), created->VerifierKey());
  EXPECT_THAT(NoteSigner::LoadOrCreate(path, "other.example/log"), testkit::IsError("tlog.key_name"));
  // No leftover temporaries.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_ + "/keys")) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
  // A key file readable by others is refused.
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  EXPECT_FALSE(NoteSigner::Load(path).ok());
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  // A corrupt key file is refused, not replaced.
  ASSERT_THAT(file::WriteFileAtomic(path, "PRIVATE+KEY+broken\n", 0600), testkit::IsOk());
  EXPECT_THAT(NoteSigner::LoadOrCreate(path, "origine.example/ML/log"), testkit::IsError("tlog.key_file"));
}

}  // namespace
}  // namespace origine::tlog
