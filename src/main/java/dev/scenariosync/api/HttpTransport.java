package dev.scenariosync.api;

import java.time.Duration;
import java.util.List;

/**
 * Sends one API call through a chain of small steps, assembled here in order: {@link ErrorMapping}
 * (status to typed error), {@link Retry} (what is recoverable, and the waits), {@link Deadline} (no
 * attempt after {@code --deadline}, not even a sign-in), {@link Authentication} (bearer token, one
 * sign-in again on 401; the sign-in is a call through the same steps), {@link Pacing} (rate limits)
 * and {@link CallServer} (the HTTP exchange with its body cap). Each attempt goes through the inner
 * steps again.
 */
final class HttpTransport {

  /** The largest answer read: a bigger one is an error naming the call, never out of memory. */
  static final long MAX_BODY_BYTES = BodyCap.MAX_BODY_BYTES;

  private final ApiSettings settings;
  private final RateLimiter limiter;
  private final TokenManager tokens;
  private final Pacing pacing;
  private final CallServer server;
  private final List<CallStep> steps;

  HttpTransport(ApiSettings settings, Duration rateLimitPeriod, Progress progress) {
    this.settings = settings;
    this.limiter = new RateLimiter(settings.rateLimit(), System::nanoTime, rateLimitPeriod);
    this.tokens = new TokenManager(this::execute, settings);
    Holds holds = new Holds(progress, limiter);
    this.pacing = new Pacing(limiter, holds);
    this.server = new CallServer(settings);
    this.steps =
        List.of(
            new ErrorMapping(settings.retry()),
            new Retry(settings.retry(), holds),
            new Deadline(),
            new Authentication(tokens),
            pacing,
            server);
  }

  RateLimiter limiter() {
    return limiter;
  }

  TokenManager tokens() {
    return tokens;
  }

  /** Requests sent, retries included. */
  long callCount() {
    return server.callCount();
  }

  /** Answers that were 429. */
  long throttledCount() {
    return pacing.throttledCount();
  }

  void close() {
    server.close();
  }

  /** The answer of a 2xx; otherwise a typed {@link ApiException} or {@link TransportException}. */
  ApiCall.Response execute(ApiCall call) {
    CallBudget budget = new CallBudget(settings.retry().maxElapsed(), settings.deadline());
    try {
      CallStep.Answer a = new Steps(0, call, budget).proceed(call);
      return new ApiCall.Response(a.status(), a.body());
    } catch (CallStep.NotAnswered e) {
      throw new IllegalStateException("not mapped", e); // ErrorMapping maps every NotAnswered
    }
  }

  /** The steps from {@code index} on, for one call. */
  private final class Steps implements CallStep.Chain {
    private final int index;
    private final ApiCall call;
    private final CallBudget budget;

    Steps(int index, ApiCall call, CallBudget budget) {
      this.index = index;
      this.call = call;
      this.budget = budget;
    }

    @Override
    public ApiCall call() {
      return call;
    }

    @Override
    public CallBudget budget() {
      return budget;
    }

    @Override
    public CallStep.Answer proceed(ApiCall next) throws CallStep.NotAnswered {
      return steps.get(index).intercept(new Steps(index + 1, next, budget));
    }
  }
}
