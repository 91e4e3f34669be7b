package dev.scenariosync.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds each attempt until the {@link RateLimiter} gives its endpoint a slot, and tells the limiter
 * what the server said about its limits (a 429 with its {@code Retry-After}, {@code X-RateLimit-*}
 * values). A slot further away than the call has left ends the call at once, naming the wait.
 */
final class Pacing implements CallStep {
  private final RateLimiter limiter;
  private final Holds holds;
  private final AtomicLong throttled = new AtomicLong();

  Pacing(RateLimiter limiter, Holds holds) {
    this.limiter = limiter;
    this.holds = holds;
  }

  /** Answers that were 429. */
  long throttledCount() {
    return throttled.get();
  }

  @Override
  public Answer intercept(Chain chain) throws NotAnswered {
    ApiCall call = chain.call();
    CallBudget budget = chain.budget();
    RateLimiter.Permit permit;
    try {
      permit = limiter.take(call.endpoint(), Math.max(0, budget.left()));
    } catch (RateLimiter.TooLong e) {
      if (e.wait.toNanos() < budget.retryLeft()) {
        throw new TransportException.DeadlinePassed(call.operation()); // it would, waiting
      }
      throw new CallStep.WaitTooLong(429, e.wait, "before calling this endpoint again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(call.operation(), false, e);
    }
    boolean roomShown = false;
    try {
      holds.rateLimit(call.endpoint(), permit.wait, call);
      Answer a = chain.proceed(call);
      observe(call.endpoint(), a);
      roomShown = a.status() != 429;
      return a;
    } finally {
      // once the answer (or its absence) is known, before any retry wait; a call that got no
      // answer shows nothing about the server's room, as a 429 shows none
      limiter.release(permit, !roomShown);
    }
  }

  private void observe(Endpoint endpoint, Answer a) {
    if (a.rateLimit() != null) {
      limiter.onHeaders(
          endpoint,
          a.rateLimit(),
          a.rateRemaining(),
          a.rateResetEpochSeconds(),
          System.currentTimeMillis());
    }
    if (a.status() == 429) {
      throttled.incrementAndGet();
      Duration retryAfter = a.retryAfter().orElse(Duration.ZERO);
      // before the limiter holds the endpoint: calls that wait in that hold name its cause
      holds.throttled(endpoint, retryAfter);
      limiter.onThrottled(endpoint, retryAfter);
    }
  }
}
