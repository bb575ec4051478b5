package org.wsconform.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the peer's octet stream into frames and reports every syntax rule the peer broke as a
 * {@link Violation} value instead of throwing, so that the judge sees exactly what happened.
 *
 * <p>Hard limits: a frame declaring more than {@code maxPayload} octets is a fatal violation and
 * nothing is allocated for it; buffers only ever grow to hold octets that really arrived. A big
 * frame ({@link #DIRECT_FILL} octets or more) whose header has arrived gets a payload array of its
 * own that later octets are copied straight into, growing by doubling up to the declared length as
 * they arrive: a 16 MiB frame is then held once, not in the stream buffer and again as the payload,
 * and a header that declares 255 MiB and sends ten octets costs 64 KiB, not 255 MiB.
 *
 * <p>Feed octets with {@link #feed}; take frames with {@link #next} until it returns null.
 */
public final class FrameDecoder {
  /** Which side sent the frames: server frames must not be masked, client frames must be. */
  public enum Sender {
    SERVER,
    CLIENT
  }

  private final Sender sender;
  private final long maxPayload;
  private volatile boolean deflateNegotiated;
  private byte[] buf = new byte[8192];
  private int start;
  private int end;
  private boolean stopped;

  /**
   * The caller's octets from the last {@link #feed}, not copied while nothing else is buffered:
   * next() parses from them. The caller takes frames until next() returns null before it feeds
   * again or reuses its array (a feed while they are pending copies them first, so any order of
   * calls stays correct).
   */
  private byte[] view;

  private int viewOff;
  private int viewEnd;

  /** Where the frame parse() just returned ends in its source array. */
  private int parsedEnd;

  /** Payloads from this size on are filled in place as they arrive. */
  static final int DIRECT_FILL = 1 << 16;

  /** The big frame being filled in place, or null; its header fields follow. */
  private byte[] direct;

  private int directFilled;

  /** The big frame's declared payload length: {@link #direct} grows towards it. */
  private int directLength;

  private boolean directFin;
  private int directRsv;
  private int directOpcode;
  private boolean directMasked;
  private int directMask;
  private int directHeaderLength;
  private List<Violation> directViolations;

  public FrameDecoder(Sender sender, long maxPayload) {
    this.sender = sender;
    this.maxPayload = maxPayload;
  }

  /** After permessage-deflate is agreed, RSV1 is legal on the first frame of a data message. */
  public void deflateNegotiated(boolean on) {
    this.deflateNegotiated = on;
  }

  public void feed(byte[] b, int off, int len) {
    if (stopped || len == 0) return;
    if (view != null) absorbView();
    if (direct != null && directFilled < directLength) {
      int n = Math.min(len, directLength - directFilled);
      if (directFilled + n > direct.length) {
        direct =
            Arrays.copyOf(
                direct,
                (int)
                    Math.min(directLength, Math.max(2L * direct.length, (long) directFilled + n)));
      }
      System.arraycopy(b, off, direct, directFilled, n);
      directFilled += n;
      off += n;
      len -= n;
      if (len == 0) return;
    }
    if (start == end && direct == null) {
      // Nothing buffered: frames are parsed straight from the caller's octets by next(), and
      // only an incomplete tail is copied, so a payload costs one copy, not two.
      view = b;
      viewOff = off;
      viewEnd = off + len;
      return;
    }
    append(b, off, len);
  }

  /** Copies what next() has not parsed of the caller's octets into the stream buffer. */
  private void absorbView() {
    byte[] b = view;
    view = null;
    if (viewEnd > viewOff) append(b, viewOff, viewEnd - viewOff);
  }

  private void append(byte[] b, int off, int len) {
    if (end + len > buf.length) {
      int live = end - start;
      if (live + len <= buf.length && start > 0) {
        System.arraycopy(buf, start, buf, 0, live);
      } else {
        byte[] nb = new byte[Math.max(buf.length * 2, live + len)];
        System.arraycopy(buf, start, nb, 0, live);
        buf = nb;
      }
      start = 0;
      end = live;
    }
    System.arraycopy(b, off, buf, end, len);
    end += len;
  }

  public void feed(byte[] b) {
    feed(b, 0, b.length);
  }

  /** Octets received but not yet part of a complete frame. */
  public int buffered() {
    return end
        - start
        + (view != null ? viewEnd - viewOff : 0)
        + (direct != null ? directHeaderLength + directFilled : 0);
  }

  /** The next complete frame, or null when more octets are needed (or decoding stopped). */
  public DecodedFrame next() {
    if (stopped) return null;
    if (direct != null) {
      if (directFilled < directLength) return null;
      return finishDirect();
    }
    if (view != null) {
      DecodedFrame d = parse(view, viewOff, viewEnd, false);
      if (d != null) {
        viewOff = parsedEnd;
        if (viewOff >= viewEnd) view = null;
        return d;
      }
      if (view != null)
        absorbView(); // an incomplete frame (parse cleared the view if it went direct)
      return null;
    }
    DecodedFrame d = parse(buf, start, end, true);
    if (d != null && !stopped) {
      start = parsedEnd;
      if (start == end) {
        start = 0;
        end = 0;
        if (buf.length > (1 << 20)) buf = new byte[8192]; // give back a big frame's buffer
      }
    }
    return d;
  }

  /**
   * Parses one frame from {@code a[from, to)}: the frame with {@link #parsedEnd} set after it, a
   * fatal violation (decoding stops), or null when the frame is incomplete (a big one then goes to
   * its own array, taking the octets it has).
   */
  private DecodedFrame parse(byte[] a, int from, int to, boolean fromBuffer) {
    int avail = to - from;
    if (avail < 2) return null;
    int b0 = a[from] & 0xff;
    int b1 = a[from + 1] & 0xff;
    boolean fin = (b0 & 0x80) != 0;
    int rsv = (b0 >> 4) & 0x07;
    int opcode = b0 & 0x0f;
    boolean masked = (b1 & 0x80) != 0;
    int len7 = b1 & 0x7f;
    int hl = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (masked ? 4 : 0);
    if (avail < hl) return null;
    long length;
    int p = from + 2;
    if (len7 == 126) {
      length = ((a[p] & 0xff) << 8) | (a[p + 1] & 0xff);
      p += 2;
    } else if (len7 == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) length = (length << 8) | (a[p + i] & 0xff);
      p += 8;
    } else {
      length = len7;
    }
    List<Violation> v = new ArrayList<>(1);
    checkHeader(v, fin, rsv, opcode, masked, len7, length);
    if (len7 == 127 && (a[from + 2] & 0x80) != 0) {
      v.add(
          new Violation(
              Violation.Kind.LENGTH_TOP_BIT,
              CloseCode.PROTOCOL_ERROR,
              "64-bit payload length with the most significant bit set",
              "RFC 6455 §5.2"));
    } else if (length > maxPayload) {
      v.add(
          new Violation(
              Violation.Kind.FRAME_TOO_LARGE,
              CloseCode.MESSAGE_TOO_BIG,
              "frame declares " + length + " octets, above the harness limit of " + maxPayload,
              "RFC 6455 §10.4"));
    }
    if (v.stream().anyMatch(Violation::isFatal)) {
      stopped = true;
      view = null;
      return new DecodedFrame(null, masked, hl, length, List.copyOf(v));
    }
    int mask = 0;
    if (masked) {
      mask =
          ((a[p] & 0xff) << 24)
              | ((a[p + 1] & 0xff) << 16)
              | ((a[p + 2] & 0xff) << 8)
              | (a[p + 3] & 0xff);
      p += 4;
    }
    if (avail - hl < length) {
      if (length >= DIRECT_FILL && length <= Integer.MAX_VALUE - 8) {
        startDirect(fin, rsv, opcode, masked, mask, hl, (int) length, v, a, p, to);
        if (fromBuffer) {
          start = 0;
          end = 0;
          if (buf.length > (1 << 20)) buf = new byte[8192];
        } else {
          view = null;
        }
      }
      return null;
    }
    int n = (int) length;
    byte[] payload;
    if (masked) {
      payload = new byte[n];
      Masking.mask(mask, 0, a, p, payload, 0, n);
    } else {
      payload = Arrays.copyOfRange(a, p, p + n); // no zeroing pass before the copy
    }
    parsedEnd = p + n;
    if (opcode == Opcode.CLOSE && v.isEmpty()) checkClosePayload(v, payload);
    return new DecodedFrame(
        new Frame(fin, rsv, opcode, payload), masked, hl, length, List.copyOf(v), mask);
  }

  /**
   * Takes the big frame's payload octets that arrived ({@code a[payloadAt, to)}) into its own
   * array, to be filled in place.
   */
  private void startDirect(
      boolean fin,
      int rsv,
      int opcode,
      boolean masked,
      int mask,
      int hl,
      int length,
      List<Violation> v,
      byte[] a,
      int payloadAt,
      int to) {
    directLength = length;
    directFilled = to - payloadAt;
    direct = new byte[Math.min(length, Math.max(DIRECT_FILL, directFilled))];
    System.arraycopy(a, payloadAt, direct, 0, directFilled);
    directFin = fin;
    directRsv = rsv;
    directOpcode = opcode;
    directMasked = masked;
    directMask = mask;
    directHeaderLength = hl;
    directViolations = List.copyOf(v);
  }

  private DecodedFrame finishDirect() {
    byte[] payload = direct;
    direct = null;
    if (directMasked) Masking.mask(directMask, 0, payload, 0, payload, 0, payload.length);
    // big frames are data frames or already flagged (a control frame is at most 125 octets)
    return new DecodedFrame(
        new Frame(directFin, directRsv, directOpcode, payload),
        directMasked,
        directHeaderLength,
        payload.length,
        directViolations,
        directMask);
  }

  private void checkHeader(
      List<Violation> v, boolean fin, int rsv, int opcode, boolean masked, int len7, long length) {
    boolean control = Opcode.isControl(opcode);
    if (rsv != 0) {
      boolean rsv1Only = rsv == 4;
      if (!deflateNegotiated || !rsv1Only) {
        v.add(
            new Violation(
                Violation.Kind.RSV_WITHOUT_EXTENSION,
                CloseCode.PROTOCOL_ERROR,
                "RSV bits " + rsv + " set without a negotiated extension that defines them",
                "RFC 6455 §5.2"));
      } else if (control) {
        v.add(
            new Violation(
                Violation.Kind.COMPRESSED_CONTROL,
                CloseCode.PROTOCOL_ERROR,
                "RSV1 set on a control frame",
                "RFC 7692 §6.1"));
      } else if (opcode == Opcode.CONTINUATION) {
        v.add(
            new Violation(
                Violation.Kind.COMPRESSED_CONTINUATION,
                CloseCode.PROTOCOL_ERROR,
                "RSV1 set on a continuation frame",
                "RFC 7692 §6.1"));
      }
    }
    if (sender == Sender.SERVER && masked) {
      v.add(
          new Violation(
              Violation.Kind.MASKED_SERVER_FRAME,
              CloseCode.PROTOCOL_ERROR,
              "masked frame from the server",
              "RFC 6455 §5.1"));
    } else if (sender == Sender.CLIENT && !masked) {
      v.add(
          new Violation(
              Violation.Kind.UNMASKED_CLIENT_FRAME,
              CloseCode.PROTOCOL_ERROR,
              "unmasked frame from the client",
              "RFC 6455 §5.1"));
    }
    if (Opcode.isReserved(opcode)) {
      v.add(
          new Violation(
              Violation.Kind.RESERVED_OPCODE,
              CloseCode.PROTOCOL_ERROR,
              "reserved opcode " + opcode,
              "RFC 6455 §5.2"));
    }
    if (control && !fin) {
      v.add(
          new Violation(
              Violation.Kind.FRAGMENTED_CONTROL,
              CloseCode.PROTOCOL_ERROR,
              "fragmented control frame (" + Opcode.name(opcode) + " with FIN=0)",
              "RFC 6455 §5.5"));
    }
    if (control && length > 125) {
      v.add(
          new Violation(
              Violation.Kind.CONTROL_TOO_LONG,
              CloseCode.PROTOCOL_ERROR,
              "control frame payload of " + length + " octets (at most 125 allowed)",
              "RFC 6455 §5.5"));
    }
    if ((len7 == 126 && length < 126) || (len7 == 127 && length <= 0xFFFF && length >= 0)) {
      v.add(
          new Violation(
              Violation.Kind.NON_MINIMAL_LENGTH,
              CloseCode.PROTOCOL_ERROR,
              "length "
                  + length
                  + " not in the minimal encoding ("
                  + (len7 == 126 ? "16" : "64")
                  + "-bit)",
              "RFC 6455 §5.2"));
    }
  }

  private static void checkClosePayload(List<Violation> v, byte[] p) {
    if (p.length == 1) {
      v.add(
          new Violation(
              Violation.Kind.CLOSE_PAYLOAD_ONE_OCTET,
              CloseCode.PROTOCOL_ERROR,
              "close frame with a 1-octet payload",
              "RFC 6455 §5.5.1"));
      return;
    }
    if (p.length >= 2) {
      int code = ((p[0] & 0xff) << 8) | (p[1] & 0xff);
      if (!CloseCode.isValidOnWire(code)) {
        v.add(
            new Violation(
                Violation.Kind.INVALID_CLOSE_CODE,
                CloseCode.PROTOCOL_ERROR,
                "invalid close code " + code,
                "RFC 6455 §7.4"));
      }
      Utf8Validator u = new Utf8Validator();
      if (!(u.update(p, 2, p.length - 2) && u.isComplete())) {
        v.add(
            new Violation(
                Violation.Kind.INVALID_CLOSE_REASON,
                CloseCode.INVALID_PAYLOAD,
                "close reason is not valid UTF-8",
                "RFC 6455 §5.5.1"));
      }
    }
  }
}
