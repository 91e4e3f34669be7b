package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.ProcessTest;
import dev.scenariosync.support.RawHttp;
import dev.scenariosync.support.ShadedJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pull then plan in a minimal CI image's environment: no LANG, so a POSIX locale. */
@ProcessTest
class PosixLocaleProcessTest {
  static final String S = "/v1/acme/simulation/scenario/";

  record Run(int exit, String out, String err) {}

  static Run run(Path cwd, EmulatorServer server, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("java", "-jar", ShadedJar.path().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    Map<String, String> env = pb.environment();
    String path = env.get("PATH");
    env.clear();
    env.put("PATH", path);
    env.put("AMIGO_BASE_URL", server.baseUrl());
    env.put("AMIGO_ORGANIZATION_ID", "acme");
    env.put("AMIGO_API_KEY", EmulatorConfig.DEV_API_KEY);
    env.put("AMIGO_API_KEY_ID", EmulatorConfig.DEV_API_KEY_ID);
    env.put("AMIGO_USER_ID", EmulatorConfig.DEV_USER_ID);
    Path out = Files.createTempFile("out", ".txt");
    Path err = Files.createTempFile("err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void pullWorksWithNonLatinNamesUnderAPosixLocale(@TempDir Path dir) throws Exception {
    try (EmulatorServer server =
        EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")))) {
      RawHttp ui = RawHttp.dev(server, "acme");
      for (String name : List.of("Ελληνικό σενάριο", "日本語のシナリオ", "Café crème")) {
        RawHttp.Reply r =
            ui.post(
                S,
                "{\"name\": \""
                    + name
                    + "\", \"tags\": {\"managed_by\": \"scenario_sync\"}, \"initial_version\":"
                    + " {\"objective\": \"Répondre — 返事\", \"instructions\": \"i\","
                    + " \"initial_message_type\": \"skip\", \"conversation_starts_at\": null}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
      }

      Run pull = run(dir, server, "pull", "pulled");
      assertThat(pull.exit()).as(pull.out() + pull.err()).isZero();
      assertThat(pull.out() + pull.err()).doesNotContain("internal error");
      try (Stream<Path> files = Files.list(dir.resolve("pulled"))) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
            .hasSize(3)
            .contains("cafe-creme.yaml")
            .allMatch(n -> n.matches("[a-z0-9-]+\\.yaml"));
      }
      Run plan = run(dir, server, "plan", "pulled", "--detailed-exitcode");
      assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
    }
  }
}
