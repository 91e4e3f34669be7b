package dev.scenariosync.emulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sign-in with an API key (the one configured credential triple) and the bearer tokens it issues:
 * JWT-shaped, per organization, expiring after the configured lifetime.
 */
final class Sessions {
  /** A signed-in session behind a token. */
  private record Session(String org, Store.User user, Instant expiresAt) {}

  private final EmulatorConfig config;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  Sessions(EmulatorConfig config) {
    this.config = config;
  }

  /** {@code POST /v1/{org}/user/signin_with_api_key}: headers in, a token out. */
  JsonNode signIn(String org, Function<String, String> headers) {
    Invalid inv = new Invalid();
    String key = header(headers, "x-api-key", inv);
    String keyId = header(headers, "x-api-key-id", inv);
    String user = header(headers, "x-user-id", inv);
    inv.throwIfAny();
    if (!config.apiKey().equals(key)
        || !config.apiKeyId().equals(keyId)
        || !config.userId().equals(user)) {
      throw new ApiError(
          401, "API key not found, is incorrect, or the requested user is not found.");
    }
    Instant expires = Instant.now().plus(config.tokenTtl()).truncatedTo(ChronoUnit.MILLIS);
    String token = newToken(org, user, expires);
    sessions.put(token, new Session(org, new Store.User(org, user), expires));
    ObjectNode out = Json.F.objectNode();
    out.put("id_token", token);
    out.put("expires_at", expires.toString());
    return out;
  }

  private static String header(Function<String, String> headers, String name, Invalid inv) {
    String v = headers.apply(name);
    if (v == null) {
      inv.missing(List.of("header", name), null);
    }
    return v;
  }

  /** The user behind an {@code Authorization: Bearer} header for this org, or 401. */
  Store.User authenticate(String authorization, String org) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Session s = sessions.get(authorization.substring(7).trim());
      if (s != null && s.org.equals(org) && Instant.now().isBefore(s.expiresAt)) {
        return s.user;
      }
    }
    throw new ApiError(401, "Invalid authorization credentials.");
  }

  Set<String> issuedTokens() {
    return Set.copyOf(sessions.keySet());
  }

  /** A JWT-shaped token: a header, the claims, and a random signature the emulator remembers. */
  private String newToken(String org, String user, Instant expires) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String head =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64.encodeToString(
            ("{\"org\":\""
                    + org
                    + "\",\"sub\":\""
                    + user
                    + "\",\"exp\":"
                    + expires.getEpochSecond()
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    byte[] sig = new byte[32];
    random.nextBytes(sig);
    return head + "." + claims + "." + b64.encodeToString(sig);
  }
}
