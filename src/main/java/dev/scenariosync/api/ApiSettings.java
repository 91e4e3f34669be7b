package dev.scenariosync.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the client needs to talk to one organization: where, as whom, and how patiently. Built
 * by the CLI from flags, environment variables and the configuration file.
 */
public record ApiSettings(
    URI baseUrl,
    String organization,
    Credentials credentials,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    RetryPolicy retry,
    RateLimiter.Mode rateLimit,
    String userAgent) {

  public ApiSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(credentials, "credentials");
  }

  public static ApiSettings of(
      URI baseUrl, String organization, Credentials credentials, String userAgent) {
    return new ApiSettings(
        baseUrl,
        organization,
        credentials,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120),
        RetryPolicy.defaults(),
        RateLimiter.Mode.ADAPTIVE,
        userAgent);
  }

  public ApiSettings withRetry(RetryPolicy r) {
    return new ApiSettings(
        baseUrl,
        organization,
        credentials,
        connectTimeout,
        readTimeout,
        callTimeout,
        r,
        rateLimit,
        userAgent);
  }

  public ApiSettings withRateLimit(RateLimiter.Mode m) {
    return new ApiSettings(
        baseUrl,
        organization,
        credentials,
        connectTimeout,
        readTimeout,
        callTimeout,
        retry,
        m,
        userAgent);
  }

  public ApiSettings withTimeouts(Duration connect, Duration read, Duration call) {
    return new ApiSettings(
        baseUrl, organization, credentials, connect, read, call, retry, rateLimit, userAgent);
  }

  /** True for plain http to a host outside the loopback range, where a key would cross in clear. */
  public static boolean isInsecure(URI url) {
    if (!"http".equalsIgnoreCase(url.getScheme())) {
      return false;
    }
    String host = url.getHost() == null ? "" : url.getHost();
    return !(host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("[::1]")
        || host.equals("::1"));
  }
}
