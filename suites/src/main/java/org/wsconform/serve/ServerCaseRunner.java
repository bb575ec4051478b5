package org.wsconform.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.deflate.DeflateAccept;
import org.wsconform.judge.CaseVerdict;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Expectation;
import org.wsconform.judge.HandshakeVerdict;
import org.wsconform.judge.Judgement;
import org.wsconform.judge.SessionEvidence;
import org.wsconform.run.CaseResult;
import org.wsconform.session.PeerModel;
import org.wsconform.session.Role;
import org.wsconform.session.SessionDriver;
import org.wsconform.session.SessionOutcome;
import org.wsconform.session.SessionSettings;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.verdict.Gate.FailOn;
import org.wsconform.verdict.Outcome;
import org.wsconform.wire.RequestHead;
import org.wsconform.wire.WireConnection;
import org.wsconform.wire.WireLog;

/**
 * Runs one case with the harness as the server, on a connection whose client has just sent its
 * opening request: the 101 the case chose, then the case's script with {@link Role#SERVER} (frames
 * unmasked, the client's frames required masked), then the same verdict pipeline as a server run.
 * Never throws for anything the client does.
 */
public final class ServerCaseRunner {
  private ServerCaseRunner() {}

  /**
   * @param log the connection's wire log, holding the request already
   * @param received when the request had been read (the case's duration counts from then)
   */
  public static CaseResult run(
      ClientCase cc,
      WireConnection conn,
      RequestHead req,
      ClientHistory history,
      WireLog log,
      SessionSettings settings,
      FailOn level,
      Instant received) {
    ConformanceCase c = cc.testCase();
    long t0 = System.nanoTime();
    Optional<String> key = req.header("Sec-WebSocket-Key");
    if (key.isEmpty() || key.get().isBlank()) {
      String why =
          "expected a Sec-WebSocket-Key header in the client's opening request, observed none:"
              + " the harness cannot answer 101 without it (RFC 6455 §4.1, item 7)";
      return refuse(cc, conn, req, log, level, received, t0, why);
    }
    HandshakeVerdict hv;
    try {
      hv = cc.server().request().apply(req, history);
    } catch (RuntimeException e) {
      conn.close();
      return error(c, "harness fault in the request check: " + e, req, null, received, t0, log);
    }
    if (!hv.openSession())
      return notApplicable(cc, conn, req, key.get().trim(), hv, log, settings, level, received, t0);
    Optional<DeflateAccept.Accepted> deflate =
        cc.server().deflate().isEmpty()
            ? Optional.empty()
            : DeflateAccept.choose(req.all("Sec-WebSocket-Extensions"), cc.server().deflate());
    deflate.ifPresent(
        a ->
            log.note(
                "permessage-deflate agreed (offer " + (a.offerIndex() + 1) + "): " + a.response()));
    UpgradeAnswer answer =
        cc.server()
            .answer()
            .apply(
                req,
                UpgradeAnswer.switching(
                    key.get().trim(), deflate.map(DeflateAccept.Accepted::response).orElse(null)));
    if (!SWITCHING.matcher(answer.statusLine()).lookingAt()) {
      return notSwitching(c, conn, req, answer, log, settings, level, received, t0);
    }
    try {
      conn.write(answer.toBytes(), answer.chunkSize(), answer.chunkSize() > 0);
    } catch (IOException e) {
      log.note("the 101 could not be written: " + e);
    }
    SessionDriver f = new SessionDriver(conn, log, settings, Role.SERVER, PeerModel.ECHO);
    deflate.ifPresent(a -> f.negotiated(a.agreement()));
    if (deflate.isEmpty() && !cc.server().deflate().isEmpty()) {
      f.declined(DeflateAccept.whyNone(req.all("Sec-WebSocket-Extensions"), cc.server().deflate()));
    }
    long opened = System.nanoTime();
    f.start(c.onOpen(), req.leftover());
    SessionOutcome out;
    try {
      out = f.awaitEnd(c.deadlineSeconds() * settings.timeScale());
    } catch (SessionDriver.Unfinished e) {
      conn.close();
      return error(c, e.getMessage(), req, answer.head(), received, t0, log);
    }
    Expectation exp = f.expectation();
    if (exp == null) {
      return error(
          c,
          "harness fault: case " + c.id() + " set no expectation",
          req,
          answer.head(),
          received,
          t0,
          log);
    }
    CaseVerdict.Decision d =
        CaseVerdict.decide(
            hv,
            c.origin() == Origin.AUTOBAHN,
            new SessionEvidence(
                exp, out.received(), out.close(), out.selfVerdict(), out.serverViolations(), true),
            c.overrides(),
            c.rfc(),
            level);
    return new CaseResult(
        c,
        d.judgement(),
        d.outcome(),
        d.reason(),
        exp,
        out.received(),
        out.close(),
        req.raw(),
        answer.head(),
        received,
        (System.nanoTime() - opened) / 1_000_000,
        log.entries(),
        null,
        Map.of(),
        d.fix());
  }

