package dev.scenariosync.api;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The client's waits, and the notice of each long one: a hold of an endpoint longer than {@link
 * #NOTICE} (its rate limit, a {@code Retry-After}) is told to the {@link Progress} sink once,
 * though many calls in parallel wait in it; shorter holds, and backoff between retries, are silent.
 */
final class Holds {
  /** Holds up to this long pass without a word. */
  static final Duration NOTICE = Duration.ofSeconds(2);

  private final Progress progress;
  private final RateLimiter limiter;
  private final Map<Endpoint, Long> announcedUntil = new EnumMap<>(Endpoint.class);

  /** Until when (nano time) each endpoint is held because the server answered 429. */
  private final Map<Endpoint, Long> throttledUntil = new EnumMap<>(Endpoint.class);

  Holds(Progress progress, RateLimiter limiter) {
    this.progress = progress;
    this.limiter = limiter;
  }

  /** The endpoint's next slot under its rate limit is {@code wait} away. */
  void rateLimit(Endpoint e, Duration wait, ApiCall call) {
    if (wait.isZero()) {
      return;
    }
    long until = RateLimiter.saturatedAdd(System.nanoTime(), wait.toNanos());
    Long byServer;
    synchronized (this) {
      byServer = throttledUntil.get(e);
    }
    // A hold that ends with the server's Retry-After is that answer's, whichever call tells it.
    boolean serverHold = byServer != null && until - byServer <= NOTICE.toNanos();
    announce(e, wait, serverHold ? limited(e) + THROTTLED : limited(e));
    sleep(wait, call);
  }

  private static final String THROTTLED = " (the API answered 429 with Retry-After)";

  /** The server answered 429 with this {@code Retry-After}: the hold that follows is its. */
  synchronized void throttled(Endpoint e, Duration retryAfter) {
    throttledUntil.put(e, RateLimiter.saturatedAdd(System.nanoTime(), retryAfter.toNanos()));
  }

  private String limited(Endpoint e) {
    return label(e) + " is limited to " + limiter.limit(e) + " a minute";
  }

  /** The server answered {@code status} with a {@code Retry-After} of {@code wait}. */
  void retryAfter(Endpoint e, int status, Duration wait, ApiCall call) {
    announce(
        e,
        wait,
        status == 429
            ? limited(e) + THROTTLED
            : label(e) + " is unavailable (the API answered " + status + " with Retry-After)");
    sleep(wait, call);
  }

  /**
   * Tells the sink, unless the wait is short or this endpoint's hold was already told: a new notice
   * only for a hold that ends more than {@link #NOTICE} after the last one told.
   */
  private void announce(Endpoint e, Duration wait, String reason) {
    if (wait.compareTo(NOTICE) <= 0) {
      return;
    }
    long until = RateLimiter.saturatedAdd(System.nanoTime(), wait.toNanos());
    synchronized (this) {
      Long told = announcedUntil.get(e);
      if (told != null && until - told <= NOTICE.toNanos()) {
        announcedUntil.put(e, Math.max(told, until));
        return;
      }
      announcedUntil.put(e, until);
    }
    Instant at;
    try {
      at = Instant.now().plus(wait);
    } catch (java.time.DateTimeException | ArithmeticException x) {
      at = Instant.MAX;
    }
    progress.holding(new Progress.Hold(at, reason));
  }

  void sleep(Duration wait, ApiCall call) {
    try {
      Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(call.operation(), false, e);
    }
  }

  /** What a person calls the endpoint. */
  static String label(Endpoint e) {
    return switch (e) {
      case SIGN_IN -> "sign in";
      case CREATE -> "create scenario";
      case LIST -> "list scenarios";
      case SEARCH -> "search scenarios";
      case UPDATE -> "update scenario";
      case DELETE -> "delete scenario";
      case VERSION_CREATE -> "create version";
      case VERSION_GET -> "get versions";
      case UNIT_TEST_LIST -> "list unit tests";
      default -> e.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }
}
