#include "registry/reference.h"

#include <gtest/gtest.h>

#include "testkit/testkit.h"

namespace origine::registry {
namespace {

TEST(FoldTest, FoldsAccentsAndCase) {
  struct Case {
    const char* in;
    const char* out;
  };
  for (const Case& c : {Case{"Sésame", "sesame"}, Case{"CÔTE D'IVOIRE", "cote d ivoire"}, Case{"Œufs", "oeufs"},
                        Case{"Straße", "strasse"}, Case{"karité; noix", "karite  noix"}, Case{"Ł", "l"},
                        Case{"žŸ", "zy"}, Case{"ĳ", "ij"}})
    EXPECT_EQ(FoldAscii(c.in), c.out) << c.in;
  EXPECT_EQ(FoldTokens("  Beurre de KARITÉ, brut "), (std::vector<std::string>{"beurre", "de", "karite", "brut"}));
  EXPECT_EQ(FoldAscii(std::string("a\xC3", 2)), "a ");  // truncated UTF-8
}

TEST(MoTest, RejectsGarbage) {
  EXPECT_THAT(ParseMo("short"), testkit::IsError("mo.format"));
  EXPECT_THAT(ParseMo(std::string(40, 'x')), testkit::IsError("mo.format"));
}

TEST(IsoCodesTest, MissingOrForeignFilesAreCoded) {
  EXPECT_THAT(LoadCountries("/nonexistent/iso_3166-1.json", ""), testkit::IsError("file.not_found"));
  if (Countries().empty()) GTEST_SKIP() << "iso-codes not installed";
  EXPECT_THAT(LoadCurrencies("/usr/share/iso-codes/json/iso_3166-1.json", ""), testkit::IsError("iso_codes.format"));
}

TEST(IsoCodesTest, CountriesHaveFrenchNames) {
  if (Countries().empty()) GTEST_SKIP() << "iso-codes not installed";
  struct Case {
    const char* code;
    const char* fr;
  };
  for (const Case& c : {Case{"CI", "Côte d'Ivoire"}, Case{"SN", "Sénégal"}, Case{"DE", "Allemagne"}, Case{"ML", "Mali"},
                        Case{"CH", "Suisse"}}) {
    const Country* k = FindCountry(c.code);
    ASSERT_NE(k, nullptr) << c.code;
    EXPECT_EQ(k->name_fr, c.fr) << c.code;
  }
  EXPECT_EQ(FindCountry("XX"), nullptr);
  EXPECT_EQ(FindCountry("DE")->name_en, "Germany");
  bool xof = false;
  for (const auto& c : Currencies())
    if (c.alpha3 == "XOF") xof = !c.name_fr.empty() && c.name_fr != c.name_en;
  EXPECT_TRUE(xof) << "XOF has a French name";
}

TEST(IdentifiersTest, NifAndRccmFormats) {
  struct Case {
    const char* v;
    bool nif, rccm;
  };
  for (const Case& c :
       {Case{"084151646T", true, false}, Case{"091234567K", true, false}, Case{"08415164T", false, false},
        Case{"084151646t", false, false}, Case{"0841516461", false, false}, Case{"MA.BKO.2023.B.4040", false, true},
        Case{"MA.SGO.2024.A.0120", false, true}, Case{"MA.BKO.23.B.4040", false, false},
        Case{"MA.BKO.2023.BB.4040", false, false}, Case{"MA.BKO.2023.B.", false, false},
        Case{"ma.bko.2023.b.4040", false, false}, Case{"MA.BKO.2023.B.4040.1", false, false}}) {
    EXPECT_EQ(IsNif(c.v), c.nif) << c.v;
    EXPECT_EQ(IsRccm(c.v), c.rccm) << c.v;
  }
}

}  // namespace
}  // namespace origine::registry
