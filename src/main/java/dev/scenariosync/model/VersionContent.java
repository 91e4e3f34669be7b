package dev.scenariosync.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The four fields of one scenario version, as the server stores them: text stripped with Python
 * semantics and the start time as an instant (the server stores it in UTC).
 *
 * @param startsAtAsWritten the start time as the file spells it ({@code
 *     2026-12-01T17:30:00-05:00}), for display only: it is not part of equality, never sent and
 *     never hashed; null when the content does not come from a file
 */
public record VersionContent(
    String objective,
    String instructions,
    InitialMessageType initialMessageType,
    Instant conversationStartsAt,
    String startsAtAsWritten) {

  public VersionContent {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(instructions, "instructions");
    Objects.requireNonNull(initialMessageType, "initialMessageType");
    if (startsAtAsWritten != null && !spells(startsAtAsWritten, conversationStartsAt)) {
      throw new IllegalArgumentException("the written start time is not the start time");
    }
  }

  /** Content without a written spelling of the start time (the remote's, or built in code). */
  public VersionContent(
      String objective,
      String instructions,
      InitialMessageType initialMessageType,
      Instant conversationStartsAt) {
    this(objective, instructions, initialMessageType, conversationStartsAt, null);
  }

  /**
   * Whether {@code text} is an ISO-8601 date-time with an offset naming {@code at} to the
   * millisecond (the precision the server keeps).
   */
  public static boolean spells(String text, Instant at) {
    if (at == null) {
      return false;
    }
    try {
      return OffsetDateTime.parse(text)
          .toInstant()
          .truncatedTo(ChronoUnit.MILLIS)
          .equals(at.truncatedTo(ChronoUnit.MILLIS));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The same content as the server would store it (a MongoDB date keeps milliseconds). */
  public VersionContent normalized() {
    return new VersionContent(
        PyText.strip(objective),
        PyText.strip(instructions),
        initialMessageType,
        conversationStartsAt == null ? null : conversationStartsAt.truncatedTo(ChronoUnit.MILLIS),
        startsAtAsWritten);
  }

  /** The same content with the start time spelled as given (null: not spelled). */
  public VersionContent withStartsAtAsWritten(String text) {
    return new VersionContent(
        objective, instructions, initialMessageType, conversationStartsAt, text);
  }

  /** Equal when the four fields are; how the file spells the start time is not compared. */
  @Override
  public boolean equals(Object o) {
    return o instanceof VersionContent v
        && objective.equals(v.objective)
        && instructions.equals(v.instructions)
        && initialMessageType.equals(v.initialMessageType)
        && Objects.equals(conversationStartsAt, v.conversationStartsAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(objective, instructions, initialMessageType, conversationStartsAt);
  }
}
