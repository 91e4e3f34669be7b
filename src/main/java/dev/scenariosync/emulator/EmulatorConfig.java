package dev.scenariosync.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * How an emulator runs: where it listens, which organizations exist, the one credential triple that
 * sign-in accepts, the optional realism knobs (latency, faults, rate limits), and how unit test set
 * runs behave (duration, seed, the clock that times them).
 */
public record EmulatorConfig(
    String host,
    int port,
    List<String> organizations,
    Path stateFile,
    String apiKey,
    String apiKeyId,
    String userId,
    Duration tokenTtl,
    int latencyMs,
    double faultRate,
    long faultSeed,
    int faultRetryAfterSeconds,
    boolean rateLimits,
    Duration rateLimitWindow,
    Duration runDuration,
    long runSeed,
    Clock clock) {

  /** Development credentials used when none are given; printed by the emulator at start. */
  public static final String DEV_API_KEY = "local-dev-key";

  public static final String DEV_API_KEY_ID = "local-dev-key-id";
  public static final String DEV_USER_ID = "local-dev-user";
  public static final String DEFAULT_ORG = "local";

  public EmulatorConfig {
    organizations = List.copyOf(organizations);
    if (organizations.isEmpty()) {
      throw new IllegalArgumentException("at least one organization");
    }
    if (faultRate < 0 || faultRate > 1) {
      throw new IllegalArgumentException("fault rate must be between 0 and 1");
    }
    if (runDuration.isNegative()) {
      throw new IllegalArgumentException("run duration must not be negative");
    }
  }

  /** Loopback, a free port, one organization, development credentials, no faults. */
  public static EmulatorConfig defaults() {
    return new Builder().build();
  }

  /** A mutable copy, for the {@code with...} methods. */
  public static final class Builder {
    public String host = "127.0.0.1";
    public int port = 0;
    public List<String> organizations = List.of(DEFAULT_ORG);
    public Path stateFile;
    public String apiKey = DEV_API_KEY;
    public String apiKeyId = DEV_API_KEY_ID;
    public String userId = DEV_USER_ID;
    public Duration tokenTtl = Duration.ofHours(1);
    public int latencyMs;
    public double faultRate;
    public long faultSeed = 1;
    public int faultRetryAfterSeconds = 1;
    public boolean rateLimits;
    public Duration rateLimitWindow = Duration.ofMinutes(1);
    public Duration runDuration = Duration.ofSeconds(2);
    public long runSeed = 1;
    public Clock clock = Clock.systemUTC();

    public EmulatorConfig build() {
      return new EmulatorConfig(
          host,
          port,
          organizations,
          stateFile,
          apiKey,
          apiKeyId,
          userId,
          tokenTtl,
          latencyMs,
          faultRate,
          faultSeed,
          faultRetryAfterSeconds,
          rateLimits,
          rateLimitWindow,
          runDuration,
          runSeed,
          clock);
    }
  }

  public EmulatorConfig with(Consumer<Builder> change) {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.organizations = organizations;
    b.stateFile = stateFile;
    b.apiKey = apiKey;
    b.apiKeyId = apiKeyId;
    b.userId = userId;
    b.tokenTtl = tokenTtl;
    b.latencyMs = latencyMs;
    b.faultRate = faultRate;
    b.faultSeed = faultSeed;
    b.faultRetryAfterSeconds = faultRetryAfterSeconds;
    b.rateLimits = rateLimits;
    b.rateLimitWindow = rateLimitWindow;
    b.runDuration = runDuration;
    b.runSeed = runSeed;
    b.clock = clock;
    change.accept(b);
    return b.build();
  }

  public EmulatorConfig withOrganizations(List<String> orgs) {
    return with(b -> b.organizations = orgs);
  }

  public EmulatorConfig withStateFile(Path file) {
    return with(b -> b.stateFile = file);
  }

  public EmulatorConfig withFaults(double rate, long seed, int retryAfterSeconds) {
    return with(
        b -> {
          b.faultRate = rate;
          b.faultSeed = seed;
          b.faultRetryAfterSeconds = retryAfterSeconds;
        });
  }

  public EmulatorConfig withRateLimits(boolean on) {
    return with(b -> b.rateLimits = on);
  }

  /** The length of the rate-limit window (a minute, as documented; shorter in tests). */
  public EmulatorConfig withRateLimitWindow(Duration window) {
    return with(b -> b.rateLimitWindow = window);
  }

  /** How long a unit test set run takes from start to completed. */
  public EmulatorConfig withRunDuration(Duration duration) {
    return with(b -> b.runDuration = duration);
  }

  /** The seed that picks which sessions of a unit test pass under a pass rate below 1. */
  public EmulatorConfig withRunSeed(long seed) {
    return with(b -> b.runSeed = seed);
  }

  /** The clock runs are timed by (a controllable one in tests). */
  public EmulatorConfig withClock(Clock runClock) {
    return with(b -> b.clock = runClock);
  }

  public EmulatorConfig withTokenTtl(Duration ttl) {
    return with(b -> b.tokenTtl = ttl);
  }

  public EmulatorConfig withLatencyMs(int ms) {
    return with(b -> b.latencyMs = ms);
  }

  public EmulatorConfig withCredentials(String key, String keyId, String user) {
    return with(
        b -> {
          b.apiKey = key;
          b.apiKeyId = keyId;
          b.userId = user;
        });
  }

  public EmulatorConfig withAddress(String newHost, int newPort) {
    return with(
        b -> {
          b.host = newHost;
          b.port = newPort;
        });
  }
}
