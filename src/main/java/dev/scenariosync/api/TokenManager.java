package dev.scenariosync.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exchanges the API key for a token once, keeps it in memory only, and signs in again when less
 * than five minutes remain (or half the token's life, for short-lived tokens) or when the API
 * answers 401. Sign-in is limited to 5 a minute, which the rate limiter always respects.
 */
final class TokenManager {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration MARGIN = Duration.ofMinutes(5);

  /** Sends the sign-in call through the whole transport. */
  interface Caller {
    ApiCall.Response execute(ApiCall call);
  }

  private final Caller transport;
  private final ApiSettings settings;
  private String token;
  private Instant issuedAt;
  private Instant expiresAt;
  private int signIns;

  TokenManager(Caller transport, ApiSettings settings) {
    this.transport = transport;
    this.settings = settings;
  }

  synchronized String token() {
    Instant now = Instant.now();
    if (token != null) {
      Duration life = Duration.between(issuedAt, expiresAt);
      Duration margin = life.compareTo(MARGIN.multipliedBy(2)) < 0 ? life.dividedBy(2) : MARGIN;
      if (Duration.between(now, expiresAt).compareTo(margin) > 0) {
        return token;
      }
    }
    signIn(now);
    return token;
  }

  synchronized void invalidate(String used) {
    if (Objects.equals(used, token)) {
      token = null;
    }
  }

  synchronized int signInCount() {
    return signIns;
  }

  private void signIn(Instant now) {
    Credentials c = settings.credentials();
    ApiCall call =
        new ApiCall(
            "POST",
            Endpoint.SIGN_IN,
            "sign in",
            List.of("user", "signin_with_api_key"),
            List.of(),
            null,
            false,
            Map.of("x-api-key", c.apiKey(), "x-api-key-id", c.apiKeyId(), "x-user-id", c.userId()));
    ApiCall.Response r;
    try {
      r = transport.execute(call);
    } catch (ApiException.Unauthorized e) {
      throw new ApiException.Unauthorized(
          "sign in",
          "the API key was refused; check AMIGO_API_KEY, AMIGO_API_KEY_ID and AMIGO_USER_ID ("
              + e.detail()
              + ")");
    } catch (ApiException.NotFound e) {
      throw new ApiException.NotFound(
          "sign in",
          "organization '"
              + settings.organization()
              + "' not found; check AMIGO_ORGANIZATION_ID and the region or base URL ("
              + settings.baseUrl()
              + ")");
    }
    signIns++;
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (RuntimeException e) {
      throw new ApiException.Unexpected(200, "sign in", "the API answered something not JSON");
    }
    JsonNode id = body == null ? null : body.get("id_token");
    if (id == null || !id.isString() || id.asString().isEmpty()) {
      throw new ApiException.Unexpected(200, "sign in", "the API answered no id_token");
    }
    String t = id.asString();
    Redactor.register(t);
    // it goes back in a header: a character a header cannot carry (a new line, non-ASCII) would
    // fail every call deep in OkHttp, naming nothing
    if (!t.chars().allMatch(ch -> ch >= ' ' && ch < 0x7f)) {
      throw new ApiException.Unexpected(
          200, "sign in", "the API answered an id_token that cannot be sent back in a header");
    }
    token = t;
    issuedAt = now;
    JsonNode expires = body.get("expires_at");
    Instant exp;
    try {
      exp = expires != null && expires.isString() ? Wire.instant(expires.asString()) : null;
    } catch (Wire.BadValue e) {
      exp = null; // an odd expiry is not worth a failed sign-in: the short default below
    }
    expiresAt = exp != null && exp.isAfter(now) ? exp : now.plus(Duration.ofMinutes(10));
  }
}
