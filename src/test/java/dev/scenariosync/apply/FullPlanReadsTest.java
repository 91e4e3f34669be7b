package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a full plan of the whole suite reads from the remote: each list once. */
class FullPlanReadsTest {
  static final String SIM = "/v1/acme/simulation/";

  @TempDir Path dir;

  void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  @Test
  void aFullPlanReadsTheUnitTestsOnceEvenWhenAScenarioGetsANewVersion() throws IOException {
    try (EmulatorServer server =
        EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")))) {
      Cli cli = Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme");
      write("suite/scenario.yaml", SuiteEndToEndTest.scenario("Reschedule appointment"));
      write(
          "suite/persona.yaml",
          """
          kind: persona
          name: Busy parent
          role: customer
          background: Two children, little time.
          """);
      write(
          "suite/test.yaml",
          SuiteEndToEndTest.unitTest("Happy path", "Busy parent", "Reschedule appointment"));
      Cli.Result applied = cli.run("apply", "suite", "--auto-approve");
      assertThat(applied.exit()).as(applied.all()).isZero();
      // A new version of the scenario: the plan names the unit tests that will run it.
      write(
          "suite/scenario.yaml",
          SuiteEndToEndTest.scenario("Reschedule appointment")
              .replace("Get it done.", "Get it done today."));
      int before = server.requests().size();

      Cli.Result plan = cli.run("plan", "suite", "--detailed-exitcode");

      assertThat(plan.exit()).as(plan.all()).isEqualTo(2);
      assertThat(plan.out()).contains("Happy path");
      List<EmulatorServer.Logged> log = server.requests();
      long unitTestReads =
          log.subList(before, log.size()).stream()
              .filter(r -> r.method().equals("GET") && r.path().equals(SIM + "unit_test/"))
              .count();
      assertThat(unitTestReads).as("the unit test list is read once").isEqualTo(1);
    }
  }
}
