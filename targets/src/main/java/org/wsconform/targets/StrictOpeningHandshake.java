package org.wsconform.targets;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Rejects WebSocket upgrade requests that RFC 6455 §4.2.1 does not allow, before Jetty sees them.
 *
 * <p>Jetty alone treats a request with a wrong {@code Sec-WebSocket-Version} as "not an upgrade"
 * (it would reach the plain 426 without the {@code Sec-WebSocket-Version: 13} header §4.4 asks
 * for), answers a missing key with an HTML error page, and is lenient about the key's form. Only
 * requests that ask for the upgrade ({@code Upgrade: websocket} and {@code Connection: upgrade})
 * are checked here; everything else passes through and gets the plain 426.
 */
final class StrictOpeningHandshake extends Handler.Wrapper {

  /** 16 bytes in base64 are exactly 22 characters and "==" (§4.2.1 item 5). */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{22}==");

  StrictOpeningHandshake(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpFields headers = request.getHeaders();
    boolean asksForUpgrade =
        hasToken(headers.getValuesList(HttpHeader.UPGRADE), "websocket")
            && hasToken(headers.getValuesList(HttpHeader.CONNECTION), "upgrade");
    if (!asksForUpgrade) {
      return super.handle(request, response, callback);
    }
    Rejection rejection = rejection(request);
    if (rejection == null) {
      return super.handle(request, response, callback);
    }
    if (rejection.status() == HttpStatus.METHOD_NOT_ALLOWED_405) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
    }
    UpgradeRequired.respond(response, callback, rejection.status(), rejection.reason());
    return true;
  }

  private record Rejection(int status, String reason) {}

  /** The status and reason for refusing this upgrade request, or null when it is acceptable. */
  private static Rejection rejection(Request request) {
    HttpFields headers = request.getHeaders();
    if (request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_1_1) {
      return new Rejection(
          HttpStatus.BAD_REQUEST_400,
          "The WebSocket opening handshake needs HTTP/1.1 (RFC 6455 4.1)");
    }
    if (!HttpMethod.GET.is(request.getMethod())) {
      return new Rejection(
          HttpStatus.METHOD_NOT_ALLOWED_405,
          "The WebSocket opening handshake must be a GET (RFC 6455 4.1)");
    }
    List<String> versions = headers.getValuesList(HttpHeader.SEC_WEBSOCKET_VERSION);
    if (versions.size() != 1 || !versions.get(0).trim().equals("13")) {
      return new Rejection(
          HttpStatus.UPGRADE_REQUIRED_426,
          "Unsupported Sec-WebSocket-Version; this server speaks 13 (RFC 6455 4.4)");
    }
    List<String> keys = headers.getValuesList(HttpHeader.SEC_WEBSOCKET_KEY);
    if (keys.size() != 1) {
      return new Rejection(
          HttpStatus.BAD_REQUEST_400, "Exactly one Sec-WebSocket-Key is required (RFC 6455 4.2.1)");
    }
    String key = keys.get(0).trim();
    if (!KEY.matcher(key).matches() || Base64.getDecoder().decode(key).length != 16) {
      return new Rejection(
          HttpStatus.BAD_REQUEST_400,
          "Sec-WebSocket-Key must be 16 bytes in base64 (RFC 6455 4.2.1)");
    }
    return null;
  }

  /** True when a comma-separated header holds the token, compared case-insensitively. */
  static boolean hasToken(List<String> values, String token) {
    for (String value : values) {
      for (String element : value.split(",")) {
        if (element.trim().toLowerCase(Locale.ROOT).equals(token)) {
          return true;
        }
      }
    }
    return false;
  }
}
