package dev.scenariosync.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A sensitive value (a persona's sensitive user variable): compared by value, but never shown: its
 * {@code toString} is {@code (sensitive)}, and saved plans hold only a salted hash of it.
 *
 * @param value the plain value, held only in memory
 * @param source where it came from, shown instead of it ({@code ${env:NAME}}, or "remote")
 */
public record Secret(String value, String source) {
  public static final String SHOWN = "(sensitive)";

  public Secret {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  /** Equal when the values are: where a value came from is no part of it. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return SHOWN;
  }

  /** {@code sha256:<hex>} of the salt and the value: what a saved plan records. */
  public String digest(String salt) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(value.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
