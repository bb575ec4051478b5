package org.wsconform.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.catalogue.Catalogue;

class SelectionTest {
  private static final List<String> IDS =
      List.of("1.1.1", "1.1.2", "1.2.1", "10.1.1", "2.1", "2.10", "2.11", "12.1.1", "H.1");

  private static List<ConformanceCase> fake() {
    return IDS.stream()
        .map(id -> ConformanceCase.session(id, "g", "group", "t", "d", "e", null, "RFC", f -> {}))
        .toList();
  }

  private static List<String> ids(Selection s) {
    return s.apply(fake()).stream().map(ConformanceCase::id).toList();
  }

  @Test
  void dotIsLiteralAndPatternsAnchorAtTheStart() {
    Selection s = Selection.parse("1.*", null);
    assertThat(s.matches("1.1.1")).isTrue();
    assertThat(s.matches("10.1.1")).isFalse();
    assertThat(s.matches("1x1.1")).as("'.' is not a regex wildcard").isFalse();
    assertThat(s.matches("21.1")).as("anchored at the start").isFalse();
    assertThat(ids(s)).containsExactly("1.1.1", "1.1.2", "1.2.1");
  }

  @Test
  void starWithoutDotMatchesBoth() {
    Selection s = Selection.parse("1*", null);
    assertThat(s.matches("1.1.1")).isTrue();
    assertThat(s.matches("10.1.1")).isTrue();
    assertThat(s.matches("12.1.1")).isTrue();
    assertThat(s.matches("2.1")).isFalse();
    assertThat(ids(s)).containsExactly("1.1.1", "1.1.2", "1.2.1", "10.1.1", "12.1.1");
  }

  @Test
  void exactIdsMatchOnlyThemselves() {
    Selection s = Selection.parse("2.1", null);
    assertThat(s.matches("2.1")).isTrue();
    assertThat(s.matches("2.10")).as("no prefix match without '*'").isFalse();
    assertThat(s.matches("2.11")).isFalse();
    assertThat(ids(s)).containsExactly("2.1");
  }

  @Test
  void commaSeparatedListsKeepCatalogueOrder() {
    assertThat(ids(Selection.parse("H.1, 2.10 ,1.1.2", null)))
        .containsExactly("1.1.2", "2.10", "H.1");
  }

  @Test
  void starInTheMiddle() {
    assertThat(ids(Selection.parse("1.*.1", null))).containsExactly("1.1.1", "1.2.1");
  }

  @Test
  void excludes() {
    Selection s = Selection.parse("1.*,2.*", "1.1.*,2.10");
    assertThat(s.matches("1.1.1")).isFalse();
    assertThat(s.matches("1.2.1")).isTrue();
    assertThat(s.matches("2.10")).isFalse();
    assertThat(s.matches("2.11")).isTrue();
    assertThat(ids(s)).containsExactly("1.2.1", "2.1", "2.11");
  }

  @Test
  void noIncludeMeansAll() {
    assertThat(ids(Selection.parse(null, ""))).containsExactlyElementsOf(IDS);
    assertThat(ids(Selection.ALL)).containsExactlyElementsOf(IDS);
  }

  @Test
  void aBlankIncludeIsAnErrorNotEverything() {
    // an unset CI variable (--cases "$CASES") must not turn into a full run
    for (String blank : List.of("", "  ", " , ")) {
      assertThatThrownBy(() -> Selection.parse(blank, null))
          .isInstanceOf(Selection.UnknownCase.class)
          .hasMessageContaining("--cases is empty")
          .hasMessageContaining("'1.*,H.*'")
          .hasMessageContaining("leave --cases out");
    }
  }

  @Test
  void exclusionsThatLeaveNothingAreAnError() {
    assertThatThrownBy(() -> ids(Selection.parse("1.1.1", "1.1.1")))
        .isInstanceOf(Selection.UnknownCase.class)
        .hasMessageContaining("no case selected")
        .hasMessageContaining("--cases '1.1.1' minus --exclude '1.1.1'")
        .hasMessageContaining("narrow --exclude or widen --cases");
  }

  @Test
  void realCatalogueIds() {
    List<ConformanceCase> all = Catalogue.all();
    assertThat(Selection.parse("2.1", null).apply(all))
        .extracting(ConformanceCase::id)
        .containsExactly("2.1");
    List<String> twos =
        Selection.parse("2.*", null).apply(all).stream().map(ConformanceCase::id).toList();
    assertThat(twos).contains("2.1", "2.10", "2.11").allMatch(id -> id.startsWith("2."));
    assertThat(Selection.ALL.apply(all)).hasSameSizeAs(all);
  }

  @Test
  void patternMatchingNothingThrowsUnknownCase() {
    assertThatThrownBy(() -> Selection.parse("99.9", null).apply(Catalogue.all()))
        .isInstanceOf(Selection.UnknownCase.class)
        .hasMessageContaining("'99.9'")
        .hasMessageContaining("--list");
    assertThatThrownBy(() -> Selection.parse("2.1,99.*", null).apply(Catalogue.all()))
        .isInstanceOf(Selection.UnknownCase.class)
        .hasMessageContaining("'99.*'");
  }

  @Test
  void exclusionMatchingNothingThrowsUnknownCase() {
    assertThatThrownBy(() -> Selection.parse("2.*", "99.9").apply(Catalogue.all()))
        .isInstanceOf(Selection.UnknownCase.class)
        .hasMessageContaining("'99.9'");
  }
}
