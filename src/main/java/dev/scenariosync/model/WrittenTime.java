package dev.scenariosync.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A date-time as the server keeps it (an instant at milliseconds) with the spelling a file gave it,
 * if any: equal by instant only, so that how a file writes a time is never a change.
 *
 * @param written the file's spelling (ISO-8601 with an offset, naming {@code at}), or null
 */
public record WrittenTime(Instant at, String written) {
  public WrittenTime {
    Objects.requireNonNull(at, "at");
    at = at.truncatedTo(ChronoUnit.MILLIS);
    if (written != null && !VersionContent.spells(written, at)) {
      throw new IllegalArgumentException("the written time is not the time");
    }
  }

  public static WrittenTime of(Instant at) {
    return new WrittenTime(at, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrittenTime w && w.at.equals(at);
  }

  @Override
  public int hashCode() {
    return at.hashCode();
  }

  /** The file's spelling, else the instant in ISO-8601. */
  @Override
  public String toString() {
    return written != null ? written : at.toString();
  }
}
