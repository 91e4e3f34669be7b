package dev.scenariosync.api;

import java.time.Duration;
import java.time.Instant;

/**
 * What one logical call may still spend: time until its {@code --retry-max-time} runs out or the
 * command's {@code --deadline} passes, whichever comes first, and its one sign-in again after a
 * 401. Every attempt and wait of the call draws on it.
 */
final class CallBudget {
  private final long retryDeadlineNanos;
  private final Instant commandDeadline;
  private boolean signedInAgain;

  CallBudget(Duration maxElapsed, Instant commandDeadline) {
    this.retryDeadlineNanos = RateLimiter.saturatedAdd(System.nanoTime(), maxElapsed.toNanos());
    this.commandDeadline = commandDeadline;
  }

  /** Whether the command's {@code --deadline} has passed. */
  boolean deadlinePassed() {
    return commandDeadline != null && !Instant.now().isBefore(commandDeadline);
  }

  /** Nanoseconds left of {@code --retry-max-time} alone. */
  long retryLeft() {
    return retryDeadlineNanos - System.nanoTime();
  }

  /** Nanoseconds left to this call: to its retry deadline, and to the command's --deadline. */
  long left() {
    long left = retryLeft();
    if (commandDeadline != null) {
      long untilDeadline;
      try {
        untilDeadline = Duration.between(Instant.now(), commandDeadline).toNanos();
      } catch (ArithmeticException e) {
        untilDeadline = Long.MAX_VALUE;
      }
      left = Math.min(left, untilDeadline);
    }
    return left;
  }

  /** Whether a wait of this length still leaves the call time, and is not an endless one. */
  boolean fits(Duration wait) {
    return wait.compareTo(RetryPolicy.MAX_WAIT) < 0 && wait.toNanos() < left();
  }

  boolean signedInAgain() {
    return signedInAgain;
  }

  void markSignedInAgain() {
    signedInAgain = true;
  }
}