  /**
   * The case does not apply to this client (its request lacks what the case needs): the canonical
   * 101 so the client's driver goes on, a normal close, and the request check's verdict alone.
   */
  private static CaseResult notApplicable(
      ClientCase cc,
      WireConnection conn,
      RequestHead req,
      String key,
      HandshakeVerdict hv,
      WireLog log,
      SessionSettings settings,
      FailOn level,
      Instant received,
      long t0) {
    ConformanceCase c = cc.testCase();
    log.note("the case does not apply to this client: " + hv.reason());
    UpgradeAnswer answer = UpgradeAnswer.switching(key, null);
    try {
      conn.write(answer.toBytes(), 0, false);
    } catch (IOException e) {
      log.note("the 101 could not be written: " + e);
    }
    SessionDriver f = new SessionDriver(conn, log, settings, Role.SERVER, PeerModel.ECHO);
    f.start(
        s -> {
          s.expect(Expectation.selfJudged(CloseExpectation.byMe(1000)));
          s.sendClose(1000, null);
        },
        req.leftover());
    try {
      f.awaitEnd(c.deadlineSeconds() * settings.timeScale());
    } catch (SessionDriver.Unfinished e) {
      conn.close();
    }
    CaseVerdict.Decision d = CaseVerdict.decide(hv, false, null, c.overrides(), c.rfc(), level);
    return new CaseResult(
        c,
        d.judgement(),
        d.outcome(),
        d.reason(),
        null,
        List.of(),
        null,
        req.raw(),
        answer.head(),
        received,
        (System.nanoTime() - t0) / 1_000_000,
        log.entries(),
        null,
        Map.of(),
        d.fix());
  }

  private static final Pattern SWITCHING = Pattern.compile("HTTP/1\\.[01] 101\\b");
  private static final Pattern HTTP_REQUEST =
      Pattern.compile("[A-Z]+ \\S+ HTTP/1\\.[01]\r\n", Pattern.DOTALL);

