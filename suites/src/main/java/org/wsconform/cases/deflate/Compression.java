package org.wsconform.cases.deflate;

import java.lang.ref.SoftReference;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.wsconform.cases.ConformanceCase;
import org.wsconform.cases.Origin;
import org.wsconform.cases.Requirement;
import org.wsconform.cases.Schedule;
import org.wsconform.cases.payloads.CompressionPayloads;
import org.wsconform.cases.support.AutobahnTexts;
import org.wsconform.deflate.Agreement;
import org.wsconform.deflate.DeflateAccept;
import org.wsconform.deflate.ExtensionElement;
import org.wsconform.deflate.MessageDeflater;
import org.wsconform.deflate.PermessageDeflate;
import org.wsconform.judge.ClientHandshakeRules;
import org.wsconform.judge.CloseExpectation;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.session.Session;
import org.wsconform.verdict.Behavior;
import org.wsconform.wire.CloseCode;
import org.wsconform.wire.SendOptions;
import org.wsconform.wire.UpgradeRequest;

/**
 * Autobahn 12.* and 13.* (autobahn-cases.md §3.10, §3.11): permessage-deflate round trips. The
 * harness offers permessage-deflate (12.*: Autobahn's default offer, 13.*: one offer list per
 * sub-group), then sends {@link #AUTOBAHN_COUNT} compressed messages one at a time, each only after
 * the echo of the one before came back as it was sent. The server may compress its echoes or not.
 * Nothing negotiated: UNIMPLEMENTED, and the harness closes at once.
 *
 * <p>The verdicts are Autobahn's: the first echo whose type, length (code points for text) or SHA-1
 * differs ends the case FAILED; all echoes back in time, OK; the case's timer (closeAfter WAITSECS)
 * firing first, FAILED "Case did not finish within N seconds."
 */
public final class Compression {
  /** Autobahn's COUNT: round trips per case. */
  public static final int AUTOBAHN_COUNT = 1000;

  private static final String PAYLOADS_TITLE = "WebSocket Compression (different payloads)";
  private static final String PARAMETERS_TITLE = "WebSocket Compression (different parameters)";
  private static final String RFC = "RFC 7692 §6, §7.2";

  /** The harness's own deadline is the case's timer plus room for the close handshake. */
  private static final double DEADLINE_MARGIN = 10;

  /**
   * One row of Autobahn's MSG_SIZES: message length, the case's timer, and the fragment size (0 =
   * none).
   */
  record Size(int length, int waitSecs, int fragmentSize) {}

  /** MSG_SIZES, the same 18 rows for every sub-group (.1 to .18). */
  static final List<Size> SIZES =
      List.of(
          new Size(16, 60, 0),
          new Size(64, 60, 0),
          new Size(256, 120, 0),
          new Size(1024, 240, 0),
          new Size(4096, 480, 0),
          new Size(8192, 480, 0),
          new Size(16384, 480, 0),
          new Size(32768, 480, 0),
          new Size(65536, 480, 0),
          new Size(131072, 480, 0),
          new Size(8192, 480, 256),
          new Size(16384, 480, 256),
          new Size(32768, 480, 256),
          new Size(65536, 480, 256),
          new Size(131072, 480, 256),
          new Size(131072, 480, 1024),
          new Size(131072, 480, 4096),
          new Size(131072, 480, 32768));

  /** One of Autobahn's 13.* client offers: (requestNoContextTakeover, requestMaxWindowBits). */
  record Offer(boolean noContextTakeover, int maxWindowBits) {
    ExtensionElement element() {
      return PermessageDeflate.autobahnOffer(noContextTakeover, maxWindowBits);
    }

    /** Python's repr of the tuple, as Autobahn prints it: {@code (True, 9)}. */
    String python() {
      return "(" + (noContextTakeover ? "True" : "False") + ", " + maxWindowBits + ")";
    }
  }

  /**
   * DEFLATE_PARAMS of Autobahn (since v0.8.2 window 9 where it was 8): the offer list of 13.1-13.7.
   */
  static final List<List<Offer>> OFFERS =
      List.of(
          List.of(new Offer(false, 0)),
          List.of(new Offer(true, 0)),
          List.of(new Offer(false, 9)),
          List.of(new Offer(false, 15)),
          List.of(new Offer(true, 9)),
          List.of(new Offer(true, 15)),
          List.of(new Offer(true, 9), new Offer(true, 0), new Offer(false, 0)));

