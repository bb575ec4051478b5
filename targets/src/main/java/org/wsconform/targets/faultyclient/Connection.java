package org.wsconform.targets.faultyclient;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Set;
import java.util.zip.DataFormatException;
import org.wsconform.targets.faultyclient.FaultyClient.Fault;

/** The open connection: read frames, echo messages, answer pings and the Close. */
final class Connection {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Set<Fault> faults;
  private final InputStream in;
  private final OutputStream out;
  private final ClientDeflate deflate;
  private final StringBuilder firstText;
  private final Socket socket;
  private int lastKey = RANDOM.nextInt();
  private int sent;

  Connection(
      Set<Fault> faults,
      InputStream in,
      OutputStream out,
      ClientDeflate deflate,
      StringBuilder firstText,
      Socket s) {
    this.faults = faults;
    this.in = in;
    this.out = out;
    this.deflate = deflate;
    this.firstText = firstText;
    this.socket = s;
  }

  void run() throws IOException {
    ByteArrayOutputStream message = null;
    int messageOpcode = 0;
    boolean compressed = false;
    while (true) {
      int b0 = in.read();
      if (b0 < 0) return;
      int b1 = read();
      long len = b1 & 0x7f;
      if (len == 126) len = (read() << 8) | read();
      else if (len == 127) {
        len = 0;
        for (int i = 0; i < 8; i++) len = (len << 8) | read();
      }
      boolean masked = (b1 & 0x80) != 0;
      byte[] mask = new byte[4];
      if (masked) for (int i = 0; i < 4; i++) mask[i] = (byte) read();
      byte[] payload = in.readNBytes((int) len);
      if (payload.length < len) throw new EOFException("connection closed in a frame");
      if (masked) {
        if (!faults.contains(Fault.IGNORES_MASKED_SERVER_FRAMES)) {
          send(0x8, new byte[] {0x03, (byte) 0xea}, false); // 1002, RFC 6455 §5.1
          drain();
          return;
        }
        for (int i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
      }
      int opcode = b0 & 0x0f;
      boolean fin = (b0 & 0x80) != 0;
      switch (opcode) {
        case 0x8 -> {
          byte[] reply =
              faults.contains(Fault.CLOSE_REPLY_1000) || payload.length < 2
                  ? (payload.length < 2 ? new byte[0] : new byte[] {0x03, (byte) 0xe8})
                  : new byte[] {payload[0], payload[1]};
          send(0x8, reply, false);
          if (!faults.contains(Fault.CLOSES_TCP_FIRST)) drain();
          return;
        }
        case 0x9 -> send(0xa, payload, false);
        case 0xa -> {}
        default -> {
          if (opcode != 0) {
            message = new ByteArrayOutputStream();
            messageOpcode = opcode;
            compressed = (b0 & 0x40) != 0;
          }
          if (message == null) return;
          message.write(payload);
          if (fin) {
            byte[] m = message.toByteArray();
            message = null;
            if (compressed) {
              if (deflate == null) return; // RSV1 without an agreement: fail
              try {
                m = deflate.inflate(m);
              } catch (DataFormatException e) {
                return;
              }
            }
            if (firstText != null) {
              firstText.append(new String(m, StandardCharsets.UTF_8));
              send(0x8, new byte[] {0x03, (byte) 0xe8}, false);
              drain();
              return;
            }
            if (deflate != null) send(messageOpcode, deflate.compress(m), true);
            else send(messageOpcode, m, false);
          }
        }
      }
    }
  }

  private int read() throws IOException {
    int b = in.read();
    if (b < 0) throw new EOFException("connection closed in a frame header");
    return b;
  }

  /** After our Close: wait for the server to close TCP (RFC 6455 §7.1.1). */
  private void drain() throws IOException {
    try {
      socket.setSoTimeout(5000);
      while (in.read() >= 0) {
        // the server's answering Close, then its TCP close
      }
    } catch (IOException e) {
      // reset or timeout: either way the connection is over
    }
  }

  private void send(int opcode, byte[] payload, boolean rsv1) throws IOException {
    boolean mask = !(opcode == 0x2 && faults.contains(Fault.UNMASKED_BINARY));
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(0x80 | (rsv1 ? 0x40 : 0) | opcode);
    int m = mask ? 0x80 : 0;
    if (payload.length <= 125) f.write(m | payload.length);
    else if (payload.length <= 0xffff) {
      f.write(m | 126);
      f.write(payload.length >>> 8);
      f.write(payload.length);
    } else {
      f.write(m | 127);
      for (int s = 56; s >= 0; s -= 8) f.write((int) ((long) payload.length >>> s));
    }
    byte[] p = payload.clone();
    if (mask) {
      int key = nextKey();
      byte[] k = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
      f.write(k);
      for (int i = 0; i < p.length; i++) p[i] ^= k[i & 3];
    }
    f.write(p);
    out.write(f.toByteArray());
    out.flush();
  }

  private int nextKey() {
    int n = sent++;
    if (faults.contains(Fault.ZERO_MASK_KEY)) return 0;
    if (faults.contains(Fault.COUNTER_MASK_KEYS)) return ++lastKey;
    if (faults.contains(Fault.REPEATED_MASK_KEY) && n % 2 == 1) return lastKey;
    lastKey = RANDOM.nextInt();
    return lastKey;
  }
}
