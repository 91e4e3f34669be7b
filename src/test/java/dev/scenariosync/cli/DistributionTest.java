package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.scenariosync.support.ProcessTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archives as a team installs them: unpacked outside this checkout and run in a
 * separate git repository of scenarios, with nothing but {@code java} on the PATH (the
 * self-contained image: not even that).
 */
@ProcessTest
class DistributionTest {
  static final Path TARGET = Path.of("target").toAbsolutePath();
  static final String NAME = "scenario-sync-" + Version.get();
  static final Path EXAMPLES = Path.of("examples", "scenarios").toAbsolutePath();

  @TempDir static Path tmp;
  static Path repo;
  static Path javaOnly;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void scenariosRepository() throws Exception {
    // A team's repository laid out as the README says: scenarios/ at the top, its own git.
    repo = tmp.resolve("team-scenarios");
    copyTree(EXAMPLES, repo.resolve("scenarios"));
    exec(repo, "git", "init", "-q");
    exec(repo, "git", "add", ".");
    exec(
        repo,
        "git",
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-q",
        "-m",
        "scenarios");
    javaOnly = Files.createDirectories(tmp.resolve("path-with-only-java"));
    Files.createSymbolicLink(
        javaOnly.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  @Test
  void zipRunsInASeparateRepositoryWithOnlyJavaOnThePath() throws Exception {
    Path home = tmp.resolve("zip");
    exec(tmp, "unzip", "-q", TARGET.resolve(NAME + ".zip").toString(), "-d", home.toString());
    Path launcher = home.resolve(NAME).resolve("bin/scenario-sync");
    assertThat(launcher).isExecutable();
    assertThat(home.resolve(NAME).resolve("lib/scenario-sync.jar")).isRegularFile();
    assertThat(home.resolve(NAME).resolve("schemas/scenario.schema.json")).isRegularFile();

    Map<String, String> env = Map.of("PATH", javaOnly.toString(), "HOME", tmp.toString());
    Run version = run(repo, env, launcher.toString(), "--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out())
        .matches("scenario-sync " + Version.get() + " \\(commit ([0-9a-f]{40}|unknown)\\)\\R");

    Run validate = run(repo, env, launcher.toString(), "validate", "scenarios");
    assertThat(validate.err()).isEmpty();
    assertThat(validate.exit()).isZero();
    assertThat(validate.out())
        .isEqualTo("9 scenarios, 2 personas, 3 unit tests, 1 unit test set in 11 files: valid\n");

    Run plan = run(repo, env, launcher.toString(), "plan", "scenarios", "--local");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).startsWith("Plan: 15 to create, ");
    // the embedded emulator's state belongs to the team's repository, not to the installation
    assertThat(repo.resolve(".scenario-sync/local")).isDirectory();
    assertThat(home.resolve(NAME).resolve(".scenario-sync")).doesNotExist();
  }

  /** With the usual tools on the PATH the launcher makes its start-up archive, also via a link. */
  @Test
  void tarballRunsThroughASymbolicLinkAndMakesItsStartUpArchive() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("tar"));
    exec(home, "tar", "xzf", TARGET.resolve(NAME + ".tar.gz").toString());
    Path links = Files.createDirectories(tmp.resolve("links"));
    Path link =
        Files.createSymbolicLink(
            links.resolve("scenario-sync"), home.resolve(NAME).resolve("bin/scenario-sync"));
    Map<String, String> env =
        Map.of(
            "PATH",
            javaOnly + ":/usr/bin:/bin",
            "HOME",
            tmp.toString(),
            "JAVA_HOME",
            System.getProperty("java.home"));
    Run first = run(repo, env, link.toString(), "validate", "scenarios");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(home.resolve(NAME).resolve("lib/scenario-sync.jsa")).isRegularFile();
    Run second = run(repo, env, link.toString(), "validate", "scenarios");
    assertThat(second).isEqualTo(first);
    try (Stream<Path> files = Files.list(home.resolve(NAME).resolve("lib"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("scenario-sync.jar", "scenario-sync.jsa", "warmup.yaml");
    }
  }

  @Test
  void selfContainedImageNeedsNoJava() throws Exception {
    assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
    assumeThat(System.getProperty("os.arch")).isEqualTo("amd64");
    Path home = Files.createDirectories(tmp.resolve("image"));
    exec(home, "tar", "xzf", TARGET.resolve(NAME + "-linux-x64.tar.gz").toString());
    Path launcher = home.resolve(NAME + "-linux-x64").resolve("bin/scenario-sync");
    Map<String, String> env = Map.of("PATH", tmp.resolve("nothing").toString());

    Run version = run(repo, env, launcher.toString(), "--version");
    assertThat(version.err()).isEmpty();
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("scenario-sync " + Version.get() + " (commit ");

    // the image's modules are enough for the real work: YAML, schemas, HTTP client and server
    Run plan = run(repo, env, launcher.toString(), "plan", "scenarios", "--local");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).startsWith("Plan: ");
  }

  @Test
  void checksumFileCoversEveryArchive() throws Exception {
    List<String> lines = Files.readAllLines(TARGET.resolve(NAME + "-checksums.txt"));
    List<String> names = new ArrayList<>();
    for (String line : lines) {
      String[] parts = line.split(" {2}", 2);
      names.add(parts[1]);
      assertThat(parts[0]).as(parts[1]).isEqualTo(sha256(TARGET.resolve(parts[1])));
    }
    assertThat(names).contains(NAME + ".zip", NAME + ".tar.gz");
  }

  /**
   * The action's "run" step, as the runner runs it (bash -eo pipefail, in the caller's workspace,
   * with the installed release): outputs the exit code and the absolute plan file, keeps stdout in
   * {@code output}, and fails the step except on 0 or 2 with --detailed-exitcode.
   */
  @Test
  void actionRunStepReportsTheExitCodeAndThePlanFile() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("action"));
    exec(home, "tar", "xzf", TARGET.resolve(NAME + ".tar.gz").toString(), "--strip-components=1");
    String script = actionRunStep();
    Path outputs = tmp.resolve("github-output");
    Path path = tmp.resolve("github-path");
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PATH", javaOnly + ":/usr/bin:/bin");
    env.put("HOME", tmp.toString());
    env.put("HOME_DIR", home.toString());
    env.put("GITHUB_OUTPUT", outputs.toString());
    env.put("GITHUB_PATH", path.toString());
    env.put("COMMAND", "plan");
    env.put("ARGS", " scenarios  --local --out out/plan.json --detailed-exitcode ");
    env.put("OUTPUT", "plan.txt");
    Files.createDirectories(repo.resolve("out"));

