package dev.scenariosync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenariosync.support.ApiSpec;
import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.RawHttp.Reply;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The emulator's routes against openapi-simulation.json: the same operations, the documented rate
 * limits (from the spec's 429 descriptions, enforced under {@code --rate-limits}), the persona
 * enums, and the Prism-style checker the other tests rely on.
 */
class EmulatorRoutesTest {
  private static final Pattern LIMIT = Pattern.compile("rate limit of (\\d+) requests per minute");

  /** "METHOD template" to the per-minute limit, as the spec documents it. */
  static Map<String, Integer> specLimits() {
    Map<String, Integer> out = new TreeMap<>();
    for (var path : ApiSpec.document().get("paths").properties()) {
      for (var op : path.getValue().properties()) {
        String description =
            op.getValue().path("responses").path("429").path("description").asString();
        Matcher m = LIMIT.matcher(description);
        assertThat(m.find()).as(op.getKey() + " " + path.getKey()).isTrue();
        out.put(op.getKey().toUpperCase() + " " + path.getKey(), Integer.parseInt(m.group(1)));
      }
    }
    return out;
  }

  @Test
  void theEmulatorServesExactlyTheSpecsOperationsWithTheirDocumentedLimits() throws Exception {
    try (EmulatorServer s = EmulatorServer.start(EmulatorConfig.defaults())) {
      Map<String, Integer> served = new TreeMap<>();
      for (EmulatorServer.Route r : s.routes()) {
        assertThat(served.put(r.method() + " " + r.template(), r.perMinute())).isNull();
      }
      Map<String, Integer> spec = specLimits();
      assertThat(spec).hasSize(29);
      assertThat(ApiSpec.document().get("paths").size()).isEqualTo(18);
      assertThat(served).isEqualTo(spec);
    }
  }

  @Test
  void everyOperationAnswers401WithoutATokenAnd404ForAnUnknownOrganization() throws Exception {
    try (Fixture f = new Fixture()) {
      RawHttp anonymous = new RawHttp(f.server.baseUrl());
      int checked = 0;
      for (EmulatorServer.Route r : f.server.routes()) {
        if (r.endpoint().equals("signin")) {
          continue;
        }
        String path =
            r.template().replaceAll("\\{simulation_[a-z_]+_id}", "eeeeeeeeeeeeeeeeeeeeeeee");
        Reply noToken = call(anonymous, r.method(), path.replace("{organization}", "acme"));
        assertThat(noToken.status()).as(r.method() + " " + r.template()).isEqualTo(401);
        Reply otherOrg = call(f.http, r.method(), path.replace("{organization}", "nobody"));
        assertThat(otherOrg.status()).as(r.method() + " " + r.template()).isEqualTo(404);
        checked++;
      }
      assertThat(checked).isEqualTo(28);
    }
  }

  static Reply call(RawHttp http, String method, String path) {
    return switch (method) {
      case "GET" ->
          http.get(path + (path.endsWith("search") || path.endsWith("search/") ? "?query=x" : ""));
      case "POST" -> http.post(path, "{}");
      default -> http.delete(path);
    };
  }

  @Test
  void thePersonaEnumsAreTheSpecs() {
    JsonNode iv =
        ApiSpec.document()
            .get("components")
            .get("schemas")
            .get(
                "src__app__endpoints__simulation__create_simulation_persona__Request__InitialVersion")
            .get("properties");
    assertThat(Personas.LANGUAGES)
        .isEqualTo(strings(iv.get("preferred_language").get("anyOf").get(0).get("enum")));
    assertThat(Personas.TIMEZONES)
        .isEqualTo(strings(iv.get("timezone").get("anyOf").get(0).get("enum")));
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asString()));
    return out;
  }

  @Test
  void theCheckerRefusesRequestsTheSpecRefuses() {
    String s = "/v1/acme/simulation/scenario/";
    ApiSpec.checkRequest(
        "GET", URI.create(s + "?limit=200&is_deleted=false&sort_by=%2Bupdated_at"), null);
    assertThatThrownBy(() -> ApiSpec.checkRequest("GET", URI.create(s + "?limit=201"), null))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ApiSpec.checkRequest("GET", URI.create(s + "?id=nope"), null))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ApiSpec.checkRequest("GET", URI.create(s + "search"), null))
        .as("query is required")
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ApiSpec.checkRequest("DELETE", URI.create(s + "xyz/"), null))
        .as("path id pattern")
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () ->
                ApiSpec.checkRequest(
                    "POST",
                    URI.create("/v1/acme/simulation/unit_test_set_run/"),
                    "{\"simulation_unit_test_set_id\": 1}"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void runAndPersonaLimitsAnswer429UnderRateLimits() {
    try (Fixture f = new Fixture(c -> c.withRateLimits(true))) {
      RawHttp http = f.http;
      String set = f.set("S", 1, f.unitTest("t", "d", f.persona("Ana"), f.scenario("Sc", "i")));
      assertThat(
              statuses(
                  21,
                  () ->
                      http.post(
                          Fixture.R, "{\"simulation_unit_test_set_id\": \"%s\"}".formatted(set))))
          .as("run create: 20 per minute (the first starts, the others are busy)")
          .containsExactly(201, 409, 429);
      String missing = Fixture.R + "eeeeeeeeeeeeeeeeeeeeeeee/";
      assertThat(statuses(11, () -> http.delete(missing))).containsExactly(404, 429);
      assertThat(statuses(101, () -> http.get(missing + "artifacts/"))).containsExactly(404, 429);
      assertThat(statuses(51, () -> http.get(Fixture.P))).containsExactly(200, 429);
      assertThat(http.get(Fixture.U).status()).as("its own budget").isEqualTo(200);
    }
  }

  /** The distinct statuses of {@code n} calls, in the order first seen; the last must be 429. */
  static List<Integer> statuses(int n, java.util.function.Supplier<Reply> call) {
    List<Integer> seen = new ArrayList<>();
    int last = 0;
    for (int i = 0; i < n; i++) {
      last = call.get().status();
      if (!seen.contains(last)) {
        seen.add(last);
      }
    }
    assertThat(last).isEqualTo(429);
    return seen;
  }
}
