package org.wsconform.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** §4.2.2 step 5.4: base64(SHA-1(key + GUID)), and fresh client keys (§4.1: 16 random octets). */
public final class SecWebSocketAccept {
  public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecWebSocketAccept() {}

  public static String of(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return Base64.getEncoder()
          .encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JRE", e);
    }
  }

  public static String randomKey() {
    byte[] k = new byte[16];
    RANDOM.nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }
}
