package dev.scenariosync.cli;

import dev.scenariosync.api.AmigoClient;
import dev.scenariosync.api.ApiSettings;
import dev.scenariosync.api.Credentials;
import dev.scenariosync.api.RetryPolicy;
import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.emulator.StateFileException;
import dev.scenariosync.files.LocalFile;
import dev.scenariosync.files.ScenarioLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client connected to the API: settings resolved from flags, then environment variables (then the
 * configuration file, when there is one), checked before any connection is attempted; or, with
 * {@code --local}, the embedded emulator with its state under {@code .scenario-sync/local/}.
 */
final class Connection implements AutoCloseable {
  static final String DEFAULT_BASE_URL = "https://api.amigo.ai";
  static final Path LOCAL_DIR = Path.of(".scenario-sync", "local");

  final AmigoClient client;
  final ApiSettings settings;
  final boolean local;
  private final EmulatorServer emulator;

  /** Where the client says why it waits (stderr; in place on a terminal). */
  final StatusLine status;

  private Connection(
      ApiSettings settings, boolean local, EmulatorServer emulator, StatusLine status) {
    this.client = new AmigoClient(settings, status);
    this.settings = settings;
    this.local = local;
    this.emulator = emulator;
    this.status = status;
  }

  private Runnable onClose = () -> {};

  private Connection reportingTo(CliContext ctx, ConnectionOptions o) {
    if (o.stats) {
      onClose =
          () -> {
            var s = client.stats();
            ctx.err()
                .printf(
                    "api: %d calls, %d answered 429, %d sign-ins%n",
                    s.calls(), s.throttled(), client.signIns());
          };
    }
    return this;
  }

  /**
   * The base URL shown to users and recorded in saved plans ("local" for the embedded emulator).
   */
  String baseUrlLabel() {
    return local ? "local" : settings.baseUrl().toString();
  }

  static Connection open(CliContext ctx, ConnectionOptions o, Defaults defaults) {
    String userAgent = "scenario-sync/" + Version.get();
    if (o.local || defaults.local()) {
      return openLocal(ctx, o, defaults, userAgent);
    }
    Map<String, String> vars = new HashMap<>(ctx.env());
    if (o.credentialsFile != null) {
      Path file = ctx.cwd().resolve(o.credentialsFile);
      CredentialsFileCheck.check(file, o.allowOpenCredentialsFile);
      vars.putAll(readCredentialsFile(file));
    }
    String org = first(o.org, vars.get("AMIGO_ORGANIZATION_ID"), defaults.organization());
    String base =
        first(
            o.baseUrl,
            o.region == null ? null : o.region.url,
            vars.get("AMIGO_BASE_URL"),
            defaults.baseUrl(),
            DEFAULT_BASE_URL);
    String key = blankToNull(vars.get("AMIGO_API_KEY"));
    String keyId = blankToNull(vars.get("AMIGO_API_KEY_ID"));
    String user = blankToNull(vars.get("AMIGO_USER_ID"));
    List<String> missing = new ArrayList<>();
    if (org == null) {
      missing.add("the organization (--org or AMIGO_ORGANIZATION_ID)");
    }
    if (key == null) {
      missing.add("the API key (AMIGO_API_KEY)");
    }
    if (keyId == null) {
      missing.add("the API key id (AMIGO_API_KEY_ID)");
    }
    if (user == null) {
      missing.add("the user id (AMIGO_USER_ID)");
    }
    if (!missing.isEmpty()) {
      throw new UserError(
          "missing connection settings: "
              + String.join(", ", missing)
              + ". Set them in the environment (secrets are never read from flags), or name a file"
              + " of KEY=VALUE lines with --credentials-file. To try scenario-sync without an"
              + " account, add --local to use the embedded emulator.");
    }
    URI url = baseUrl(base);
    boolean fromConfigFile =
        o.baseUrl == null
            && o.region == null
            && blankToNull(vars.get("AMIGO_BASE_URL")) == null
            && base.equals(defaults.baseUrl());
    if (fromConfigFile && !ApiSettings.isAmigoHost(url) && !ApiSettings.isLoopback(url)) {
      // a repository file must not send the operator's key elsewhere
      throw new UserError(
          "the configuration file sets base_url "
              + url
              + ", which is not an Amigo API host: the API key goes only to the Amigo hosts, to"
              + " loopback, or to a URL you pass yourself. Pass it as --base-url or AMIGO_BASE_URL"
              + " if you trust it.");
    }
    if (ApiSettings.isInsecure(url) && !o.allowInsecureHttp) {
      throw new UserError(
          "refusing plain http:// to "
              + url.getHost()
              + ": the API key would cross the network in clear. Use https, or pass --allow-insecure-http if you really mean it.");
    }
    ApiSettings settings = settings(o, url, org, new Credentials(key, keyId, user), userAgent);
    return new Connection(settings, false, null, StatusLine.of(ctx)).reportingTo(ctx, o);
  }

