#include "trust/key_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "core/file.h"
#include "testkit/testkit.h"
#include "trust/test_util.h"

namespace origine::trust {
namespace {

using testkit::IsError;
using testkit::IsOk;

constexpr const char* kPass = "correct horse battery staple";

unsigned Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

void WriteText(const std::string& path, const std::string& text, unsigned mode) {
  ASSERT_THAT(file::WriteFileAtomic(path, text, mode), IsOk());
}

std::unique_ptr<FileKeyStore> OpenStore(const std::string& dir, const std::string& pass = kPass) {
  auto store = FileKeyStore::Open(dir, pass, 10);
  EXPECT_TRUE(store) << store.error().message;
  return store ? std::move(*store) : nullptr;
}

TEST(FileKeyStore, EncryptedRoundTripAndModes) {
  testkit::TempDir tmp;
  const std::string dir = tmp.File("var/keys");
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->Kind(), "file");
  auto key = store->Generate("signer-1");
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(Mode(dir), 0700u);
  EXPECT_EQ(Mode(store->PathOf("signer-1")), 0600u);
  const std::string pem = testkit::ReadTextFile(store->PathOf("signer-1"));
  EXPECT_NE(pem.find("BEGIN ENCRYPTED PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(pem.find("BEGIN PRIVATE KEY"), std::string::npos);

  // A fresh store over the same directory loads the same key; it signs.
  auto again = OpenStore(dir);
  auto loaded = again->Load("signer-1");
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ((*loaded)->PublicKeySpkiDer(), (*key)->PublicKeySpkiDer());
  auto sig = (*loaded)->SignEs256(ToBytes("message"));
  ASSERT_TRUE(sig);
  EXPECT_TRUE(VerifyEs256WithSpki((*key)->PublicKeySpkiDer(), ToBytes("message"), *sig));

  // Generating an existing label is refused; an absent one is kNotFound.
  auto dup = store->Generate("signer-1");
  EXPECT_THAT(dup, IsError("key.exists"));
  auto absent = store->Load("signer-2");
  EXPECT_THAT(absent, IsError("key.not_found"));

  // Destroy removes the file; destroying again is fine.
  ASSERT_TRUE(store->Destroy("signer-1"));
  EXPECT_FALSE(std::filesystem::exists(store->PathOf("signer-1")));
  EXPECT_TRUE(store->Destroy("signer-1"));
  EXPECT_THAT(store->Load("signer-1"), IsError("key.not_found"));
}

TEST(FileKeyStore, WrongPassphraseIsRefusedWithoutLeaking) {
  testkit::TempDir tmp;
  auto store = OpenStore(tmp.path().string());
  ASSERT_TRUE(store->Generate("root-1"));
  auto other = OpenStore(tmp.path().string(), "another passphrase entirely");
  auto r = other->Load("root-1");
  ASSERT_THAT(r, IsError("key.locked"));
  EXPECT_EQ(r.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_NE(r.error().message.find("wrong passphrase"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("another passphrase"), std::string::npos);
  EXPECT_EQ(r.error().message.find("PRIVATE KEY"), std::string::npos);
  // A damaged file: a clear error, no key text.
  WriteText(store->PathOf("root-1"),
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nbm90IGEga2V5\n-----END ENCRYPTED PRIVATE KEY-----\n", 0600);
  auto damaged = store->Load("root-1");
  ASSERT_FALSE(damaged);
  EXPECT_EQ(damaged.error().message.find("bm90"), std::string::npos);
}

TEST(FileKeyStore, RefusesLegacyUnencryptedKeysAndBadInput) {
  testkit::TempDir tmp;
  auto key = SigningKey::Generate();
  WriteText(tmp.File("root.key.pem"), key->ToPem(), 0600);
  auto r = FileKeyStore::Open(tmp.path().string(), kPass);
  ASSERT_THAT(r, IsError("key.legacy"));
  EXPECT_NE(r.error().message.find("root.key.pem is an unencrypted key"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("BEGIN"), std::string::npos);

  EXPECT_THAT(FileKeyStore::Open(tmp.File("x"), ""), IsError("key.passphrase"));
  EXPECT_THAT(FileKeyStore::Open(tmp.File("x"), kPass, 9), IsError("key.scrypt"));
  auto store = OpenStore(tmp.File("y"));
  for (const char* bad : {"", "Root", "a/b", "../x", "a.b"}) {
    EXPECT_THAT(store->Generate(bad), IsError("key.label")) << bad;
    EXPECT_THAT(store->Load(bad), IsError("key.label")) << bad;
  }
  EXPECT_TRUE(IsValidKeyLabel("signer-20261127-083000-3fa1"));
  EXPECT_FALSE(IsValidKeyLabel(std::string(65, 'a')));
}

TEST(SigningKey, EncryptedPemRoundTrip) {
  auto key = SigningKey::Generate();
  auto pem = key->ToEncryptedPem("pass phrase 1234", 10);
  ASSERT_TRUE(pem) << pem.error().message;
  auto back = SigningKey::FromEncryptedPem(*pem, "pass phrase 1234");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->PublicKeySpkiDer(), key->PublicKeySpkiDer());
  EXPECT_THAT(SigningKey::FromEncryptedPem(*pem, "pass phrase 1235"), IsError("key.locked"));
  EXPECT_THAT(SigningKey::FromEncryptedPem(key->ToPem(), "x"), IsError("key.pem"));  // not encrypted
  EXPECT_FALSE(SigningKey::FromPem(*pem));                                           // encrypted: never prompts
  EXPECT_THAT(key->ToEncryptedPem("", 10), IsError("key.passphrase"));
}

TEST(PassphraseFile, CreateReadAndModes) {
  testkit::TempDir tmp;
  const std::string path = tmp.File("keys/kek");
  auto created = CreatePassphraseFile(path);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_GE(created->size(), 40u);
  EXPECT_EQ(Mode(path), 0600u);
  EXPECT_EQ(Mode(tmp.File("keys")), 0700u);
  auto read = ReadPassphraseFile(path);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, *created);
  EXPECT_THAT(CreatePassphraseFile(path), IsError("secret_file.exists"));

  ::chmod(path.c_str(), 0644);
  auto open = ReadPassphraseFile(path);
  ASSERT_THAT(open, IsError("secret_file.mode"));
  EXPECT_EQ(open.error().message.find(*created), std::string::npos);

  WriteText(tmp.File("short"), "short\n", 0600);
  EXPECT_THAT(ReadPassphraseFile(tmp.File("short")), IsError("secret_file.too_short"));
  EXPECT_THAT(ReadPassphraseFile(tmp.File("absent")), IsError("secret_file.not_found"));
}

}  // namespace
}  // namespace origine::trust
