package dev.scenariosync.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Client-side rate limiting per endpoint, shared by all threads of a client. The API counts calls
 * per endpoint over a minute; once an endpoint is limited here, it gets at most its limit in any
 * minute (a sliding window of the calls' send times, with a small margin), which is the most the
 * server allows, bursts included.
 *
 * <ul>
 *   <li>{@code adaptive} (default): an endpoint is limited only after the server signals, with a
 *       429 or with {@code X-RateLimit-*} headers; until then calls go at full speed (their send
 *       times are recorded, so the window starts from the truth). A server with room to spare is
 *       never slowed down, and a large plan meets one burst of 429s (the calls in flight at that
 *       moment) per endpoint.
 *   <li>{@code documented}: every endpoint is limited to its documented limit from the first call.
 *   <li>{@code off}: nothing is limited (a 429's {@code Retry-After} is still obeyed).
 * </ul>
 *
 * Sign-in is always limited to its 5 a minute, whatever the mode.
 */
public final class RateLimiter {
  public enum Mode {
    ADAPTIVE,
    DOCUMENTED,
    OFF
  }

  /** Added to the window: the server counts arrival times, a little after our send times. */
  static final Duration MARGIN = Duration.ofMillis(250);

  private static final class State {
    boolean limited;
    int limit;
    final ArrayDeque<Long> sent = new ArrayDeque<>();
    long blockedUntil = Long.MIN_VALUE;
  }

  private final Mode mode;
  private final LongSupplier clock;
  private final long window;
  private final long margin;
  private final Map<Endpoint, State> states = new EnumMap<>(Endpoint.class);

  public RateLimiter(Mode mode) {
    this(mode, System::nanoTime, Duration.ofMinutes(1));
  }

  RateLimiter(Mode mode, LongSupplier clock, Duration window) {
    this.mode = mode;
    this.clock = clock;
    this.window = window.toNanos();
    this.margin = Math.min(MARGIN.toNanos(), this.window / 8);
    for (Endpoint e : Endpoint.values()) {
      State s = new State();
      s.limit = e.perMinute();
      s.limited = e == Endpoint.SIGN_IN || mode == Mode.DOCUMENTED;
      states.put(e, s);
    }
  }

  /** Reserves the next slot for a call and returns how long to wait for it (zero: go now). */
  public synchronized Duration reserve(Endpoint endpoint) {
    State s = states.get(endpoint);
    long now = clock.getAsLong();
    long start = Math.max(now, s.blockedUntil);
    if (s.limited && s.sent.size() >= s.limit) {
      // the oldest of the last `limit` calls must have left the window
      start = Math.max(start, s.sent.peekFirst() + window + margin);
    }
    s.sent.addLast(start);
    while (s.sent.size() > s.limit) {
      s.sent.pollFirst();
    }
    return Duration.ofNanos(start - now);
  }

  /** Blocks until the endpoint may be called. */
  public void acquire(Endpoint endpoint) throws InterruptedException {
    Duration wait = reserve(endpoint);
    if (!wait.isZero()) {
      Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
    }
  }

  /** The server said 429: limit this endpoint from now on and hold it for {@code retryAfter}. */
  public synchronized void onThrottled(Endpoint endpoint, Duration retryAfter) {
    State s = states.get(endpoint);
    if (mode != Mode.OFF) {
      s.limited = true;
    }
    s.blockedUntil = Math.max(s.blockedUntil, clock.getAsLong() + retryAfter.toNanos());
  }

  /**
   * The server sent {@code X-RateLimit-*} headers: limit the endpoint to its stated limit, and hold
   * it until the reset when nothing remains.
   */
  public synchronized void onHeaders(
      Endpoint endpoint,
      Integer limit,
      Integer remaining,
      Long resetEpochSeconds,
      long epochNowMillis) {
    if (mode == Mode.OFF || limit == null || limit <= 0) {
      return;
    }
    State s = states.get(endpoint);
    s.limited = true;
    s.limit = Math.min(s.limit, limit);
    while (s.sent.size() > s.limit) {
      s.sent.pollFirst();
    }
    if (remaining != null && remaining <= 0 && resetEpochSeconds != null) {
      long waitNanos =
          TimeUnit.MILLISECONDS.toNanos(Math.max(0, resetEpochSeconds * 1000 - epochNowMillis));
      s.blockedUntil = Math.max(s.blockedUntil, clock.getAsLong() + waitNanos);
    }
  }

  public synchronized boolean isLimited(Endpoint endpoint) {
    return states.get(endpoint).limited;
  }
}
