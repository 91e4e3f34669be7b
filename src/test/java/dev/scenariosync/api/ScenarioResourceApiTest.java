package dev.scenariosync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.model.WrittenTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scenario kind through {@link ResourceApi}, the one API the applier uses for every kind: the
 * scenario endpoints and their fault handling, the content as the kind's fields.
 */
class ScenarioResourceApiTest {
  static Map<String, Object> fields(String objective, Instant at) {
    return ScenarioFields.of(
        new VersionContent(objective, "Be kind.", InitialMessageType.SKIP, at));
  }

  @Test
  void everyCallOfTheKindReachesTheScenarioEndpointsAndLandsOnceUnderLostAnswers()
      throws Exception {
    EmulatorConfig faulty =
        EmulatorConfig.defaults().withOrganizations(List.of("acme")).withFaults(0.3, 7, 0);
    Instant at = Instant.parse("2026-01-05T10:30:00.123Z");
    try (EmulatorServer server = EmulatorServer.start(faulty);
        AmigoClient c =
            ClientEmulatorTest.client(
                server, "acme", Duration.ofMinutes(1), RateLimiter.Mode.OFF)) {
      for (int i = 0; i < 10; i++) {
        String id =
            c.createResource(
                Kinds.SCENARIO, "S" + i, Map.of("suite", "smoke"), fields("v1", at), r -> r.id());
        assertThat(c.createResourceVersion(Kinds.SCENARIO, id, fields("v2", null), 2)).isEqualTo(2);
        c.updateResource(Kinds.SCENARIO, id, List.of(), Map.of(), Map.of("suite", "nightly"), null);
      }
      assertThat(server.requests().stream().filter(r -> r.status() == -1).count())
          .as("the faults really happened")
          .isGreaterThan(1);

      List<RemoteResource> all = c.listAll(Kinds.SCENARIO);
      assertThat(all).hasSize(10);
      RemoteResource s0 = all.stream().filter(r -> r.name().equals("S0")).findFirst().orElseThrow();
      assertThat(s0.tags()).containsExactly(Map.entry("suite", "nightly"));
      assertThat(s0.version()).as("a list reads no version").isNull();

      RemoteResource latest = c.withLatestVersion(Kinds.SCENARIO, s0);
      assertThat(latest.version()).isEqualTo(2);
      assertThat(latest.fields()).isEqualTo(fields("v2", null));
      assertThat(latest.versionCreator().userId()).isEqualTo(EmulatorConfig.DEV_USER_ID);

      List<RemoteResource> versions = c.versions(Kinds.SCENARIO, s0, "1-latest");
      assertThat(versions).extracting(RemoteResource::version).containsExactly(1, 2);
      assertThat(versions.get(0).fields().get(ScenarioFields.CONVERSATION_STARTS_AT))
          .isEqualTo(WrittenTime.of(at));
      List<RemoteVersion> direct = c.versions(s0.id(), "1");
      assertThat(versions.get(0).updatedAt()).isEqualTo(direct.get(0).createdAt());

      // the expected number guards a new version here as on the scenario method
      assertThatThrownBy(
              () -> c.createResourceVersion(Kinds.SCENARIO, s0.id(), fields("v3", null), 2))
          .isInstanceOf(ApiException.BadRequest.class);
      // a scenario's content changes only by a version
      assertThatThrownBy(
              () ->
                  c.updateResource(
                      Kinds.SCENARIO, s0.id(), List.of("objective"), fields("x", null), null, null))
          .isInstanceOf(IllegalArgumentException.class);

      c.deleteResource(Kinds.SCENARIO, s0.id());
      assertThat(c.getResource(Kinds.SCENARIO, s0.id())).as("deleted: absent").isEmpty();
      assertThat(c.get(s0.id()).orElseThrow().deleted()).as("the id reads a deleted one").isTrue();
      assertThat(c.getResource(Kinds.SCENARIO, all.get(1).id())).isPresent();
      assertThat(c.listAll(Kinds.SCENARIO)).hasSize(9);
    }
  }
}
