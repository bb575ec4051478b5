package org.wsconform.judge;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wsconform.verdict.Behavior;
import org.wsconform.verdict.BehaviorClose;
import org.wsconform.wire.Violation;

/**
 * "How to fix": for a case that did not pass, what usually causes what broke and what to change, in
 * one or two sentences. Derived from what broke (the rule a server frame violated, the handshake's
 * problem, the close verdict), not from the case id, so that every case that can fail gets advice
 * and a new case gets it without an entry here; {@link #forTopic} is the fallback by the case's
 * group when nothing more specific is known.
 */
public final class FixAdvice {
  private FixAdvice() {}

  /** Advice for a violated framing rule, by its kind. */
  public static String forViolation(Violation.Kind kind) {
    return switch (kind) {
      case RSV_WITHOUT_EXTENSION ->
          "The server sent a frame with an RSV bit set that no"
              + " negotiated extension defines: set RSV1 only on compressed messages after"
              + " permessage-deflate was agreed, and never RSV2/RSV3.";
      case RESERVED_OPCODE ->
          "The server sent a reserved opcode: send only text, binary,"
              + " continuation, close, ping and pong frames.";
      case FRAGMENTED_CONTROL ->
          "The server fragmented a control frame: send close, ping and"
              + " pong with FIN set, in one frame.";
      case CONTROL_TOO_LONG ->
          "The server sent a control frame (close, ping or pong) with more"
              + " than 125 octets of payload: cap close reasons at 123 octets and fail a ping that is"
              + " too long instead of answering it.";
      case MASKED_SERVER_FRAME ->
          "The server masked a frame: a server must never mask; turn off"
              + " client-mode masking in the server's frame writer.";
      case UNMASKED_CLIENT_FRAME -> "The peer sent an unmasked frame where masking is required.";
      case NON_MINIMAL_LENGTH ->
          "The server encoded a payload length in more octets than needed:"
              + " use the 7-bit form up to 125, the 16-bit form up to 65535, the 64-bit form above.";
      case LENGTH_TOP_BIT ->
          "The server sent a 64-bit length with the top bit set: the length"
              + " must be below 2^63.";
      case FRAME_TOO_LARGE, MESSAGE_TOO_LARGE ->
          "The server sent more than the harness accepts"
              + " in one frame or message: echo what was sent, no larger.";
      case CLOSE_PAYLOAD_ONE_OCTET ->
          "The server sent a close frame with a 1-octet payload: send"
              + " either no payload or a 2-octet code (plus a UTF-8 reason).";
      case INVALID_CLOSE_CODE ->
          "The server sent (or echoed) a close code that may not be sent"
              + " on the wire: when the peer's close code is invalid, fail with 1002 instead of"
              + " echoing it; send only 1000-1003, 1007-1014 or 3000-4999.";
      case INVALID_CLOSE_REASON ->
          "The server sent (or echoed) a close reason that is not valid"
              + " UTF-8: fail with 1007 when the peer's reason is invalid, never echo it.";
      case COMPRESSED_CONTROL, COMPRESSED_CONTINUATION ->
          "The server set RSV1 on a control or"
              + " continuation frame: with permessage-deflate only the first frame of a data message"
              + " carries RSV1.";
      case CONTINUATION_WITHOUT_MESSAGE, DATA_FRAME_INSIDE_MESSAGE ->
          "The server interleaved"
              + " its own messages' frames: finish one fragmented message before starting the next.";
      case INVALID_UTF8_TEXT ->
          "The server sent a text message that is not valid UTF-8: send"
              + " text only as valid UTF-8 and fail an invalid incoming message with 1007 instead of"
              + " echoing it.";
      case BAD_COMPRESSED_DATA ->
          "The server sent compressed data the harness cannot inflate"
              + " under the agreed parameters: check the deflate window and context takeover you"
              + " agreed to.";
    };
  }

