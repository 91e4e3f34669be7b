package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.support.Cli;
import dev.scenariosync.support.ProcessTest;
import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.ShadedJar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator command as a process: its first line, its credentials, and a clean stop. */
@ProcessTest
class EmulatorProcessTest {
  /** {@code java -jar target/scenario-sync.jar emulator ARGS} in {@code dir}; stderr dropped. */
  static Process emulator(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", ShadedJar.path().toString()));
    cmd.add("emulator");
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  @Test
  void printsItsAddressFirstAndSavesItsStateOnSigterm(@TempDir Path dir) throws Exception {
    Process p =
        emulator(
            dir, "--port", "0", "--org", "acme", "--state", "state.json", "--run-duration", "0s");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).matches("listening on http://127\\.0\\.0\\.1:\\d+");
      String base = first.substring("listening on ".length());
      assertThat(out.readLine()).contains("development credentials");
      assertThat(out.readLine())
          .contains("AMIGO_BASE_URL=" + base)
          .contains("AMIGO_API_KEY=local-dev-key");

      RawHttp h =
          new RawHttp(base).signIn("acme", "local-dev-key", "local-dev-key-id", "local-dev-user");
      RawHttp.Reply created =
          h.post(
              "/v1/acme/simulation/scenario/",
              "{\"name\": \"Saved\", \"tags\": {}, \"initial_version\": {\"objective\": \"o\", \"instructions\": \"i\", \"initial_message_type\": \"skip\", \"conversation_starts_at\": null}}");
      assertThat(created.status()).isEqualTo(201);
      // the persona enums are resources of the jar
      assertThat(
              h.post(
                      "/v1/acme/simulation/persona/",
                      "{\"name\": \"P\", \"role\": \"r\", \"tags\": {}, \"initial_version\": {\"background\": \"b\", \"preferred_language\": \"eng\", \"timezone\": \"Europe/Paris\", \"user_models\": [], \"nonsensitive_user_variables\": {}, \"sensitive_user_variables\": {}}}")
                  .status())
          .isEqualTo(201);
    } finally {
      p.destroy(); // SIGTERM
    }
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readString(dir.resolve("state.json"))).contains("\"Saved\"");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactlyInAnyOrder("state.json", "state.json.lock");
    }
  }

  /** Two processes on one state file would lose each other's changes: the second is refused. */
  @Test
  void aLocalCommandRefusesAStateFileInUse(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("a.yaml"),
        "name: Locked\nobjective: o\ninstructions: i\ninitial_message_type: skip\n");
    Process p = emulator(dir, "--port", "0", "--state", ".scenario-sync/local/state.json");
    try {
      String first =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertThat(first).startsWith("listening on ");
      Cli.Result refused = new Cli(dir).run("apply", ".", "--local", "--auto-approve");
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err())
          .contains(".scenario-sync/local/state.json is in use by another scenario-sync process")
          .doesNotContain("Exception");
    } finally {
      p.destroy();
    }
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    Cli.Result applied = new Cli(dir).run("apply", ".", "--local", "--auto-approve");
    assertThat(applied.exit()).as(applied.all()).isZero();
    assertThat(applied.out()).contains("Locked");
  }

  @Test
  void aCorruptStateFileStopsItWithAMessage(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("state.json"), "not json");
    Path jar = ShadedJar.path();
    Process p =
        new ProcessBuilder(
                "java", "-jar", jar.toString(), "emulator", "--port", "0", "--state", "state.json")
            .directory(dir.toFile())
            .start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(err).contains("corrupt").doesNotContain("Exception");
    assertThat(Files.readString(dir.resolve("state.json"))).isEqualTo("not json");
  }
}
