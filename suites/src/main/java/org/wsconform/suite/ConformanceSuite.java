package org.wsconform.suite;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.run.RunContext;

/**
 * The shape of every suite: one parameterized method per requirement level, so that the JUnit tags
 * {@code must}, {@code should} and {@code info} select by level; the subclass names its groups with
 * {@link CaseGroups} and carries a {@code group-…} tag. Each invocation opens its own connection.
 * The timeout is a backstop above the harness's own per-case deadlines.
 */
public abstract class ConformanceSuite {

  @Tag("must")
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  @ParameterizedTest(name = "{argumentSetName}", allowZeroInvocations = true)
  @ArgumentsSource(CatalogueCases.Must.class)
  void must(ConformanceCase c) {
    CaseAssertions.assertConforms(RunContext.current().execute(c));
  }

  @Tag("should")
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  @ParameterizedTest(name = "{argumentSetName}", allowZeroInvocations = true)
  @ArgumentsSource(CatalogueCases.Should.class)
  void should(ConformanceCase c) {
    CaseAssertions.assertConforms(RunContext.current().execute(c));
  }

  @Tag("info")
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  @ParameterizedTest(name = "{argumentSetName}", allowZeroInvocations = true)
  @ArgumentsSource(CatalogueCases.Informational.class)
  void informational(ConformanceCase c) {
    CaseAssertions.assertConforms(RunContext.current().execute(c));
  }
}