  private Compression() {}

  /**
   * What Autobahn's fuzzing server accepts in case {@code id} when the harness is the server (the
   * "server accept" column of autobahn-cases.md §3.11): 12.* the offer as it stands, 13.N the same
   * (requestNoContextTakeover, requestMaxWindowBits) list as its offers, in order of preference.
   */
  public static List<DeflateAccept> serverAccept(String id) {
    if (id.startsWith("12.")) return List.of(DeflateAccept.PLAIN);
    if (!id.startsWith("13.")) throw new IllegalArgumentException("not a 12.* or 13.* case: " + id);
    int sub = Integer.parseInt(id.split("\\.")[1]);
    return OFFERS.get(sub - 1).stream()
        .map(o -> new DeflateAccept(o.noContextTakeover(), o.maxWindowBits()))
        .toList();
  }

  /**
   * How heavy a volume case is, in round-trip frames: each frame of a message costs the server a
   * turn (Node ws inflates every fragment on its thread pool), and every 4 KiB of payload about
   * another. Row 15 (131,072 octets in 256-octet frames) weighs 544, row 1 (16 octets) 1. The
   * volume phase starts the heaviest first, so that it does not end with one long connection alone:
   * a single connection keeps neither core busy against an event-loop server. 0 for a case that is
   * not one of these.
   */
  public static double volumeWeight(ConformanceCase c) {
    if (!c.id().startsWith("12.") && !c.id().startsWith("13.")) return 0;
    String[] parts = c.id().split("\\.");
    int row = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
    if (row < 1 || row > SIZES.size()) return 0;
    Size s = SIZES.get(row - 1);
    int frames = s.fragmentSize() > 0 ? (s.length() + s.fragmentSize() - 1) / s.fragmentSize() : 1;
    return frames + s.length() / 4096.0;
  }

  /** The 216 cases as Autobahn runs them. */
  public static List<ConformanceCase> cases() {
    return cases(AUTOBAHN_COUNT);
  }

  /**
   * The same cases with {@code count} round trips each instead of Autobahn's 1000: the same offers,
   * sizes, slices and verdicts, a fraction of the ~10.9 GB that a full run moves each way. Used by
   * the harness's own tests and by {@code --deflate-round-trips N} (whose reports say the count, so
   * that nobody takes such a run for Autobahn's).
   */
  public static List<ConformanceCase> cases(int count) {
    if (count < 1) throw new IllegalArgumentException("count must be at least 1: " + count);
    List<ConformanceCase> l = new ArrayList<>();
    List<CompressionPayloads.Payload> sets = CompressionPayloads.all();
    ExtensionElement defaultOffer = PermessageDeflate.autobahnOffer();
    for (int j = 0; j < sets.size(); j++) {
      CompressionPayloads.Payload set = sets.get(j);
      String group = "12." + (j + 1);
      for (int i = 0; i < SIZES.size(); i++) {
        Size s = SIZES.get(i);
        l.add(
            session(
                group + "." + (i + 1),
                group,
                PAYLOADS_TITLE + " / " + set.title(),
                set,
                s,
                count,
                List.of(defaultOffer)));
      }
    }
    CompressionPayloads.Payload json = CompressionPayloads.jsonData();
    for (int j = 0; j < OFFERS.size(); j++) {
      List<Offer> offers = OFFERS.get(j);
      String group = "13." + (j + 1);
      String title =
          PARAMETERS_TITLE
              + " / "
              + json.title()
              + " - client offers (requestNoContextTakeover, "
              + "requestMaxWindowBits): "
              + python(offers)
              + " / server accept (requestNoContextTakeover, "
              + "requestMaxWindowBits): "
              + python(offers);
      for (int i = 0; i < SIZES.size(); i++) {
        l.add(
            session(
                group + "." + (i + 1),
                group,
                title,
                json,
                SIZES.get(i),
                count,
                offers.stream().map(Offer::element).toList()));
      }
    }
    return l;
  }

  private static String python(List<Offer> offers) {
    return "[" + String.join(", ", offers.stream().map(Offer::python).toList()) + "]";
  }

