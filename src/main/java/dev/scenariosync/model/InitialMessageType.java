package dev.scenariosync.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Who speaks first in a simulated conversation; the wire values are the API's enum. */
public enum InitialMessageType {
  USER_MESSAGE("user-message"),
  EXTERNAL_EVENT("external-event"),
  SKIP("skip");

  private final String wire;

  InitialMessageType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<InitialMessageType> fromWire(String value) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
  }

  public static List<String> wireValues() {
    return Arrays.stream(values()).map(InitialMessageType::wire).toList();
  }

  @Override
  public String toString() {
    return wire;
  }
}
