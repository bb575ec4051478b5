package org.wsconform.wire;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a target listens: parsed from a ws:// or wss:// URL, with the request-target and the Host
 * header the opening handshake needs (§4.1: Host carries the port when it is not the default).
 */
public record Endpoint(URI uri, boolean tls, String host, int port, String requestTarget) {

  /** Thrown for a URL the harness cannot use; the message says what to do. */
  public static final class BadUrl extends IllegalArgumentException {
    public BadUrl(String message) {
      super(message);
    }
  }

  public static Endpoint parse(String url) {
    URI u;
    try {
      u = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new BadUrl(
          "not a URL: '"
              + url
              + "' ("
              + e.getReason()
              + "); expected ws://host[:port]/path or wss://...");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new BadUrl(
          "unsupported scheme '"
              + (u.getScheme() == null ? "" : u.getScheme())
              + "' in '"
              + url
              + "': a target is a ws:// or wss:// URL (or a profile name)");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new BadUrl("no host in '" + url + "': expected ws://host[:port]/path");
    }
    if (u.getFragment() != null) {
      throw new BadUrl("a WebSocket URL must not have a fragment (RFC 6455 §3): '" + url + "'");
    }
    boolean tls = scheme.equals("wss");
    int port = u.getPort() == -1 ? (tls ? 443 : 80) : u.getPort();
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    String target = u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
    return new Endpoint(u, tls, u.getHost(), port, target);
  }

  /** The Host header value; Autobahn always includes the port, and so do we (both are legal). */
  public String hostHeader() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return h + ":" + port;
  }

  public String origin() {
    return (tls ? "https://" : "http://") + hostHeader();
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
