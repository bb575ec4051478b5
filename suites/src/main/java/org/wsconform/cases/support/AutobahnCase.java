package org.wsconform.cases.support;

import java.util.function.Consumer;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.Requirement;
import org.wsconform.session.Session;

/** Builds cases that mirror Autobahn's: its id, its texts, the canonical handshake. */
public final class AutobahnCase {
  private AutobahnCase() {}

  public static ConformanceCase of(
      String id,
      String group,
      String groupTitle,
      String title,
      Requirement req,
      String rfc,
      Consumer<Session> onOpen) {
    AutobahnTexts.Text t = AutobahnTexts.of(id);
    return ConformanceCase.session(
        id,
        group,
        groupTitle,
        title,
        t.description(),
        t.expectation(),
        req,
        rfc,
        onOpen,
        Origin.AUTOBAHN);
  }
}