  /** Advice for a handshake the verdict blames, from the problem its reason names. */
  public static String forHandshake(String reason) {
    String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    if (r.contains("permessage-deflate") || r.contains("sec-websocket-extensions")) {
      return "The server's permessage-deflate answer breaks RFC 7692 §7: accept only the"
          + " parameters and values the RFC allows (window bits 8-15, no duplicates), decline an"
          + " offer you cannot honour, and never name a parameter the client did not offer.";
    }
    if (r.contains("switched protocols for a request it must refuse")) {
      return "The server upgraded a request it must refuse: before answering 101, check the"
          + " method, HTTP/1.1, Host, the Upgrade and Connection tokens, Sec-WebSocket-Version 13"
          + " and a Sec-WebSocket-Key that is one base64 value of 16 octets; answer 400 (426 for"
          + " a version) otherwise.";
    }
    if (r.contains("refuses a request") || r.contains("expected 101")) {
      return "The server refused a valid upgrade request: compare the Upgrade and Connection"
          + " tokens case-insensitively (RFC 6455 §4.2.1: 'websocket' in any case), accept a"
          + " Connection list that contains Upgrade, and tolerate optional headers.";
    }
    if (r.contains("no http response")) {
      return "The server did not answer the upgrade request: answer every request with a status"
          + " line, 101 or an error, instead of closing or hanging.";
    }
    return "The server's answer to the opening handshake breaks RFC 6455 §4: refuse the requests"
        + " the RFC says to refuse with a 4xx status, upgrade the valid ones with a correct 101.";
  }

  /** Advice for a close verdict that is not OK, from the close state. */
  public static String forClose(BehaviorClose bc, CloseState cs) {
    if (bc == BehaviorClose.WRONG_CODE) {
      return "The server closed with a code the case does not accept: echo the peer's valid code"
          + " (1000 when none), fail protocol errors with 1002 and invalid UTF-8 with 1007.";
    }
    if (cs != null && cs.closedByMe() && cs.remoteCloseCode() == null) {
      return "The server never answered the harness's Close frame: reply to a Close with a Close"
          + " (in a Worker: a 'close' listener calling close(), or a compatibility date with"
          + " web_socket_auto_reply_to_close) and then close TCP.";
    }
    if (bc == BehaviorClose.FAILED) {
      return "The wrong side ended the connection first: when the peer breaks a rule, fail the"
          + " connection yourself (close frame, then TCP); otherwise wait for the peer's Close.";
    }
    return "The server did not finish the close handshake cleanly: answer a Close with a Close"
        + " and close TCP promptly after it.";
  }

  /** The most specific advice the evidence gives, or null when only the topic can say something. */
  static String of(HandshakeVerdict hv, Judgement j, SessionEvidence s) {
    String advice = forServer(hv, j, s);
    // the advice is written for a server under test; a client under test broke the same rule
    return advice != null && s != null && s.harnessServed()
        ? advice.replace("The server", "The client").replace("the server", "the client")
        : advice;
  }

  private static String forServer(HandshakeVerdict hv, Judgement j, SessionEvidence s) {
    boolean behaviorBad = j.behavior() == Behavior.FAILED || j.behavior() == Behavior.NON_STRICT;
    if (behaviorBad && hv.behavior() != Behavior.OK && hv.reason() != null) {
      return forHandshake(hv.reason());
    }
    if (s != null && !s.serverViolations().isEmpty()) {
      return forViolation(s.serverViolations().get(0).kind());
    }
    if (behaviorBad && s != null && binaryEchoedAsText(s, j)) {
      return "A binary message came back as text: echo binary as binary (in a Worker, event.data"
          + " is a Blob from compatibility date 2026-03-17: set server.binaryType = 'arraybuffer'"
          + " or send await event.data.arrayBuffer(), never the Blob itself).";
    }
    if (behaviorBad) return null;
    if (j.behaviorClose() != BehaviorClose.OK
        && j.behaviorClose() != BehaviorClose.INFORMATIONAL
        && s != null) {
      return forClose(j.behaviorClose(), s.close());
    }
    if (j.behavior() == Behavior.UNIMPLEMENTED) {
      return "The server declined an optional feature the case needs (permessage-deflate with"
          + " these parameters): enable it if you want these cases to run.";
    }
    return null;
  }

  /** Whether a binary message sent was answered as text (a common echo bug, not a framing one). */
  private static boolean binaryEchoedAsText(SessionEvidence s, Judgement j) {
    boolean sentBinary =
        s.expectation().outcomes().values().stream()
            .flatMap(List::stream)
            .anyMatch(e -> e.type() == Event.Type.MESSAGE && e.binary());
    boolean gotText =
        s.received().stream().anyMatch(e -> e.type() == Event.Type.MESSAGE && !e.binary());
    if (sentBinary && gotText) return true;
    // self-judged cases (9.*, 12.*, 13.*) keep counts, not events: their result names the type
    String r = j.result() == null ? "" : j.result();
    return r.contains("but got text") || r.contains("got binary False, expected binary True");
  }

