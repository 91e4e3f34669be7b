package dev.scenariosync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.RawHttp.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An emulator on a free port with a signed-in client and builders for every simulation resource.
 */
final class Fixture implements AutoCloseable {
  static final String SIM = "/v1/acme/simulation/";
  static final String S = SIM + "scenario/";
  static final String P = SIM + "persona/";
  static final String U = SIM + "unit_test/";
  static final String T = SIM + "unit_test_set/";
  static final String R = SIM + "unit_test_set_run/";
  static final String SERVICE = "aaaaaaaaaaaaaaaaaaaaaaaa";
  static final String METRIC = "cccccccccccccccccccccccc";
  static final String METRIC2 = "dddddddddddddddddddddddd";

  /** A clock the test moves by hand, so that run timing needs no sleeping. */
  static final class HandClock extends Clock {
    private volatile Instant now = Instant.parse("2026-05-01T10:00:00.000Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  final HandClock clock = new HandClock();
  final EmulatorServer server;
  final RawHttp http;

  Fixture() {
    this(c -> c);
  }

  Fixture(java.util.function.UnaryOperator<EmulatorConfig> change) {
    try {
      server =
          EmulatorServer.start(
              change.apply(
                  EmulatorConfig.defaults()
                      .withOrganizations(List.of("acme"))
                      .withClock(clock)
                      .withRunDuration(Duration.ofSeconds(10))));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    http = RawHttp.dev(server, "acme");
  }

  @Override
  public void close() {
    server.close();
  }

  static String created(Reply r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get(field).asString();
  }

  String scenario(String name, String instructions) {
    return created(
        http.post(
            S,
            """
            {"name": "%s", "tags": {}, "initial_version": {"objective": "o", "instructions": "%s",
             "initial_message_type": "user-message", "conversation_starts_at": null}}"""
                .formatted(name, instructions)),
        "simulation_scenario_id");
  }

  int scenarioVersion(String id, String instructions) {
    Reply r =
        http.post(
            S + id + "/version/",
            """
            {"objective": "o", "instructions": "%s", "initial_message_type": "skip",
             "conversation_starts_at": null}"""
                .formatted(instructions));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("version").asInt();
  }

  static String personaBody(String name, String role, String tags, String background) {
    return """
        {"name": "%s", "role": "%s", "tags": %s, "initial_version": {"background": "%s",
         "preferred_language": "eng", "timezone": "Europe/Paris", "user_models": ["m1"],
         "nonsensitive_user_variables": {"first_name": "Ana"},
         "sensitive_user_variables": {"ssn": "123"}}}"""
        .formatted(name, role, tags, background);
  }

  String persona(String name) {
    return created(
        http.post(P, personaBody(name, "caller", "{}", "A caller.")), "simulation_persona_id");
  }

  static String criteria(String... metricIds) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < metricIds.length; i++) {
      parts.add(
          """
          {"name": "c%d", "metric_id": "%s", "criterion": {"type": "boolean", "expected_value": true}}"""
              .formatted(i, metricIds[i]));
    }
    return "[" + String.join(", ", parts) + "]";
  }

  static String unitTestBody(
      String name, String description, String personaId, String scenarioId, String criteria) {
    return """
        {"name": "%s", "description": "%s", "service_id": "%s", "service_version_set_name": "release",
         "persona_id": "%s", "scenario_id": "%s", "max_interactions": 10,
         "success_criterions": %s, "tags": {"team": "care"}}"""
        .formatted(name, description, SERVICE, personaId, scenarioId, criteria);
  }

  String unitTest(String name, String description, String personaId, String scenarioId) {
    return created(
        http.post(U, unitTestBody(name, description, personaId, scenarioId, criteria(METRIC))),
        "simulation_unit_test_id");
  }

  static String setBody(String name, String description, String... unitTestRuns) {
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < unitTestRuns.length; i += 2) {
      runs.add(
          "{\"unit_test_id\": \"%s\", \"run_count\": %s}"
              .formatted(unitTestRuns[i], unitTestRuns[i + 1]));
    }
    return """
        {"name": "%s", "description": %s, "unit_test_runs": [%s], "tags": {"suite": null}}"""
        .formatted(name, description, String.join(", ", runs));
  }

  /** A set of the given unit tests, each run {@code runCount} times. */
  String set(String name, int runCount, String... unitTestIds) {
    List<String> pairs = new ArrayList<>();
    for (String id : unitTestIds) {
      pairs.add(id);
      pairs.add(String.valueOf(runCount));
    }
    return created(
        http.post(T, setBody(name, "\"d\"", pairs.toArray(String[]::new))),
        "simulation_unit_test_set_id");
  }

  static List<String> values(Reply r, String key, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode item : r.json().get(key)) {
      out.add(item.get(field).asString());
    }
    return out;
  }

  /** The 422's problems as {@code loc type} lines. */
  static List<String> problems(Reply r) {
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    List<String> out = new ArrayList<>();
    r.json()
        .get("detail")
        .forEach(d -> out.add(d.get("loc").toString() + " " + d.get("type").asString()));
    return out;
  }
}
