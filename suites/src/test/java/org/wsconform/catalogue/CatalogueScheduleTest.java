package org.wsconform.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;

/**
 * Every case states its scheduling class and origin where it is built. This pins them to what the
 * rules over case ids decided before the fields existed, so that moving the decision into the cases
 * changed nothing. The old rules live here only, as the oracle.
 */
class CatalogueScheduleTest {
  private static final Pattern OLD_PAUSED = Pattern.compile("5\\.19|5\\.20|6\\.4\\..*|F\\.11");
  private static final Pattern OLD_BULK = Pattern.compile("9\\..*");

  /** 12.* and 13.* were BULK until issue 17 gave them a bounded phase of their own. */
  private static final Pattern VOLUME = Pattern.compile("(12|13)\\..*");

  private static Schedule oldSchedule(ConformanceCase c) {
    if (VOLUME.matcher(c.id()).matches()) return Schedule.VOLUME;
    if (OLD_BULK.matcher(c.id()).matches() || c.deadlineSeconds() > 30) return Schedule.BULK;
    return OLD_PAUSED.matcher(c.id()).matches() ? Schedule.PAUSED : Schedule.CONCURRENT;
  }

  private static Origin oldOrigin(ConformanceCase c) {
    return Character.isDigit(c.id().charAt(0)) ? Origin.AUTOBAHN : Origin.WSCONFORM;
  }

  private static void assertSameAsTheOldRules(List<ConformanceCase> cases) {
    Map<String, Schedule> schedules = new LinkedHashMap<>();
    Map<String, Schedule> oldSchedules = new LinkedHashMap<>();
    Map<String, Origin> origins = new LinkedHashMap<>();
    Map<String, Origin> oldOrigins = new LinkedHashMap<>();
    for (ConformanceCase c : cases) {
      schedules.put(c.id(), c.schedule());
      oldSchedules.put(c.id(), oldSchedule(c));
      origins.put(c.id(), c.origin());
      oldOrigins.put(c.id(), oldOrigin(c));
      assertThat(c.paused()).as(c.id()).isEqualTo(c.schedule() == Schedule.PAUSED);
      assertThat(c.bulk()).as(c.id()).isEqualTo(c.schedule() == Schedule.BULK);
      assertThat(c.timed()).as(c.id()).isEqualTo(c.schedule() != Schedule.CONCURRENT);
    }
    assertThat(schedules).containsExactlyEntriesOf(oldSchedules);
    assertThat(origins).containsExactlyEntriesOf(oldOrigins);
  }

  @Test
  void scheduleAndOriginOfTheWholeCatalogueAreWhatTheIdRulesGave() {
    List<ConformanceCase> all = Catalogue.all();
    assertSameAsTheOldRules(all);
    // every class occurs, so the comparison above is not vacuous
    assertThat(all).extracting(ConformanceCase::schedule).contains(Schedule.values());
    assertThat(all).extracting(ConformanceCase::origin).contains(Origin.values());
  }

  @Test
  void aCatalogueWithFewerDeflateRoundTripsKeepsThemToo() {
    assertSameAsTheOldRules(Catalogue.all(3));
    assertThat(Catalogue.all(3))
        .extracting(ConformanceCase::id)
        .containsExactlyElementsOf(Catalogue.all().stream().map(ConformanceCase::id).toList());
  }

  @Test
  void aDeadlineOverTheLimitNeedsTheBulkSchedule() {
    ConformanceCase c =
        ConformanceCase.session(
            "T.1", "T", "test", "t", "d", "e", Requirement.MUST, "RFC", f -> {});
    assertThat(c.schedule()).isEqualTo(Schedule.CONCURRENT);
    assertThat(c.origin()).isEqualTo(Origin.WSCONFORM);
    assertThat(c.withSchedule(Schedule.BULK).withDeadline(31).bulk()).isTrue();
    assertThatThrownBy(() -> c.withDeadline(31))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("T.1");
  }
}
