package org.wsconform.cases.payloads;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.wsconform.cases.payloads.CompressionPayloads.FAUST_SIZE;
import static org.wsconform.cases.payloads.LoremIpsum.capitalize;
import static org.wsconform.cases.payloads.LoremIpsum.pick;

import java.util.Arrays;
import java.util.Random;

/**
 * The German prose set of {@link CompressionPayloads} (sent as binary), standing in for Goethe's
 * Faust I.
 */
final class GermanVerse {
  private GermanVerse() {}

  private static final String[] SPEAKERS = {
    "FAUST",
    "MEPHISTOPHELES",
    "WAGNER",
    "GRETCHEN",
    "MARTHE",
    "CHOR DER ENGEL",
    "SCHÜLER",
    "FROSCH",
    "BRANDER",
    "SIEBEL",
    "ALTMAYER",
    "HEXE",
    "VALENTIN",
    "ERDGEIST"
  };
  private static final String[] NOUNS = {
    "Geist",
    "Welt",
    "Herz",
    "Nacht",
    "Himmel",
    "Erde",
    "Seele",
    "Liebe",
    "Zeit",
    "Buch",
    "Wissen",
    "Natur",
    "Teufel",
    "Mensch",
    "Tag",
    "Glück",
    "Leben",
    "Tod",
    "Traum",
    "Stunde",
    "Licht",
    "Schatten",
    "Sinn",
    "Wort",
    "Tat",
    "Kraft",
    "Blut",
    "Wein",
    "Gold",
    "Stimme",
    "Auge",
    "Hand",
    "Brust",
    "Freund",
    "König",
    "Mädchen",
    "Gärten",
    "Flüsse",
    "Wälder",
    "Lüfte",
    "Sterne",
    "Götter",
    "Qual",
    "Schmerz",
    "Freude",
    "Weisheit",
    "Kerker",
    "Straße",
    "Kirche",
    "Schwert",
    "Feuer",
    "Wasser",
    "Wolke",
    "Ruh",
    "Sehnsucht",
    "Pudel"
  };
  private static final String[] VERBS = {
    "ist",
    "war",
    "hat",
    "will",
    "soll",
    "kann",
    "muss",
    "mag",
    "sieht",
    "hört",
    "spricht",
    "fühlt",
    "weiß",
    "glaubt",
    "liebt",
    "sucht",
    "findet",
    "bleibt",
    "geht",
    "kommt",
    "träumt",
    "führt",
    "trägt",
    "schläft",
    "wächst",
    "fällt",
    "zieht",
    "lacht",
    "weint",
    "erkennt",
    "verlangt",
    "genießt"
  };
  private static final String[] SMALL = {
    "der", "die", "das", "und", "ich", "du", "er", "sie", "es", "wir", "ihr", "nicht", "mit", "auf",
    "in", "zu", "so", "doch", "noch", "schon", "wie", "was", "wer", "wo", "nur", "auch", "da",
    "mein", "dein", "sein", "kein", "ein", "eine", "dem", "den", "des", "vom", "zum", "für", "über",
    "unter", "durch", "ohne", "gegen", "bis", "als", "wenn", "weil", "dass", "ach", "o", "hier",
    "dort", "nun", "ganz", "gar", "oft", "nie", "immer", "wohl", "süß", "schön", "hoch", "tief",
    "alt", "jung", "müde", "froh", "still", "heiß"
  };

  /**
   * Verse drama in German-like words (umlauts and ß as UTF-8, CRLF line ends as in Project
   * Gutenberg's text): speaker names in capitals, short verse lines, stage directions.
   */
  static byte[] germanProse() {
    Random r = new Random(0x12_03L);
    StringBuilder sb = new StringBuilder(FAUST_SIZE + 1024);
    sb.append("Der Tragödie erster Teil\r\n\r\n\r\nZueignung\r\n\r\n");
    while (sb.toString().getBytes(UTF_8).length < FAUST_SIZE) {
      StringBuilder scene = new StringBuilder(8192);
      for (int s = 0; s < 12; s++) {
        if (r.nextInt(8) == 0) {
          scene.append("\r\n(").append(capitalize(verse(r, 6 + r.nextInt(8)))).append(".)\r\n");
        }
        scene.append("\r\n").append(pick(r, SPEAKERS)).append(":\r\n");
        int lines = 2 + r.nextInt(9);
        for (int l = 0; l < lines; l++) {
          String line = capitalize(verse(r, 4 + r.nextInt(5)));
          String end =
              r.nextInt(6) == 0
                  ? "!"
                  : r.nextInt(5) == 0 ? "?" : l + 1 == lines ? "." : r.nextBoolean() ? "," : ";";
          scene.append(line).append(end).append("\r\n");
        }
      }
      sb.append(scene);
    }
    byte[] bytes = sb.toString().getBytes(UTF_8);
    return Arrays.copyOf(bytes, FAUST_SIZE); // sent as binary: a cut inside a letter is just octets
  }

  private static String verse(Random r, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) b.append(' ');
      int k = r.nextInt(10);
      b.append(k < 3 ? pick(r, NOUNS) : k < 5 ? pick(r, VERBS) : pick(r, SMALL));
    }
    return b.toString();
  }
}
