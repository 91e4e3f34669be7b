package dev.scenariosync.apply;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.support.Cli;
import dev.scenariosync.support.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of end-to-end tests where a UI user edits what the tool applied: an emulator on one
 * state file, restarted to sign in another user, the CLI in a temporary folder as {@code ci-bot},
 * and raw HTTP as the UI.
 */
abstract class TwoUserEmulator {
  @TempDir Path dir;
  @TempDir Path state;
  EmulatorServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** An emulator on the shared state file, signing in only {@code user}. */
  void start(String user) throws IOException {
    if (server != null) {
      server.close();
    }
    server =
        EmulatorServer.start(
            EmulatorConfig.defaults()
                .withOrganizations(List.of("acme"))
                .withStateFile(state.resolve("state.json"))
                .withCredentials(EmulatorConfig.DEV_API_KEY, EmulatorConfig.DEV_API_KEY_ID, user));
  }

  Cli cli() {
    return Cli.against(dir, server)
        .env("AMIGO_ORGANIZATION_ID", "acme")
        .env("AMIGO_USER_ID", "ci-bot");
  }

  RawHttp ui(String user) {
    return new RawHttp(server.baseUrl())
        .signIn("acme", EmulatorConfig.DEV_API_KEY, EmulatorConfig.DEV_API_KEY_ID, user);
  }

  void write(String file, String text) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }
}