  private static ConformanceCase session(
      String id,
      String group,
      String groupTitle,
      CompressionPayloads.Payload set,
      Size s,
      int count,
      List<ExtensionElement> offers) {
    AutobahnTexts.Text t = AutobahnTexts.of(id);
    String description =
        count == AUTOBAHN_COUNT
            ? t.description()
            : t.description().replaceFirst("^Send " + AUTOBAHN_COUNT + " ", "Send " + count + " ");
    String unit = set.binary() ? "octets" : "code points";
    String title =
        count
            + " "
            + (set.binary() ? "binary" : "text")
            + " messages of "
            + s.length()
            + " "
            + unit
            + ", compressed"
            + (s.fragmentSize() > 0 ? ", in " + s.fragmentSize() + "-octet frames" : "");
    String offer = PermessageDeflate.offer(offers);
    UnaryOperator<UpgradeRequest> request =
        r -> {
          // the payload set is generated here, before the connection opens (as Autobahn reads its
          // file in init()), so that the server never waits on it; only the first case pays
          set.units();
          return r.with("Sec-WebSocket-Extensions", offer);
        };
    return new ConformanceCase(
        id,
        group,
        groupTitle,
        title,
        description,
        t.expectation(),
        Requirement.MUST,
        RFC,
        request,
        ClientHandshakeRules::autobahn,
        roundTrips(set, s, count),
        List.of(),
        s.waitSecs() + DEADLINE_MARGIN,
        // each case is its own connection and judges what arrives, not when: they can share
        // the machine's cores with each other (not with timed cases)
        Schedule.VOLUME,
        Origin.AUTOBAHN);
  }

  /** Autobahn's case12_x_x onOpen / sendOne / onMessage. */
  static Consumer<Session> roundTrips(CompressionPayloads.Payload set, Size s, int count) {
    return f -> {
      f.expect(Expectation.selfJudged(CloseExpectation.byMe(CloseCode.NORMAL)));
      if (f.agreement().isEmpty()) {
        // role-correct: as the server the harness says what the client offered
        f.verdict(Behavior.UNIMPLEMENTED, f.whyNoAgreement());
        f.sendClose(CloseCode.NORMAL, null);
        return;
      }
      f.log().logOctets(false); // Autobahn switches its wire log off for these bulk cases
      f.verdict(Behavior.FAILED, "Case did not finish within " + s.waitSecs() + " seconds.");
      f.closeAfter(s.waitSecs());
      new RoundTrips(f, set, s, count).start();
    };
  }

  /** The state of one case: the moving pointer, what was sent last, how many went out. */
  private static final class RoundTrips {
    private final Session f;
    private final CompressionPayloads.Payload set;
    private final CompressionPayloads.Slices slices;
    private final Size size;
    private final int count;

    /**
     * Set when every message is compressed on its own, so that its compressed form can be reused.
     */
    private final CompressedSlices.Key reusable;

    private MessageDeflater fresh;
    private byte[] sent;
    private int sentCount;
    private boolean over;

    RoundTrips(Session f, CompressionPayloads.Payload set, Size size, int count) {
      this.f = f;
      this.set = set;
      this.slices = set.slices(size.length());
      this.size = size;
      this.count = count;
      Agreement a = f.agreement().orElseThrow();
      this.reusable =
          a.clientNoContextTakeover()
              ? new CompressedSlices.Key(set.description(), size.length(), a.clientMaxWindowBits())
              : null;
    }

    void start() {
      f.onEvent(this::onEvent);
      sendOne();
    }

    /**
     * Autobahn's sendOne. With client_no_context_takeover agreed each message is compressed from an
     * empty window (as Autobahn's compressor then does too), so message i of a case is the same
     * octets whichever case sends it: 13.1-13.7 and 12.1 send the JSON set's same slices, and the
     * rows .10 and .15-.18 the same 131072-unit slices. Those are compressed once and reused, which
     * keeps the harness's CPU well below the server's (issue 8). Otherwise the session's own
     * compressor, with its context, does the work.
     */
    private void sendOne() {
      sent = slices.next();
      int index = sentCount++;
      if (reusable == null) {
        f.sendMessage(sent, set.binary(), size.fragmentSize(), SendOptions.DEFAULT);
        return;
      }
      byte[] compressed = CompressedSlices.get(reusable, index);
      if (compressed == null) {
        if (fresh == null)
          fresh =
              new MessageDeflater(new Agreement(false, true, 15, reusable.clientMaxWindowBits()));
        compressed = fresh.compress(sent);
        CompressedSlices.put(reusable, index, compressed);
      }
      f.sendCompressed(
          compressed, sent.length, set.binary(), size.fragmentSize(), SendOptions.DEFAULT);
    }

