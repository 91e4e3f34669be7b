package dev.scenariosync.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the client says what it is doing while a person waits: calls held for a rate limit or a
 * {@code Retry-After}, and how far a long read has come. The client never prints; the command line
 * decides how to show it (a line, or a countdown in place on a terminal). Every text it is given is
 * the client's own, with numbers: no text the server sent.
 */
public interface Progress {
  /** Shows nothing. */
  Progress NONE = new Progress() {};

  /** Calls to an endpoint are held longer than 2 seconds; said once per hold. */
  default void holding(Hold hold) {}

  /** Of {@code total} reads of {@code what}, {@code done} are done. */
  default void reads(String what, int done, int total) {}

  /** A hold: until when, and why, as {@code create scenario is limited to 500 a minute}. */
  record Hold(Instant until, String reason) {
    public Hold {
      java.util.Objects.requireNonNull(until, "until");
      java.util.Objects.requireNonNull(reason, "reason");
    }

    /** Whole seconds left at {@code now}, rounded up; zero once over. */
    public long secondsLeft(Instant now) {
      Duration left = Duration.between(now, until);
      return left.isNegative() ? 0 : left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    }

    /** {@code waiting 52 s: create scenario is limited to 500 a minute}. */
    public String message(Instant now) {
      return "waiting " + secondsLeft(now) + " s: " + reason;
    }
  }
}
