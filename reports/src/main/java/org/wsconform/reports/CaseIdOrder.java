package org.wsconform.reports;

import java.util.Comparator;
import java.util.List;

/**
 * The order of case ids in every output: Autobahn's numeric tuple order first ({@code 1.1.2 <
 * 1.1.10 < 2.1 < 10.1.1 < 12.1.1}), then our lettered groups in the order H, R, X, F, C, L, then
 * any other lettered group alphabetically; inside a lettered group by the numeric parts ({@code H.2
 * < H.10}).
 *
 * <p>Parts are compared one by one: numbers numerically, a number before a word, words
 * alphabetically; a prefix comes first ({@code 1.1 < 1.1.1}). {@code null} sorts last.
 */
public final class CaseIdOrder implements Comparator<String> {

  /** The shared instance (stateless). */
  public static final CaseIdOrder INSTANCE = new CaseIdOrder();

  /** Our lettered groups, in report order. */
  public static final List<String> LETTER_GROUPS = List.of("H", "R", "X", "F", "C", "L");

  private CaseIdOrder() {}

  @Override
  public int compare(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    String[] pa = a.split("\\.", -1);
    String[] pb = b.split("\\.", -1);
    int c = Integer.compare(rank(pa[0]), rank(pb[0]));
    if (c != 0) {
      return c;
    }
    for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
      c = comparePart(pa[i], pb[i]);
      if (c != 0) {
        return c;
      }
    }
    c = Integer.compare(pa.length, pb.length);
    return c != 0 ? c : a.compareTo(b);
  }

  /**
   * The group of a case id when a record does not name one: the id without its last part ({@code
   * "1.1.1"} gives {@code "1.1"}, {@code "2.3"} gives {@code "2"}, {@code "H.3"} gives {@code
   * "H"}); an id with one part is its own group.
   */
  public static String groupOf(String id) {
    int dot = id.lastIndexOf('.');
    return dot > 0 ? id.substring(0, dot) : id;
  }

  private static int rank(String first) {
    if (isNumber(first)) {
      return 0;
    }
    int letter = LETTER_GROUPS.indexOf(first);
    return letter >= 0 ? 1 + letter : 1 + LETTER_GROUPS.size();
  }

  private static int comparePart(String x, String y) {
    boolean nx = isNumber(x);
    boolean ny = isNumber(y);
    if (nx && ny) {
      String sx = stripZeros(x);
      String sy = stripZeros(y);
      int c = Integer.compare(sx.length(), sy.length());
      return c != 0 ? c : sx.compareTo(sy);
    }
    if (nx != ny) {
      return nx ? -1 : 1;
    }
    int c = x.compareToIgnoreCase(y);
    return c != 0 ? c : x.compareTo(y);
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
