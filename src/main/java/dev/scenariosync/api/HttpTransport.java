package dev.scenariosync.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends one API call with everything around it: the bearer token, pacing, retries and the mapping
 * of error answers to typed exceptions. It knows, for each attempt, whether the request was written
 * to the wire, which decides whether a failed POST may be sent again.
 */
final class HttpTransport {
  private static final MediaType JSON = MediaType.get("application/json");

  /** One logical API call. */
  record ApiCall(
      String method,
      Endpoint endpoint,
      String operation,
      List<String> path,
      List<Map.Entry<String, String>> query,
      byte[] body,
      boolean authenticated,
      Map<String, String> headers) {}

  /** A successful answer. */
  record ApiResponse(int status, byte[] body) {}

  /** Set by the event listener when the request headers start going out. */
  private static final class Sent {
    final AtomicBoolean value = new AtomicBoolean();
  }

  private final ApiSettings settings;
  private final OkHttpClient http;
  private final RateLimiter limiter;
  private final TokenManager tokens;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();

  HttpTransport(ApiSettings settings, java.time.Duration rateLimitPeriod) {
    this.settings = settings;
    this.limiter = new RateLimiter(settings.rateLimit(), System::nanoTime, rateLimitPeriod);
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .callTimeout(settings.callTimeout())
            .retryOnConnectionFailure(false) // a replayed POST could duplicate; we decide
            // Idle connections are dropped after 20 s, before servers and load balancers drop them
            // (the JDK's server after 30 s): a request on a connection the server has already
            // dropped can hang until the read timeout, as after a long Retry-After wait.
            .connectionPool(
                new okhttp3.ConnectionPool(16, 20, java.util.concurrent.TimeUnit.SECONDS))
            .followRedirects(false)
            .addNetworkInterceptor(HttpTransport::hideRetryAfterOf503)
            .eventListenerFactory(
                call ->
                    new EventListener() {
                      @Override
                      public void requestHeadersStart(Call c) {
                        Sent sent = c.request().tag(Sent.class);
                        if (sent != null) {
                          sent.value.set(true);
                        }
                      }
                    })
            .build();
    this.tokens = new TokenManager(this, settings);
  }

  /** Where a 503's {@code Retry-After} is moved so that only this class reads it. */
  private static final String RETRY_AFTER_503 = "X-Scenario-Sync-Retry-After";

  /**
   * OkHttp reads a 503's {@code Retry-After} itself: it resends the request at once on {@code 0} (a
   * POST too) and fails with a NumberFormatException on a value beyond an int. The header is moved
   * out of its sight; the retry policy here decides.
   */
  private static Response hideRetryAfterOf503(okhttp3.Interceptor.Chain chain) throws IOException {
    Response r = chain.proceed(chain.request());
    String value = r.header("Retry-After");
    if (r.code() != 503 || value == null) {
      return r;
    }
    return r.newBuilder().removeHeader("Retry-After").header(RETRY_AFTER_503, value).build();
  }

  RateLimiter limiter() {
    return limiter;
  }

  TokenManager tokens() {
    return tokens;
  }

  /** Requests sent, retries included. */
  long callCount() {
    return calls.get();
  }

  /** Answers that were 429. */
  long throttledCount() {
    return throttled.get();
  }

  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  ApiResponse execute(ApiCall call) {
    RetryPolicy retry = settings.retry();
    long deadline = System.nanoTime() + retry.maxElapsed().toNanos();
    boolean reauthenticated = false;
    int attempt = 0;
    while (true) {
      attempt++;
      checkDeadline(call);
      RateLimiter.Permit permit;
      try {
        permit = limiter.acquire(call.endpoint(), Math.max(0, left(deadline)));
      } catch (RateLimiter.TooLong e) {
        if (e.wait.toNanos() < deadline - System.nanoTime()) {
          throw new TransportException.DeadlinePassed(call.operation()); // it would, waiting
        }
        throw waitTooLong(call, 429, e.wait, retry, "before calling this endpoint again");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(call.operation(), false, e);
      }
      try {
        ApiResponse done = attemptOnce(call, permit, retry, deadline, attempt, reauthenticated);
        if (done != null) {
          return done;
        }
      } catch (Reauthenticate r) {
        reauthenticated = true;
        attempt--;
      } finally {
        limiter.release(permit, false); // idempotent: a no-op when already released
      }
    }
  }

  /** After the command's {@code --deadline}, no call is started. */
  private void checkDeadline(ApiCall call) {
    if (settings.deadline() != null && !Instant.now().isBefore(settings.deadline())) {
      throw new TransportException.DeadlinePassed(call.operation());
    }
  }

  /** The server asks for a wait longer than the call has left: it fails now, naming the wait. */
  private static ApiException waitTooLong(
      ApiCall call, int status, Duration wait, RetryPolicy retry, String what) {
    String detail =
        "the API asks to wait "
            + RetryPolicy.seconds(wait)
            + " "
            + what
            + ", more than --retry-max-time "
            + RetryPolicy.format(retry.maxElapsed())
            + " allows";
    return status == 429
        ? new ApiException.RateLimited(call.operation(), detail)
        : new ApiException.ServerError(status, call.operation(), detail);
  }

  /** Thrown inside an attempt to sign in again and retry once (a 401). */
  private static final class Reauthenticate extends RuntimeException {
    Reauthenticate() {
      super(null, null, false, false);
    }
  }

