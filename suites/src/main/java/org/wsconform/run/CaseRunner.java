package org.wsconform.run;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.PeerNeed;
import org.wsconform.cases.PeerNeeds;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.Negotiation;
import org.wsconform.deflate.PermessageDeflate;
import org.wsconform.judge.CaseVerdict;
import org.wsconform.judge.CloseState;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.HandshakeExchange;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.judge.Judgement;
import org.wsconform.judge.PeerAdaptation;
import org.wsconform.judge.SessionEvidence;
import org.wsconform.session.Peer;
import org.wsconform.session.Role;
import org.wsconform.session.SessionDriver;
import org.wsconform.session.SessionOutcome;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.Endpoint;
import org.wsconform.wire.ResponseHead;
import org.wsconform.wire.ResponseReader;
import org.wsconform.wire.SecWebSocketAccept;
import org.wsconform.wire.UpgradeRequest;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * Runs one case end to end on a fresh connection: upgrade request, handshake check, session script,
 * verdicts. Never throws for anything the target does; a case the harness could not run at all
 * (target unreachable, TLS failure) ends in ERROR with the reason.
 */
public final class CaseRunner {
  /** Autobahn's openHandshakeTimeout (seconds). */
  static final double OPEN_HANDSHAKE_TIMEOUT = 5.0;

  private CaseRunner() {}

