package dev.scenariosync.api;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Client-side pacing per endpoint, shared by all threads of a client.
 *
 * <ul>
 *   <li>{@code adaptive} (default): no pacing until the server signals, with a 429 or with {@code
 *       X-RateLimit-*} headers; from then on that endpoint is paced at the documented per-minute
 *       limit (or at what the headers say). A server with room to spare is never slowed down, and a
 *       large plan collects about one 429 per endpoint.
 *   <li>{@code documented}: paced at the documented limit from the first call.
 *   <li>{@code off}: never paced (a 429's {@code Retry-After} is still obeyed by the retry).
 * </ul>
 *
 * Sign-in is always held to its limit, whatever the mode: at most 5 in any 60 seconds (a window,
 * not a pace, so a re-sign-in after a 401 does not wait).
 */
public final class RateLimiter {
  public enum Mode {
    ADAPTIVE,
    DOCUMENTED,
    OFF
  }

  private static final class State {
    boolean paced;
    long intervalNanos;
    long nextSlot;
    long blockedUntil;
  }

  private final Mode mode;
  private final LongSupplier clock;

  /**
   * Paced calls are spaced 5% wider than the limit: a server counting over a sliding window would
   * otherwise see, with network jitter, the occasional call one slot too early.
   */
  static final double MARGIN = 1.05;

  /** The limits' period: a minute, as documented (shorter only in tests). */
  private final long minute;

  private final Map<Endpoint, State> states = new EnumMap<>(Endpoint.class);
  private final java.util.ArrayDeque<Long> signIns = new java.util.ArrayDeque<>();

  public RateLimiter(Mode mode) {
    this(mode, System::nanoTime, Duration.ofMinutes(1));
  }

  RateLimiter(Mode mode, LongSupplier clock, Duration period) {
    this.mode = mode;
    this.clock = clock;
    this.minute = period.toNanos();
    for (Endpoint e : Endpoint.values()) {
      State s = new State();
      s.intervalNanos = (long) (minute * MARGIN / e.perMinute());
      s.paced = mode == Mode.DOCUMENTED && e != Endpoint.SIGN_IN;
      s.nextSlot = Long.MIN_VALUE;
      s.blockedUntil = Long.MIN_VALUE;
      states.put(e, s);
    }
  }

  /** Reserves the next slot for a call and returns how long to wait for it (zero: go now). */
  public synchronized Duration reserve(Endpoint endpoint) {
    State s = states.get(endpoint);
    long now = clock.getAsLong();
    long start = Math.max(now, s.blockedUntil);
    if (endpoint == Endpoint.SIGN_IN) {
      int limit = endpoint.perMinute();
      if (signIns.size() >= limit) {
        start = Math.max(start, signIns.peekFirst() + minute);
        signIns.pollFirst();
      }
      signIns.addLast(start);
      return Duration.ofNanos(start - now);
    }
    if (s.paced) {
      start = Math.max(start, s.nextSlot);
      s.nextSlot = start + s.intervalNanos;
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

  /** The server said 429: pace this endpoint from now on and hold it for {@code retryAfter}. */
  public synchronized void onThrottled(Endpoint endpoint, Duration retryAfter) {
    State s = states.get(endpoint);
    long now = clock.getAsLong();
    if (mode != Mode.OFF) {
      s.paced = true;
    }
    long until = now + retryAfter.toNanos();
    s.blockedUntil = Math.max(s.blockedUntil, until);
    s.nextSlot = Math.max(s.nextSlot, until);
  }

  /**
   * The server sent {@code X-RateLimit-*} headers: pace at its limit, and hold the endpoint until
   * the reset when nothing remains.
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
    s.paced = true;
    s.intervalNanos = Math.max(s.intervalNanos, (long) (minute * MARGIN / limit));
    if (remaining != null && remaining <= 0 && resetEpochSeconds != null) {
      long waitNanos =
          TimeUnit.MILLISECONDS.toNanos(Math.max(0, resetEpochSeconds * 1000 - epochNowMillis));
      s.blockedUntil = Math.max(s.blockedUntil, clock.getAsLong() + waitNanos);
    }
  }

  public synchronized boolean isPaced(Endpoint endpoint) {
    return states.get(endpoint).paced;
  }
}
