package org.wsconform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Autobahn|Testsuite's published report of ws 8.18.3 (vendored in the repository, see the README of
 * {@code targets/external/ws/published}), cut down to a few cases in Autobahn's own layout ({@code
 * reports/servers/index.json} and the per-case files named by it): the real thing, without reading
 * 518 files in every test.
 */
final class PublishedReport {
  static final Path WS_8_18_3 =
      AllureCommandline.projectRoot().resolve("targets/external/ws/published/8.18.3/servers");

  private PublishedReport() {}

  /** Writes {@code <dir>/reports/servers/} with just these cases; returns {@code <dir>/reports}. */
  static Path ws8183(Path dir, Set<String> ids) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode index = (ObjectNode) json.readTree(WS_8_18_3.resolve("index.json").toFile());
    Path servers = Files.createDirectories(dir.resolve("reports").resolve("servers"));
    for (JsonNode agent : index) {
      ObjectNode cases = (ObjectNode) agent;
      cases.retain(ids);
      if (cases.size() != ids.size())
        throw new IllegalArgumentException("not all of " + ids + " in " + WS_8_18_3);
      cases.forEach(
          entry -> {
            String file = entry.get("reportfile").asText();
            try {
              Files.copy(WS_8_18_3.resolve(file), servers.resolve(file));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    json.writeValue(servers.resolve("index.json").toFile(), index);
    return servers.getParent();
  }
}
