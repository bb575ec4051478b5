package org.wsconform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void xmlDropsWhatXml10CannotHoldAndKeepsTheRest() {
    String s = "a\u0000b\u0001c\u001fd\t\n\re\uD800f\uDC00g\uFFFE\uFFFFh\uD83D\uDE00i";
    assertThat(Text.xmlText(s)).isEqualTo("abcd\t\n&#13;efgh\uD83D\uDE00i");
    assertThat(Text.xmlAttr(s)).isEqualTo("abcd&#9;&#10;&#13;efgh\uD83D\uDE00i");
    assertThat(Text.xmlAttr("<&\"'>")).isEqualTo("&lt;&amp;&quot;&apos;&gt;");
    assertThat(Text.xmlText("<&\"'>]]>")).isEqualTo("&lt;&amp;\"'&gt;]]&gt;");
  }

  @Test
  void markdownShowsATargetsTextAsText() {
    assertThat(Text.md("a|b *c* <script>\n`x` [l](u)"))
        .isEqualTo("a\\|b \\*c\\* &lt;script&gt; \\`x\\` \\[l\\](u)");
  }

  @Test
  void capCountsWhatItCuts() {
    assertThat(Text.cap("abcdef", 4)).isEqualTo("abcd … (2 more characters)");
    assertThat(Text.cap("abc", 4)).isEqualTo("abc");
  }
}
