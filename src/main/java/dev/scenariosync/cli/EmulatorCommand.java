package dev.scenariosync.cli;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.emulator.StateFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code emulator}: runs the local API emulator until SIGINT or SIGTERM. */
@Command(
    name = "emulator",
    description = "Run a local emulator of the Amigo simulation API (no account needed).",
    mixinStandardHelpOptions = true)
final class EmulatorCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--org",
      paramLabel = "ORG",
      description = "An organization that exists (repeatable; default: local).")
  List<String> orgs = List.of();

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = "Keep the data in FILE (written atomically after each change).")
  Path state;

  @Option(
      names = "--api-key",
      paramLabel = "K",
      description = "The API key sign-in accepts (default: a development key, printed at start).")
  String apiKey;

  @Option(
      names = "--api-key-id",
      paramLabel = "ID",
      description = "The API key id sign-in accepts.")
  String apiKeyId;

  @Option(names = "--user-id", paramLabel = "U", description = "The user id sign-in accepts.")
  String userId;

  @Option(
      names = "--token-ttl",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "Lifetime of issued tokens (default: ${DEFAULT-VALUE}).")
  Duration tokenTtl;

  @Option(
      names = "--latency-ms",
      defaultValue = "0",
      description = "Delay added to every request, in milliseconds.")
  int latencyMs;

  @Option(
      names = "--fault-rate",
      defaultValue = "0.0",
      description =
          "Probability (0..1) that a request gets a 503, a 429, or (POST) a lost response.")
  double faultRate;

  @Option(
      names = "--fault-seed",
      defaultValue = "1",
      description = "Seed of the fault sequence, so that a run can be repeated.")
  long faultSeed;

  @Option(
      names = "--fault-retry-after",
      defaultValue = "1",
      description = "Retry-After seconds sent with injected 503 and 429 answers.")
  int faultRetryAfter;

  @Option(
      names = "--rate-limits",
      description = "Enforce the documented per-endpoint limits per minute (429 with Retry-After).")
  boolean rateLimits;

  @Option(
      names = "--run-duration",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description = "How long a unit test set run takes to complete (default: ${DEFAULT-VALUE}).")
  Duration runDuration;

  @Option(
      names = "--run-seed",
      defaultValue = "1",
      description = "Seed that picks which sessions pass under a unit test's pass-rate marker.")
  long runSeed;

  EmulatorCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (faultRate < 0 || faultRate > 1) {
      throw new UserError("--fault-rate must be between 0 and 1, not " + faultRate);
    }
    if (runDuration.isNegative()) {
      throw new UserError("--run-duration must not be negative, not " + runDuration);
    }
    boolean devCredentials = apiKey == null && apiKeyId == null && userId == null;
    if (!devCredentials && (apiKey == null || apiKeyId == null || userId == null)) {
      throw new UserError(
          "give all three of --api-key, --api-key-id and --user-id, or none (development defaults)");
    }
    EmulatorConfig config =
        EmulatorConfig.defaults()
            .withAddress(host, port)
            .withOrganizations(orgs.isEmpty() ? List.of(EmulatorConfig.DEFAULT_ORG) : orgs)
            .withStateFile(state == null ? null : ctx.cwd().resolve(state))
            .withTokenTtl(tokenTtl)
            .withLatencyMs(latencyMs)
            .withFaults(faultRate, faultSeed, faultRetryAfter)
            .withRateLimits(rateLimits)
            .withRunDuration(runDuration)
            .withRunSeed(runSeed);
    if (!devCredentials) {
      config = config.withCredentials(apiKey, apiKeyId, userId);
    }
    EmulatorServer server;
    try {
      server = EmulatorServer.start(config);
    } catch (java.net.BindException e) {
      throw new UserError(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage() + " (try --port 0)");
    } catch (StateFileException e) {
      throw new UserError(e.getMessage());
    }
    ctx.out().println("listening on " + server.baseUrl());
    ctx.out().flush();
    if (devCredentials) {
      ctx.out().println("development credentials (sign-in accepts only these):");
      ctx.out()
          .printf(
              "  export AMIGO_BASE_URL=%s AMIGO_ORGANIZATION_ID=%s AMIGO_API_KEY=%s AMIGO_API_KEY_ID=%s AMIGO_USER_ID=%s%n",
              server.baseUrl(),
              config.organizations().get(0),
              EmulatorConfig.DEV_API_KEY,
              EmulatorConfig.DEV_API_KEY_ID,
              EmulatorConfig.DEV_USER_ID);
      ctx.out().flush();
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              server.close(); // saves the state
              stopped.countDown();
              ctx.out().flush();
              Runtime.getRuntime().halt(ExitCode.OK); // a requested stop is a clean exit, not 143
            },
            "emulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
    return ExitCode.OK;
  }
}
