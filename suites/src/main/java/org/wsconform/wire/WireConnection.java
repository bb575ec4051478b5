package org.wsconform.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One TCP (or TLS) connection to the target, writing octets exactly as told: whole, chopped into
 * N-octet writes with a flush and a short yield between them, or each frame on its own. Every
 * write and read is put in the wire log.
 */
public final class WireConnection implements AutoCloseable {
  /** Autobahn's _QUEUED_WRITE_DELAY: the pause between chopped writes, so each goes out alone. */
  private static final long CHOP_PAUSE_NANOS = 10_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final WireLog log;

  private WireConnection(Socket socket, WireLog log) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.log = log;
  }

  public static WireConnection open(Endpoint e, Duration connectTimeout, TlsOptions tls, WireLog log) throws IOException {
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.connect(new InetSocketAddress(e.host(), e.port()), (int) Math.max(1, connectTimeout.toMillis()));
      if (!e.tls()) return new WireConnection(plain, log);
      SSLSocketFactory f = tls.context() == null
          ? (SSLSocketFactory) SSLSocketFactory.getDefault()
          : tls.context().getSocketFactory();
      SSLSocket s = (SSLSocket) f.createSocket(plain, e.host(), e.port(), true);
      SSLParameters p = s.getSSLParameters();
      if (!isIpLiteral(e.host())) p.setServerNames(List.of(new SNIHostName(e.host())));
      if (tls.verifyHostname()) p.setEndpointIdentificationAlgorithm("HTTPS");
      s.setSSLParameters(p);
      s.setSoTimeout((int) Math.max(1, connectTimeout.toMillis()));
      s.startHandshake();
      s.setSoTimeout(0);
      return new WireConnection(s, log);
    } catch (IOException | RuntimeException ex) {
      plain.close();
      throw ex;
    }
  }

  private static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  public InputStream in() {
    return in;
  }

  public void soTimeout(Duration d) throws IOException {
    socket.setSoTimeout((int) d.toMillis());
  }

  /** Writes {@code b}; with {@code chopSize > 0} in chops of that size, each flushed alone. */
  public void write(byte[] b, int chopSize, boolean sync) throws IOException {
    if (chopSize <= 0 || chopSize >= b.length) {
      out.write(b);
      out.flush();
      log.octetsSent(b, 0, b.length, sync);
      if (sync) LockSupport.parkNanos(CHOP_PAUSE_NANOS);
      return;
    }
    for (int i = 0; i < b.length; i += chopSize) {
      int n = Math.min(chopSize, b.length - i);
      out.write(b, i, n);
      out.flush();
      log.octetsSent(b, i, n, true);
      LockSupport.parkNanos(CHOP_PAUSE_NANOS);
    }
  }

  /** Half-closes: no more octets from us, the server may still send. */
  public void shutdownOutput() throws IOException {
    if (!(socket instanceof SSLSocket)) socket.shutdownOutput();
  }

  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is best effort: the verdict was already taken from what happened before
    }
  }
}
