package dev.scenariosync.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The four fields of one scenario version, as the server stores them: text stripped with Python
 * semantics and the start time as an instant (the server stores it in UTC).
 */
public record VersionContent(
    String objective,
    String instructions,
    InitialMessageType initialMessageType,
    Instant conversationStartsAt) {

  public VersionContent {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(initialMessageType, "initialMessageType");
  }

  /** The same content as the server would store it (a MongoDB date keeps milliseconds). */
  public VersionContent normalized() {
    return new VersionContent(
        PyText.strip(objective),
        PyText.strip(instructions),
        initialMessageType,
        conversationStartsAt == null ? null : conversationStartsAt.truncatedTo(ChronoUnit.MILLIS));
  }
}
