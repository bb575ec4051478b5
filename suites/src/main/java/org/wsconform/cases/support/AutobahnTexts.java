package org.wsconform.cases.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Autobahn|Testsuite's DESCRIPTION and EXPECTATION texts for its 517 cases (Apache-2.0), taken from
 * a published report so that our reports say exactly what Autobahn's say.
 */
public final class AutobahnTexts {
  public record Text(String description, String expectation) {}

  private static final Map<String, Text> TEXTS = load();

  private AutobahnTexts() {}

  private static Map<String, Text> load() {
    try (InputStream in = AutobahnTexts.class.getResourceAsStream("autobahn-texts.json")) {
      if (in == null)
        throw new IllegalStateException("autobahn-texts.json missing from the classpath");
      return new ObjectMapper().readValue(in, new TypeReference<Map<String, Text>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Text of(String id) {
    Text t = TEXTS.get(id);
    if (t == null) throw new IllegalArgumentException("no Autobahn text for case " + id);
    return t;
  }
}