  /**
   * An answer other than 101 (CA.7's 200, CA.8's 302): the connection stays HTTP, so no WebSocket
   * session runs on it. RFC 6455 §4.1 has the client handle such a response "per HTTP procedures":
   * closing TCP, keeping the connection for another request, or sending one on it (following the
   * 302) are all that. What it must not do is speak WebSocket: the harness sends one unmasked text
   * frame after the answer, and any octets back that are not an HTTP request (its echo, a Close)
   * mean the client took the answer as an upgrade. Reading raw octets, not frames, keeps the
   * verdict the same whichever of those the client does and whenever it does it.
   */
  private static CaseResult notSwitching(
      ConformanceCase c,
      WireConnection conn,
      RequestHead req,
      UpgradeAnswer answer,
      WireLog log,
      SessionSettings settings,
      FailOn level,
      Instant received,
      long t0) {
    String status = answer.statusLine();
    byte[] message = ClientAnswerCases.MESSAGE.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[2 + message.length];
    frame[0] = (byte) 0x81; // FIN, text
    frame[1] = (byte) message.length; // unmasked: the server's frame
    System.arraycopy(message, 0, frame, 2, message.length);
    java.io.ByteArrayOutputStream back = new java.io.ByteArrayOutputStream();
    back.writeBytes(req.leftover());
    boolean closed = false;
    try {
      conn.write(answer.toBytes(), answer.chunkSize(), answer.chunkSize() > 0);
      conn.write(frame, 0, false);
      long until =
          System.nanoTime()
              + (long) (ClientAnswerCases.FAIL_WAIT * settings.timeScale() * 1_000_000_000L);
      byte[] buf = new byte[8192];
      while (back.size() < 65536) {
        long left = until - System.nanoTime();
        if (left <= 0) break;
        conn.soTimeout(java.time.Duration.ofNanos(Math.max(1_000_000, left)));
        int n;
        try {
          n = conn.in().read(buf, 0, buf.length);
        } catch (java.net.SocketTimeoutException timeUp) {
          break;
        }
        if (n < 0) {
          closed = true;
          break;
        }
        back.write(buf, 0, n);
      }
    } catch (IOException e) {
      closed = true; // a reset: the client dropped the connection
      log.note("the connection ended: " + e.getMessage());
    } finally {
      conn.close();
    }
    byte[] got = back.toByteArray();
    String head = new String(got, 0, Math.min(got.length, 200), StandardCharsets.ISO_8859_1);
    HandshakeVerdict hv;
    if (got.length == 0) {
      hv =
          HandshakeVerdict.ok(
              closed
                  ? "the client closed TCP after '" + status + "' without a frame"
                  : "the client kept the HTTP connection after '"
                      + status
                      + "' and sent nothing on it (HTTP keep-alive; nothing taken as WebSocket)");
    } else if (HTTP_REQUEST.matcher(head).lookingAt()) {
      hv =
          HandshakeVerdict.ok(
              "the client sent a new HTTP request on the connection after '"
                  + status
                  + "' ("
                  + head.substring(0, head.indexOf('\r'))
                  + "): it handled the answer per HTTP");
    } else {
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < Math.min(got.length, 16); i++) hex.append(String.format("%02x", got[i]));
      hv =
          HandshakeVerdict.failed(
              "expected no WebSocket frame after '"
                  + status
                  + "' (the connection was never upgraded; the client handles the answer per"
                  + " HTTP), observed "
                  + got.length
                  + " octet(s) that are not an HTTP request, starting "
                  + hex
                  + ": it took the answer as a 101 (RFC 6455 §4.1, client requirement 1)");
    }
    log.note(hv.reason());
    CaseVerdict.Decision d = CaseVerdict.decide(hv, false, null, c.overrides(), c.rfc(), level);
    return new CaseResult(
        c,
        d.judgement(),
        d.outcome(),
        d.reason(),
        null,
        List.of(),
        null,
        req.raw(),
        answer.head(),
        received,
        (System.nanoTime() - t0) / 1_000_000,
        log.entries(),
        null,
        Map.of(),
        d.fix());
  }

  /** The request cannot be upgraded: 400, and the case FAILED with the reason. */
  private static CaseResult refuse(
      ClientCase cc,
      WireConnection conn,
      RequestHead req,
      WireLog log,
      FailOn level,
      Instant received,
      long t0,
      String why) {
    byte[] answer = UpgradeAnswer.plain(400, "Bad Request", why + "\n");
    try {
      conn.write(answer, 0, false);
    } catch (IOException e) {
      log.note("the 400 could not be written: " + e);
    }
    conn.close();
    log.add(
        WireLog.Kind.DROP, "TCP dropped by me (the harness): the request was refused", null, null);
    ConformanceCase c = cc.testCase();
    CaseVerdict.Decision d =
        CaseVerdict.decide(HandshakeVerdict.failed(why), true, null, c.overrides(), c.rfc(), level);
    return new CaseResult(
        c,
        d.judgement(),
        d.outcome(),
        d.reason(),
        null,
        List.of(),
        null,
        req.raw(),
        new String(answer, StandardCharsets.ISO_8859_1),
        received,
        (System.nanoTime() - t0) / 1_000_000,
        log.entries(),
        null,
        Map.of(),
        d.fix());
  }

  /** A case the harness could not run (its own fault, or a deadline it could not enforce). */
  public static CaseResult error(
      ConformanceCase c,
      String why,
      RequestHead req,
      String response,
      Instant received,
      long t0,
      WireLog log) {
    log.note(why);
    Judgement j = new Judgement(Behavior.ERROR, BehaviorClose.ERROR, why, why);
    return new CaseResult(
        c,
        j,
        Outcome.ERROR,
        why,
        null,
        List.of(),
        null,
        req == null ? null : req.raw(),
        response,
        received,
        (System.nanoTime() - t0) / 1_000_000,
        log.entries(),
        why,
        Map.of());
  }
}
