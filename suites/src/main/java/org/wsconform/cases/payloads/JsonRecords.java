package org.wsconform.cases.payloads;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.wsconform.cases.payloads.CompressionPayloads.JSON_SIZE;
import static org.wsconform.cases.payloads.LoremIpsum.WORDS;
import static org.wsconform.cases.payloads.LoremIpsum.capitalize;
import static org.wsconform.cases.payloads.LoremIpsum.pick;
import static org.wsconform.cases.payloads.LoremIpsum.sentence;
import static org.wsconform.cases.payloads.LoremIpsum.words;

import java.util.Locale;
import java.util.Random;

/**
 * The JSON set of {@link CompressionPayloads} (ASCII text): an array of generated person records,
 * padded by a closing record to Autobahn's exact size.
 */
final class JsonRecords {
  private JsonRecords() {}

  private static final String[] FIRST = {
    "Ada", "Bertram", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira",
    "Lukas", "Mara", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Stefan", "Tara", "Ulf", "Vera",
    "Wanda", "Xaver", "Yara", "Zeno"
  };
  private static final String[] LAST = {
    "Albrecht",
    "Brandt",
    "Castillo",
    "Dorsey",
    "Eklund",
    "Fischer",
    "Garrido",
    "Hansen",
    "Iversen",
    "Jablonski",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quintero",
    "Reyes",
    "Sorensen",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zielinski"
  };
  private static final String[] COMPANIES = {
    "ACMECORP",
    "ZILLANET",
    "QUONK",
    "VELOXIS",
    "ORBITAL",
    "SYNKGEN",
    "TERRAFORM",
    "BLUEGRAIN",
    "NORTHWIND",
    "KINETICA",
    "LUMENTA",
    "PYRAMIS"
  };
  private static final String[] FRUITS = {"apple", "banana", "strawberry", "cherry", "mango"};
  private static final String[] EYES = {"blue", "brown", "green", "grey"};

  static byte[] json() {
    Random r = new Random(0x12_01L);
    StringBuilder sb = new StringBuilder(JSON_SIZE + 4096);
    sb.append("[\n");
    String closing = "\n]\n";
    for (int i = 0; ; i++) {
      String record = jsonRecord(r, i);
      // keep room for the padding inside the last record's "note" field (at least "")
      if (sb.length() + record.length() + 2 + closing.length() + 40 > JSON_SIZE) break;
      if (i > 0) sb.append(",\n");
      sb.append(record);
    }
    // One closing record whose "note" pads the file to Autobahn's exact size.
    String head = ",\n  {\n    \"_id\": \"end\",\n    \"note\": \"";
    String tail = "\"\n  }";
    int pad = JSON_SIZE - sb.length() - head.length() - tail.length() - closing.length();
    sb.append(head).append(words(r, pad)).append(tail).append(closing);
    return sb.toString().getBytes(US_ASCII);
  }

  private static String jsonRecord(Random r, int index) {
    String first = pick(r, FIRST);
    String last = pick(r, LAST);
    String company = pick(r, COMPANIES);
    StringBuilder b = new StringBuilder(1024);
    b.append("  {\n");
    field(b, "_id", quote(hex(r, 24)));
    field(b, "index", Integer.toString(index));
    field(
        b,
        "guid",
        quote(hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12)));
    field(b, "isActive", Boolean.toString(r.nextBoolean()));
    field(
        b,
        "balance",
        quote(String.format(Locale.ROOT, "$%,d.%02d", 1000 + r.nextInt(3000), r.nextInt(100))));
    field(b, "picture", quote("http://placehold.it/32x32"));
    field(b, "age", Integer.toString(20 + r.nextInt(21)));
    field(b, "eyeColor", quote(pick(r, EYES)));
    field(b, "name", quote(first + " " + last));
    field(b, "gender", quote(r.nextBoolean() ? "female" : "male"));
    field(b, "company", quote(company));
    field(
        b,
        "email",
        quote(
            first.toLowerCase(Locale.ROOT)
                + last.toLowerCase(Locale.ROOT)
                + "@"
                + company.toLowerCase(Locale.ROOT)
                + ".com"));
    field(
        b,
        "phone",
        quote(
            String.format(
                Locale.ROOT,
                "+1 (%03d) %03d-%04d",
                800 + r.nextInt(200),
                400 + r.nextInt(600),
                r.nextInt(10000))));
    field(
        b,
        "address",
        quote(
            (100 + r.nextInt(900))
                + " "
                + capitalize(pick(r, WORDS))
                + " Street, "
                + capitalize(pick(r, WORDS))
                + ", "
                + (1000 + r.nextInt(9000))));
    field(b, "about", quote(sentence(r, 20 + r.nextInt(30)) + "\\r\\n"));
    field(
        b,
        "registered",
        quote(
            String.format(
                Locale.ROOT,
                "20%02d-%02d-%02dT%02d:%02d:%02d -01:00",
                14 + r.nextInt(10),
                1 + r.nextInt(12),
                1 + r.nextInt(28),
                r.nextInt(24),
                r.nextInt(60),
                r.nextInt(60))));
    field(b, "latitude", String.format(Locale.ROOT, "%.6f", r.nextDouble() * 180 - 90));
    field(b, "longitude", String.format(Locale.ROOT, "%.6f", r.nextDouble() * 360 - 180));
    b.append("    \"tags\": [\n");
    int tags = 3 + r.nextInt(5);
    for (int t = 0; t < tags; t++) {
      b.append("      ").append(quote(pick(r, WORDS))).append(t + 1 < tags ? ",\n" : "\n");
    }
    b.append("    ],\n    \"friends\": [\n");
    for (int f = 0; f < 3; f++) {
      b.append("      {\n        \"id\": ")
          .append(f)
          .append(",\n        \"name\": ")
          .append(quote(pick(r, FIRST) + " " + pick(r, LAST)))
          .append("\n      }")
          .append(f < 2 ? ",\n" : "\n");
    }
    b.append("    ],\n");
    field(
        b,
        "greeting",
        quote(
            "Hello, "
                + first
                + " "
                + last
                + "! You have "
                + (1 + r.nextInt(10))
                + " unread messages."));
    b.append("    \"favoriteFruit\": ").append(quote(pick(r, FRUITS))).append("\n  }");
    return b.toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append("    \"").append(name).append("\": ").append(value).append(",\n");
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  private static String hex(Random r, int digits) {
    StringBuilder b = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) b.append(Character.forDigit(r.nextInt(16), 16));
    return b.toString();
  }
}