  public static CaseResult run(ConformanceCase c, RunSettings s) {
    WireLog log = new WireLog();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    PeerNeeds.Rule need = PeerNeeds.of(c.id());
    if (!s.peer().echo() && need.need() == PeerNeed.ECHO_ONLY) {
      return notApplicable(c, s, need, started, t0, log);
    }
    String key = SecWebSocketAccept.randomKey();
    UpgradeRequest req =
        c.request().apply(UpgradeRequest.canonical(s.endpoint(), key, s.headers()));
    String sentKey = req.header("Sec-WebSocket-Key").orElse(key);
    Duration connectTimeout =
        Duration.ofMillis((long) (OPEN_HANDSHAKE_TIMEOUT * 1000 * s.timeScale()));
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
      for (String interim : head.interim())
        log.note(
            "skipped an interim response before the final one (RFC 9110 §15.2): "
                + abbreviate(interim.strip()));
    } catch (ResponseReader.BadResponse e) {
      failure = e.getMessage();
      openTimeout = failure.contains("deadline");
      if (!e.partial().isEmpty())
        log.note("received instead of a response head: " + abbreviate(e.partial()));
    } catch (IOException e) {
      failure = "connection failed during the opening handshake: " + e;
    }
    HandshakeExchange x =
        new HandshakeExchange(req, sentKey, head, failure, c.requirement().whenBroken());
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
        hv = HandshakeVerdict.invalidDeflateResponse(bad.reason(), bad.autobahnRejects());
      } else if (n instanceof Negotiation.Accepted a) {
        agreement = a.agreement();
      }
    }
    if (!hv.openSession()) {
      conn.close();
      log.add(
          WireLog.Kind.DROP,
          "TCP dropped by me (the harness): no WebSocket session in this case",
          null,
          null);
      CaseVerdict.Decision d =
          CaseVerdict.decide(hv, isAutobahnStyle(c), null, c.overrides(), c.rfc(), level(s));
      CloseState cs =
          openTimeout
              ? new CloseState(
                  false,
                  false,
                  true,
                  false,
                  "peer did not finish (in time) the opening handshake",
                  false,
                  true,
                  false,
                  null,
                  null,
                  null,
                  null,
                  "me")
              : null;
      return new CaseResult(
          c,
          d.judgement(),
          d.outcome(),
          d.reason(),
          null,
          List.of(),
          cs,
          req.head(),
          responseText,
          started,
          elapsed(t0),
          log.entries(),
          null,
          s.peer().echo()
              ? Map.of()
              : Map.of(
                  "peer",
                  s.peer().model().word(),
                  "peerNeed",
                  need.need().word(),
                  "adaptation",
                  "ran as is (no WebSocket session: the handshake alone is judged)"),
          d.fix());
    }
    SessionDriver f =
        new SessionDriver(conn, log, s.session(), Role.CLIENT, s.peer(), need.need().word());
    if (agreement != null) f.negotiated(agreement);
    long handshakeDone = System.nanoTime();
    f.start(c.onOpen(), head.leftover());
    SessionOutcome out;
    try {
      out = f.awaitEnd(c.deadlineSeconds() * s.timeScale());
    } catch (SessionDriver.Unfinished e) {
      conn.close();
      return error(c, s, e.getMessage(), req, started, t0, log);
    }
    Expectation exp = f.expectation();
    if (exp == null) {
      return error(
          c, s, "harness fault: case " + c.id() + " set no expectation", req, started, t0, log);
    }
    SessionEvidence evidence =
        new SessionEvidence(
            exp, out.received(), out.close(), out.selfVerdict(), out.serverViolations());
    CaseVerdict.Decision d =
        CaseVerdict.decide(hv, isAutobahnStyle(c), evidence, c.overrides(), c.rfc(), level(s));
    PeerAdaptation adaptation = out.adaptation();
    if (adaptation != null) d = CaseVerdict.forPeer(d, evidence, adaptation, c.rfc(), level(s));
    long duration = (System.nanoTime() - handshakeDone) / 1_000_000;
    // the round-trip cases (12.*, 13.*) measure compression: their ratios each way are evidence
    Map<String, Object> details = new LinkedHashMap<>();
    if ((c.id().startsWith("12.") || c.id().startsWith("13.")) && !f.compression().isEmpty())
      details.put("compression", f.compression().details());
    // against a peer that does not echo: which model ran and how the case was adapted
    if (adaptation != null) details.putAll(adaptation.details());
    return new CaseResult(
        c,
        d.judgement(),
        d.outcome(),
        d.reason(),
        exp,
        out.received(),
        out.close(),
        req.head(),
        responseText,
        started,
        duration,
        log.entries(),
        null,
        details,
        d.fix());
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
      log.note(
          "permessage-deflate agreed (offer "
              + (a.offerIndex() + 1)
              + ", '"
              + a.response()
              + "'): "
              + a.agreement());
      for (String missing : a.notHonoured()) log.note("permessage-deflate: " + missing);
    } else if (n instanceof Negotiation.Declined) {
      log.note("permessage-deflate offered, not accepted: the server declined every offer");
    } else if (n instanceof Negotiation.Invalid bad) {
      log.note("permessage-deflate response rejected: " + bad.reason());
    }
    return n;
  }

  /**
   * A case that judges the peer's echo itself, against a peer that does not echo: NOT APPLICABLE
   * with the reason, and no connection opened.
   */
  private static CaseResult notApplicable(
      ConformanceCase c,
      RunSettings s,
      PeerNeeds.Rule need,
      Instant started,
      long t0,
      WireLog log) {
    Peer p = s.peer();
    String why =
        "not applicable to this peer (peer="
            + p.model().word()
            + "): the case needs an echo, "
            + need.why()
            + "; no connection opened";
    log.note(why);
    Judgement j = new Judgement(Behavior.NOT_APPLICABLE, BehaviorClose.INFORMATIONAL, why, why);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("peer", p.model().word());
    details.put("peerNeed", need.need().word());
    details.put("adaptation", "not applicable: " + need.why());
    return new CaseResult(
        c,
        j,
        Outcome.SKIPPED,
        why,
        null,
        List.of(),
        null,
        null,
        null,
        started,
        elapsed(t0),
        log.entries(),
        null,
        details);
  }

  private static boolean isAutobahnStyle(ConformanceCase c) {
    return c.origin() == Origin.AUTOBAHN;
  }

  private static FailOn level(RunSettings s) {
    return FailOn.of(s.strict());
  }

  private static long elapsed(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static String abbreviate(String s) {
    String t = s.replace("\r", "\\r").replace("\n", "\\n");
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
  }

  static CaseResult error(
      ConformanceCase c,
      RunSettings s,
      String why,
      UpgradeRequest req,
      Instant started,
      long t0,
      WireLog log) {
    Judgement j = new Judgement(Behavior.ERROR, BehaviorClose.ERROR, why, why);
    return new CaseResult(
        c,
        j,
        Outcome.ERROR,
        why,
        null,
        List.of(),
        null,
        req == null ? null : req.head(),
        null,
        started,
        elapsed(t0),
        log.entries(),
        why,
        Map.of());
  }

  /** Why a target could not be reached, in words that say what to do. */
  public static final class Unreachable {
    private Unreachable() {}

    public static String describe(Endpoint e, Throwable ex) {
      String where = e.host() + ":" + e.port();
      if (ex instanceof UnknownHostException) {
        return "cannot resolve host '" + e.host() + "': check the URL's host name";
      }
      if (ex instanceof ConnectException) {
        return "connection refused by "
            + where
            + ": is the target running and listening on that port?";
      }
      if (ex instanceof SocketTimeoutException) {
        return "no TCP connection to "
            + where
            + " within the connect timeout: is the host up and the port open?";
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
      return ex instanceof UnknownHostException
          || ex instanceof ConnectException
          || ex instanceof SocketTimeoutException
          || ex instanceof NoRouteToHostException;
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
