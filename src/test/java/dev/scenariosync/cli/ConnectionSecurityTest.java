package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenariosync.api.ApiSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Where the credentials may go, and which credentials files are read. */
class ConnectionSecurityTest {
  static final Map<String, String> CREDS = ConnectionSettingsTest.CREDS;

  static Connection open(Path cwd, Map<String, String> env, Defaults defaults, String... flags) {
    ConnectionOptions o = new ConnectionOptions();
    new CommandLine(o).parseArgs(flags);
    CliContext ctx =
        new CliContext(
            cwd,
            env,
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            System.in,
            false,
            false);
    return Connection.open(ctx, o, defaults);
  }

  static Defaults fromConfig(String baseUrl) {
    return new Defaults("acme", baseUrl, false);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1.attacker.example",
        "http://127.0.0.1.nip.io:8080",
        "http://localhost.attacker.example",
        "http://0177.0.0.1",
        "http://[::2]"
      })
  void plainHttpToALookAlikeOfLoopbackIsRefused(String url, @TempDir Path dir) {
    assertThatThrownBy(() -> open(dir, CREDS, Defaults.none(), "--org", "a", "--base-url", url))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("refusing plain http://");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://127.0.0.1:9", "http://127.1.2.3", "http://localhost:8", "http://[::1]:7"})
  void plainHttpToLoopbackIsAllowed(String url, @TempDir Path dir) {
    try (Connection c = open(dir, CREDS, Defaults.none(), "--org", "a", "--base-url", url)) {
      assertThat(ApiSettings.isLoopback(c.settings.baseUrl())).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://user:hunter2-PASSWORD@api.amigo.ai",
        "https://hunter2-PASSWORD@evil.example",
        "http://u:hunter2-PASSWORD@127.0.0.1:9",
        "https://u:hunter2-PASSWORD@bad host"
      })
  void aBaseUrlWithUserInfoIsRefusedAndThePasswordNeverShown(String url, @TempDir Path dir) {
    assertThatThrownBy(() -> open(dir, CREDS, Defaults.none(), "--org", "a", "--base-url", url))
        .isInstanceOf(UserError.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    Map<String, String> env = new HashMap<>(CREDS);
    env.put("AMIGO_BASE_URL", url);
    assertThatThrownBy(() -> open(dir, env, Defaults.none(), "--org", "a"))
        .isInstanceOf(UserError.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void aConfigurationFileMaySendTheKeyOnlyToAmigoHostsOrLoopback(@TempDir Path dir) {
    assertThatThrownBy(() -> open(dir, CREDS, fromConfig("https://evil.example")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("not an Amigo API host")
        .hasMessageContaining("--base-url or AMIGO_BASE_URL");
    assertThatThrownBy(() -> open(dir, CREDS, fromConfig("https://api.amigo.ai.evil.example")))
        .hasMessageContaining("not an Amigo API host");
    assertThatThrownBy(() -> open(dir, CREDS, fromConfig("https://api.amigo.ai:8443")))
        .hasMessageContaining("not an Amigo API host");
    assertThatThrownBy(() -> open(dir, CREDS, fromConfig("http://127.0.0.1.attacker.example")))
        .hasMessageContaining("not an Amigo API host");
    for (String ok :
        new String[] {
          "https://api.amigo.ai", "https://api-eu-central-1.amigo.ai/", "http://127.0.0.1:9"
        }) {
      try (Connection c = open(dir, CREDS, fromConfig(ok))) {
        assertThat(c.settings.baseUrl()).isEqualTo(URI.create(ok.replaceAll("/$", "")));
      }
    }
    // the operator may name any host, by flag or environment variable
    try (Connection c =
        open(dir, CREDS, fromConfig("https://evil.example"), "--base-url", "https://proxy.corp")) {
      assertThat(c.settings.baseUrl().getHost()).isEqualTo("proxy.corp");
    }
    Map<String, String> env = new HashMap<>(CREDS);
    env.put("AMIGO_BASE_URL", "https://proxy.corp");
    try (Connection c = open(dir, env, fromConfig("https://evil.example"))) {
      assertThat(c.settings.baseUrl().getHost()).isEqualTo("proxy.corp");
    }
  }

  @Test
  void aCommittedConfigurationCannotSendTheKeyElsewhere(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(
        dir.resolve("scenario-sync.yaml"),
        "default_environment: prod\nenvironments:\n"
            + "  prod: {organization: acme, base_url: \"https://collector.attacker.example\"}\n");
    dev.scenariosync.support.Cli cli = new dev.scenariosync.support.Cli(dir);
    CREDS.forEach(cli::env);
    dev.scenariosync.support.Cli.Result r = cli.run("ls");
    assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.ERROR);
    assertThat(r.err())
        .contains("not an Amigo API host")
        .contains("--base-url or AMIGO_BASE_URL")
        .doesNotContain("internal error");
  }

  @Test
  void anOpenCredentialsFileIsRefusedAsSshDoesUnlessAllowed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("creds.env");
    Files.writeString(file, "AMIGO_API_KEY=k-open\nAMIGO_API_KEY_ID=id\nAMIGO_USER_ID=u\n");
    for (String mode : new String[] {"rw-r--r--", "rw-rw----", "rw-----w-"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      assertThatThrownBy(
              () ->
                  open(
                      dir,
                      Map.of(),
                      Defaults.none(),
                      "--org",
                      "a",
                      "--credentials-file",
                      "creds.env"))
          .isInstanceOf(UserError.class)
          .hasMessageContaining("permissions 0" + octal(mode))
          .hasMessageContaining("too open")
          .hasMessageContaining("--allow-open-credentials-file")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("k-open"));
    }
    try (Connection c =
        open(
            dir,
            Map.of(),
            Defaults.none(),
            "--org",
            "a",
            "--credentials-file",
            "creds.env",
            "--allow-open-credentials-file")) {
      assertThat(c.settings.credentials().apiKey()).isEqualTo("k-open");
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    try (Connection c =
        open(dir, Map.of(), Defaults.none(), "--org", "a", "--credentials-file", "creds.env")) {
      assertThat(c.settings.credentials().apiKey()).isEqualTo("k-open");
    }
  }

  @Test
  void aCredentialsFileOwnedByAnotherUserIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("creds.env");
    Files.writeString(file, "AMIGO_API_KEY=k\nAMIGO_API_KEY_ID=id\nAMIGO_USER_ID=u\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    try {
      Files.setAttribute(file, "unix:uid", 4242);
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort("changing a file's owner needs root");
    }
    assertThatThrownBy(
            () ->
                open(
                    dir,
                    Map.of(),
                    Defaults.none(),
                    "--org",
                    "a",
                    "--credentials-file",
                    "creds.env"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("owned by another user (uid 4242)");
  }

  private static String octal(String mode) {
    int m = 0;
    for (int i = 0; i < 9; i++) {
      if (mode.charAt(i) != '-') {
        m |= 1 << (8 - i);
      }
    }
    return String.format("%03o", m);
  }
}
