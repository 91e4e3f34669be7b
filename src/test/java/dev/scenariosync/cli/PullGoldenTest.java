package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.Golden;
import dev.scenariosync.support.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes {@code pull} writes for every kind, against golden files: multi-line text, quoting
 * where YAML 1.2 needs it, the start time's spelling, a null start time, references by name and
 * sensitive values as placeholders.
 */
class PullGoldenTest {
  static final String S = "/v1/acme/simulation/scenario/";

  @TempDir Path dir;
  EmulatorServer server;
  RawHttp ui;

  @BeforeEach
  void start() throws IOException {
    server = EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
    ui = RawHttp.dev(server, "acme");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void scenario(String name, String tags, String objective, String instructions, String rest) {
    RawHttp.Reply r =
        ui.post(
            S,
            "{\"name\": "
                + name
                + ", \"tags\": "
                + tags
                + ", \"initial_version\": {\"objective\": "
                + objective
                + ", \"instructions\": "
                + instructions
                + ", "
                + rest
                + "}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @Test
  void pulledFilesAreByteForByteAsBefore() throws IOException {
    scenario(
        "\"Multi line\"",
        "{\"managed_by\": \"scenario_sync\", \"suite\": \"smoke\", \"owner\": null, \"café\": \"thé\"}",
        "\"yes\"",
        "\"line one  \\nline two\\n  indented\\n\\ttabbed\\n\\nlast\"",
        "\"initial_message_type\": \"external-event\","
            + " \"conversation_starts_at\": \"2026-01-05T10:30:00.250+01:00\"");
    scenario(
        "\"Quoted: #1\"",
        "{\"managed_by\": \"scenario_sync\"}",
        "\"123\"",
        "\"null\"",
        "\"initial_message_type\": \"skip\", \"conversation_starts_at\": null");
    scenario(
        "\"Réponse en français\"",
        "{\"managed_by\": \"scenario_sync\", \"x²\": null}",
        "\"¿Qué tal? - yes: no\"",
        "\"Réponds\\r\\nen français\"",
        "\"initial_message_type\": \"user-message\","
            + " \"conversation_starts_at\": \"2026-12-01T17:30:00Z\"");
    scenario(
        "\"Block text\"",
        "{\"managed_by\": \"scenario_sync\"}",
        "\"Reach the agent.\"",
        "\"First line.\\nSecond line.\\n\\n- a list item\"",
        "\"initial_message_type\": \"user-message\", \"conversation_starts_at\": null");
    Files.createDirectories(dir.resolve("suite"));
    Files.writeString(
        dir.resolve("suite/scenario.yaml"),
        "name: Used\nobjective: o\ninstructions: i\ninitial_message_type: skip\n");
    Files.writeString(
        dir.resolve("suite/kinds.yaml"),
        """
        kind: persona
        name: Anxious patient
        role: patient
        tags:
          suite: smoke
        background: |
          Sixty years old,
          worried about a test result.
        preferred_language: eng
        user_models: [careful]
        nonsensitive_user_variables:
          plan: gold
        sensitive_user_variables:
          portal_token: ${env:PATIENT_TOKEN}
        ---
        kind: unit_test
        name: Happy path
        description: The usual path.
        service_id: aaaaaaaaaaaaaaaaaaaaaaaa
        service_version_set_name: release
        persona: Anxious patient
        scenario: Used
        max_interactions: 10
        success_criteria:
          - name: resolved
            metric_id: cccccccccccccccccccccccc
            criterion:
              type: numerical
              verb: ">="
              threshold: 0.8
        ---
        kind: unit_test_set
        name: Smoke
        description: Before each release.
        unit_tests:
          - name: Happy path
            run_count: 2
        """);
    Cli cli =
        Cli.against(dir, server)
            .env("AMIGO_ORGANIZATION_ID", "acme")
            .env("PATIENT_TOKEN", "tok-secret-value")
            .env("PERSONA_ANXIOUS_PATIENT_PORTAL_TOKEN", "tok-secret-value");
    Cli.Result apply = cli.run("apply", "suite", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isZero();

    Cli.Result pull = cli.run("pull", "pulled");
    assertThat(pull.exit()).as(pull.all()).isZero();
    Path pulled = dir.resolve("pulled");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(pulled)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files.stream().map(f -> pulled.relativize(f).toString()))
        .containsExactlyInAnyOrder(
            "multi-line.yaml",
            "block-text.yaml",
            "quoted-1.yaml",
            "reponse-en-francais.yaml",
            "used.yaml",
            "personas/anxious-patient.yaml",
            "unit_tests/happy-path.yaml",
            "unit_test_sets/smoke.yaml");
    for (Path f : files) {
      String text = Files.readString(f);
      assertThat(text).doesNotContain("tok-secret-value");
      Golden.assertMatches(
          Golden.resources("pull").resolve(pulled.relativize(f).toString().replace('/', '_')),
          text);
    }
    Cli.Result plan = cli.run("plan", "pulled", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isZero();
  }
}
