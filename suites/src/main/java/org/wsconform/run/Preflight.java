package org.wsconform.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.wsconform.judge.ClientHandshakeRules;
import org.wsconform.wire.Frame;
import org.wsconform.wire.FrameEncoder;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.ResponseReader;
import org.wsconform.wire.SecWebSocketAccept;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.UpgradeRequest;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * One canonical handshake before the run: proves the target is reachable (else exit 3, naming the
 * address), and finds out once whether the canonical handshake works at all, so that a handshake
 * quirk is reported once instead of failing every case the same way.
 */
public final class Preflight {
  /** The target cannot be reached at all. */
  public static final class TargetUnreachable extends IOException {
    private final Path results;

    public TargetUnreachable(String m, Throwable cause) {
      this(m, cause, null);
    }

    private TargetUnreachable(String m, Throwable cause, Path results) {
      super(m, cause);
      this.results = results;
    }

    /** The same failure, with the results folder written for it. */
    public TargetUnreachable withResults(Path folder) {
      TargetUnreachable t = new TargetUnreachable(getMessage(), getCause(), folder);
      t.setStackTrace(getStackTrace());
      return t;
    }

    /**
     * The results folder recording every selected case as ERROR with this reason, when one was
     * written (a TLS failure: evidence a CI job keeps), else empty.
     */
    public Optional<Path> results() {
      return Optional.ofNullable(results);
    }

    /** Whether TCP worked and TLS did not: a run worth a results folder saying why. */
    public boolean isTls() {
      return getCause() instanceof SSLException;
    }
  }

  /**
   * @param handshakeFailure why the canonical handshake failed, or null when it worked
   */
  public record Result(String handshakeFailure, String serverHeader) {}

  private Preflight() {}

  public static Result check(RunSettings s) throws TargetUnreachable {
    WireLog log = new WireLog();
    Duration timeout =
        Duration.ofMillis((long) (CaseRunner.OPEN_HANDSHAKE_TIMEOUT * 1000 * s.timeScale()));
    WireConnection conn;
    try {
      conn = WireConnection.open(s.endpoint(), timeout, s.tls(), log);
    } catch (IOException | RuntimeException e) {
      throw new TargetUnreachable(CaseRunner.Unreachable.describe(s.endpoint(), e), e);
    }
    try (conn) {
      String key = SecWebSocketAccept.randomKey();
      UpgradeRequest req = UpgradeRequest.canonical(s.endpoint(), key, s.headers());
      conn.write(req.toBytes(), 0, false);
      conn.soTimeout(Duration.ofMillis(100));
      ResponseHead head =
          ResponseReader.read(conn.in(), System.nanoTime() + timeout.toNanos(), null);
      Optional<String> broken = ClientHandshakeRules.firstBroken(req, key, head);
      if (broken.isEmpty()) {
        conn.write(
            FrameEncoder.encode(Frame.close(1000, null), SendOptions.DEFAULT, 0x5a5a5a5a),
            0,
            false);
      }
      return new Result(
          broken.map(b -> "the canonical opening handshake fails: " + b).orElse(null),
          head.header("Server").orElse(null));
    } catch (IOException e) {
      return new Result("the canonical opening handshake fails: " + e.getMessage(), null);
    }
  }
}
