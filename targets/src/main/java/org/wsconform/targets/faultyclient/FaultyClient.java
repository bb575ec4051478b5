package org.wsconform.targets.faultyclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A WebSocket client on raw sockets, conformant by default, with one switch ({@link Fault}) per
 * rule the client checks (CA.*, CM.*, CC.*, CX.*) test: each switch breaks exactly that rule, so a
 * test can show the case catches it. An echo client as Autobahn's drivers are: text as text, binary
 * as binary, permessage-deflate offered ({@code client_max_window_bits} too, unless told not to).
 *
 * <p>Driver (fuzzing-server protocol): {@code FaultyClient ws://127.0.0.1:9001 AGENT [CASES]
 * [FAULT,...]} runs /getCaseCount, each case (all, or the comma-separated numbers), then
 * /updateReports.
 */
public final class FaultyClient {

  /** One broken client rule each. */
  public enum Fault {
    /** Takes a wrong or missing Sec-WebSocket-Accept (RFC 6455 §4.1, requirement 4). */
    IGNORES_ACCEPT,
    /** Takes a missing or wrong Upgrade header (requirement 2). */
    IGNORES_UPGRADE,
    /** Takes a missing or wrong Connection header (requirement 3). */
    IGNORES_CONNECTION,
    /** Takes any status as 101 (requirement 1). */
    IGNORES_STATUS,
    /** Ignores extensions it does not know in the 101 (requirement 5). */
    ACCEPTS_UNOFFERED_EXTENSION,
    /** Ignores Sec-WebSocket-Protocol in the 101 (requirement 6). */
    ACCEPTS_UNOFFERED_SUBPROTOCOL,
    /** Takes client_max_window_bits in the response although it did not offer it (RFC 7692). */
    ACCEPTS_UNOFFERED_WINDOW_BITS,
    /** Takes unknown, repeated or out-of-range permessage-deflate parameters (RFC 7692 §7). */
    LAX_DEFLATE_PARAMETERS,
    /** Assumes the whole 101 arrives in one read. */
    READS_101_IN_ONE_READ,
    /** Header names and the Upgrade/Connection values compared case-sensitively. */
    CASE_SENSITIVE_HEADERS,
    /** Binary frames go out unmasked (RFC 6455 §5.1). */
    UNMASKED_BINARY,
    /** Every masking key used for two frames in a row (RFC 6455 §5.3). */
    REPEATED_MASK_KEY,
    /** Masking keys from a counter (RFC 6455 §5.3). */
    COUNTER_MASK_KEYS,
    /** Masking key 0 on every frame (RFC 6455 §5.3). */
    ZERO_MASK_KEY,
    /** Takes masked server frames like any other (RFC 6455 §5.1). */
    IGNORES_MASKED_SERVER_FRAMES,
    /** Closes TCP right after answering the server's Close (RFC 6455 §7.1.1). */
    CLOSES_TCP_FIRST,
    /** Answers every Close with 1000 whatever the server's code (RFC 6455 §5.5.1). */
    CLOSE_REPLY_1000,
    /** Keeps its compressor's context after client_no_context_takeover (RFC 7692 §7.1.1.2). */
    IGNORES_CLIENT_NO_CONTEXT_TAKEOVER,
    /** Compresses with a 2^15 window after client_max_window_bits=N (RFC 7692 §7.1.2.2). */
    IGNORES_CLIENT_MAX_WINDOW_BITS
  }

  private final Set<Fault> faults;
  private final Duration deadline;
  private final ClientHandshake handshake;

  /**
   * @param offerWindowBits offer {@code permessage-deflate; client_max_window_bits} (else plain)
   * @param deadline the longest one connection may last
   */
  public FaultyClient(Set<Fault> faults, boolean offerWindowBits, Duration deadline) {
    this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
    this.deadline = deadline;
    this.handshake = new ClientHandshake(this.faults, offerWindowBits);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: FaultyClient ws://HOST:PORT AGENT [CASES|all] [FAULT,...]");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    String agent = args[1];
    Set<Fault> faults = EnumSet.noneOf(Fault.class);
    if (args.length > 3 && !args[3].isBlank()) {
      for (String f : args[3].split(",")) {
        try {
          faults.add(Fault.valueOf(f.trim()));
        } catch (IllegalArgumentException e) {
          System.err.println(
              "FaultyClient: unknown switch '"
                  + f.trim()
                  + "'; the switches are "
                  + java.util.Arrays.toString(Fault.values()));
          System.exit(2);
        }
      }
    }
    if (!faults.isEmpty()) System.err.println("FaultyClient: switches " + faults);
    FaultyClient c = new FaultyClient(faults, true, Duration.ofSeconds(60));
    List<Integer> cases = new ArrayList<>();
    if (args.length > 2 && !args[2].isBlank() && !args[2].equals("all")) {
      for (String n : args[2].split(",")) cases.add(Integer.parseInt(n.trim()));
    } else {
      int count =
          Integer.parseInt(
              new FaultyClient(Set.of(), false, c.deadline).first(base, "/getCaseCount"));
      for (int i = 1; i <= count; i++) cases.add(i);
    }
    for (int n : cases) {
      try {
        c.runCase(base, n, agent);
      } catch (IOException | RuntimeException e) {
        System.err.println("case " + n + ": " + e);
      }
    }
    new FaultyClient(Set.of(), false, c.deadline)
        .connect(base, "/updateReports?agent=" + agent, null);
  }

  /** Runs case {@code n}: connects to /runCase and echoes until the connection ends. */
  public void runCase(URI base, int n, String agent) throws IOException {
    connect(base, "/runCase?case=" + n + "&agent=" + agent, null);
  }

  /** The first text message at {@code path} (e.g. /getCaseCount). */
  public String first(URI base, String path) throws IOException {
    StringBuilder sb = new StringBuilder();
    connect(base, path, sb);
    return sb.toString();
  }

  /** One connection: the handshake, then echo (or, with {@code firstText}, keep the first text). */
  private void connect(URI base, String path, StringBuilder firstText) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
      s.setSoTimeout((int) deadline.toMillis());
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      String key = ClientHandshake.key();
      out.write(handshake.request(base, path, key));
      out.flush();
      ClientHandshake.Head head = handshake.readHead(in);
      if (head == null) return; // incomplete: fail the connection (close TCP)
      ClientDeflate deflate;
      try {
        deflate = handshake.check(head, key);
      } catch (IllegalStateException failTheConnection) {
        System.err.println("failing the connection: " + failTheConnection.getMessage());
        return;
      }
      new Connection(faults, new PushbackInput(head.leftover(), in), out, deflate, firstText, s)
          .run();
    } catch (SocketTimeoutException e) {
      System.err.println("deadline: " + e);
    }
  }
}
