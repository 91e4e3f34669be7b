package dev.scenariosync.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who speaks first in a simulated conversation, by its wire value. The three values the API
 * documents are known; a value a newer API returns is kept as read (shown and compared, so the file
 * then differs), and only writing it is refused.
 */
public record InitialMessageType(String wire) {
  public static final InitialMessageType USER_MESSAGE = new InitialMessageType("user-message");
  public static final InitialMessageType EXTERNAL_EVENT = new InitialMessageType("external-event");
  public static final InitialMessageType SKIP = new InitialMessageType("skip");

  private static final List<InitialMessageType> KNOWN = List.of(USER_MESSAGE, EXTERNAL_EVENT, SKIP);

  public InitialMessageType {
    Objects.requireNonNull(wire, "wire");
  }

  /** A known value, as a file may hold it. */
  public static Optional<InitialMessageType> fromWire(String value) {
    return KNOWN.stream().filter(t -> t.wire.equals(value)).findFirst();
  }

  /** Any value the API returns, known or not. */
  public static InitialMessageType read(String value) {
    return fromWire(value).orElseGet(() -> new InitialMessageType(value));
  }

  public boolean known() {
    return KNOWN.contains(this);
  }

  public static List<String> wireValues() {
    return KNOWN.stream().map(InitialMessageType::wire).toList();
  }

  @Override
  public String toString() {
    return wire;
  }
}
