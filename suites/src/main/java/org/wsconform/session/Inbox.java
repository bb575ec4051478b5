package org.wsconform.session;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.wsconform.deflate.CompressedMessage;
import org.wsconform.judge.Event;
import org.wsconform.judge.Expectation;
import org.wsconform.wire.DecodedFrame;
import org.wsconform.wire.Frame;
import org.wsconform.wire.MessageAssembler;
import org.wsconform.wire.Opcode;
import org.wsconform.wire.Violation;
import org.wsconform.wire.WireLog;

/**
 * What the peer sent, on the reactor: each decoded frame checked, answered (a ping's pong, a close
 * frame's reply) or assembled into a message, and the events recorded until they match what the
 * case expects (Autobahn's finishWhenDone).
 */
final class Inbox {
  private final Session session;
  private final WireLog log;
  private final MessageAssembler assembler;
  private final CloseHandshake close;
  private final List<Event> received = new ArrayList<>();
  private final List<Violation> violations = new ArrayList<>();
  private final List<Integer> maskKeys = new ArrayList<>();
  private DeflateStream deflate;
  private Expectation expectation;
  private boolean suppressClose;
  private Consumer<Event> eventHook;
  private Consumer<CompressedMessage> compressedHook;
  private Predicate<Event> awaited;
  private Runnable onAwaited;

  Inbox(Session session, WireLog log, MessageAssembler assembler, CloseHandshake close) {
    this.session = session;
    this.log = log;
    this.assembler = assembler;
    this.close = close;
  }

  void deflate(DeflateStream d) {
    this.deflate = d;
  }

  void expect(Expectation e) {
    this.expectation = e;
  }

  Expectation expectation() {
    return expectation;
  }

  void suppressClose() {
    this.suppressClose = true;
  }

  void onEvent(Consumer<Event> hook) {
    this.eventHook = hook;
  }

  /** Runs {@code then} once, after the first delivered event {@code awaited} accepts. */
  void watch(Predicate<Event> awaited, Runnable then) {
    this.awaited = awaited;
    this.onAwaited = then;
  }

  void onCompressedMessage(Consumer<CompressedMessage> hook) {
    this.compressedHook = hook;
  }

  /**
   * The case's hook for compressed messages, and against a peer that does not echo the adapter's
   * window and context check before it (no case traces the echoes then).
   */
  private Consumer<CompressedMessage> compressedHook() {
    PeerAdapter a = session.adapter();
    Consumer<CompressedMessage> check =
        a == null || deflate == null ? null : a.compressedCheck(deflate.agreement(), this);
    if (check == null) return compressedHook;
    if (compressedHook == null) return check;
    return check.andThen(compressedHook);
  }

  List<Event> received() {
    return received;
  }

  List<Violation> violations() {
    return violations;
  }

  /** The masking key of every masked frame the peer sent, in order. */
  List<Integer> maskKeys() {
    return maskKeys;
  }

  void violation(Violation v) {
    violations.add(v);
    log.add(WireLog.Kind.VIOLATION, v.toString(), null, null);
    close.failConnection(v.closeCode(), v.message());
  }

  void onFrame(DecodedFrame d) {
    if (close.state() == Session.State.CLOSED) return;
    if (d.frame() == null) { // fatal: the stream cannot be decoded further
      violation(d.violations().get(0));
      close.dropConnection();
      return;
    }
    log.frameReceived(d);
    if (d.masked()) maskKeys.add(d.maskKey());
    Frame f = d.frame();
    if (!d.isClean()) {
      violation(d.violations().get(0));
      // Autobahn goes on processing a close frame after the violation (failByDrop is false)
      if (f.opcode() != Opcode.CLOSE) return;
    }
    switch (f.opcode()) {
      case Opcode.CLOSE -> close.onCloseFrame(f, d.isClean());
      case Opcode.PING -> {
        if (close.state() == Session.State.OPEN) session.sendFrame(Frame.pong(f.payload()));
      }
      case Opcode.PONG -> deliver(Event.pong(f.payload()));
      default -> onDataFrame(f);
    }
  }

  private void onDataFrame(Frame f) {
    MessageAssembler.Step step = assembler.accept(f, true);
    if (step instanceof MessageAssembler.Broken b) {
      violation(b.violation());
    } else if (step instanceof MessageAssembler.Complete c && !close.failedByMe()) {
      deliver(Event.message(c.payload(), c.binary()));
    } else if (step instanceof MessageAssembler.CompressedPart part) {
      deflate.onCompressedPart(part, compressedHook());
    }
  }

  void deliver(Event e) {
    if (e.type() == Event.Type.MESSAGE && session.adapter() != null) {
      e = session.adapter().classify(e); // the application's own messages never pass for echoes
      if (e == null) return;
    }
    if (eventHook != null) {
      eventHook.accept(e);
    } else {
      received.add(e);
      finishWhenDone();
    }
    if (awaited != null && awaited.test(e)) {
      Runnable then = onAwaited;
      awaited = null;
      onAwaited = null;
      then.run();
    }
  }

  /** Autobahn's finishWhenDone: once received equals every expected list, close as expected. */
  private void finishWhenDone() {
    if (expectation == null || session.awaitingProbe()) return;
    for (List<Event> l : expectation.outcomes().values()) {
      if (!l.equals(received)) return;
    }
    if (expectation.close().closedByMe() && !suppressClose) {
      session.sendClose(expectation.close().closeCodes().get(0), null);
    }
  }
}
