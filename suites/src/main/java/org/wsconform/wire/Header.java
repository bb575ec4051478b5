package org.wsconform.wire;

/** One header line exactly as written or read: name casing and order are kept. */
public record Header(String name, String value) {
  public static Header parse(String nameColonValue) {
    int i = nameColonValue.indexOf(':');
    if (i <= 0)
      throw new IllegalArgumentException("a header is 'Name: value', got '" + nameColonValue + "'");
    return new Header(
        nameColonValue.substring(0, i).trim(), nameColonValue.substring(i + 1).trim());
  }

  public boolean is(String n) {
    return name.equalsIgnoreCase(n);
  }

  @Override
  public String toString() {
    return name + ": " + value;
  }
}
