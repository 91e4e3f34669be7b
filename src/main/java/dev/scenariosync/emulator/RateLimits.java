package dev.scenariosync.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The API's documented per-endpoint limits (given with each route), per minute, enforced with a
 * sliding window: a request over the limit gets 429 with {@code Retry-After} set to when the oldest
 * counted request leaves the window.
 */
final class RateLimits {
  private final long windowNanos;
  private final Map<String, Deque<Long>> windows = new HashMap<>();

  RateLimits(java.time.Duration window) {
    this.windowNanos = window.toNanos();
  }

  /** Counts the request and returns 0, or the seconds to wait when it is over the limit. */
  synchronized long admit(String endpoint, int limit, long nowNanos) {
    Deque<Long> w = windows.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
    while (!w.isEmpty() && nowNanos - w.peekFirst() >= windowNanos) {
      w.pollFirst();
    }
    if (w.size() >= limit) {
      long waitNanos = windowNanos - (nowNanos - w.peekFirst());
      return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
    w.addLast(nowNanos);
    return 0;
  }
}
