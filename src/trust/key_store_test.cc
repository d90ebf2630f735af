#include "trust/key_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "trust/test_util.h"

namespace origine::trust {
namespace {

constexpr const char* kPass = "correct horse battery staple";

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "origine-keys-XXXXXX").string();
    char* p = ::mkdtemp(tmpl.data());
    EXPECT_NE(p, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

unsigned Mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

void WriteText(const std::string& path, const std::string& text, unsigned mode) {
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(text.c_str(), f);
  std::fclose(f);
  ::chmod(path.c_str(), mode);
}

std::unique_ptr<FileKeyStore> OpenStore(const std::string& dir, const std::string& pass = kPass) {
  auto store = FileKeyStore::Open(dir, pass, 10);
  EXPECT_TRUE(store) << store.error().message;
  return store ? std::move(*store) : nullptr;
}

TEST(FileKeyStore, EncryptedRoundTripAndModes) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/var/keys";
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
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
  auto absent = store->Load("signer-2");
  ASSERT_FALSE(absent);
  EXPECT_EQ(absent.error().kind, ErrorKind::kNotFound);

  // Destroy removes the file; destroying again is fine.
  ASSERT_TRUE(store->Destroy("signer-1"));
  EXPECT_FALSE(std::filesystem::exists(store->PathOf("signer-1")));
  EXPECT_TRUE(store->Destroy("signer-1"));
  EXPECT_EQ(store->Load("signer-1").error().kind, ErrorKind::kNotFound);
}

TEST(FileKeyStore, WrongPassphraseIsRefusedWithoutLeaking) {
  TempDir tmp;
  auto store = OpenStore(tmp.path());
  ASSERT_TRUE(store->Generate("root-1"));
  auto other = OpenStore(tmp.path(), "another passphrase entirely");
  auto r = other->Load("root-1");
  ASSERT_FALSE(r);
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
  TempDir tmp;
  auto key = SigningKey::Generate();
  WriteText(tmp.path() + "/root.key.pem", key->ToPem(), 0600);
  auto r = FileKeyStore::Open(tmp.path(), kPass);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_NE(r.error().message.find("root.key.pem is an unencrypted key"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("BEGIN"), std::string::npos);

  EXPECT_EQ(FileKeyStore::Open(tmp.path() + "/x", "").error().kind, ErrorKind::kInvalidArgument);
  EXPECT_FALSE(FileKeyStore::Open(tmp.path() + "/x", kPass, 9));
  auto store = OpenStore(tmp.path() + "/y");
  for (const char* bad : {"", "Root", "a/b", "../x", "a.b"}) {
    EXPECT_EQ(store->Generate(bad).error().kind, ErrorKind::kInvalidArgument) << bad;
    EXPECT_EQ(store->Load(bad).error().kind, ErrorKind::kInvalidArgument) << bad;
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
  EXPECT_EQ(SigningKey::FromEncryptedPem(*pem, "pass phrase 1235").error().kind, ErrorKind::kPermissionDenied);
  EXPECT_FALSE(SigningKey::FromEncryptedPem(key->ToPem(), "x"));  // not encrypted
  EXPECT_FALSE(SigningKey::FromPem(*pem));                        // encrypted: never prompts
  EXPECT_FALSE(key->ToEncryptedPem("", 10));
}

TEST(PassphraseFile, CreateReadAndModes) {
  TempDir tmp;
  const std::string path = tmp.path() + "/keys/kek";
  auto created = CreatePassphraseFile(path);
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_GE(created->size(), 40u);
  EXPECT_EQ(Mode(path), 0600u);
  EXPECT_EQ(Mode(tmp.path() + "/keys"), 0700u);
  auto read = ReadPassphraseFile(path);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, *created);
  EXPECT_EQ(CreatePassphraseFile(path).error().kind, ErrorKind::kConflict);

  ::chmod(path.c_str(), 0644);
  auto open = ReadPassphraseFile(path);
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(open.error().message.find(*created), std::string::npos);

  WriteText(tmp.path() + "/short", "short\n", 0600);
  EXPECT_EQ(ReadPassphraseFile(tmp.path() + "/short").error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(ReadPassphraseFile(tmp.path() + "/absent").error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace origine::trust
