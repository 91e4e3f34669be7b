package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --deadline}: after it no call is started, results are printed, and the exit code is 3. */
class DeadlineTest {
  @Test
  void applyStopsStartingCallsAtTheDeadlineAndReportsWhatWasNotDone(@TempDir Path dir)
      throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    for (int i = 0; i < 10; i++) {
      Files.writeString(
          scenarios.resolve("s" + i + ".yaml"),
          """
          name: Scenario %d
          objective: Move an appointment.
          instructions: Be polite.
          initial_message_type: user-message
          """
              .formatted(i));
    }
    try (EmulatorServer server =
        EmulatorServer.start(
            EmulatorConfig.defaults().withOrganizations(List.of("acme")).withLatencyMs(400))) {
      Cli.Result r =
          Cli.against(dir, server)
              .env("AMIGO_ORGANIZATION_ID", "acme")
              .run(
                  "apply", "scenarios", "--auto-approve", "--parallelism", "1", "--deadline", "3s");
      assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.APPLY_FAILED);
      assertThat(r.all()).contains("not started: the --deadline has passed");
      assertThat(r.all()).doesNotContain("internal error");
      long created =
          server.requests().stream()
              .filter(q -> q.method().equals("POST") && q.path().endsWith("/scenario/"))
              .count();
      assertThat(created).as("calls stopped before every change was made").isLessThan(10);
    }
  }
}
