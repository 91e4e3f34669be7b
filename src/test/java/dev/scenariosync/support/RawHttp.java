package dev.scenariosync.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for emulator tests (the JDK's, not ours: the emulator is tested without the
 * code it is meant to test). Every exchange is checked against the OpenAPI document.
 */
public final class RawHttp {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private String token;

  public record Reply(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }
  }

  public RawHttp(String base) {
    this.base = base;
  }

  /** A client of this emulator, signed in to {@code org} with the development credentials. */
  public static RawHttp dev(dev.scenariosync.emulator.EmulatorServer server, String org) {
    return new RawHttp(server.baseUrl())
        .signIn(
            org,
            dev.scenariosync.emulator.EmulatorConfig.DEV_API_KEY,
            dev.scenariosync.emulator.EmulatorConfig.DEV_API_KEY_ID,
            dev.scenariosync.emulator.EmulatorConfig.DEV_USER_ID);
  }

  public RawHttp signIn(String org, String key, String keyId, String user) {
    Reply r =
        send(
            HttpRequest.newBuilder(URI.create(base + "/v1/" + org + "/user/signin_with_api_key"))
                .header("x-api-key", key)
                .header("x-api-key-id", keyId)
                .header("x-user-id", user)
                .POST(HttpRequest.BodyPublishers.noBody()),
            null);
    if (r.status() != 200) {
      throw new IllegalStateException("sign-in failed: " + r.status() + " " + r.body());
    }
    token = r.json().get("id_token").asString();
    return this;
  }

  public RawHttp token(String t) {
    this.token = t;
    return this;
  }

  public Reply get(String pathAndQuery) {
    return send(request(pathAndQuery).GET(), null);
  }

  public Reply delete(String path) {
    return send(request(path).DELETE(), null);
  }

  public Reply post(String pathAndQuery, String json) {
    return send(
        request(pathAndQuery)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        json);
  }

  /** Creates a persona named {@code name} in {@code org} and returns its id (201 or it throws). */
  public String persona(String org, String name) {
    Reply r =
        post(
            "/v1/" + org + "/simulation/persona/",
            """
            {"name": "%s", "role": "caller", "tags": {}, "initial_version": {"background": "A caller.",
             "user_models": [], "nonsensitive_user_variables": {}, "sensitive_user_variables": {}}}"""
                .formatted(name));
    if (r.status() != 201) {
      throw new IllegalStateException("persona create failed: " + r.status() + " " + r.body());
    }
    return r.json().get("simulation_persona_id").asString();
  }

  /**
   * Creates a unit test named {@code name} in {@code org} on this persona and scenario (one boolean
   * criterion) and returns its id (201 or it throws).
   */
  public String unitTest(String org, String name, String personaId, String scenarioId) {
    Reply r =
        post(
            "/v1/" + org + "/simulation/unit_test/",
            """
            {"name": "%s", "description": "d", "service_id": "aaaaaaaaaaaaaaaaaaaaaaaa",
             "service_version_set_name": "release", "persona_id": "%s", "scenario_id": "%s",
             "max_interactions": 10, "success_criterions": [{"name": "c",
             "metric_id": "cccccccccccccccccccccccc",
             "criterion": {"type": "boolean", "expected_value": true}}], "tags": {}}"""
                .formatted(name, personaId, scenarioId));
    if (r.status() != 201) {
      throw new IllegalStateException("unit test create failed: " + r.status() + " " + r.body());
    }
    return r.json().get("simulation_unit_test_id").asString();
  }

  public Reply method(String method, String path) {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()), null);
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Reply send(HttpRequest.Builder builder, String body) {
    HttpRequest request = builder.build();
    String path = request.uri().getRawPath();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      ApiSpec.checkResponse(request.method(), path, response.statusCode(), response.body());
      if (response.statusCode() / 100 == 2) {
        // bodies the server accepted must fit the spec; the invalid ones are sent on purpose
        ApiSpec.checkRequest(request.method(), request.uri(), body);
      }
      return new Reply(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
