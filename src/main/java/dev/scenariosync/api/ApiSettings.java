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
    String userAgent,
    java.time.Instant deadline) {

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
        userAgent,
        null);
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
        userAgent,
        deadline);
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
        userAgent,
        deadline);
  }

  public ApiSettings withTimeouts(Duration connect, Duration read, Duration call) {
    return new ApiSettings(
        baseUrl,
        organization,
        credentials,
        connect,
        read,
        call,
        retry,
        rateLimit,
        userAgent,
        deadline);
  }

  /** After {@code at} no call is started (null: no deadline). */
  public ApiSettings withDeadline(java.time.Instant at) {
    return new ApiSettings(
        baseUrl,
        organization,
        credentials,
        connectTimeout,
        readTimeout,
        callTimeout,
        retry,
        rateLimit,
        userAgent,
        at);
  }

  /** True for plain http to a host outside the loopback range, where a key would cross in clear. */
  public static boolean isInsecure(URI url) {
    return "http".equalsIgnoreCase(url.getScheme()) && !isLoopback(url);
  }

  /**
   * True when the URL's host is loopback: {@code localhost}, an IPv4 literal in 127.0.0.0/8, or
   * {@code [::1]}. The host is parsed, never matched by prefix: {@code 127.0.0.1.example} is not.
   */
  public static boolean isLoopback(URI url) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
    if (host.equals("localhost") || host.equals("[::1]") || host.equals("::1")) {
      return true;
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * The documented Amigo API hosts, one per region: the only hosts a configuration file may name.
   */
  public static final java.util.Set<String> AMIGO_HOSTS =
      java.util.Set.of(
          "api.amigo.ai",
          "api-eu-central-1.amigo.ai",
          "api-ap-southeast-2.amigo.ai",
          "api-ca-central-1.amigo.ai");

  /** True for https to one of {@link #AMIGO_HOSTS} on the default port. */
  public static boolean isAmigoHost(URI url) {
    return "https".equalsIgnoreCase(url.getScheme())
        && url.getHost() != null
        && AMIGO_HOSTS.contains(url.getHost().toLowerCase(java.util.Locale.ROOT))
        && (url.getPort() == -1 || url.getPort() == 443);
  }
}