    Run changes = run(repo, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script);
    assertThat(changes.exit()).as(changes.err()).isZero();
    assertThat(Files.readAllLines(outputs))
        .containsExactly("plan-file=" + repo.resolve("out/plan.json"), "exit-code=2");
    assertThat(repo.resolve("out/plan.json")).isRegularFile();
    assertThat(Files.readString(repo.resolve("plan.txt"))).startsWith("Plan: 15 to create");
    assertThat(changes.out()).startsWith("Plan: 15 to create");
    assertThat(Files.readString(path)).isEqualTo(home.resolve("bin") + "\n");

    Files.delete(outputs);
    env.put("COMMAND", "validate");
    env.put("ARGS", "no-such-folder");
    env.put("OUTPUT", "");
    Run failed = run(repo, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script);
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(Files.readAllLines(outputs)).containsExactly("exit-code=1");
  }

  @SuppressWarnings("unchecked")
  static String actionRunStep() throws IOException {
    Map<String, Object> action =
        (Map<String, Object>)
            new org.snakeyaml.engine.v2.api.Load(
                    org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("action.yml")));
    List<Map<String, Object>> steps =
        (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
    return steps.stream()
        .filter(st -> "run".equals(st.get("id")))
        .map(st -> (String) st.get("run"))
        .findFirst()
        .orElseThrow();
  }

  /**
   * jreleaser.yml publishes exactly the archives the build makes, under the tag and checksum-file
   * names the action and the GitLab example download. (JReleaser's own 'config' goal cannot run in
   * every build: see the pom's release profile.)
   */
  @Test
  @SuppressWarnings("unchecked")
  void releaseConfigurationPublishesExactlyTheBuiltArchives() throws Exception {
    Map<String, Object> config =
        (Map<String, Object>)
            new org.snakeyaml.engine.v2.api.Load(
                    org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("jreleaser.yml")));
    Map<String, Object> project = (Map<String, Object>) config.get("project");
    assertThat(project.get("name")).isEqualTo("scenario-sync");
    List<String> published = new ArrayList<>();
    for (Object a : (List<Object>) ((Map<String, Object>) config.get("files")).get("artifacts")) {
      String path = (String) ((Map<String, Object>) a).get("path");
      published.add(resolve(path));
    }
    List<String> built;
    try (Stream<Path> files = Files.list(TARGET)) {
      built =
          files
              .map(p -> "target/" + p.getFileName())
              .filter(n -> n.endsWith(".zip") || n.endsWith(".tar.gz"))
              .toList();
    }
    assertThat(published).containsExactlyInAnyOrderElementsOf(built).isNotEmpty();
    assertThat(resolve((String) ((Map<String, Object>) config.get("checksum")).get("name")))
        .isEqualTo(NAME + "-checksums.txt");
    Map<String, Object> github =
        (Map<String, Object>) ((Map<String, Object>) config.get("release")).get("github");
    assertThat(resolve((String) github.get("tagName"))).isEqualTo("v" + Version.get());
    String action = Files.readString(Path.of("action.yml"));
    assertThat(action)
        .contains(
            "/releases/download/v$VERSION\"", "$url/$name.tar.gz", "$url/$name-checksums.txt");
  }

  static String resolve(String template) {
    return template
        .replace("{{projectName}}", "scenario-sync")
        .replace("{{projectVersion}}", Version.get());
  }

  static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static Run run(Path cwd, Map<String, String> env, String... cmd)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static void exec(Path cwd, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).inheritIO().start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }
}
