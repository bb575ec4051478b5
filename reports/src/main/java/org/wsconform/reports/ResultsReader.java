package org.wsconform.reports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.wsconform.verdict.Gate;
import org.wsconform.verdict.Outcome;

/**
 * Reads results back: our {@code results.jsonl}, or an {@code index.json} in Autobahn's shape
 * (Autobahn|Testsuite's own reports, or ours) with the per-case files next to it.
 */
public final class ResultsReader {

  private static final TypeReference<Map<String, List<List<Object>>>> EXPECTED =
      new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};
  private static final TypeReference<List<List<Object>>> EVENTS = new TypeReference<>() {};

  /** Top-level Autobahn categories, as named in its reports. */
  private static final Map<String, String> AUTOBAHN_CATEGORIES =
      Map.ofEntries(
          Map.entry("1", "Framing"),
          Map.entry("2", "Pings/Pongs"),
          Map.entry("3", "Reserved Bits"),
          Map.entry("4", "Opcodes"),
          Map.entry("5", "Fragmentation"),
          Map.entry("6", "UTF-8 Handling"),
          Map.entry("7", "Close Handling"),
          Map.entry("9", "Limits/Performance"),
          Map.entry("10", "Misc"),
          Map.entry("12", "WebSocket Compression (different payloads)"),
          Map.entry("13", "WebSocket Compression (different parameters)"));

  /** The Autobahn sub-categories whose titles are short enough to name here. */
  private static final Map<String, String> AUTOBAHN_SUBCATEGORIES =
      Map.of(
          "1.1",
          "Text Messages",
          "1.2",
          "Binary Messages",
          "4.1",
          "Non-control Opcodes",
          "4.2",
          "Control Opcodes",
          "6.4",
          "Fail-fast on invalid UTF-8",
          "10.1",
          "Auto-Fragmentation");

  private ResultsReader() {}

  /**
   * The cases of a results folder: from {@code results.jsonl} when present, else from {@code
   * index.json} (an Autobahn report folder). A regular file is read as the {@link Shape} its
   * content has, whatever its name.
   */
  public static List<CaseRecord> read(Path folder) throws IOException {
    return read(folder, UnaryOperator.identity());
  }

  /**
   * As {@link #read(Path)}, each record passed through {@code each} as soon as it is parsed, so
   * that only what {@code each} returns is held (a full run's results.jsonl is tens of MiB of wire
   * logs; the HTML report keeps a part of them).
   */
  public static List<CaseRecord> read(Path folder, UnaryOperator<CaseRecord> each)
      throws IOException {
    if (Files.isRegularFile(folder)) {
      // a results file named on its own, whatever its name: read as what it holds
      Shape shape =
          shape(folder)
              .orElseThrow(
                  () ->
                      new IOException(
                          folder + " holds neither results.jsonl records nor an index.json"));
      return shape == Shape.JSONL
          ? readJsonl(folder, each)
          : readIndex(folder).stream().map(each).toList();
    }
    Path jsonl = folder.resolve(RunFolder.RESULTS_JSONL);
    if (Files.isRegularFile(jsonl)) {
      return readJsonl(jsonl, each);
    }
    return readIndex(folder.resolve(RunFolder.INDEX_JSON)).stream().map(each).toList();
  }

  /** What a results file holds, told by its content, not its name. */
  public enum Shape {
    /** One case record per line, as in {@code results.jsonl}. */
    JSONL,
    /** Autobahn's {@code agent → case id → entry} object, as in {@code index.json}. */
    INDEX
  }

  /**
   * The shape of {@code file} from its first JSON value: a record with a textual {@code id} is a
   * results.jsonl line; an object whose every member is an object (agents → cases) is an index.
   * Empty when it is neither (not JSON, or JSON of another shape).
   */
  public static Optional<Shape> shape(Path file) throws IOException {
    JsonNode first;
    try (JsonParser p = Json.MAPPER.getFactory().createParser(file.toFile())) {
      first = Json.MAPPER.readTree(p);
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
    if (first == null || !first.isObject() || first.isEmpty()) return Optional.empty();
    if (first.path("id").isTextual()) return Optional.of(Shape.JSONL);
    for (JsonNode agent : first) {
      if (!agent.isObject()) return Optional.empty();
      for (JsonNode entry : agent) if (!entry.isObject()) return Optional.empty();
    }
    return Optional.of(Shape.INDEX);
  }

  /** {@link #readLatest(Path)}, each record passed through {@code each} as it is parsed. */
  public static List<CaseRecord> readLatest(Path folder, UnaryOperator<CaseRecord> each)
      throws IOException {
    return latest(read(folder, each));
  }

  /**
   * The cases of a results folder as {@link #read} gives them, one record per agent and case id
   * (the last one recorded wins, as in {@code index.json}), sorted by agent, then {@link
   * CaseIdOrder}.
   */
  public static List<CaseRecord> readLatest(Path folder) throws IOException {
    return latest(read(folder));
  }

  /** One record per agent and case id, the last one wins; sorted by agent, then case id. */
  public static List<CaseRecord> latest(List<CaseRecord> records) {
    Map<String, CaseRecord> last = new LinkedHashMap<>();
    for (CaseRecord r : records) {
      last.put(r.agent() + "\u0000" + r.id(), r);
    }
    List<CaseRecord> out = new ArrayList<>(last.values());
    out.sort(
        Comparator.comparing(CaseRecord::agent, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CaseRecord::id, CaseIdOrder.INSTANCE));
    return out;
  }

  /**
   * The records of a {@code results.jsonl}, in file order (a case recorded twice appears twice).
   * Blank lines are skipped, and so is an unterminated last line that is not a whole record (a run
   * killed mid-write).
   *
   * @throws IOException also when a line other than the last is not a valid record
   */
  public static List<CaseRecord> readJsonl(Path file) throws IOException {
    return readJsonl(file, UnaryOperator.identity());
  }

  private static List<CaseRecord> readJsonl(Path file, UnaryOperator<CaseRecord> each)
      throws IOException {
    List<CaseRecord> out = new ArrayList<>();
    // a stream, not a channel: the run may end in a thread with its interrupt flag set
    try (InputStream in = new FileInputStream(file.toFile())) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
      byte[] buf = new byte[1 << 16];
      int lineNo = 0;
      for (int n; (n = in.read(buf)) >= 0; ) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            line.write(buf, from, i - from);
            parseLine(file, ++lineNo, line.toByteArray(), false, out, each);
            line.reset();
            from = i + 1;
          }
        }
        line.write(buf, from, n - from);
      }
      if (line.size() > 0) {
        parseLine(file, ++lineNo, line.toByteArray(), true, out, each);
      }
    }
    return out;
  }

  /**
   * The cases of an {@code index.json} in Autobahn's shape ({@code agent → case id → entry}), with
   * each entry's {@code reportfile} read when it exists next to the index (or in {@code cases/},
   * where we write them). Autobahn's case files are mapped field by field; ours are read as they
   * are. Sorted by agent, then {@link CaseIdOrder}.
   */
  public static List<CaseRecord> readIndex(Path indexJson) throws IOException {
    JsonNode root = Json.MAPPER.readTree(indexJson.toFile());
    if (root == null || !root.isObject()) {
      throw new IOException(indexJson + " is not an index.json object");
    }
    Path dir = indexJson.toAbsolutePath().getParent();
    List<CaseRecord> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> agent : root.properties()) {
      List<String> ids = new ArrayList<>();
      agent.getValue().fieldNames().forEachRemaining(ids::add);
      ids.sort(CaseIdOrder.INSTANCE);
      int position = 0;
      for (String id : ids) {
        position++;
        JsonNode entry = agent.getValue().get(id);
        JsonNode caseFile = readCaseFile(dir, entry.path("reportfile").asText(null));
        if (caseFile != null && (caseFile.has("outcome") || caseFile.has("durationMillis"))) {
          out.add(Json.MAPPER.treeToValue(caseFile, CaseRecord.class)); // one of ours
        } else {
          out.add(fromAutobahn(agent.getKey(), id, position, entry, caseFile));
        }
      }
    }
    out.sort(
        Comparator.comparing(CaseRecord::agent)
            .thenComparing(CaseRecord::id, CaseIdOrder.INSTANCE));
    return out;
  }

  private static JsonNode readCaseFile(Path dir, String reportfile) throws IOException {
    if (reportfile == null || reportfile.isBlank()) {
      return null;
    }
    Path name = Path.of(reportfile).getFileName(); // a name from a file: never leave dir
    if (name == null) {
      return null;
    }
    for (Path candidate : List.of(dir.resolve(name), dir.resolve(RunFolder.CASES).resolve(name))) {
      if (Files.isRegularFile(candidate)) {
        JsonNode node = Json.MAPPER.readTree(candidate.toFile());
        return node != null && node.isObject() ? node : null;
      }
    }
    return null;
  }

  /** One Autobahn result (index entry plus case file when present) as a CaseRecord. */
  static CaseRecord fromAutobahn(
      String agent, String id, int position, JsonNode entry, JsonNode file) {
    JsonNode f = file == null ? Json.MAPPER.createObjectNode() : file;
    String behavior = text(entry, "behavior", text(f, "behavior", null));
    String behaviorClose = text(entry, "behaviorClose", text(f, "behaviorClose", null));
    Outcome outcome = Gate.outcomeOfBehavior(behavior);
    String result = text(f, "result", null);
    String reason =
        outcome == Outcome.PASSED
            ? null
            : result != null ? Text.oneLine(result) : "behavior " + behavior;
    long duration =
        entry.has("duration") ? entry.get("duration").asLong() : f.path("duration").asLong(0);
    int caseIndex = f.has("case") ? f.get("case").asInt(position) : position;
    String group = CaseIdOrder.groupOf(id);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("source", "autobahn");
    String reportfile = text(entry, "reportfile", null);
    if (reportfile != null) {
      details.put("reportfile", reportfile);
    }
    CaseRecord.CloseRecord close = null;
    if (f.has("closedByMe") || f.has("wasClean")) {
      close =
          new CaseRecord.CloseRecord(
              f.path("closedByMe").asBoolean(),
              f.path("failedByMe").asBoolean(),
              f.path("droppedByMe").asBoolean(),
              f.path("wasClean").asBoolean(),
              text(f, "wasNotCleanReason", null),
              f.path("wasServerConnectionDropTimeout").asBoolean(),
              f.path("wasOpenHandshakeTimeout").asBoolean(),
              f.path("wasCloseHandshakeTimeout").asBoolean(),
              integer(f, "localCloseCode"),
              text(f, "localCloseReason", null),
              integer(f, "remoteCloseCode"),
              text(f, "remoteCloseReason", null),
              null,
              null);
    } else if (integer(entry, "remoteCloseCode") != null) {
      details.put("remoteCloseCode", integer(entry, "remoteCloseCode"));
    }
    for (String extra :
        List.of("rxFrameStats", "txFrameStats", "rxOctetStats", "txOctetStats", "trafficStats")) {
      JsonNode v = f.get(extra);
      if (v != null && !v.isNull()) {
        details.put(extra, Json.MAPPER.convertValue(v, Object.class));
      }
    }
    if (f.has("wirelog")) {
      details.put("wirelogTimes", false); // Autobahn's wire log has no timestamps: atMillis is 0
    }

    return new CaseRecord(
        agent,
        id,
        caseIndex,
        group,
        autobahnGroupTitle(group),
        null,
        text(f, "description", null),
        text(f, "expectation", null),
        null,
        null,
        behavior,
        behaviorClose,
        outcome.name(),
        reason,
        result,
        text(f, "resultClose", null),
        convert(f.get("expected"), EXPECTED, details, "expected"),
        convert(f.get("expectedClose"), OBJECT_MAP, details, "expectedClose"),
        convert(f.get("received"), EVENTS, details, "received"),
        close,
        text(f, "httpRequest", null),
        text(f, "httpResponse", null),
        text(f, "started", null),
        duration,
        wirelog(f.get("wirelog")),
        null,
        details,
        null);
  }

  private static String autobahnGroupTitle(String group) {
    String category = group.contains(".") ? group.substring(0, group.indexOf('.')) : group;
    String title = AUTOBAHN_CATEGORIES.get(category);
    String sub = AUTOBAHN_SUBCATEGORIES.get(group);
    if (title == null) {
      return null;
    }
    return sub == null ? title : title + " / " + sub;
  }

  /**
   * Autobahn wire-log rows as ours: {@code ["RO", [len, hex]]}, {@code ["TO", [len, hex], sync]},
   * {@code ["RF", [len, payload], opcode, fin, rsv, masked, mask]}, {@code ["TF", [len, payload],
   * opcode, fin, rsv, mask, repeat, chop, sync]}, and the timer rows (CT, CTE, KL, KLE, TI, TIE,
   * WLM) with their arguments as text.
   */
  static List<CaseRecord.WireEntry> wirelog(JsonNode rows) {
    if (rows == null || !rows.isArray()) {
      return null;
    }
    List<CaseRecord.WireEntry> out = new ArrayList<>(rows.size());
    for (JsonNode row : rows) {
      if (!row.isArray() || row.isEmpty()) {
        continue;
      }
      String kind = row.get(0).asText();
      JsonNode data = row.path(1);
      Integer length = data.isArray() && data.path(0).isNumber() ? data.get(0).asInt() : null;
      String second = data.isArray() ? data.path(1).asText(null) : null;
      String text;
      String hex = null;
      switch (kind) {
        case "RO", "TO" -> {
          hex = second;
          text =
              kind.equals("RO")
                  ? "octets received"
                  : "octets sent" + (row.path(2).asBoolean() ? " (sync)" : "");
        }
        case "RF" ->
            text =
                String.format(
                    Locale.ROOT,
                    "frame received opcode=%s fin=%d rsv=%s masked=%s%s '%s'",
                    row.path(2).asText(),
                    row.path(3).asBoolean() ? 1 : 0,
                    row.path(4).asText(),
                    row.path(5).asBoolean(),
                    row.path(6).isNull() || row.path(6).isMissingNode()
                        ? ""
                        : " mask=" + row.path(6).asText(),
                    second);
        case "TF" ->
            text =
                String.format(
                    Locale.ROOT,
                    "frame sent opcode=%s fin=%d rsv=%s mask=%s%s%s%s '%s'",
                    row.path(2).asText(),
                    row.path(3).asBoolean() ? 1 : 0,
                    row.path(4).asText(),
                    row.path(5).isNull() ? "none" : row.path(5).asText(),
                    row.path(6).isNull() || row.path(6).isMissingNode()
                        ? ""
                        : " repeat=" + row.path(6).asText(),
                    row.path(7).isNull() || row.path(7).isMissingNode()
                        ? ""
                        : " chop=" + row.path(7).asText(),
                    row.path(8).asBoolean() ? " sync" : "",
                    second);
        default -> {
          StringBuilder t = new StringBuilder();
          for (int i = 1; i < row.size(); i++) {
            t.append(i > 1 ? " " : "")
                .append(row.get(i).isValueNode() ? row.get(i).asText() : row.get(i).toString());
          }
          text = t.toString();
        }
      }
      out.add(new CaseRecord.WireEntry(0, kind, text, length, hex));
    }
    return out;
  }

  private static void parseLine(
      Path file,
      int lineNo,
      byte[] bytes,
      boolean unterminated,
      List<CaseRecord> out,
      UnaryOperator<CaseRecord> each)
      throws IOException {
    if (isBlank(bytes)) {
      return;
    }
    try {
      out.add(each.apply(Json.MAPPER.readValue(bytes, CaseRecord.class)));
    } catch (JsonProcessingException e) {
      if (!unterminated) {
        throw new IOException(
            file + ": line " + lineNo + " is not a case record: " + e.getOriginalMessage(), e);
      }
      // the partial last line of a killed run: nothing to keep
    }
  }

  private static <T> T convert(
      JsonNode node, TypeReference<T> type, Map<String, Object> details, String name) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return Json.MAPPER.convertValue(node, type);
    } catch (IllegalArgumentException e) {
      details.put(name, Json.MAPPER.convertValue(node, Object.class)); // kept, in another shape
      return null;
    }
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  private static Integer integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? null : v.asInt();
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
