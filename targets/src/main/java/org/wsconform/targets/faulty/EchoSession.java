package org.wsconform.targets.faulty;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection: the opening handshake, then an echo of every message until the close. Runs on its
 * own thread and is the only writer, so answers go out in the order they were caused and a ping is
 * answered the moment its frame has been read.
 */
final class EchoSession implements Runnable {

  /** Autobahn 9.1.6 / 9.2.6 send 16 MiB; the reference server allows the same 64 MiB. */
  static final int MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

  private static final int IDLE_TIMEOUT_MILLIS = 60_000;

  /** How long to read and drop what the client still sends after our FIN, before closing. */
  private static final int LINGER_MILLIS = 100;

  private static final int NO_MESSAGE = -1;

  /** {@link Fault#SLOW_CLOSER}: how long it waits before answering a Close, and for one. */
  static final int SLOW_CLOSE_MILLIS = 2_000;

  /**
   * {@link Fault#KEEPS_PROCESSING_AFTER_CLOSE}: how long it goes on after its Close, well inside
   * the harness's 1 s timers so that the closing handshake itself stays on time.
   */
  private static final int KEEP_PROCESSING_MILLIS = 300;

  /** {@link Fault#SLOW_ECHO}: how long after its message an echo goes out. */
  static final int SLOW_ECHO_MILLIS = 50;

  /** {@link Fault#SLOW_ECHO}: the echo waiting for its time, or null; and that time. */
  private LateWrite lateEcho;

  private long lateEchoDue;

  /** A write held back (its frame is already decided). */
  private interface LateWrite {
    void run() throws IOException;
  }

  /** A close frame from the client has been read (so there is none left to wait for). */
  private boolean clientClosed;

  private final Socket socket;
  private final Set<Fault> faults;
  private InputStream in;
  private FrameWriter out;
  private FrameReader frames;

  /** The message being reassembled from fragments: its opcode, bytes so far, UTF-8 state. */
  private int messageOpcode = NO_MESSAGE;

  private byte[] message = new byte[4096];
  private int messageLength;
  private Utf8Validator utf8;

  /** Whether the message being reassembled is compressed (RSV1 on its first frame, RFC 7692 §6). */
  private boolean messageCompressed;

  /** The permessage-deflate agreed in the handshake, or null. */
  private PermessageDeflate deflate;

  /** Answers only the dialogue request instead of echoing ({@link FaultyServer#start}). */
  private final boolean dialogue;

  EchoSession(Socket socket, Set<Fault> faults, boolean dialogue) {
    this.socket = socket;
    this.faults = faults;
    this.dialogue = dialogue;
  }

