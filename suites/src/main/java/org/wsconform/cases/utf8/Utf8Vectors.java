package org.wsconform.cases.utf8;

import java.util.List;
import org.wsconform.wire.Hex;

/**
 * The test vectors behind Autobahn 6.5–6.23: Markus Kuhn's UTF-8 decoder capability and stress
 * test, one table of payloads, each marked valid or invalid UTF-8.
 */
final class Utf8Vectors {
  /**
   * One test vector: the payload of one unfragmented text frame, and whether it is UTF-8 (RFC
   * 3629).
   */
  record Vector(boolean valid, String hex) {
    byte[] payload() {
      return Hex.parse(hex);
    }
  }

  /** One sub-group of 6.5–6.23: its id, Autobahn's title, its vectors in order. */
  record VectorGroup(String id, String title, List<Vector> vectors) {}

  private static Vector v(String hex) {
    return new Vector(true, hex);
  }

  private static Vector x(String hex) {
    return new Vector(false, hex);
  }

  private static VectorGroup g(String id, String title, Vector... vectors) {
    return new VectorGroup(id, title, List.of(vectors));
  }

  /**
   * 6.5–6.23, as autobahn-cases.md §3.6 lists them (from Markus Kuhn's UTF-8 decoder capability and
   * stress test): v = valid, x = invalid. Noncharacters are valid; surrogates, code points above
   * U+10FFFF, overlong forms, 5- and 6-octet forms and truncated sequences are not.
   */
  private static final List<VectorGroup> GROUPS =
      List.of(
          g(
              "6.5",
              "Some valid UTF-8 sequences",
              v("68656c6c6f24776f726c64"),
              v("68656c6c6fc2a2776f726c64"),
              v("68656c6c6fe282ac776f726c64"),
              v("68656c6c6ff0a4ada2776f726c64"),
              v("cebae1bdb9cf83cebcceb5")),
          g(
              "6.6",
              "All prefixes of a valid UTF-8 string that contains multi-byte code points",
              x("ce"),
              v("ceba"),
              x("cebae1"),
              x("cebae1bd"),
              v("cebae1bdb9"),
              x("cebae1bdb9cf"),
              v("cebae1bdb9cf83"),
              x("cebae1bdb9cf83ce"),
              v("cebae1bdb9cf83cebc"),
              x("cebae1bdb9cf83cebcce"),
              v("cebae1bdb9cf83cebcceb5")),
          g(
              "6.7",
              "First possible sequence of a certain length",
              v("00"),
              v("c280"),
              v("e0a080"),
              v("f0908080")),
          g(
              "6.8",
              "First possible sequence length 5/6 (invalid codepoints)",
              x("f888808080"),
              x("fc8480808080")),
          g(
              "6.9",
              "Last possible sequence of a certain length",
              v("7f"),
              v("dfbf"),
              v("efbfbf"),
              v("f48fbfbf")),
          g(
              "6.10",
              "Last possible sequence length 4/5/6 (invalid codepoints)",
              x("f7bfbfbf"),
              x("fbbfbfbfbf"),
              x("fdbfbfbfbfbf")),
          g(
              "6.11",
              "Other boundary conditions",
              v("ed9fbf"),
              v("ee8080"),
              v("efbfbd"),
              v("f48fbfbf"),
              x("f4908080")),
          g(
              "6.12",
              "Unexpected continuation bytes",
              x("80"),
              x("bf"),
              x("80bf"),
              x("80bf80"),
              x("80bf80bf"),
              x("80bf80bf80"),
              x("80bf80bf80bf"),
              x(
                  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
                      + "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbe")),
          g(
              "6.13",
              "Lonely start characters",
              x(
                  "c020c120c220c320c420c520c620c720c820c920ca20cb20cc20cd20ce20cf20"
                      + "d020d120d220d320d420d520d620d720d820d920da20db20dc20dd20de20"),
              x("e020e120e220e320e420e520e620e720e820e920ea20eb20ec20ed20ee20"),
              x("f020f120f220f320f420f520f620"),
              x("f820f920fa20"),
              x("fc20")),
          g(
              "6.14",
              "Sequences with last continuation byte missing",
              x("c0"),
              x("e080"),
              x("f08080"),
              x("f8808080"),
              x("fc80808080"),
              x("df"),
              x("efbf"),
              x("f7bfbf"),
              x("fbbfbfbf"),
              x("fdbfbfbfbf")),
          g(
              "6.15",
              "Concatenation of incomplete sequences",
              x("c0e080f08080f8808080fc80808080dfefbff7bfbffbbfbfbffdbfbfbfbf")),
          g("6.16", "Impossible bytes", x("fe"), x("ff"), x("fefeffff")),
          g(
              "6.17",
              "Examples of an overlong ASCII character",
              x("c0af"),
              x("e080af"),
              x("f08080af"),
              x("f8808080af"),
              x("fc80808080af")),
          g(
              "6.18",
              "Maximum overlong sequences",
              x("c1bf"),
              x("e09fbf"),
              x("f08fbfbf"),
              x("f887bfbfbf"),
              x("fc83bfbfbfbf")),
          g(
              "6.19",
              "Overlong representation of the NUL character",
              x("c080"),
              x("e08080"),
              x("f0808080"),
              x("f880808080"),
              x("fc8080808080")),
          g(
              "6.20",
              "Single UTF-16 surrogates",
              x("eda080"),
              x("edadbf"),
              x("edae80"),
              x("edafbf"),
              x("edb080"),
              x("edbe80"),
              x("edbfbf")),
          g(
              "6.21",
              "Paired UTF-16 surrogates",
              x("eda080edb080"),
              x("eda080edbfbf"),
              x("edadbfedb080"),
              x("edadbfedbfbf"),
              x("edae80edb080"),
              x("edae80edbfbf"),
              x("edafbfedb080"),
              x("edafbfedbfbf")),
          g(
              "6.22",
              "Non-character code points (valid UTF-8)",
              v("efbfbe"),
              v("efbfbf"),
              v("f09fbfbe"),
              v("f09fbfbf"),
              v("f0afbfbe"),
              v("f0afbfbf"),
              v("f0bfbfbe"),
              v("f0bfbfbf"),
              v("f18fbfbe"),
              v("f18fbfbf"),
              v("f19fbfbe"),
              v("f19fbfbf"),
              v("f1afbfbe"),
              v("f1afbfbf"),
              v("f1bfbfbe"),
              v("f1bfbfbf"),
              v("f28fbfbe"),
              v("f28fbfbf"),
              v("f29fbfbe"),
              v("f29fbfbf"),
              v("f2afbfbe"),
              v("f2afbfbf"),
              v("f2bfbfbe"),
              v("f2bfbfbf"),
              v("f38fbfbe"),
              v("f38fbfbf"),
              v("f39fbfbe"),
              v("f39fbfbf"),
              v("f3afbfbe"),
              v("f3afbfbf"),
              v("f3bfbfbe"),
              v("f3bfbfbf"),
              v("f48fbfbe"),
              v("f48fbfbf")),
          g(
              "6.23",
              "Unicode specials (i.e. replacement char)",
              v("efbfb9"),
              v("efbfba"),
              v("efbfbb"),
              v("efbfbc"),
              v("efbfbd"),
              v("efbfbe"),
              v("efbfbf")));

  private Utf8Vectors() {}

  /** The table behind 6.5–6.23 (for the self-test that checks it against Autobahn's reports). */
  static List<VectorGroup> groups() {
    return GROUPS;
  }
}
