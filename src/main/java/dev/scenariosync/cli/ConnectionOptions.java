package dev.scenariosync.cli;

import dev.scenariosync.api.RateLimiter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The connection flags every command that talks to the API accepts. */
final class ConnectionOptions {
  enum Region {
    us("https://api.amigo.ai"),
    eu_central_1("https://api-eu-central-1.amigo.ai"),
    ap_southeast_2("https://api-ap-southeast-2.amigo.ai"),
    ca_central_1("https://api-ca-central-1.amigo.ai");

    final String url;

    Region(String url) {
      this.url = url;
    }

    static Region parse(String s) {
      for (Region r : values()) {
        if (r.name().replace('_', '-').equals(s)) {
          return r;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "'" + s + "' is not a region: us, eu-central-1, ap-southeast-2, ca-central-1");
    }
  }

  @Option(
      names = "--local",
      description =
          "Use the embedded emulator, state in .scenario-sync/local/ (no account needed).")
  boolean local;

  @Option(
      names = "--stats",
      description =
          "At the end, print on stderr how many API calls were made and how many were answered 429.")
  boolean stats;

  @Option(
      names = "--org",
      paramLabel = "ORG",
      description = "Organization id (env AMIGO_ORGANIZATION_ID).")
  String org;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "API base URL (env AMIGO_BASE_URL; default https://api.amigo.ai).")
  String baseUrl;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      converter = RegionConverter.class,
      description =
          "us, eu-central-1, ap-southeast-2 or ca-central-1: the documented regional URL.")
  Region region;

  @Option(
      names = "--credentials-file",
      paramLabel = "FILE",
      description =
          "Read AMIGO_API_KEY, AMIGO_API_KEY_ID, AMIGO_USER_ID from FILE (KEY=VALUE lines) instead of the environment.")
  Path credentialsFile;

  @Option(
      names = "--allow-open-credentials-file",
      description =
          "Read --credentials-file even when group or others may read or write it, or another user owns it.")
  boolean allowOpenCredentialsFile;

  @Option(
      names = "--allow-insecure-http",
      description =
          "Allow plain http:// to a host other than loopback (the key would cross the network in clear).")
  boolean allowInsecureHttp;

  @Option(
      names = "--rate-limit",
      paramLabel = "MODE",
      defaultValue = "adaptive",
      converter = RateLimitConverter.class,
      description = "adaptive (default), documented or off.")
  RateLimiter.Mode rateLimit;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Connect timeout (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(
      names = "--read-timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "Read timeout (default: ${DEFAULT-VALUE}).")
  Duration readTimeout;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "120s",
      converter = DurationConverter.class,
      description = "Whole-call timeout (default: ${DEFAULT-VALUE}).")
  Duration callTimeout;

  @Option(
      names = "--max-retries",
      paramLabel = "N",
      defaultValue = "7",
      description = "Retries of one call at most (default: ${DEFAULT-VALUE}).")
  int maxRetries;

  @Option(
      names = "--retry-max-time",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Time one call may spend retrying (default: ${DEFAULT-VALUE}).")
  Duration retryMaxTime;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Time the whole command may take (default: none). After it no API call is started; calls in flight finish, results are printed, and the exit code is 3.")
  Duration deadline;

  static final class RegionConverter implements picocli.CommandLine.ITypeConverter<Region> {
    @Override
    public Region convert(String value) {
      return Region.parse(value);
    }
  }

  static final class RateLimitConverter
      implements picocli.CommandLine.ITypeConverter<RateLimiter.Mode> {
    @Override
    public RateLimiter.Mode convert(String value) {
      try {
        return RateLimiter.Mode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not adaptive, documented or off");
      }
    }
  }
}