    private void onEvent(Event e) {
      if (e.type() != Event.Type.MESSAGE) {
        f.record(e); // a pong is recorded, as Autobahn's Case.onPong does; it does not end the case
        return;
      }
      if (over) return; // an echo after our close: the verdict is already set
      String mismatch = mismatch(e);
      if (mismatch != null) {
        end(Behavior.FAILED, mismatch);
      } else if (sentCount < count) {
        if (f.isOpen()) sendOne(); // after the timer closed, nothing more is sent
      } else {
        end(Behavior.OK, "Ok, received all echo'ed messages in time.");
      }
    }

    private void end(Behavior b, String result) {
      over = true;
      if (fresh != null) fresh.close();
      f.verdict(b, result);
      f.log().logOctets(true);
      f.sendClose(CloseCode.NORMAL, null);
    }

    /**
     * Autobahn's checks in its order: type, length (code points for text), SHA-1. Equal octets are
     * equal digests, so the digests are only computed to word a mismatch: hashing ~11 GB of echoes
     * would cost the harness more CPU than comparing them.
     */
    private String mismatch(Event e) {
      if (e.binary() != set.binary()) {
        return "Echo'ed message type differs from what I sent (got binary "
            + python(e.binary())
            + ", expected binary "
            + python(set.binary())
            + ").";
      }
      byte[] got = e.payload();
      if (Arrays.equals(got, sent)) return null;
      int length = set.unitsOf(got);
      if (length != size.length()) {
        return "Echo'ed message length differs from what I sent (got length "
            + length
            + ", expected length "
            + size.length()
            + ").";
      }
      return "Echo'ed message contents differs from what I sent (got SHA1 "
          + sha1(got)
          + ", expected SHA1 "
          + sha1(sent)
          + ").";
    }
  }

  /**
   * Compressed slices kept across cases, by payload set, slice length and agreed client window, in
   * the order the moving pointer hands them out (message i of every case that starts at the set's
   * first unit). Bounded: past {@link #BUDGET} octets the least recently used sequences are dropped
   * and compressed again when needed; and softly held, so that a run in a small heap (the 9.*
   * cases' 16 MiB messages at -Xmx256m) can have the memory back at any time.
   */
  static final class CompressedSlices {
    record Key(String set, int length, int clientMaxWindowBits) {}

    /** One sequence: its messages (gone when the collector needed the memory) and their size. */
    private static final class Sequence {
      SoftReference<List<byte[]>> messages = new SoftReference<>(new ArrayList<>());
      long octets;
    }

    static final long BUDGET = 64L << 20;
    private static final LinkedHashMap<Key, Sequence> SEQUENCES =
        new LinkedHashMap<>(16, 0.75f, true);
    private static long octets;

    private CompressedSlices() {}

    static synchronized byte[] get(Key k, int index) {
      Sequence s = SEQUENCES.get(k);
      List<byte[]> l = s == null ? null : s.messages.get();
      return l != null && index < l.size() ? l.get(index) : null;
    }

    /** Appends message {@code index} of the sequence (only the next one in order is kept). */
    static synchronized void put(Key k, int index, byte[] compressed) {
      Sequence s = SEQUENCES.computeIfAbsent(k, x -> new Sequence());
      List<byte[]> l = s.messages.get();
      if (l == null) { // collected: start again from the first message
        octets -= s.octets;
        s.octets = 0;
        l = new ArrayList<>();
        s.messages = new SoftReference<>(l);
      }
      if (index != l.size()) return;
      Iterator<Map.Entry<Key, Sequence>> oldest = SEQUENCES.entrySet().iterator();
      while (octets + compressed.length > BUDGET && oldest.hasNext()) {
        Map.Entry<Key, Sequence> e = oldest.next();
        if (e.getKey().equals(k)) continue;
        octets -= e.getValue().octets;
        oldest.remove();
      }
      if (octets + compressed.length > BUDGET)
        return; // this sequence alone fills the budget: keep its start
      l.add(compressed);
      s.octets += compressed.length;
      octets += compressed.length;
    }
  }

  private static String python(boolean b) {
    return b ? "True" : "False";
  }

  static String sha1(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
