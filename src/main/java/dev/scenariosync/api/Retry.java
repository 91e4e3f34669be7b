package dev.scenariosync.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Sends a call again when that is safe and worth it, and decides it here only (as OkHttp's {@code
 * RetryAndFollowUpInterceptor.recover()}): what is recoverable comes from the {@link RetryPolicy}
 * (a GET on 408, 429, 5xx or no answer; a write only on 429, on 503 with {@code Retry-After}, or
 * when it provably never left); each wait must fit in the call's budget. A wait the server asks for
 * that does not fit ends the call at once.
 */
final class Retry implements CallStep {
  private final RetryPolicy policy;
  private final Holds holds;

  Retry(RetryPolicy policy, Holds holds) {
    this.policy = policy;
    this.holds = holds;
  }

  @Override
  public Answer intercept(Chain chain) throws NotAnswered {
    ApiCall call = chain.call();
    CallBudget budget = chain.budget();
    for (int attempt = 1; ; attempt++) {
      Answer a;
      try {
        a = chain.proceed(call);
      } catch (NotAnswered e) {
        Duration wait = policy.delay(attempt, Optional.empty());
        if (policy.retryTransport(call.method(), e.sent())
            && attempt < policy.maxAttempts()
            && budget.fits(wait)) {
          holds.sleep(wait, call);
          continue;
        }
        throw e;
      }
      if (a.status() < 300 || !policy.retryStatus(call.method(), a.status(), a.retryAfter())) {
        return a;
      }
      Optional<Duration> retryAfter = a.retryAfter();
      if (retryAfter.isPresent() && !budget.fits(retryAfter.get())) {
        throw new CallStep.WaitTooLong(a.status(), retryAfter.get(), "(Retry-After)");
      }
      Duration wait =
          a.status() == 429 && retryAfter.isEmpty()
              ? policy.throttledDelay(attempt)
              : policy.delay(attempt, retryAfter);
      if (attempt >= policy.maxAttempts() || !budget.fits(wait)) {
        return a;
      }
      if (retryAfter.isPresent()) {
        holds.retryAfter(call.endpoint(), a.status(), wait, call);
      } else {
        holds.sleep(wait, call);
      }
    }
  }
}
