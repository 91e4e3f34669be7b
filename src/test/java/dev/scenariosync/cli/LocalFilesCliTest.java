package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Prune, pull, plan --out and the credentials file with real files, against the emulator. */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a regression here is a hang, not a failure
class LocalFilesCliTest {
  static final String S = "/v1/acme/simulation/scenario/";
  static final String VALID =
      "name: %s\nobjective: o\ninstructions: i\ninitial_message_type: skip\n";

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

  Cli cli() {
    return Cli.against(dir, server).env("AMIGO_ORGANIZATION_ID", "acme");
  }

  List<String> remoteNames() {
    return ui.get(S)
        .json()
        .get("simulation_scenarios")
        .valueStream()
        .map(s -> s.get("name").asString())
        .sorted()
        .toList();
  }

  void create(String nameJson) {
    RawHttp.Reply r =
        ui.post(
            S,
            "{\"name\": "
                + nameJson
                + ", \"tags\": {\"managed_by\": \"scenario_sync\"}, \"initial_version\": {\"objective\": \"o\", \"instructions\":"
                + " \"i\", \"initial_message_type\": \"skip\", \"conversation_starts_at\": null}}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  List<String> allNames(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void pruneNeverDeletesWhatADanglingLinkMayDeclare() throws IOException {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(scenarios.resolve("a.yaml"), VALID.formatted("A"));
    Files.writeString(scenarios.resolve("b.yaml"), VALID.formatted("B"));
    Cli.Result applied = cli().run("apply", "scenarios", "--auto-approve");
    assertThat(applied.exit()).as(applied.all()).isZero();

    // b.yaml now a link whose target is missing (as after a partial checkout)
    Files.delete(scenarios.resolve("b.yaml"));
    Files.createSymbolicLink(scenarios.resolve("b.yaml"), dir.resolve("elsewhere/b.yaml"));

    Cli.Result plan = cli().run("plan", "scenarios", "--prune");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
    assertThat(plan.err())
        .contains("scenarios/b.yaml: error: is a dangling symbolic link")
        .contains("--prune refuses");
    Cli.Result apply = cli().run("apply", "scenarios", "--prune", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(1);
    assertThat(remoteNames()).containsExactly("A", "B");

    Cli.Result withoutPrune = cli().run("plan", "scenarios");
    assertThat(withoutPrune.exit()).as(withoutPrune.all()).isZero();
    assertThat(withoutPrune.err()).contains("warning: is a dangling symbolic link");
    Cli.Result validate = cli().run("validate", "scenarios");
    assertThat(validate.exit()).isZero();
    assertThat(validate.err()).contains("b.yaml: warning: is a dangling symbolic link");
  }

  @Test
  void pruneRefusesWhenAFifoStandsForAScenarioFile() throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(scenarios.resolve("a.yaml"), VALID.formatted("A"));
    Files.writeString(scenarios.resolve("b.yaml"), VALID.formatted("B"));
    assertThat(cli().run("apply", "scenarios", "--auto-approve").exit()).isZero();
    Files.delete(scenarios.resolve("b.yaml"));
    Process p = new ProcessBuilder("mkfifo", scenarios.resolve("b.yaml").toString()).start();
    assertThat(p.waitFor()).isZero();

    Cli.Result apply = cli().run("apply", "scenarios", "--prune", "--auto-approve");
    assertThat(apply.exit()).as(apply.all()).isEqualTo(1);
    assertThat(apply.err()).contains("b.yaml: error: is not a regular file");
    assertThat(remoteNames()).containsExactly("A", "B");
  }

  @Test
  void pullNeverWritesReservedHiddenOrLocaleDependentNames() throws IOException {
    create("\"Scenario Sync\"");
    create("\".hidden\"");
    create("\"日本語のシナリオ\"");
    create("\"" + "a".repeat(59) + "\\ud840\\udc00\\ud840\\udc01 tail\"");
    Files.writeString(dir.resolve("scenario-sync.yaml"), "scenarios: pulled\n");

    Cli.Result pull = cli().run("pull", "pulled");
    assertThat(pull.exit()).as(pull.all()).isZero();
    assertThat(Files.readString(dir.resolve("scenario-sync.yaml")))
        .isEqualTo("scenarios: pulled\n");
    List<String> names = allNames(dir.resolve("pulled"));
    assertThat(names)
        .hasSize(4)
        .allMatch(n -> n.matches("[a-z0-9-]+\\.yaml"), "ASCII, so no locale can garble it")
        .anyMatch(n -> n.matches("scenario-sync-[0-9a-f]{8}\\.yaml"))
        .contains("hidden.yaml", "a".repeat(59) + ".yaml")
        .anyMatch(n -> n.matches("scenario-[0-9a-f]{8}\\.yaml"));
    Cli.Result plan = cli().run("plan", "pulled", "--detailed-exitcode");
    assertThat(plan.exit()).as(plan.all()).isZero();
  }

  @Test
  void pullNeverWritesControlCharacters() throws IOException {
    create("\"Clear \\u001b[2J screen\"");
    RawHttp.Reply r =
        ui.post(
            S,
            "{\"name\": \"Fine name\", \"tags\": {}, \"initial_version\": {\"objective\":"
                + " \"\\u001b]52;c;ZXZpbA==\\u0007\", \"instructions\": \"i\","
                + " \"initial_message_type\": \"skip\", \"conversation_starts_at\": null}}");
    assertThat(r.status()).isEqualTo(201);

    Cli.Result pull = cli().run("pull", "pulled");
    assertThat(pull.exit()).as(pull.all()).isZero();
    assertThat(pull.all()).doesNotContain("\u001b").contains("Clear \\x1b[2J screen");
    assertThat(pull.out())
        .contains("(the remote name holds a control character")
        .contains("(the remote objective holds a control character");
    assertThat(allNames(dir.resolve("pulled"))).isEmpty();
  }

  @Test
  void pullWritesWithTheModeTheUmaskGives() throws Exception {
    create("\"Plain\"");
    Path reference = dir.resolve("reference");
    Process touch = new ProcessBuilder("touch", reference.toString()).start();
    assertThat(touch.waitFor()).isZero();

    assertThat(cli().run("pull", "pulled").exit()).isZero();
    var mode = Files.getPosixFilePermissions(dir.resolve("pulled/plain.yaml"));
    assertThat(PosixFilePermissions.toString(mode))
        .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)))
        .isNotEqualTo("rw-------");
  }

  @Test
  void pullNeverWritesThroughALinkLeavingDir() throws IOException {
    create("\"Plain\"");
    Path pulled = Files.createDirectories(dir.resolve("pulled"));
    Path outside = Files.writeString(dir.resolve("outside.txt"), "keep me\n");
    Files.createSymbolicLink(pulled.resolve("plain.yaml"), outside);

    Cli.Result pull = cli().run("pull", "pulled", "--force");
    assertThat(pull.exit()).as(pull.all()).isEqualTo(3);
    assertThat(pull.out()).contains("a symbolic link leading outside pulled; not written");
    assertThat(Files.readString(outside)).isEqualTo("keep me\n");
    assertThat(Files.isSymbolicLink(pulled.resolve("plain.yaml"))).isTrue();
    Cli.Result plain = cli().run("pull", "pulled");
    assertThat(plain.exit()).isEqualTo(3);
    assertThat(plain.out()).contains("a symbolic link leading outside pulled; not written");
  }

  @Test
  void pullReportsAFolderWhereAFileShouldGoPerScenarioAndLeavesNoTemporaryFile()
      throws IOException {
    create("\"Plain\"");
    create("\"Other\"");
    Path pulled = Files.createDirectories(dir.resolve("pulled/plain.yaml"));
    Files.writeString(pulled.resolve("notes.txt"), "x");

    Cli.Result pull = cli().run("pull", "pulled", "--force");
    assertThat(pull.exit()).as(pull.all()).isEqualTo(3);
    assertThat(pull.out())
        .contains("failed     pulled/plain.yaml (is a folder, not a file)  (Plain)")
        .contains("wrote      pulled/other.yaml  (Other)")
        .contains("1 failed");
    assertThat(pull.all()).doesNotContain("internal error").doesNotContain("Exception");
    assertThat(allNames(dir.resolve("pulled"))).containsExactly("other.yaml", "plain.yaml");
  }

  @Test
  void planOutLeavesNoTemporaryFileWhenTheRenameFails() throws IOException {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(scenarios.resolve("a.yaml"), VALID.formatted("A"));
    Path out = Files.createDirectories(dir.resolve("out/plan.json"));
    Files.writeString(out.resolve("keep"), "x");

    Cli.Result plan = cli().run("plan", "scenarios", "--out", "out/plan.json");
    assertThat(plan.exit()).as(plan.all()).isEqualTo(1);
    assertThat(plan.err())
        .contains("cannot write")
        .containsAnyOf("Is a directory", "a folder stands where the file should go")
        .doesNotContain("Exception");
    assertThat(allNames(dir.resolve("out"))).containsExactly("plan.json");
  }

  @Test
  void aCredentialsFileThatIsAFifoIsRefusedNotWaitedFor() throws Exception {
    Path fifo = dir.resolve("creds.env");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(p.waitFor()).isZero();
    Files.createSymbolicLink(dir.resolve("zero.env"), Path.of("/dev/zero"));

    Cli.Result r = new Cli(dir).run("ls", "--credentials-file", "creds.env", "--org", "acme");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("is not a regular file");
    Cli.Result zero = new Cli(dir).run("ls", "--credentials-file", "zero.env", "--org", "acme");
    assertThat(zero.exit()).isEqualTo(1);
    assertThat(zero.err()).contains("is not a regular file");
  }

  @Test
  void aConfigurationFileThatIsAFifoIsAnErrorNotIgnoredNorWaitedFor() throws Exception {
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(scenarios.resolve("a.yaml"), VALID.formatted("A"));
    Process p = new ProcessBuilder("mkfifo", dir.resolve("scenario-sync.yaml").toString()).start();
    assertThat(p.waitFor()).isZero();

    Cli.Result found = new Cli(dir).run("validate", "scenarios");
    assertThat(found.exit()).isEqualTo(1);
    assertThat(found.err()).contains("scenario-sync.yaml: error: is not a regular file");
    Cli.Result named = new Cli(dir).run("validate", "scenarios", "--config", "scenario-sync.yaml");
    assertThat(named.exit()).isEqualTo(1);
    assertThat(named.err()).contains("is not a regular file");
  }

  /**
   * Makes a folder refuse new files: by its mode for an ordinary user, by the immutable attribute
   * for root (whom modes do not stop); false when neither works here.
   */
  static boolean makeUnwritable(Path folder) throws Exception {
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (!Files.isWritable(folder)) {
      return true;
    }
    Process p =
        new ProcessBuilder("chattr", "+i", folder.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  static void makeWritable(Path folder) throws Exception {
    new ProcessBuilder("chattr", "-i", folder.toString())
        .redirectErrorStream(true)
        .start()
        .waitFor();
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void pullReportsAFolderItCannotWriteToPerScenarioWithoutAnInternalError() throws Exception {
    create("\"Plain\"");
    create("\"Other\"");
    Path pulled = Files.createDirectories(dir.resolve("pulled"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        makeUnwritable(pulled), "no way to make a folder unwritable here");
    try {
      Cli.Result pull = cli().run("pull", "pulled");
      assertThat(pull.exit()).as(pull.all()).isEqualTo(3);
      assertThat(pull.out())
          .containsPattern("failed +pulled/plain.yaml \\(not written: .+\\)  \\(Plain\\)")
          .containsPattern("failed +pulled/other.yaml \\(not written: .+\\)  \\(Other\\)")
          .contains("2 failed");
      assertThat(pull.all()).doesNotContain("internal error").doesNotContain("Exception");
    } finally {
      makeWritable(pulled);
    }
    assertThat(allNames(pulled)).isEmpty();
  }
}