  @Override
  public void run() {
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      var rawOut = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      OpeningHandshake.Answer answer = OpeningHandshake.answer(in, faults);
      rawOut.write(answer.bytes());
      rawOut.flush();
      if (!answer.upgraded()) {
        closeTcp(false);
        return;
      }
      out = new FrameWriter(rawOut);
      frames = new FrameReader(in);
      deflate = answer.deflate();
      try {
        echoUntilClosed();
      } catch (FailTheConnection failure) {
        lateEcho = null; // the application's send comes after the failure: it is lost
        out.close(failure.code());
        if (faults.contains(Fault.KEEPS_PROCESSING_AFTER_CLOSE) && !clientClosed) {
          messageOpcode = NO_MESSAGE;
          keepProcessing(KEEP_PROCESSING_MILLIS);
          return;
        }
        if (faults.contains(Fault.SLOW_CLOSER) && !clientClosed) {
          awaitClientClose(SLOW_CLOSE_MILLIS);
        }
        closeTcp(faults.contains(Fault.SERVER_KEEPS_TCP_OPEN));
      }
    } catch (IOException e) {
      // The client went away, stayed idle too long, or the server is closing: nobody to tell.
    } finally {
      if (deflate != null) {
        deflate.end();
      }
    }
  }

  private void echoUntilClosed() throws IOException, FailTheConnection {
    FrameReader.Header frame;
    while (echoLateUnlessInput() && (frame = frames.next()) != null) {
      if (!frame.masked() && !faults.contains(Fault.UNMASKED_ACCEPTED)) {
        throw protocolError("client frame not masked (5.1)");
      }
      if (frame.rsv() != 0 && !faults.contains(Fault.RSV_IGNORED)) {
        checkRsv(frame);
      }
      if (Opcode.isReserved(frame.opcode())) {
        if (!faults.contains(Fault.RESERVED_OPCODE_IGNORED)) {
          throw protocolError("reserved opcode " + frame.opcode() + " (5.2)");
        }
        frames.skipPayload();
      } else if (Opcode.isControl(frame.opcode())) {
        if (onControl(frame)) {
          return;
        }
      } else {
        onData(frame);
      }
    }
  }

  /**
   * RFC 6455 §5.2: RSV bits only with an extension that defines them. permessage-deflate defines
   * RSV1 on the first frame of a data message (RFC 7692 §6); on a control frame or a continuation
   * frame it fails the connection (§6.1).
   */
  private void checkRsv(FrameReader.Header frame) throws FailTheConnection {
    if (deflate == null) {
      throw protocolError("RSV bits set without an extension (5.2)");
    }
    if (frame.rsv() != 4) {
      throw protocolError("RSV2 or RSV3 set; permessage-deflate defines only RSV1 (5.2)");
    }
    if (Opcode.isControl(frame.opcode())) {
      throw protocolError("RSV1 on a control frame (RFC 7692 6.1)");
    }
    if (frame.opcode() == Opcode.CONTINUATION
        && !faults.contains(Fault.ACCEPTS_RSV1_ON_CONTINUATION)) {
      throw protocolError("RSV1 on a continuation frame (RFC 7692 6.1)");
    }
  }

  /** True when the frame was a close and the connection is done. */
  private boolean onControl(FrameReader.Header frame) throws IOException, FailTheConnection {
    if (frame.length() > 125) {
      throw protocolError("control frame payload longer than 125 (5.5)");
    }
    boolean answerAnyway =
        frame.opcode() == Opcode.PING && faults.contains(Fault.FRAGMENTED_PING_ANSWERED);
    if (!frame.fin() && !answerAnyway) {
      throw protocolError("fragmented control frame (5.5)");
    }
    byte[] payload = frames.readPayload();
    switch (frame.opcode()) {
      case Opcode.PING -> pong(payload);
      case Opcode.CLOSE -> {
        onClose(payload);
        return true;
      }
      default -> {
        // An unsolicited pong needs no answer (5.5.3).
      }
    }
    return false;
  }

  private void pong(byte[] payload) throws IOException {
    sendLateEcho();
    if (faults.contains(Fault.PONG_WRONG_PAYLOAD)) {
      if (payload.length == 0) {
        payload = new byte[] {'x'};
      } else {
        payload[0] ^= 0x01;
      }
    }
    out.write(Opcode.PONG, payload, payload.length);
  }

  /** §5.5.1 and §7.1.5: check the close the client sent, answer it, and close TCP ourselves. */
  private void onClose(byte[] payload) throws IOException, FailTheConnection {
    clientClosed = true;
    if (faults.contains(Fault.SLOW_CLOSER)) {
      dropFor(SLOW_CLOSE_MILLIS);
    }
    if (faults.contains(Fault.NO_CLOSE_REPLY)) {
      dropUntilClientCloses(IDLE_TIMEOUT_MILLIS);
      return;
    }
    int code = CloseStatus.NORMAL;
    if (payload.length == 1 && !faults.contains(Fault.ONE_OCTET_CLOSE_ACCEPTED)) {
      throw protocolError("close payload of 1 byte (5.5.1)");
    }
    if (payload.length >= 2) {
      code = (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
      if (!CloseStatus.isValid(code) && !faults.contains(Fault.INVALID_CLOSE_CODE_ECHOED)) {
        throw protocolError("invalid close code " + code + " (7.4)");
      }
      if (code >= 1012 && code <= 1014 && faults.contains(Fault.REGISTERED_CODES_REJECTED)) {
        throw protocolError("close code " + code + " taken for unassigned (7.4.2)");
      }
      if (!Utf8Validator.isValid(payload, 2, payload.length - 2)
          && !faults.contains(Fault.CLOSE_REASON_NOT_VALIDATED)) {
        throw invalidPayload("close reason not UTF-8 (5.5.1)");
      }
    }
    sendLateEcho();
    out.close(code);
    if (faults.contains(Fault.KEEPS_PROCESSING_AFTER_CLOSE)) {
      keepProcessing(KEEP_PROCESSING_MILLIS);
      return;
    }
    closeTcp(faults.contains(Fault.SERVER_KEEPS_TCP_OPEN));
  }

  /**
   * {@link Fault#KEEPS_PROCESSING_AFTER_CLOSE}: the echo loop goes on after our Close, for {@code
   * millis} or until the client's Close, and then TCP is closed as usual, so that only what came
   * after our Close is handled wrongly (the closing handshake itself stays intact).
   */
  private void keepProcessing(int millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    byte[] scratch = new byte[8192];
    try {
      while (!frames.payloadDone()) { // the rest of the frame that failed
        timeoutAt(deadline);
        frames.readPayload(scratch, 0, scratch.length);
      }
      FrameReader.Header frame;
      timeoutAt(deadline);
      while ((frame = frames.next()) != null) {
        if (Opcode.isControl(frame.opcode())) {
          byte[] payload = frames.readPayload();
          if (frame.opcode() == Opcode.PING) {
            pong(payload);
          } else if (frame.opcode() == Opcode.CLOSE) {
            break;
          }
        } else if (!Opcode.isReserved(frame.opcode())) {
          onData(frame);
        } else {
          frames.skipPayload();
        }
        timeoutAt(deadline);
      }
    } catch (SocketTimeoutException | EOFException | FailTheConnection e) {
      // The time is up, TCP ended, or another violation: already closed once, nothing to add.
    }
    closeTcp(false);
  }

  private void onData(FrameReader.Header frame) throws IOException, FailTheConnection {
    if (frame.opcode() == Opcode.CONTINUATION) {
      if (messageOpcode == NO_MESSAGE) {
        if (!faults.contains(Fault.CONTINUATION_WITHOUT_START_IGNORED)) {
          throw protocolError("continuation frame with no message to continue (5.4)");
        }
        frames.skipPayload();
        return;
      }
    } else {
      if (messageOpcode != NO_MESSAGE) {
        throw protocolError("new data frame while a fragmented message is open (5.4)");
      }
      messageOpcode = frame.opcode();
      messageLength = 0;
      utf8 = new Utf8Validator();
      messageCompressed = deflate != null && (frame.rsv() & 4) != 0;
    }
    if (frame.length() > MAX_MESSAGE_SIZE - messageLength) {
      throw new FailTheConnection(CloseStatus.MESSAGE_TOO_BIG, "message larger than 64 MiB");
    }
    readIntoMessage((int) frame.length());
    if (frame.fin()) {
      echoMessage();
    }
  }

  /** Payload goes into the message as it arrives, and text is checked piece by piece (8.1). */
  private void readIntoMessage(int length) throws IOException, FailTheConnection {
    if (message.length < messageLength + length) {
      int doubled = Math.min(2 * message.length, MAX_MESSAGE_SIZE);
      message = Arrays.copyOf(message, Math.max(messageLength + length, doubled));
    }
    // compressed text is checked once inflated, as a whole
    boolean failFast =
        messageOpcode == Opcode.TEXT
            && !messageCompressed
            && !faults.contains(Fault.UTF8_NOT_VALIDATED)
            && !faults.contains(Fault.UTF8_VALIDATED_AT_MESSAGE_END);
    while (!frames.payloadDone()) {
      int n = frames.readPayload(message, messageLength, length);
      if (failFast && !utf8.accept(message, messageLength, n)) {
        throw invalidPayload("text message is not UTF-8 (8.1)");
      }
      messageLength += n;
      length -= n;
    }
  }

  private void echoMessage() throws IOException, FailTheConnection {
    byte[] message = this.message;
    int messageLength = this.messageLength;
    if (messageCompressed) {
      message = deflate.inflate(message, messageLength, MAX_MESSAGE_SIZE);
      messageLength = deflate.inflatedLength();
    }
    if (messageOpcode == Opcode.TEXT && !faults.contains(Fault.UTF8_NOT_VALIDATED)) {
      boolean valid =
          faults.contains(Fault.UTF8_VALIDATED_AT_MESSAGE_END) || messageCompressed
              ? Utf8Validator.isValid(message, 0, messageLength)
              : utf8.atBoundary();
      if (!valid) {
        throw invalidPayload(
            messageCompressed
                ? "inflated text message is not UTF-8 (8.1)"
                : "text message ends inside a code point (8.1)");
      }
    }
    if (dialogue) {
      boolean request =
          messageOpcode == Opcode.TEXT
              && new String(message, 0, messageLength, java.nio.charset.StandardCharsets.UTF_8)
                  .equals(org.wsconform.targets.ReferenceServer.DIALOGUE_REQUEST);
      messageOpcode = NO_MESSAGE;
      if (!request) return;
      message =
          org.wsconform.targets.ReferenceServer.DIALOGUE_REPLY.getBytes(
              java.nio.charset.StandardCharsets.UTF_8);
      messageLength = message.length;
      if (deflate != null) {
        byte[] compressed = deflate.compress(message, messageLength);
        out.writeCompressed(Opcode.TEXT, compressed, compressed.length);
      } else {
        out.write(Opcode.TEXT, message, messageLength);
      }
      return;
    }
    if (faults.contains(Fault.CORRUPT_LONG_ECHO) && messageLength > 1000) {
      // The last byte of valid UTF-8 is ASCII or a final continuation byte, and flipping
      // its low bit leaves it either, so a corrupted text echo is still valid UTF-8.
      message[messageLength - 1] ^= 0x01;
    }
    int opcode = messageOpcode;
    messageOpcode = NO_MESSAGE;
    LateWrite echo;
    if (deflate != null) {
      byte[] compressed = deflate.compress(message, messageLength);
      echo = () -> out.writeCompressed(opcode, compressed, compressed.length);
    } else {
      byte[] copy = Arrays.copyOf(message, messageLength);
      echo = () -> out.write(opcode, copy, copy.length);
    }
    sendLateEcho();
    if (faults.contains(Fault.SLOW_ECHO)) {
      lateEcho = echo;
      lateEchoDue = System.nanoTime() + SLOW_ECHO_MILLIS * 1_000_000L;
    } else {
      echo.run();
    }
  }

  /**
   * {@link Fault#SLOW_ECHO}: before the next frame is read, the late echo goes out at its time,
   * unless input arrives first: then that input is read first, and a bad frame there fails the
   * connection before the echo was sent. Always true (it reads as a loop condition).
   */
  private boolean echoLateUnlessInput() throws IOException {
    while (lateEcho != null && in.available() == 0) {
      long left = lateEchoDue - System.nanoTime();
      if (left <= 0) {
        sendLateEcho();
      } else {
        LockSupport.parkNanos(Math.min(left, 200_000L)); // polls for input: a target, not a test
      }
    }
    return true;
  }

  /** Any answer waits for a late echo before it: they leave in the order they were caused. */
  private void sendLateEcho() throws IOException {
    if (lateEcho == null) return;
    LateWrite echo = lateEcho;
    lateEcho = null;
    echo.run();
  }

  /** §7.4.1 1002: the client broke a framing or protocol rule. */
  private static FailTheConnection protocolError(String reason) {
    return new FailTheConnection(CloseStatus.PROTOCOL_ERROR, reason);
  }

  /** §7.4.1 1007: the bytes of a text message (or close reason) are not UTF-8. */
  private static FailTheConnection invalidPayload(String reason) {
    return new FailTheConnection(CloseStatus.INVALID_PAYLOAD, reason);
  }

  /**
   * Closes TCP after a close frame has gone out. The server closes first (§7.1.1), with a FIN
   * (shutdownOutput) rather than a reset: closing with unread input would send an RST, and the
   * client could lose our close frame. What the client still sends is read and dropped, for a
   * moment only.
   */
  private void closeTcp(boolean waitForClient) throws IOException {
    if (waitForClient) {
      dropUntilClientCloses(IDLE_TIMEOUT_MILLIS);
      return;
    }
    socket.shutdownOutput();
    dropUntilClientCloses(LINGER_MILLIS);
  }

  /**
   * {@link Fault#SLOW_CLOSER} after its own Close: reads frames until the client's Close (or the
   * end of TCP, or the deadline), skipping whatever comes first, and without shutting down its
   * output meanwhile. A header it cannot read (the failure may have left it mid-frame) ends the
   * wait like the deadline does.
   */
  private void awaitClientClose(int millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    byte[] scratch = new byte[8192];
    try {
      while (true) {
        while (!frames.payloadDone()) {
          timeoutAt(deadline);
          frames.readPayload(scratch, 0, scratch.length);
        }
        timeoutAt(deadline);
        FrameReader.Header frame = frames.next();
        if (frame == null || frame.opcode() == Opcode.CLOSE) {
          return;
        }
      }
    } catch (SocketTimeoutException | EOFException | FailTheConnection e) {
      // No Close in time, TCP ended, or nothing parseable left: close TCP ourselves.
    }
  }

  private void timeoutAt(long deadline) throws IOException {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left <= 0) {
      throw new SocketTimeoutException("slow closer's wait is over");
    }
    socket.setSoTimeout((int) left);
  }

  /**
   * {@link Fault#SLOW_CLOSER} before answering a Close: the full time, reading and dropping what
   * arrives, and idle once the client has ended its side of TCP (a half-close still gets its
   * answer).
   */
  private void dropFor(int millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    dropUntilClientCloses(millis);
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (left > 0) {
      try {
        Thread.sleep(left); // the deliberate delay itself, not a synchronisation
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void dropUntilClientCloses(int millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    byte[] scratch = new byte[8192];
    try {
      long left;
      while ((left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0) {
        socket.setSoTimeout((int) left);
        if (in.read(scratch) < 0) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      // The client kept the connection open; we close it anyway.
    }
  }
}
