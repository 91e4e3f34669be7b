package dev.scenariosync.api;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The last step: builds the HTTP request at the API's path, sends it once with OkHttp, and reads
 * the answer (body within {@link BodyCap}, {@code Retry-After} and {@code X-RateLimit-*} parsed).
 * It knows whether the request headers started going out, which decides whether a failed write may
 * be sent again. OkHttp itself never retries, follows a redirect or reads {@code Retry-After}.
 */
final class CallServer implements CallStep {
  private static final MediaType JSON = MediaType.get("application/json");

  /** Where a 503's {@code Retry-After} is moved so that only this class reads it. */
  private static final String RETRY_AFTER_503 = "X-Scenario-Sync-Retry-After";

  /** Set by the event listener when the request headers start going out. */
  private static final class Sent {
    final AtomicBoolean value = new AtomicBoolean();
  }

  private final ApiSettings settings;
  private final OkHttpClient http;
  private final AtomicLong calls = new AtomicLong();

  CallServer(ApiSettings settings) {
    this.settings = settings;
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .callTimeout(settings.callTimeout())
            .retryOnConnectionFailure(false) // a replayed POST could duplicate; Retry decides
            // Idle connections are dropped after 20 s, before servers and load balancers drop them
            // (the JDK's server after 30 s): a request on a connection the server has already
            // dropped can hang until the read timeout, as after a long Retry-After wait.
            .connectionPool(new ConnectionPool(16, 20, TimeUnit.SECONDS))
            .followRedirects(false)
            .addNetworkInterceptor(CallServer::hideRetryAfterOf503)
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
  }

  /**
   * OkHttp reads a 503's {@code Retry-After} itself: it resends the request at once on {@code 0} (a
   * POST too) and fails with a NumberFormatException on a value beyond an int. The header is moved
   * out of its sight; {@link Retry} decides.
   */
  private static Response hideRetryAfterOf503(Interceptor.Chain chain) throws IOException {
    Response r = chain.proceed(chain.request());
    String value = r.header("Retry-After");
    if (r.code() != 503 || value == null) {
      return r;
    }
    return r.newBuilder().removeHeader("Retry-After").header(RETRY_AFTER_503, value).build();
  }

  /** Requests sent, retries included. */
  long callCount() {
    return calls.get();
  }

  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public Answer intercept(Chain chain) throws NotAnswered {
    ApiCall call = chain.call();
    Sent sent = new Sent();
    Request request = build(call, sent);
    calls.incrementAndGet();
    try (Response r = http.newCall(request).execute()) {
      byte[] body = BodyCap.read(call, r);
      return new Answer(
          r.code(),
          body,
          RetryPolicy.parseRetryAfter(
              r.header("Retry-After", r.header(RETRY_AFTER_503)), Instant.now()),
          parseInt(r.header("X-RateLimit-Limit")),
          parseInt(r.header("X-RateLimit-Remaining")),
          parseLong(r.header("X-RateLimit-Reset")));
    } catch (IOException e) {
      throw new NotAnswered(e, sent.value.get());
    }
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

  private Request build(ApiCall call, Sent sent) {
    HttpUrl base = HttpUrl.get(settings.baseUrl().toString());
    HttpUrl.Builder url = base.newBuilder();
    // the API's paths: /v1/{org}/...; an empty last segment is the trailing slash
    url.addPathSegment("v1").addPathSegment(settings.organization());
    for (String segment : call.path()) {
      // ids in paths come from the remote or a saved plan: "." and ".." would be resolved by the
      // URL builder and point the call at another endpoint
      if (segment.equals(".") || segment.equals("..")) {
        throw new UnwritableContent(
            call.operation() + ": '" + segment + "' is not an id; nothing was sent");
      }
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
    call.headers().forEach(b::header);
    RequestBody body =
        call.body() != null
            ? RequestBody.create(call.body(), JSON)
            : call.method().equals("POST") ? RequestBody.create(new byte[0], null) : null;
    return b.method(call.method(), body).build();
  }
}
