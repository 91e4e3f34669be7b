package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.Golden;
import dev.scenariosync.support.ProcessTest;
import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.ShadedJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Nothing lost, nothing duplicated: faults, a killed apply, concurrent applies, hostile input,
 * secrets.
 */
class ReliabilityTest {
  static final String S = "/v1/acme/simulation/scenario/";
  static final String KEY = "sk-FAKE-KEY-7f3a9c1e5b";
  static final String KEY_ID = "kid-FAKE-ID-2d8e4f6a";
  static final String USER = "ci-bot";

  @TempDir Path dir;
  EmulatorServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  EmulatorServer start(EmulatorConfig config) throws IOException {
    server =
        EmulatorServer.start(
            config.withOrganizations(List.of("acme")).withCredentials(KEY, KEY_ID, USER));
    return server;
  }

  Cli cli() {
    return new Cli(dir)
        .env("AMIGO_BASE_URL", server.baseUrl())
        .env("AMIGO_ORGANIZATION_ID", "acme")
        .env("AMIGO_API_KEY", KEY)
        .env("AMIGO_API_KEY_ID", KEY_ID)
        .env("AMIGO_USER_ID", USER);
  }

  void writeScenarios(int n, String version) throws IOException {
    Files.createDirectories(dir.resolve("s"));
    for (int i = 0; i < n; i++) {
      Files.writeString(
          dir.resolve("s/scenario-" + i + ".yaml"),
          "name: Scenario "
              + i
              + "\ntags: {suite: load, owner: null}\nobjective: Objective "
              + i
              + "\ninstructions: |\n  "
              + version
              + " of "
              + i
              + "\n  second line\ninitial_message_type: skip\n",
          StandardCharsets.UTF_8);
    }
  }

  /**
   * The remote, read without faults: name -> (count of live scenarios with it, latest version,
   * instructions).
   */
  Map<String, List<String>> remote(EmulatorServer s) {
    RawHttp h = new RawHttp(s.baseUrl()).signIn("acme", KEY, KEY_ID, USER);
    Map<String, List<String>> out = new HashMap<>();
    int token = 0;
    while (true) {
      JsonNode page = get(h, S + "?is_deleted=false&limit=200&continuation_token=" + token);
      for (JsonNode sc : page.get("simulation_scenarios")) {
        JsonNode v =
            get(h, S + sc.get("id").asString() + "/version/?version=1-latest")
                .get("simulation_scenario_versions");
        List<String> info = new ArrayList<>();
        v.forEach(x -> info.add(x.get("version").asInt() + ":" + x.get("instructions").asString()));
        assertThat(out.put(sc.get("name").asString(), info))
            .as("duplicate name %s", sc.get("name"))
            .isNull();
      }
      if (!page.get("has_more").asBoolean()) {
        return out;
      }
      token = page.get("continuation_token").asInt();
    }
  }

