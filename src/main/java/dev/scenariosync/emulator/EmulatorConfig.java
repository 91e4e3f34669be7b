package dev.scenariosync.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How an emulator runs: where it listens, which organizations exist, the one credential triple that
 * sign-in accepts, and the optional realism knobs (latency, faults, rate limits).
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
    boolean rateLimits) {

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
  }

  /** Loopback, a free port, one organization, development credentials, no faults. */
  public static EmulatorConfig defaults() {
    return new EmulatorConfig(
        "127.0.0.1",
        0,
        List.of(DEFAULT_ORG),
        null,
        DEV_API_KEY,
        DEV_API_KEY_ID,
        DEV_USER_ID,
        Duration.ofHours(1),
        0,
        0.0,
        1,
        1,
        false);
  }

  public EmulatorConfig withOrganizations(List<String> orgs) {
    return new EmulatorConfig(
        host,
        port,
        orgs,
        stateFile,
        apiKey,
        apiKeyId,
        userId,
        tokenTtl,
        latencyMs,
        faultRate,
        faultSeed,
        faultRetryAfterSeconds,
        rateLimits);
  }

  public EmulatorConfig withStateFile(Path file) {
    return new EmulatorConfig(
        host,
        port,
        organizations,
        file,
        apiKey,
        apiKeyId,
        userId,
        tokenTtl,
        latencyMs,
        faultRate,
        faultSeed,
        faultRetryAfterSeconds,
        rateLimits);
  }

  public EmulatorConfig withFaults(double rate, long seed, int retryAfterSeconds) {
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
        rate,
        seed,
        retryAfterSeconds,
        rateLimits);
  }

  public EmulatorConfig withRateLimits(boolean on) {
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
        on);
  }

  public EmulatorConfig withTokenTtl(Duration ttl) {
    return new EmulatorConfig(
        host,
        port,
        organizations,
        stateFile,
        apiKey,
        apiKeyId,
        userId,
        ttl,
        latencyMs,
        faultRate,
        faultSeed,
        faultRetryAfterSeconds,
        rateLimits);
  }

  public EmulatorConfig withLatencyMs(int ms) {
    return new EmulatorConfig(
        host,
        port,
        organizations,
        stateFile,
        apiKey,
        apiKeyId,
        userId,
        tokenTtl,
        ms,
        faultRate,
        faultSeed,
        faultRetryAfterSeconds,
        rateLimits);
  }

  public EmulatorConfig withCredentials(String key, String keyId, String user) {
    return new EmulatorConfig(
        host,
        port,
        organizations,
        stateFile,
        key,
        keyId,
        user,
        tokenTtl,
        latencyMs,
        faultRate,
        faultSeed,
        faultRetryAfterSeconds,
        rateLimits);
  }

  public EmulatorConfig withAddress(String newHost, int newPort) {
    return new EmulatorConfig(
        newHost,
        newPort,
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
        rateLimits);
  }
}
