package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How connection settings resolve; building a client makes no connection, so none is needed. */
class ConnectionSettingsTest {
  static final Map<String, String> CREDS =
      Map.of("AMIGO_API_KEY", "k-secret-1", "AMIGO_API_KEY_ID", "kid-2", "AMIGO_USER_ID", "u");

  static Connection open(Path cwd, Map<String, String> env, String... flags) {
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
    return Connection.open(ctx, o, Defaults.none());
  }

  @Test
  void regionsAndBaseUrls(@TempDir Path dir) {
    try (Connection c = open(dir, CREDS, "--org", "acme", "--region", "eu-central-1")) {
      assertThat(c.settings.baseUrl().toString()).isEqualTo("https://api-eu-central-1.amigo.ai");
    }
    try (Connection c = open(dir, CREDS, "--org", "acme")) {
      assertThat(c.settings.baseUrl().toString()).isEqualTo("https://api.amigo.ai");
    }
    Map<String, String> env = new java.util.HashMap<>(CREDS);
    env.put("AMIGO_BASE_URL", "https://api-ca-central-1.amigo.ai/");
    env.put("AMIGO_ORGANIZATION_ID", "from-env");
    try (Connection c = open(dir, env)) {
      assertThat(c.settings.baseUrl().toString()).isEqualTo("https://api-ca-central-1.amigo.ai");
      assertThat(c.settings.organization()).isEqualTo("from-env");
    }
    try (Connection c = open(dir, env, "--base-url", "http://127.0.0.1:9", "--org", "flag")) {
      assertThat(c.settings.organization()).as("flags win").isEqualTo("flag");
    }
    assertThatThrownBy(() -> open(dir, CREDS, "--org", "a", "--region", "mars"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("not a region");
  }

  @Test
  void insecureHttpOnlyWhenAskedAndCredentialsFile(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> open(dir, CREDS, "--org", "a", "--base-url", "http://10.1.2.3"))
        .hasMessageContaining("--allow-insecure-http");
    try (Connection c =
        open(dir, CREDS, "--org", "a", "--base-url", "http://10.1.2.3", "--allow-insecure-http")) {
      assertThat(c.settings.baseUrl().getHost()).isEqualTo("10.1.2.3");
    }
    Files.writeString(
        dir.resolve("creds.env"),
        "# comment\nexport AMIGO_API_KEY=\"from-file\"\nAMIGO_API_KEY_ID=id\nAMIGO_USER_ID=u\n");
    Files.setPosixFilePermissions(
        dir.resolve("creds.env"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    try (Connection c = open(dir, Map.of(), "--org", "a", "--credentials-file", "creds.env")) {
      assertThat(c.settings.credentials().apiKey()).isEqualTo("from-file");
      assertThat(c.settings.credentials().toString()).doesNotContain("from-file");
    }
  }
}
