package dev.scenariosync.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.VersionContent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The client against the real emulator, with faults and rate limits switched on. */
class ClientEmulatorTest {
  static AmigoClient client(EmulatorServer server, String org, Duration period) {
    return client(server, org, period, RateLimiter.Mode.ADAPTIVE);
  }

  static AmigoClient client(
      EmulatorServer server, String org, Duration period, RateLimiter.Mode mode) {
    ApiSettings s =
        ApiSettings.of(
                URI.create(server.baseUrl()),
                org,
                new Credentials(
                    EmulatorConfig.DEV_API_KEY,
                    EmulatorConfig.DEV_API_KEY_ID,
                    EmulatorConfig.DEV_USER_ID),
                "scenario-sync/test")
            .withRetry(
                new RetryPolicy(
                    10, Duration.ofSeconds(60), Duration.ofMillis(5), Duration.ofMillis(50)))
            .withRateLimit(mode);
    return new AmigoClient(s, period);
  }

  static VersionContent content(String objective) {
    return new VersionContent(objective, "Be kind.", InitialMessageType.SKIP, null);
  }

  @Test
  void underFaultsEveryWriteLandsExactlyOnce() throws Exception {
    EmulatorConfig faulty =
        EmulatorConfig.defaults().withOrganizations(List.of("acme")).withFaults(0.3, 11, 0);
    try (EmulatorServer server = EmulatorServer.start(faulty);
        // pacing off: injected 429s would otherwise (rightly) slow every endpoint down
        AmigoClient c = client(server, "acme", Duration.ofMinutes(1), RateLimiter.Mode.OFF)) {
      for (int i = 0; i < 40; i++) {
        String id = c.create("S" + i, Map.of("suite", "smoke"), content("v1"));
        assertThat(c.createVersion(id, content("v2"), 2)).isEqualTo(2);
        assertThat(c.createVersion(id, content("v3"), 3)).isEqualTo(3);
        c.updateTags(id, Map.of("suite", "regression"));
      }
      long lost = server.requests().stream().filter(r -> r.status() == -1).count();
      assertThat(lost).as("the faults really happened").isGreaterThan(3);

      List<RemoteScenario> all = c.list(ScenarioApi.ListFilter.live());
      assertThat(all).hasSize(40);
      assertThat(all.stream().map(RemoteScenario::name).distinct()).hasSize(40);
      for (RemoteScenario s : all) {
        assertThat(s.tags()).containsExactly(Map.entry("suite", "regression"));
        List<RemoteVersion> versions = c.versions(s.id(), "1-latest");
        assertThat(versions).extracting(RemoteVersion::number).containsExactly(1, 2, 3);
        assertThat(versions)
            .extracting(v -> v.content().objective())
            .containsExactly("v1", "v2", "v3");
      }
    }
  }

  @Test
  void adaptivePacingTakesOne429PerEndpointThenKeepsThePace() throws Exception {
    // The documented limits over a 2-second window instead of a minute, on both sides.
    Duration window = Duration.ofSeconds(2);
    EmulatorConfig limited =
        EmulatorConfig.defaults()
            .withOrganizations(List.of("acme"))
            .withRateLimits(true)
            .withRateLimitWindow(window);
    try (EmulatorServer server = EmulatorServer.start(limited);
        AmigoClient c = client(server, "acme", window)) {
      for (int i = 0; i < 120; i++) {
        assertThat(c.search("nothing" + i, List.of())).isEmpty();
      }
      assertThat(c.stats().throttled()).as("search allows 50 per window").isEqualTo(1);
      assertThat(c.transportLimiter().isLimited(Endpoint.SEARCH)).isTrue();
      assertThat(c.transportLimiter().isLimited(Endpoint.LIST)).isFalse();
    }
  }

  @Test
  void sixteenCallsInFlightMeetTheLimitWithOne429() throws Exception {
    // As a plan's reads: 16 at a time; the call past the limit waits for the others and goes alone.
    Duration window = Duration.ofSeconds(2);
    EmulatorConfig limited =
        EmulatorConfig.defaults()
            .withOrganizations(List.of("acme"))
            .withRateLimits(true)
            .withRateLimitWindow(window);
    try (EmulatorServer server = EmulatorServer.start(limited);
        AmigoClient c = client(server, "acme", window)) {
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(16);
      try {
        List<java.util.concurrent.Future<List<String>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
          String q = "nothing" + i;
          calls.add(
              pool.submit(() -> c.search(q, List.of()).stream().map(Object::toString).toList()));
        }
        for (var f : calls) {
          assertThat(f.get()).isEmpty();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(c.stats().throttled()).as("search allows 50 per window").isEqualTo(1);
      assertThat(c.transportLimiter().isLimited(Endpoint.SEARCH)).isTrue();
    }
  }

  @Test
  void secretsNeverAppearInTheRequestLogOrErrors() throws Exception {
    try (EmulatorServer server =
            EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
        AmigoClient c = client(server, "acme", Duration.ofMinutes(1))) {
      c.list(ScenarioApi.ListFilter.live());
      String logged =
          server.requests().stream().map(Object::toString).collect(Collectors.joining("\n"));
      assertThat(logged)
          .doesNotContain(EmulatorConfig.DEV_API_KEY + "\"")
          .contains("signin_with_api_key");
      try {
        c.createVersion("aaaaaaaaaaaaaaaaaaaaaaaa", content("x"), 2);
      } catch (ApiException e) {
        assertThat(e).isInstanceOf(ApiException.NotFound.class);
        assertThat(e.getMessage()).doesNotContain(EmulatorConfig.DEV_API_KEY);
      }
    }
  }

  static <T> Map<String, T> byName(List<RemoteScenario> all, Function<RemoteScenario, T> f) {
    return all.stream().collect(Collectors.toMap(RemoteScenario::name, f));
  }
}
