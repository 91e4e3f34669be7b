package dev.scenariosync.api;

/**
 * The outermost step: turns what came back into what callers see. A 2xx passes; any other status
 * becomes a typed {@link ApiException} with the server's detail (cut and escaped by {@link
 * Errors}); a call that got no answer becomes a {@link TransportException} saying whether a change
 * may have been made; a wait the call cannot afford becomes an error naming the wait.
 */
final class ErrorMapping implements CallStep {
  private final RetryPolicy retry;

  ErrorMapping(RetryPolicy retry) {
    this.retry = retry;
  }

  @Override
  public Answer intercept(Chain chain) {
    ApiCall call = chain.call();
    Answer a;
    try {
      a = chain.proceed(call);
    } catch (NotAnswered e) {
      // a GET changes nothing; any other method may have been applied once its headers went out
      boolean outcomeUnknown = e.sent() && !call.method().equals("GET");
      throw new TransportException(call.operation(), outcomeUnknown, e.failure());
    } catch (WaitTooLong e) {
      throw waitTooLong(call, e);
    }
    if (a.status() < 300) {
      return a;
    }
    throw Errors.of(a.status(), call.operation(), a.body());
  }

  private ApiException waitTooLong(ApiCall call, WaitTooLong e) {
    String detail =
        "the API asks to wait "
            + RetryPolicy.seconds(e.wait)
            + " "
            + e.what
            + ", more than --retry-max-time "
            + RetryPolicy.format(retry.maxElapsed())
            + " allows";
    return e.status == 429
        ? new ApiException.RateLimited(call.operation(), detail)
        : new ApiException.ServerError(e.status, call.operation(), detail);
  }
}
