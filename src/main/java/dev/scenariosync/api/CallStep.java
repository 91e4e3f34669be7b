package dev.scenariosync.api;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * One step of an API call's way to the server, in the OkHttp interceptor style: each step does one
 * job (map errors, authenticate, retry, check the deadline, pace, send) and hands the call on with
 * {@link Chain#proceed}. {@link HttpTransport} assembles the steps in order.
 */
interface CallStep {
  Answer intercept(Chain chain) throws NotAnswered;

  /** The rest of the steps, for one call. */
  interface Chain {
    ApiCall call();

    /** The time this call has left, shared by every attempt. */
    CallBudget budget();

    Answer proceed(ApiCall call) throws NotAnswered;
  }

  /**
   * What the server answered, whatever the status: a status is data until {@link ErrorMapping} maps
   * it. {@code retryAfter} and the {@code X-RateLimit-*} values are already parsed; no header text
   * travels further.
   */
  record Answer(
      int status,
      byte[] body,
      Optional<Duration> retryAfter,
      Integer rateLimit,
      Integer rateRemaining,
      Long rateResetEpochSeconds) {}

  /** No answer came; {@link #sent()} tells whether the request headers had started going out. */
  final class NotAnswered extends IOException {
    private final boolean sent;

    NotAnswered(IOException cause, boolean sent) {
      super(cause);
      this.sent = sent;
    }

    boolean sent() {
      return sent;
    }

    IOException failure() {
      return (IOException) getCause();
    }
  }

  /** Thrown by an inner step when the wait it needs is longer than the call has left. */
  final class WaitTooLong extends RuntimeException {
    final int status;
    final Duration wait;
    final String what;

    WaitTooLong(int status, Duration wait, String what) {
      super(null, null, false, false);
      this.status = status;
      this.wait = wait;
      this.what = what;
    }
  }
}
