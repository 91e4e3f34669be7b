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
 * and transport failures; POST and DELETE only on 429 and 503 that carry {@code Retry-After}, or
 * when the request provably never reached the server. The wait is the server's {@code Retry-After}
 * when given, otherwise exponential backoff with full jitter; attempts and total time are bounded.
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
    return (status == 429 || status == 503) && retryAfter.isPresent();
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
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
  }

  /** {@code Retry-After} as seconds or an HTTP-date; empty when absent or unreadable. */
  public static Optional<Duration> parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      // not seconds: try an HTTP-date
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
