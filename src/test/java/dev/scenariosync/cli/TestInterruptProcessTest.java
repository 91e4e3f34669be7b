package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.ProcessTest;
import dev.scenariosync.support.ShadedJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code test}: the real process gets SIGINT while its run is in progress, and its
 * shutdown hook cancels that run ({@code DELETE unit_test_set_run/{id}/}) before it exits.
 */
@ProcessTest
class TestInterruptProcessTest {
  static final String RUNS = "/v1/acme/simulation/unit_test_set_run/";

  @TempDir Path dir;

  @Test
  void sigintCancelsTheRunsItStarted() throws Exception {
    try (EmulatorServer server =
        EmulatorServer.start(
            EmulatorConfig.defaults()
                .withOrganizations(List.of("acme"))
                .withRunDuration(Duration.ofMinutes(10)))) {
      Files.createDirectories(dir.resolve("s"));
      Files.writeString(
          dir.resolve("s/suite.yaml"),
          """
          name: Triage
          objective: o
          instructions: i
          initial_message_type: user-message
          ---
          kind: persona
          name: Ana
          role: caller
          background: b
          ---
          kind: unit_test
          name: Triage path
          description: d
          service_id: aaaaaaaaaaaaaaaaaaaaaaaa
          service_version_set_name: release
          persona: Ana
          scenario: Triage
          max_interactions: 5
          success_criteria:
            - name: ok
              metric_id: cccccccccccccccccccccccc
              criterion: {type: boolean, expected_value: true}
          ---
          kind: unit_test_set
          name: Nightly
          unit_tests:
            - name: Triage path
              run_count: 1
          """,
          StandardCharsets.UTF_8);
      Cli.Result apply =
          Cli.against(dir, server)
              .env("AMIGO_ORGANIZATION_ID", "acme")
              .run("apply", "s", "--auto-approve");
      assertThat(apply.exit()).as(apply.all()).isZero();

      ProcessBuilder pb =
          new ProcessBuilder(
                  "java", "-jar", ShadedJar.path().toString(), "test", "--poll-interval", "100ms")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("test.log").toFile());
      pb.environment()
          .putAll(
              Map.of(
                  "AMIGO_BASE_URL", server.baseUrl(),
                  "AMIGO_ORGANIZATION_ID", "acme",
                  "AMIGO_API_KEY", EmulatorConfig.DEV_API_KEY,
                  "AMIGO_API_KEY_ID", EmulatorConfig.DEV_API_KEY_ID,
                  "AMIGO_USER_ID", EmulatorConfig.DEV_USER_ID));
      Process p = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline
          && server.requests().stream()
              .noneMatch(
                  r -> r.method().equals("POST") && r.path().equals(RUNS) && r.status() == 201)) {
        Thread.sleep(20);
      }
      Thread.sleep(300); // the start's answer reaches the process and the run is recorded
      Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the process ends after SIGINT").isTrue();
      String log = Files.readString(dir.resolve("test.log"));
      assertThat(server.requests())
          .as(log)
          .anyMatch(
              r -> r.method().equals("DELETE") && r.path().startsWith(RUNS) && r.status() == 204);
      assertThat(log).contains("tests: cancelled run ");
    }
  }
}
