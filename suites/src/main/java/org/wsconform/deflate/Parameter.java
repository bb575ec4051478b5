package org.wsconform.deflate;

/**
 * One extension parameter as written on the wire (RFC 6455 §9.1): a name and an optional value,
 * kept as text so that invalid values ("09", "abc", 16) stay representable in offers we send.
 *
 * @param value null when the parameter has no value ({@code client_max_window_bits} in an offer)
 */
public record Parameter(String name, String value) {

  public static Parameter of(String name) {
    return new Parameter(name, null);
  }

  public static Parameter of(String name, String value) {
    return new Parameter(name, value);
  }

  public boolean hasValue() {
    return value != null;
  }

  @Override
  public String toString() {
    return value == null ? name : name + "=" + value;
  }
}
