package org.wsconform.deflate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One element of a {@code Sec-WebSocket-Extensions} list: an extension name and its parameters, in
 * order (RFC 6455 §9.1). Used both for the offers we send and for what a server answers; it holds
 * anything, including elements that break RFC 7692's rules, because the harness must be able to
 * send bad offers and describe bad responses.
 */
public record ExtensionElement(String name, List<Parameter> parameters) {

  public ExtensionElement {
    parameters = List.copyOf(parameters);
  }

  public static ExtensionElement named(String name) {
    return new ExtensionElement(name, List.of());
  }

  /** A copy with one more value-less parameter. */
  public ExtensionElement with(String parameter) {
    return with(Parameter.of(parameter));
  }

  /**
   * A copy with one more parameter {@code name=value} (value written as given, even if invalid).
   */
  public ExtensionElement with(String parameter, String value) {
    return with(Parameter.of(parameter, value));
  }

  public ExtensionElement with(String parameter, int value) {
    return with(parameter, Integer.toString(value));
  }

  public ExtensionElement with(Parameter p) {
    List<Parameter> l = new ArrayList<>(parameters);
    l.add(p);
    return new ExtensionElement(name, l);
  }

  /** Every parameter with this name (case-insensitive), in order. */
  public List<Parameter> all(String parameter) {
    return parameters.stream().filter(p -> p.name().equalsIgnoreCase(parameter)).toList();
  }

  public Optional<Parameter> parameter(String parameter) {
    return parameters.stream().filter(p -> p.name().equalsIgnoreCase(parameter)).findFirst();
  }

  public boolean has(String parameter) {
    return parameter(parameter).isPresent();
  }

  public boolean isNamed(String n) {
    return name.toLowerCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT));
  }

  /**
   * Header syntax: {@code permessage-deflate; client_max_window_bits; server_max_window_bits=10}.
   */
  @Override
  public String toString() {
    if (parameters.isEmpty()) return name;
    return name
        + "; "
        + parameters.stream().map(Parameter::toString).collect(Collectors.joining("; "));
  }

  /**
   * Parses a {@code Sec-WebSocket-Extensions} value (RFC 6455 §9.1 grammar, with RFC 7230
   * quoted-string values, whose unquoted text must itself be a token).
   *
   * @throws IllegalArgumentException with "expected …, observed …" when the value is not valid
   */
  public static List<ExtensionElement> parseList(String headerValue) {
    return ExtensionSyntax.parse(headerValue);
  }

  /** Joins elements as one header value, offers in order of preference ({@code a, b, c}). */
  public static String toHeader(List<ExtensionElement> elements) {
    return elements.stream().map(ExtensionElement::toString).collect(Collectors.joining(", "));
  }
}