  /**
   * The base URL parsed: http(s) with a host, without user info (a password in it is never echoed),
   * without a query or fragment.
   */
  static URI baseUrl(String base) {
    URI url;
    try {
      url = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    } catch (IllegalArgumentException e) {
      url = null;
    }
    if (url != null && (url.getRawUserInfo() != null || base.contains("@"))) {
      throw new UserError(
          "the base URL must not hold a user name or password (user@host): the API key is the"
              + " only credential sent");
    }
    if (url == null
        || url.getScheme() == null
        || url.getHost() == null
        || url.getRawQuery() != null
        || url.getRawFragment() != null
        || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
      throw new UserError(
          "the base URL '"
              + (base.contains("@") ? "(not shown: it holds '@')" : base)
              + "' is not an http(s) URL");
    }
    return url;
  }

  private static Connection openLocal(
      CliContext ctx, ConnectionOptions o, Defaults defaults, String userAgent) {
    String org = first(o.org, defaults.organization(), EmulatorConfig.DEFAULT_ORG);
    Path dir = ctx.cwd().resolve(LOCAL_DIR);
    try {
      Files.createDirectories(dir);
      Path ignore = dir.getParent().resolve(".gitignore");
      if (!Files.exists(ignore)) {
        Files.writeString(ignore, "# scenario-sync's local state: not for git\n*\n");
      }
    } catch (IOException e) {
      throw new UserError("cannot create " + dir + ": " + e.getMessage());
    }
    EmulatorServer server;
    try {
      server =
          EmulatorServer.start(
              EmulatorConfig.defaults()
                  .withOrganizations(List.of(org))
                  .withStateFile(dir.resolve("state.json")));
    } catch (StateFileException e) {
      throw new UserError(e.getMessage());
    } catch (IOException e) {
      throw new UserError("cannot start the embedded emulator: " + e.getMessage());
    }
    Credentials dev =
        new Credentials(
            EmulatorConfig.DEV_API_KEY, EmulatorConfig.DEV_API_KEY_ID, EmulatorConfig.DEV_USER_ID);
    ApiSettings settings = settings(o, URI.create(server.baseUrl()), org, dev, userAgent);
    return new Connection(settings, true, server, StatusLine.of(ctx)).reportingTo(ctx, o);
  }

  private static ApiSettings settings(
      ConnectionOptions o, URI url, String org, Credentials c, String userAgent) {
    if (o.maxRetries < 0) {
      throw new UserError("--max-retries must be 0 or more");
    }
    RetryPolicy retry =
        new RetryPolicy(
            o.maxRetries + 1, o.retryMaxTime, Duration.ofMillis(250), Duration.ofSeconds(20));
    if (o.deadline != null && (o.deadline.isZero() || o.deadline.isNegative())) {
      throw new UserError("--deadline must be longer than zero");
    }
    return ApiSettings.of(url, org, c, userAgent)
        .withRetry(retry)
        .withRateLimit(o.rateLimit)
        .withTimeouts(o.connectTimeout, o.readTimeout, o.callTimeout)
        .withDeadline(o.deadline == null ? null : deadline(o.deadline));
  }

  private static java.time.Instant deadline(Duration d) {
    try {
      return java.time.Instant.now().plus(d);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return null; // beyond any date: no deadline
    }
  }

  /** KEY=VALUE lines; blank lines and # comments ignored. The values are never printed. */
  private static Map<String, String> readCredentialsFile(Path file) {
    Map<String, String> out = new HashMap<>();
    List<String> lines;
    try {
      lines =
          new String(LocalFile.read(file, ScenarioLoader.MAX_FILE_BYTES), StandardCharsets.UTF_8)
              .lines()
              .toList();
    } catch (LocalFile.Unreadable e) {
      throw new UserError("the credentials file " + file + " " + e.getMessage());
    }
    int n = 0;
    for (String line : lines) {
      n++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.startsWith("export ")) {
        t = t.substring(7).strip();
      }
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new UserError(file + ":" + n + ": expected KEY=VALUE");
      }
      String v = t.substring(eq + 1).strip();
      if (v.length() >= 2
          && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
        v = v.substring(1, v.length() - 1);
      }
      out.put(t.substring(0, eq).strip(), v);
    }
    return out;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public void close() {
    status.close();
    onClose.run();
    client.close();
    if (emulator != null) {
      emulator.close();
    }
  }
}
