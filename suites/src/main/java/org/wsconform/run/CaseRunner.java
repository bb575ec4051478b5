package org.wsconform.run;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.HandshakeExchange;
import org.wsconform.cases.HandshakeVerdict;
import org.wsconform.cases.Origin;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.Negotiation;
import org.wsconform.deflate.PermessageDeflate;
import org.wsconform.judge.Behavior;
import org.wsconform.judge.BehaviorClose;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.Judge;
import org.wsconform.judge.Judgement;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.ResponseReader;
import org.wsconform.wire.SecWebSocketAccept;
import org.wsconform.wire.UpgradeRequest;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * Runs one case end to end on a fresh connection: upgrade request, handshake check, session
 * script, verdicts. Never throws for anything the target does; a case the harness could not run
 * at all (target unreachable, TLS failure) ends in ERROR with the reason.
 */
public final class CaseRunner {
  /** Autobahn's openHandshakeTimeout (seconds). */
  static final double OPEN_HANDSHAKE_TIMEOUT = 5.0;

  private CaseRunner() {}

  public static CaseResult run(ConformanceCase c, RunSettings s) {
    WireLog log = new WireLog();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    String key = SecWebSocketAccept.randomKey();
    UpgradeRequest req = c.request().apply(UpgradeRequest.canonical(s.endpoint(), key, s.headers()));
    String sentKey = req.header("Sec-WebSocket-Key").orElse(key);
    Duration connectTimeout = Duration.ofMillis((long) (OPEN_HANDSHAKE_TIMEOUT * 1000 * s.timeScale()));
    WireConnection conn;
    try {
      conn = WireConnection.open(s.endpoint(), connectTimeout, s.tls(), log);
    } catch (IOException | RuntimeException e) {
      String why = Unreachable.describe(s.endpoint(), e);
      log.note(why);
      return error(c, s, why, req, started, t0, log);
    }
    ResponseHead head = null;
    String failure = null;
    boolean openTimeout = false;
    try {
      conn.write(req.toBytes(), 0, false);
      conn.soTimeout(Duration.ofMillis(100));
      long deadline = System.nanoTime() + connectTimeout.toNanos();
      head = ResponseReader.read(conn.in(), deadline, log::octetsReceived);
      conn.soTimeout(Duration.ZERO);
    } catch (ResponseReader.BadResponse e) {
      failure = e.getMessage();
      openTimeout = failure.contains("deadline");
      if (!e.partial().isEmpty()) log.note("received instead of a response head: " + abbreviate(e.partial()));
    } catch (IOException e) {
      failure = "connection failed during the opening handshake: " + e;
    }
    HandshakeExchange x = new HandshakeExchange(req, sentKey, head, failure);
    HandshakeVerdict hv;
    try {
      hv = c.handshake().check(x);
    } catch (RuntimeException e) {
      conn.close();
      return error(c, s, "harness fault in the handshake check: " + e, req, started, t0, log);
    }
    String responseText = head != null ? head.raw() : failure;
    Agreement agreement = null;
    if (hv.openSession()) {
      Negotiation n = negotiate(req, head, log);
      if (n instanceof Negotiation.Invalid bad) {
        // RFC 7692 §7: the client MUST fail the connection; Autobahn: the handshake failed
        hv = HandshakeVerdict.failed("the server's permessage-deflate response is invalid: " + bad.reason()
            + (bad.autobahnRejects() ? "" : "; Autobahn|Testsuite lets this through, RFC 7692 does not"));
      } else if (n instanceof Negotiation.Accepted a) {
        agreement = a.agreement();
      }
    }
    if (!hv.openSession()) {
      conn.close();
      log.add(WireLog.Kind.DROP, "TCP dropped by me (the harness): no WebSocket session in this case", null, null);
      // Autobahn's rule for its own cases: no 101, both verdicts FAILED. Our handshake cases judge
      // the HTTP exchange only; with no WebSocket connection there is no close to judge.
      Judgement j = hv.behavior() == Behavior.FAILED && isAutobahnStyle(c)
          ? new Judgement(Behavior.FAILED, BehaviorClose.FAILED, hv.reason(), "The WebSocket opening handshake was never completed!")
          : new Judgement(hv.behavior(), BehaviorClose.OK,
              hv.reason() == null ? "The handshake was answered as expected." : hv.reason(),
              "No WebSocket connection is opened in this case.");
      CloseState cs = openTimeout
          ? new CloseState(false, false, true, false, "peer did not finish (in time) the opening handshake", false, true,
              false, null, null, null, null, "me")
          : null;
      String reason = Gate.outcome(j, s.strict()) == Outcome.PASSED ? null : hv.reason();
      return new CaseResult(c, j, Gate.outcome(j, s.strict()), reason, null, List.of(), cs, req.head(), responseText,
          started, elapsed(t0), log.entries(), null, Map.of());
    }
    Fuzzer f = new Fuzzer(conn, log, s);
    if (agreement != null) f.negotiated(agreement);
    long handshakeDone = System.nanoTime();
    f.start(c.onOpen(), head.leftover());
    Fuzzer.Outcome out;
    double deadline = c.deadlineSeconds() * s.timeScale();
    try {
      out = f.done().get((long) (deadline * 1000), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.abandon("the case did not end within " + deadline + " s");
      try {
        out = f.done().get(5, TimeUnit.SECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException e2) {
        conn.close();
        return error(c, s, "the case did not end within " + deadline + " s and could not be stopped", req, started, t0, log);
      }
    } catch (ExecutionException e) {
      conn.close();
      return error(c, s, "harness fault: " + e.getCause(), req, started, t0, log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      conn.close();
      return error(c, s, "interrupted", req, started, t0, log);
    }
    Expectation exp = f.expectation();
    if (exp == null) {
      return error(c, s, "harness fault: case " + c.id() + " set no expectation", req, started, t0, log);
    }
    Judgement j = Judge.judge(exp, out.received(), out.close(), true, out.selfVerdict(), c.overrides());
    if (!out.serverViolations().isEmpty() && j.behavior() != Behavior.FAILED) {
      // every server frame in every case is checked (masking, minimal length, RSV, opcodes, …):
      // a violation fails the case whatever its group
      j = new Judgement(Behavior.FAILED, j.behaviorClose(), "The server broke a framing rule: "
          + out.serverViolations().get(0), j.resultClose());
    }
    // the handshake's verdict wins when worse, and when as bad unless the session judged itself
    if (hv.behavior() != Behavior.OK
        && (worse(hv.behavior(), j.behavior()) || (hv.behavior() == j.behavior() && out.selfVerdict() == null))) {
      j = new Judgement(hv.behavior(), j.behaviorClose(), hv.reason(), j.resultClose());
    }
    Outcome o = Gate.outcome(j, s.strict());
    String reason = o == Outcome.PASSED ? null : Reasons.explain(c, j, exp, out, hv);
    long duration = (System.nanoTime() - handshakeDone) / 1_000_000;
    return new CaseResult(c, j, o, reason, exp, out.received(), out.close(), req.head(), responseText, started,
        duration, log.entries(), null, Map.of());
  }

  /**
   * The server's answer to the permessage-deflate offers in the request, if it made any (cases
   * without an offer are left to the handshake rules, which reject any extension not offered).
   */
  private static Negotiation negotiate(UpgradeRequest req, ResponseHead head, WireLog log) {
    List<String> offers = req.all("Sec-WebSocket-Extensions");
    if (!PermessageDeflate.offers(offers)) return null;
    Negotiation n = PermessageDeflate.negotiate(offers, head.all("Sec-WebSocket-Extensions"));
    if (n instanceof Negotiation.Accepted a) {
      log.note("permessage-deflate agreed (offer " + (a.offerIndex() + 1) + ", '" + a.response() + "'): " + a.agreement());
      for (String missing : a.notHonoured()) log.note("permessage-deflate: " + missing);
    } else if (n instanceof Negotiation.Declined) {
      log.note("permessage-deflate offered, not accepted: the server declined every offer");
    } else if (n instanceof Negotiation.Invalid bad) {
      log.note("permessage-deflate response rejected: " + bad.reason());
    }
    return n;
  }

  private static boolean isAutobahnStyle(ConformanceCase c) {
    return c.origin() == Origin.AUTOBAHN;
  }

  private static final List<Behavior> BADNESS =
      List.of(Behavior.OK, Behavior.INFORMATIONAL, Behavior.NON_STRICT, Behavior.UNIMPLEMENTED, Behavior.FAILED, Behavior.ERROR);

  private static boolean worse(Behavior a, Behavior b) {
    return BADNESS.indexOf(a) > BADNESS.indexOf(b);
  }

  private static long elapsed(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static String abbreviate(String s) {
    String t = s.replace("\r", "\\r").replace("\n", "\\n");
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }

  static CaseResult error(ConformanceCase c, RunSettings s, String why, UpgradeRequest req, Instant started, long t0,
      WireLog log) {
    Judgement j = new Judgement(Behavior.ERROR, BehaviorClose.ERROR, why, why);
    return new CaseResult(c, j, Outcome.ERROR, why, null, List.of(), null, req == null ? null : req.head(), null,
        started, elapsed(t0), log.entries(), why, Map.of());
  }

  /** Why a target could not be reached, in words that say what to do. */
  public static final class Unreachable {
    private Unreachable() {}

    public static String describe(org.wsconform.wire.Endpoint e, Throwable ex) {
      String where = e.host() + ":" + e.port();
      if (ex instanceof UnknownHostException) {
        return "cannot resolve host '" + e.host() + "': check the URL's host name";
      }
      if (ex instanceof ConnectException) {
        return "connection refused by " + where + ": is the target running and listening on that port?";
      }
      if (ex instanceof SocketTimeoutException) {
        return "no TCP connection to " + where + " within the connect timeout: is the host up and the port open?";
      }
      if (ex instanceof NoRouteToHostException) {
        return "no route to " + where;
      }
      if (ex instanceof SSLException) {
        return "TLS handshake with " + where + " failed: " + ex.getMessage();
      }
      return "cannot connect to " + where + ": " + ex;
    }

    /** True for errors that mean the target cannot be reached at all (exit 3). */
    public static boolean isUnreachable(Throwable ex) {
      return ex instanceof UnknownHostException || ex instanceof ConnectException || ex instanceof SocketTimeoutException
          || ex instanceof NoRouteToHostException;
    }
  }

  /** Failure messages: what was expected, what was observed, and the RFC section. */
  static final class Reasons {
    private Reasons() {}

    static String explain(ConformanceCase c, Judgement j, Expectation exp, Fuzzer.Outcome out, HandshakeVerdict hv) {
      StringBuilder sb = new StringBuilder();
      if (j.behavior() == Behavior.FAILED || j.behavior() == Behavior.NON_STRICT) {
        if (hv.behavior() != Behavior.OK && hv.reason() != null) {
          sb.append(hv.reason());
        } else if (!out.serverViolations().isEmpty()) {
          sb.append("the server broke a rule: ").append(out.serverViolations().get(0).message())
              .append(" (").append(out.serverViolations().get(0).rfc()).append(")");
        } else if (!exp.outcomes().isEmpty()) {
          sb.append("expected ").append(exp.outcomes().entrySet().stream()
              .map(e -> events(e.getValue()) + (exp.outcomes().size() > 1 ? " (" + e.getKey().label() + ")" : ""))
              .collect(Collectors.joining(" or ")));
          sb.append("; observed ").append(events(out.received()));
        } else {
          sb.append(j.result());
        }
      } else if (j.behavior() == Behavior.UNIMPLEMENTED) {
        // e.g. a compression case whose offer the server declined: say what was not there
        sb.append("not implemented by the server: ").append(j.result());
      }
      if (j.behaviorClose() != BehaviorClose.OK && j.behaviorClose() != BehaviorClose.INFORMATIONAL) {
        if (sb.length() > 0) sb.append("; ");
        sb.append("close ").append(j.behaviorClose().label()).append(": ").append(j.resultClose())
            .append(" (expected ").append(exp.close().closedByMe() ? "the harness" : "the server")
            .append(" to close first with ").append(exp.close().closeCodes())
            .append(", observed ").append(describe(out.close())).append(")");
      }
      sb.append(" [").append(c.rfc()).append("]");
      return sb.toString();
    }

    static String events(List<Event> l) {
      if (l.isEmpty()) return "no message or pong";
      return "[" + l.stream().map(Event::toString).collect(Collectors.joining(", ")) + "]";
    }

    static String describe(CloseState cs) {
      return (cs.closedByMe() ? "the harness" : "the server") + " closed first"
          + (cs.remoteCloseCode() != null ? ", server code " + cs.remoteCloseCode() : ", no close code from the server")
          + (cs.wasClean() ? ", clean" : ", unclean: " + cs.wasNotCleanReason())
          + ", TCP closed by " + (cs.tcpClosedBy().equals("me") ? "the harness" : "the server");
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