  /** A GET that tries again through injected faults (503, 429, lost answers). */
  static JsonNode get(RawHttp h, String path) {
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        RawHttp.Reply r = h.get(path);
        if (r.status() == 200) {
          return r.json();
        }
      } catch (RuntimeException e) {
        // a lost answer: try again
      }
    }
    throw new AssertionError("no answer for " + path);
  }

  int applyUntilClean(String... extra) {
    int runs = 0;
    int exit;
    do {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "apply", "s", "--auto-approve", "--rate-limit", "off", "--max-retries", "10"));
      args.addAll(List.of(extra));
      exit = cli().run(args.toArray(String[]::new)).exit();
      runs++;
    } while (exit != 0 && runs < 6);
    assertThat(exit).isZero();
    return runs;
  }

  @Test
  void twoHundredScenariosUnderTwentyPercentFaultsConvergeExactly() throws Exception {
    EmulatorServer faulty = start(EmulatorConfig.defaults().withFaults(0.2, 42, 0));
    writeScenarios(200, "v1");
    assertThat(applyUntilClean()).isLessThanOrEqualTo(3);
    writeScenarios(200, "v2");
    assertThat(applyUntilClean()).isLessThanOrEqualTo(3);

    assertThat(faulty.requests().stream().filter(r -> r.status() == -1).count())
        .as("responses were lost")
        .isGreaterThan(5);
    EmulatorServer reader = faulty;
    // The data is in the faulty emulator's memory: read it back, retrying reads that meet a fault.
    Map<String, List<String>> remote = readAllowingFaults(reader);
    assertThat(remote).hasSize(200);
    remote.forEach(
        (name, versions) -> {
          String i = name.substring("Scenario ".length());
          assertThat(versions)
              .as(name)
              .containsExactly("1:v1 of " + i + "\nsecond line", "2:v2 of " + i + "\nsecond line");
        });
  }

  /** Reads through the faulty server, retrying each read until it gets an answer. */
  Map<String, List<String>> readAllowingFaults(EmulatorServer s) {
    for (int attempt = 0; ; attempt++) {
      try {
        return remote(s);
      } catch (RuntimeException | AssertionError e) {
        if (e instanceof AssertionError ae && ae.getMessage().contains("duplicate")) {
          throw ae;
        }
        if (attempt > 200) {
          throw e;
        }
      }
    }
  }

  @Test
  @ProcessTest
  void aKilledApplyResumesWithoutDuplicates() throws Exception {
    start(EmulatorConfig.defaults().withLatencyMs(20));
    writeScenarios(120, "v1");
    Path jar = ShadedJar.path();
    ProcessBuilder pb =
        new ProcessBuilder(
                "java",
                "-jar",
                jar.toString(),
                "apply",
                "s",
                "--auto-approve",
                "--parallelism",
                "4")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("killed.log").toFile());
    pb.environment()
        .putAll(
            Map.of(
                "AMIGO_BASE_URL",
                server.baseUrl(),
                "AMIGO_ORGANIZATION_ID",
                "acme",
                "AMIGO_API_KEY",
                KEY,
                "AMIGO_API_KEY_ID",
                KEY_ID,
                "AMIGO_USER_ID",
                USER));
    Process p = pb.start();
    // kill -9 once some, not all, creates went through
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (creates() < 20 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    p.destroyForcibly();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long before = creates();
    assertThat(before).as("killed midway").isBetween(20L, 119L);

    Cli.Result rerun = cli().run("apply", "s", "--auto-approve");
    assertThat(rerun.exit()).as(rerun.all()).isZero();
    Map<String, List<String>> remote = remote(server);
    assertThat(remote).hasSize(120);
    remote.values().forEach(v -> assertThat(v).hasSize(1));
    assertThat(cli().run("plan", "s", "--detailed-exitcode").exit()).isZero();
  }

  long creates() {
    return server.requests().stream()
        .filter(r -> r.method().equals("POST") && r.path().equals(S) && r.status() == 201)
        .count();
  }

  @Test
  void twoConcurrentAppliesEndCleanWithOneCopyOfEach() throws Exception {
    start(EmulatorConfig.defaults().withLatencyMs(5));
    writeScenarios(60, "v1");
    assertThat(runTwice()).allMatch(code -> code == 0 || code == 4);
    writeScenarios(60, "v2");
    assertThat(runTwice()).allMatch(code -> code == 0 || code == 4);
    Map<String, List<String>> remote = remote(server);
    assertThat(remote).hasSize(60);
    remote.forEach((name, versions) -> assertThat(versions).as(name).hasSize(2));
    assertThat(cli().run("plan", "s", "--detailed-exitcode").exit()).isZero();
  }

  List<Integer> runTwice() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> a = pool.submit(() -> cli().run("apply", "s", "--auto-approve").exit());
      Future<Integer> b = pool.submit(() -> cli().run("apply", "s", "--auto-approve").exit());
      return List.of(a.get(), b.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyHostileFileIsRejectedWithItsLineAndNoApiCall() throws Exception {
    start(EmulatorConfig.defaults());
    Path corpus = Golden.resources("invalid").toAbsolutePath();
    List<Path> files;
    try (Stream<Path> s = Files.list(corpus)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(40);
    for (Path f : files) {
      Cli.Result r =
          new Cli(corpus)
              .env("AMIGO_BASE_URL", server.baseUrl())
              .env("AMIGO_ORGANIZATION_ID", "acme")
              .env("AMIGO_API_KEY", KEY)
              .env("AMIGO_API_KEY_ID", KEY_ID)
              .env("AMIGO_USER_ID", USER)
              .run("plan", f.getFileName().toString());
      String name = f.getFileName().toString();
      assertThat(r.exit()).as(name).isEqualTo(1);
      assertThat(r.err())
          .as(name)
          .containsPattern(java.util.regex.Pattern.quote(name) + ":\\d+:\\d+: error: ")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
    assertThat(server.requests()).as("no API call for bad input").isEmpty();
  }

  @Test
  void noSecretAppearsInAnyOutputFileOrState() throws Exception {
    start(EmulatorConfig.defaults());
    writeScenarios(3, "v1");
    List<Cli.Result> results = new ArrayList<>();
    results.add(cli().run("validate", "s"));
    results.add(cli().run("plan", "s", "--out", "plan.json"));
    results.add(cli().run("plan", "s", "--format", "json"));
    results.add(cli().run("plan", "s", "--format", "markdown"));
    results.add(cli().run("apply", "--plan", "plan.json"));
    results.add(cli().run("apply", "s", "--auto-approve"));
    results.add(cli().run("pull", "pulled"));
    results.add(cli().run("ls"));
    results.add(cli().run("history", "Scenario 1", "--diff"));
    results.add(cli().env("AMIGO_API_KEY", KEY + "-wrong").run("plan", "s")); // refused sign-in
    results.add(cli().run("plan", "s", "--org", "nope")); // unknown organization
    results.add(new Cli(dir).env("AMIGO_API_KEY", KEY).run("plan", "s")); // missing settings
    results.add(cli().run("apply", "s", "--auto-approve", "--local")); // local state under dir
    assertThat(results.get(5).exit()).isZero();
    assertThat(results.get(9).exit()).isEqualTo(1);
    assertThat(server.issuedTokens()).isNotEmpty();

    List<String> secrets = new ArrayList<>(List.of(KEY, KEY_ID, EmulatorConfig.DEV_API_KEY_ID));
    secrets.addAll(server.issuedTokens());
    StringBuilder everything = new StringBuilder();
    results.forEach(r -> everything.append(r.out()).append(r.err()));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        everything.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    for (String secret : secrets) {
      assertThat(everything.toString()).as("a secret leaked").doesNotContain(secret);
    }
    assertThat(dir.resolve("plan.json")).exists();
    assertThat(dir.resolve(".scenario-sync/local/state.json")).exists();
  }
}
