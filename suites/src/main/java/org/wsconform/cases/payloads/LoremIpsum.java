package org.wsconform.cases.payloads;

import java.util.Random;

/**
 * The words the generated text is made of: the lorem ipsum vocabulary of the JSON set, the HTML
 * page and the PDF's text, and the ways of drawing from a word list that the German verse shares.
 */
final class LoremIpsum {
  private LoremIpsum() {}

  static final String[] WORDS = {
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
    "enim",
    "ad",
    "minim",
    "veniam",
    "quis",
    "nostrud",
    "exercitation",
    "ullamco",
    "laboris",
    "nisi",
    "aliquip",
    "ex",
    "ea",
    "commodo",
    "consequat",
    "duis",
    "aute",
    "irure",
    "in",
    "reprehenderit",
    "voluptate",
    "velit",
    "esse",
    "cillum",
    "fugiat",
    "nulla",
    "pariatur",
    "excepteur",
    "sint",
    "occaecat",
    "cupidatat",
    "non",
    "proident",
    "sunt",
    "culpa",
    "qui",
    "officia",
    "deserunt",
    "mollit",
    "anim",
    "id",
    "est",
    "laborum"
  };

  static String pick(Random r, String[] words) {
    return words[r.nextInt(words.length)];
  }

  static String sentence(Random r, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) b.append(r.nextInt(12) == 0 ? ", " : " ");
      b.append(pick(r, WORDS));
    }
    return b.toString();
  }

  /** Exactly {@code length} characters of words and spaces. */
  static String words(Random r, int length) {
    StringBuilder b = new StringBuilder(length + 16);
    while (b.length() < length) {
      if (b.length() > 0) b.append(' ');
      b.append(pick(r, WORDS));
    }
    b.setLength(length);
    return b.toString();
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