  /**
   * One attempt: the answer on success, null to try again, an exception when done trying. The
   * permit is released as soon as the answer is known, before any retry wait.
   */
  private ApiResponse attemptOnce(
      ApiCall call,
      RateLimiter.Permit permit,
      RetryPolicy retry,
      long deadline,
      int attempt,
      boolean reauthenticated) {
    {
      String token = call.authenticated() ? tokens.token() : null;
      Sent sent = new Sent();
      Request request = build(call, token, sent);
      calls.incrementAndGet();
      try (Response r = http.newCall(request).execute()) {
        byte[] body = body(call, r);
        observeHeaders(call.endpoint(), r);
        int status = r.code();
        if (status < 300) {
          return new ApiResponse(status, body);
        }
        Optional<Duration> retryAfter =
            RetryPolicy.parseRetryAfter(
                r.header("Retry-After", r.header(RETRY_AFTER_503)), Instant.now());
        if (status == 429) {
          throttled.incrementAndGet();
          limiter.onThrottled(call.endpoint(), retryAfter.orElse(Duration.ZERO));
        }
        limiter.release(permit, status == 429);
        if (status == 401 && call.authenticated() && !reauthenticated) {
          tokens.invalidate(token); // expired or revoked: sign in again, once
          throw new Reauthenticate();
        }
        if (retry.retryStatus(call.method(), status, retryAfter)) {
          if (retryAfter.isPresent() && !fits(deadline, retryAfter.get())) {
            throw waitTooLong(call, status, retryAfter.get(), retry, "(Retry-After)");
          }
          Duration wait = retry.delay(attempt, retryAfter);
          if (attempt < retry.maxAttempts() && fits(deadline, wait)) {
            sleep(wait, call);
            return null;
          }
        }
        throw Errors.of(status, call.operation(), body);
      } catch (IOException e) {
        limiter.release(permit, false);
        boolean wasSent = sent.value.get();
        boolean retryable = retry.retryTransport(call.method(), wasSent);
        Duration wait = retry.delay(attempt, Optional.empty());
        if (retryable && attempt < retry.maxAttempts() && fits(deadline, wait)) {
          sleep(wait, call);
          return null;
        }
        throw new TransportException(call.operation(), wasSent && !call.method().equals("GET"), e);
      }
    }
  }

  /** The largest answer read: a bigger one is an error naming the call, never out of memory. */
  static final long MAX_BODY_BYTES = 32L << 20;

  private static byte[] body(ApiCall call, Response r) throws IOException {
    okhttp3.ResponseBody b = r.body();
    if (b.contentLength() > MAX_BODY_BYTES) {
      throw tooLarge(call, r);
    }
    okio.BufferedSource source = b.source();
    if (source.request(MAX_BODY_BYTES + 1)) {
      throw tooLarge(call, r);
    }
    return source.readByteArray();
  }

  private static ApiException tooLarge(ApiCall call, Response r) {
    return new ApiException.Unexpected(
        r.code(),
        call.operation(),
        "the API answered more than " + (MAX_BODY_BYTES >> 20) + " MiB; not read");
  }

  private boolean fits(long deadline, Duration wait) {
    return wait.compareTo(RetryPolicy.MAX_WAIT) < 0 && wait.toNanos() < left(deadline);
  }

  /** Nanoseconds left to this call: to its retry deadline, and to the command's --deadline. */
  private long left(long deadline) {
    long left = deadline - System.nanoTime();
    if (settings.deadline() != null) {
      long untilDeadline;
      try {
        untilDeadline = Duration.between(Instant.now(), settings.deadline()).toNanos();
      } catch (ArithmeticException e) {
        untilDeadline = Long.MAX_VALUE;
      }
      left = Math.min(left, untilDeadline);
    }
    return left;
  }

  private static void sleep(Duration wait, ApiCall call) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(call.operation(), false, e);
    }
  }

  private void observeHeaders(Endpoint endpoint, Response r) {
    String limit = r.header("X-RateLimit-Limit");
    if (limit == null) {
      return;
    }
    limiter.onHeaders(
        endpoint,
        parseInt(limit),
        parseInt(r.header("X-RateLimit-Remaining")),
        parseLong(r.header("X-RateLimit-Reset")),
        System.currentTimeMillis());
  }

  private static Integer parseInt(String s) {
    try {
      return s == null ? null : Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long parseLong(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    if (!t.isEmpty() && t.length() <= 40 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return t.length() > 18 ? Long.MAX_VALUE : Long.valueOf(t); // huge: as long as can be
    }
    return null;
  }

  private Request build(ApiCall call, String token, Sent sent) {
    HttpUrl base = HttpUrl.get(settings.baseUrl().toString());
    HttpUrl.Builder url = base.newBuilder();
    // the API's paths: /v1/{org}/...; an empty last segment is the trailing slash
    url.addPathSegment("v1").addPathSegment(settings.organization());
    for (String segment : call.path()) {
      url.addPathSegment(segment);
    }
    for (Map.Entry<String, String> q : call.query()) {
      url.addQueryParameter(q.getKey(), q.getValue());
    }
    Request.Builder b =
        new Request.Builder()
            .url(url.build())
            .header("User-Agent", settings.userAgent())
            .header("Accept", "application/json")
            .tag(Sent.class, sent);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    call.headers().forEach(b::header);
    RequestBody body =
        call.body() != null
            ? RequestBody.create(call.body(), JSON)
            : call.method().equals("POST") ? RequestBody.create(new byte[0], null) : null;
    return b.method(call.method(), body).build();
  }
}
