package dev.scenariosync.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a request again and how long to wait. GET is retried on 408, 429, 500, 502, 503, 504
 * and transport failures; POST and DELETE only on 429 (a request the rate limit refused was not
 * processed), on 503 that carries {@code Retry-After}, or when the request provably never reached
 * the server. The wait is the server's {@code Retry-After} when given, otherwise exponential
 * backoff with full jitter (at least half the step after a 429: never at once); attempts and total
 * time are bounded.
 */
public record RetryPolicy(
    int maxAttempts, Duration maxElapsed, Duration baseDelay, Duration maxDelay) {
  private static final Set<Integer> GET_RETRY = Set.of(408, 429, 500, 502, 503, 504);

  public static RetryPolicy defaults() {
    return new RetryPolicy(
        8, Duration.ofMinutes(5), Duration.ofMillis(250), Duration.ofSeconds(20));
  }

  /** Whether a status answer may be retried for this method. */
  public boolean retryStatus(String method, int status, Optional<Duration> retryAfter) {
    if (method.equals("GET")) {
      return GET_RETRY.contains(status);
    }
    // INFERRED: the API's rate limit refuses a request before its handler runs, with or without
    // Retry-After (the spec's 429 descriptions name only the limit)
    return status == 429 || status == 503 && retryAfter.isPresent();
  }

  /** Whether a transport failure may be retried: any for GET, only unsent ones otherwise. */
  public boolean retryTransport(String method, boolean requestSent) {
    return method.equals("GET") || !requestSent;
  }

  /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
  public Duration delay(int attempt, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      return retryAfter.get();
    }
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(step(attempt) + 1));
  }

  /**
   * The wait after a 429 without {@code Retry-After}: the backoff step with half of it jittered, so
   * a throttled request is never sent again at once.
   */
  public Duration throttledDelay(int attempt) {
    long step = step(attempt);
    return Duration.ofMillis(step - step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
  }

  private long step(int attempt) {
    return Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
  }

  /**
   * The longest wait any server value is taken as (about 100 years): larger values, however many
   * digits, mean the same, and its nanoseconds still fit in a {@code long}.
   */
  public static final Duration MAX_WAIT = Duration.ofDays(36_500);

  /**
   * {@code Retry-After} as seconds or an HTTP-date, at most {@link #MAX_WAIT}; empty when absent or
   * unreadable.
   */
  public static Optional<Duration> parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // seconds; more digits than a long holds is as long as the longest wait
      return Optional.of(
          v.length() > 12 ? MAX_WAIT : capped(Duration.ofSeconds(Long.parseLong(v))));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : capped(d));
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  static Duration capped(Duration d) {
    return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
  }

  /** A duration the way the flags take it: {@code 5m}, {@code 90s}, {@code 1h}, {@code 250ms}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  /** A server-requested wait in whole seconds, rounded up, for messages. */
  public static String seconds(Duration d) {
    long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return d.compareTo(MAX_WAIT) >= 0 ? s + " s or more" : s + " s";
  }
}
