package org.wsconform.targets.faulty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8ValidatorTest {

  /**
   * Autobahn's UTF-8 vectors (6.5–6.23): the bytes, whether the whole is valid, and how many
   * leading bytes are still a valid prefix (fail fast stops at the first byte after them).
   */
  @ParameterizedTest(name = "{0}: valid={1}, prefix={2}")
  @CsvSource({
    "cebae1bdb9cf83cebcceb5,         true,  11",
    "00,                             true,  1",
    "f48fbfbf,                       true,  4",
    "efbfbf,                         true,  3",
    "f09fbfbe,                       true,  4",
    "ed9fbf,                         true,  3",
    "cebae1bdb9cf83cebcceb5eda080,   false, 12",
    "f4908080,                       false, 1",
    "c0af,                           false, 0",
    "e080af,                         false, 1",
    "f08fbfbf,                       false, 1",
    "eda080,                         false, 1",
    "edbfbf,                         false, 1",
    "80,                             false, 0",
    "fe,                             false, 0",
    "f888808080,                     false, 0",
    "c020,                           false, 0",
    "df20,                           false, 1",
    "ce,                             false, 1",
    "e080,                           false, 1",
    "efbf,                           false, 2",
  })
  void failsOnTheFirstImpossibleByte(String hex, boolean valid, int validPrefix) {
    byte[] bytes = HexFormat.of().parseHex(hex);

    assertThat(Utf8Validator.isValid(bytes, 0, bytes.length)).isEqualTo(valid);
    Utf8Validator validator = new Utf8Validator();
    int accepted = 0;
    while (accepted < bytes.length && validator.accept(bytes, accepted, 1)) {
      accepted++;
    }
    assertThat(accepted).isEqualTo(validPrefix);
  }
}
