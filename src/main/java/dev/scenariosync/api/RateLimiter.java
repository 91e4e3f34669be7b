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
 *       times are recorded, so the window starts from the truth). The first call past the
 *       documented limit in a window is a probe: it waits until every earlier call of its endpoint
 *       has been answered (so the server has counted them all) and goes alone, the others waiting
 *       for its answer. If the server enforces the limit, that single call meets the 429 rather
 *       than every call in flight; if it is accepted, the server has room and the endpoint is never
 *       slowed again. The probe costs about two round trips, once per endpoint.
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

  /** A reserved call; give it back with {@link #release} once the answer (or failure) is known. */
  public static final class Permit {
    final Endpoint endpoint;
    final boolean probe;
    final Duration wait; // until the reserved slot (zero: now)
    boolean released;

    Permit(Endpoint endpoint, boolean probe, Duration wait) {
      this.endpoint = endpoint;
      this.probe = probe;
      this.wait = wait;
    }
  }

  private static final class State {
    boolean limited;
    boolean roomy; // the server accepted more than the documented limit in a window
    boolean probing; // the call past the documented limit is in flight
    int inFlight; // permits taken and not yet released
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
    return reserve(endpoint, Long.MAX_VALUE);
  }

  /**
   * Reserves the next slot unless its wait is longer than {@code maxWaitNanos}: then nothing is
   * reserved and {@link TooLong} names the wait, so a call gives up at once instead of sleeping
   * past its own bounds.
   */
  synchronized Duration reserve(Endpoint endpoint, long maxWaitNanos) {
    State s = states.get(endpoint);
    long now = clock.getAsLong();
    long start = Math.max(now, s.blockedUntil);
    if (s.limited && s.sent.size() >= s.limit) {
      // the oldest of the last `limit` calls must have left the window
      start = Math.max(start, saturatedAdd(newest(s, s.limit), window + margin));
    }
    long wait = saturatedAdd(start, -now);
    if (wait > maxWaitNanos) {
      throw new TooLong(Duration.ofNanos(wait));
    }
    s.sent.addLast(start);
    while (s.sent.size() > s.limit + 1) {
      s.sent.pollFirst();
    }
    return Duration.ofNanos(wait);
  }

  /** The endpoint may not be called again within the time a call has left. */
  static final class TooLong extends RuntimeException {
    final Duration wait;

    TooLong(Duration wait) {
      super(null, null, false, false);
      this.wait = wait;
    }
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    // overflow when both have the same sign and the result's differs
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  /**
   * Blocks until the endpoint may be called. The first call past the documented limit (adaptive
   * mode, endpoint not yet known to be limited or roomy) waits until no other call of its endpoint
   * is in flight.
   */
  public Permit acquire(Endpoint endpoint) throws InterruptedException {
    return acquire(endpoint, Long.MAX_VALUE);
  }

  /** As {@link #acquire(Endpoint)}, but throws {@link TooLong} rather than wait longer. */
  Permit acquire(Endpoint endpoint, long maxWaitNanos) throws InterruptedException {
    Permit permit = take(endpoint, maxWaitNanos);
    Duration wait = permit.wait;
    if (!wait.isZero()) {
      Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
    }
    return permit;
  }

  /**
   * As {@link #acquire(Endpoint, long)} without the sleep: the permit names how long to wait before
   * the call may go, so the caller can say why it is waiting. Waits only for the calls in flight to
   * be answered before a probe (adaptive mode), which takes one call's time, not a window's.
   */
  synchronized Permit take(Endpoint endpoint, long maxWaitNanos) throws InterruptedException {
    State s = states.get(endpoint);
    boolean probe = false;
    while (mode == Mode.ADAPTIVE && !s.limited && !s.roomy && pastLimit(s)) {
      if (!s.probing && s.inFlight == 0) {
        probe = true;
        break;
      }
      wait(); // bounded: each call in flight ends within its own timeouts and is released
    }
    // checked and reserved under one lock: two calls can never both take the last free slot
    Duration wait = reserve(endpoint, maxWaitNanos);
    s.probing |= probe;
    s.inFlight++;
    return new Permit(endpoint, probe, wait);
  }

  /**
   * The answer of a permitted call is known; {@code throttled} when it was a 429 or none came (a
   * probe without an answer shows no room: the next call past the limit probes again).
   */
  public synchronized void release(Permit permit, boolean throttled) {
    if (permit.released) {
      return;
    }
    permit.released = true;
    State s = states.get(permit.endpoint);
    s.inFlight--;
    if (permit.probe) {
      s.probing = false;
      if (!throttled && inWindow(s) > s.limit) {
        s.roomy = true; // the server took more than the documented limit: it has room
      }
    }
    notifyAll();
  }

  /** The send time of the n-th newest call (1 = the newest). */
  private static long newest(State s, int n) {
    var it = s.sent.descendingIterator();
    long t = Long.MIN_VALUE;
    for (int i = 0; i < n && it.hasNext(); i++) {
      t = it.next();
    }
    return t;
  }

  /** The next call would be past the documented limit in the window. */
  private boolean pastLimit(State s) {
    return inWindow(s) >= s.limit;
  }

  /** Calls sent in the last window (the deque holds at most the last {@code limit}). */
  private int inWindow(State s) {
    long since = clock.getAsLong() - window;
    int n = 0;
    for (var it = s.sent.descendingIterator(); it.hasNext(); ) {
      if (it.next() <= since) {
        break;
      }
      n++;
    }
    return n;
  }

  /** The server said 429: limit this endpoint from now on and hold it for {@code retryAfter}. */
  public synchronized void onThrottled(Endpoint endpoint, Duration retryAfter) {
    State s = states.get(endpoint);
    if (mode != Mode.OFF) {
      s.limited = true;
    }
    long nanos = RetryPolicy.capped(retryAfter).toNanos();
    s.blockedUntil = Math.max(s.blockedUntil, saturatedAdd(clock.getAsLong(), nanos));
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
      // any value, however large, is a wait of at most RetryPolicy.MAX_WAIT: no overflow
      long capSeconds = RetryPolicy.MAX_WAIT.getSeconds();
      long waitSeconds = Math.min(resetEpochSeconds, epochNowMillis / 1000 + capSeconds);
      long waitMillis = Math.max(0, waitSeconds * 1000 - epochNowMillis);
      long waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
      s.blockedUntil = Math.max(s.blockedUntil, saturatedAdd(clock.getAsLong(), waitNanos));
    }
  }

  /** The calls a minute this endpoint is held to once limited: documented, or the server's. */
  public synchronized int limit(Endpoint endpoint) {
    return states.get(endpoint).limit;
  }

  public synchronized boolean isLimited(Endpoint endpoint) {
    return states.get(endpoint).limited;
  }

  /** The server accepted a call past the documented limit: the endpoint is never slowed. */
  synchronized boolean isRoomy(Endpoint endpoint) {
    return states.get(endpoint).roomy;
  }
}
