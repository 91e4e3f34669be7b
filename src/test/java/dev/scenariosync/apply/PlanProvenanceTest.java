package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.cli.Version;
import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved plan records the version that made it; applying it with another version warns. */
class PlanProvenanceTest {
  @TempDir Path dir;
  EmulatorServer server;

  @BeforeEach
  void start() throws IOException {
    server = EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
    Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        dir.resolve("scenarios/a.yaml"),
        "name: A\nobjective: o\ninstructions: i\ninitial_message_type: skip\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Cli cli() {
    return Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme");
  }

  Path plan() throws IOException {
    assertThat(cli().run("plan", "scenarios", "--out", "plan.json").exit()).isZero();
    return dir.resolve("plan.json");
  }

  @Test
  void samePlanAndApplyVersionAppliesWithoutAWarning() throws IOException {
    assertThat(Files.readString(plan())).contains("\"tool_version\" : \"" + Version.get() + "\"");
    Cli.Result r = cli().run("apply", "--plan", "plan.json", "--auto-approve");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.err()).doesNotContain("was made by");
  }

  @Test
  void anotherVersionsPlanIsAppliedWithAWarning() throws IOException {
    Path plan = plan();
    Files.writeString(
        plan,
        Files.readString(plan)
            .replace(
                "\"tool_version\" : \"" + Version.get() + "\"", "\"tool_version\" : \"0.0.9\""));
    Cli.Result r = cli().run("apply", "--plan", "plan.json", "--auto-approve");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.err())
        .contains(
            "warning: the saved plan was made by scenario-sync 0.0.9, this is " + Version.get());
  }

  @Test
  void aHostileVersionNeverReachesTheTerminalAndAnOldPlanWithoutOneIsNotWarnedAbout()
      throws IOException {
    Path plan = plan();
    String text = Files.readString(plan);
    String field = "\"tool_version\" : \"" + Version.get() + "\",";
    assertThat(text).contains(field);
    Files.writeString(plan, text.replace(field, "\"tool_version\" : \"\\u001b]0;x\\u0007\","));
    Cli.Result hostile = cli().run("apply", "--plan", "plan.json", "--auto-approve");
    assertThat(hostile.err()).contains("(an unreadable version)").doesNotContain("\u001b");

    Files.writeString(dir.resolve("old.json"), text.replace(field, ""));
    Cli.Result old = cli().run("apply", "--plan", "old.json", "--auto-approve");
    assertThat(old.err()).doesNotContain("was made by");
  }
}