  private static final Map<String, String> TOPICS =
      Map.ofEntries(
          Map.entry(
              "1",
              "The echo differs from what was sent: echo every message whole and unchanged, text"
                  + " as text and binary as binary (a Worker must not send a Blob: set"
                  + " binaryType to 'arraybuffer' or send the ArrayBuffer)."),
          Map.entry(
              "2",
              "Answer each Ping with a Pong carrying the same payload, and fail (1002) a ping"
                  + " over 125 octets; do not disable the library's automatic pong."),
          Map.entry(
              "3",
              "Fail the connection with 1002 when a frame has RSV bits no negotiated extension"
                  + " defines, instead of processing or echoing it."),
          Map.entry(
              "4",
              "Fail the connection with 1002 on a reserved opcode (3-7, 11-15), instead of"
                  + " ignoring the frame."),
          Map.entry(
              "5",
              "Reassemble fragmented messages (control frames may come between fragments) and"
                  + " fail with 1002 on a continuation without a message or a fragmented control"
                  + " frame."),
          Map.entry(
              "6",
              "Validate incoming text as UTF-8 and fail the connection with 1007 on invalid"
                  + " data; do not replace invalid sequences with U+FFFD or echo them."),
          Map.entry(
              "7",
              "Answer a Close with a Close echoing its valid code; fail with 1002 on an invalid"
                  + " close code or a 1-octet payload and with 1007 on an invalid UTF-8 reason;"
                  + " send nothing after a Close."),
          Map.entry(
              "9",
              "Accept and echo messages and frames of the sizes the case sends, or declare your"
                  + " smaller limit in the profile (limit.message=) so the run judges it."),
          Map.entry("10", "Echo a message whatever fragment sizes it arrives in, as one message."),
          Map.entry(
              "12",
              "Compress and decompress permessage-deflate messages exactly (RFC 7692): the"
                  + " echo must inflate to what was sent."),
          Map.entry(
              "13",
              "Honour the permessage-deflate parameters agreed in the handshake (window bits,"
                  + " context takeover) and inflate what was sent under them."),
          Map.entry(
              "H",
              "Validate the opening handshake as RFC 6455 §4.2.1 says: refuse invalid requests"
                  + " with 400 (426 for an unsupported version), upgrade valid ones whatever the"
                  + " case of their tokens."),
          Map.entry(
              "R",
              "Answer a valid upgrade with a correct 101: Upgrade: websocket, Connection: Upgrade"
                  + " and the right Sec-WebSocket-Accept, no extension or subprotocol not"
                  + " offered."),
          Map.entry(
              "F",
              "Follow RFC 6455 §5 framing: fail with 1002 on unmasked client frames, reserved"
                  + " bits or opcodes, and control frames over 125 octets; send only minimal,"
                  + " unmasked frames."),
          Map.entry(
              "C",
              "Follow RFC 6455 §7 closing: echo a valid code, fail invalid codes (1002) and"
                  + " reasons (1007), send nothing after Close, close TCP after the handshake."),
          Map.entry(
              "L",
              "Enforce the limit the profile declares (limit.message=) by failing with 1009, and"
                  + " accept everything below it."),
          Map.entry(
              "X",
              "Negotiate permessage-deflate per RFC 7692 §7: accept only valid parameters, answer"
                  + " with what you will honour, then honour it (window, context takeover, RSV1"
                  + " only on data messages)."));

  /** The fallback by the case's group, for every case that can fail. */
  public static String forTopic(String caseId) {
    int dot = caseId.indexOf('.');
    String group = dot < 0 ? caseId : caseId.substring(0, dot);
    String t = TOPICS.get(group);
    return t != null
        ? t
        : "Compare the case's expected and observed events in the report and change the server"
            + " so that it behaves as the expectation says.";
  }

  /** For a case the harness could not run: not the target's failure, but still something to do. */
  public static String forError() {
    return "The harness could not run this case (an ERROR is not the target's fault): check the"
        + " target is reachable and answers the canonical handshake (see H.*, R.*), then rerun.";
  }
}
