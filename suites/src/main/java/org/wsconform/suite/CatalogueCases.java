package org.wsconform.suite;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.wsconform.cases.Requirement;
import org.wsconform.run.RunContext;

/**
 * Feeds a suite's parameterized methods: the selected cases of the class's {@link CaseGroups} at
 * one requirement level, one argument set per case named "{id} {title}".
 */
abstract class CatalogueCases implements ArgumentsProvider {
  private final Requirement level;

  CatalogueCases(Requirement level) {
    this.level = level;
  }

  @Override
  public Stream<? extends Arguments> provideArguments(ExtensionContext ctx) {
    CaseGroups g = ctx.getRequiredTestClass().getAnnotation(CaseGroups.class);
    List<String> groups = g == null ? List.of() : Arrays.asList(g.value());
    return RunContext.current().selected().stream()
        .filter(c -> groups.contains(c.topGroup()))
        .filter(c -> c.requirement() == level)
        .map(c -> Arguments.argumentSet(c.displayName(), c));
  }

  static final class Must extends CatalogueCases {
    Must() {
      super(Requirement.MUST);
    }
  }

  static final class Should extends CatalogueCases {
    Should() {
      super(Requirement.SHOULD);
    }
  }

  static final class Informational extends CatalogueCases {
    Informational() {
      super(Requirement.INFORMATIONAL);
    }
  }
}
