package org.wsconform.reports;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/** The one Jackson configuration of this module, and atomic file replacement. */
final class Json {

  /** Reads leniently (fields added later must not break old readers). */
  static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** One line, no indentation: results.jsonl. */
  static final ObjectWriter COMPACT = MAPPER.writer();

  /** Autobahn's layout (Python's json.dumps with indent=3): {@code "key": value}, 3 spaces. */
  static final ObjectWriter PRETTY = MAPPER.writer(autobahnPrinter());

  private Json() {}

  private static DefaultPrettyPrinter autobahnPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    DefaultIndenter indenter = new DefaultIndenter("   ", "\n");
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }

  /** The value pretty-printed as Autobahn does, with a final newline. */
  static byte[] pretty(Object value) throws IOException {
    byte[] body = PRETTY.writeValueAsBytes(value);
    byte[] out = new byte[body.length + 1];
    System.arraycopy(body, 0, out, 0, body.length);
    out[body.length] = '\n';
    return out;
  }

  static void writeAtomically(Path target, String text) throws IOException {
    writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A new empty file {@code .<name>.<random>.tmp} with the default permissions (unlike
   * Files.createTempFile, whose 0600 would carry over to the target).
   */
  private static Path createTemp(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp =
          dir.resolve(
              "." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /**
   * Replaces {@code target} in one step: the bytes go to a temporary file in the same folder, which
   * is then renamed over the target (ATOMIC_MOVE), so a reader sees the old file or the new one,
   * never half of one.
   */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = createTemp(dir, target.getFileName().toString());
    try {
      // a stream, not Files.write: a FileChannel would fail in an interrupted thread
      try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
        out.write(bytes);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
