package org.wsconform.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * An HTTP proxy reached with CONNECT (RFC 9110 §9.3.6): the harness asks it for a tunnel to the
 * target, then speaks WebSocket (or TLS, for wss://) through the tunnel exactly as it would
 * directly. Basic proxy authentication (RFC 7617) when a user is given.
 *
 * @param user null for no proxy authentication
 * @param password the password (may be empty when a user is given)
 */
public record HttpProxy(String host, int port, String user, String password) {

  /** The proxy refused the tunnel or did not answer as a proxy; the message says what it sent. */
  public static final class ProxyRefused extends IOException {
    public ProxyRefused(String m) {
      super(m);
    }

    /**
     * The message alone: it is shown after "cannot connect to host:port: ", and a class name there
     * helps no one.
     */
    @Override
    public String toString() {
      return getMessage();
    }
  }

  /**
   * From --proxy http://[user:password@]host[:port] and --proxy-auth user:password (which wins over
   * credentials in the URL).
   *
   * @throws IllegalArgumentException a URL that is not an http:// proxy URL
   */
  public static HttpProxy parse(String url, String auth) {
    URI u;
    try {
      u = new URI(url.contains("://") ? url.trim() : "http://" + url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "--proxy: not a URL (" + e.getReason() + "); expected http://host:port");
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new IllegalArgumentException(
          "--proxy: only http:// proxies (CONNECT) are supported, got '" + scheme + "://'");
    }
    if (u.getHost() == null)
      throw new IllegalArgumentException(
          "--proxy: no host in the proxy URL; expected http://host:port");
    String userInfo = auth != null ? auth : u.getRawUserInfo();
    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      String rawPassword = colon < 0 ? "" : userInfo.substring(colon + 1);
      // --proxy-auth is taken literally; credentials inside a URL are percent-encoded
      user = auth != null ? rawUser : URLDecoder.decode(rawUser, StandardCharsets.UTF_8);
      password =
          auth != null ? rawPassword : URLDecoder.decode(rawPassword, StandardCharsets.UTF_8);
      if (user.isEmpty())
        throw new IllegalArgumentException("--proxy-auth: expected user:password");
    }
    return new HttpProxy(u.getHost(), u.getPort() == -1 ? 8080 : u.getPort(), user, password);
  }

  /** The Proxy-Authorization value, or null. */
  public String authorization() {
    if (user == null) return null;
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Asks for a tunnel to {@code e} on a socket already connected to the proxy, and reads the answer
   * under {@code deadlineNanos}. The wire log gets the exchange in words, never the credentials.
   *
   * @return octets the proxy sent after its response head (the start of the target's stream)
   * @throws ProxyRefused the proxy answered anything but 2xx, or not as an HTTP proxy
   */
  byte[] tunnel(Socket s, Endpoint e, long deadlineNanos, WireLog log) throws IOException {
    String authority = e.hostHeader();
    StringBuilder req =
        new StringBuilder()
            .append("CONNECT ")
            .append(authority)
            .append(" HTTP/1.1\r\n")
            .append("Host: ")
            .append(authority)
            .append("\r\n")
            .append("User-Agent: wsconform/0.1\r\n");
    if (user != null) req.append("Proxy-Authorization: ").append(authorization()).append("\r\n");
    req.append("\r\n");
    OutputStream out = s.getOutputStream();
    out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    log.note(
        "CONNECT "
            + authority
            + " sent to the proxy "
            + host
            + ":"
            + port
            + (user != null ? " with Basic proxy authentication" : ""));
    int saved = s.getSoTimeout();
    s.setSoTimeout(100);
    ResponseHead head;
    try {
      head = ResponseReader.read(s.getInputStream(), deadlineNanos, null);
    } catch (ResponseReader.BadResponse bad) {
      throw new ProxyRefused(
          "the proxy "
              + host
              + ":"
              + port
              + " did not answer CONNECT as an HTTP proxy: "
              + bad.getMessage());
    } finally {
      if (!s.isClosed()) s.setSoTimeout(saved);
    }
    log.note("the proxy answered: " + head.statusLine());
    if (head.status() / 100 != 2) {
      String hint =
          head.status() == 407
              ? (user == null
                  ? " (the proxy wants credentials: --proxy-auth user:password)"
                  : " (the proxy refused the credentials)")
              : "";
      throw new ProxyRefused(
          "the proxy "
              + host
              + ":"
              + port
              + " refused the tunnel to "
              + authority
              + ": expected 2xx,"
              + " observed '"
              + head.statusLine()
              + "'"
              + hint
              + " [RFC 9110 §9.3.6]");
    }
    return head.leftover();
  }

  @Override
  public String toString() {
    return "http://" + (user != null ? "«redacted»@" : "") + host + ":" + port;
  }
}
