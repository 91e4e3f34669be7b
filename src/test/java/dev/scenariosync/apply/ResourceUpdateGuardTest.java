package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.api.AmigoClient;
import dev.scenariosync.api.ApiSettings;
import dev.scenariosync.api.Credentials;
import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import dev.scenariosync.support.RawHttp;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Unit tests have no expected-version guard: apply reads each again just before its update, and a
 * changed {@code updated_at} is a conflict that overwrites nothing.
 */
class ResourceUpdateGuardTest {
  static final String SIM = "/v1/acme/simulation/";

  @Test
  void anEditMadeSincePlanningIsAConflictAndIsKept() throws Exception {
    try (EmulatorServer server =
            EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
        AmigoClient client =
            new AmigoClient(
                ApiSettings.of(
                    URI.create(server.baseUrl()),
                    "acme",
                    new Credentials(
                        EmulatorConfig.DEV_API_KEY,
                        EmulatorConfig.DEV_API_KEY_ID,
                        EmulatorConfig.DEV_USER_ID),
                    "scenario-sync/test"))) {
      RawHttp ui = RawHttp.dev(server, "acme");
      String persona = ui.persona("acme", "Caller");
      String scenario =
          ui.post(
                  SIM + "scenario/",
                  """
                  {"name": "S", "tags": {}, "initial_version": {"objective": "o", "instructions": "i",
                   "initial_message_type": "skip", "conversation_starts_at": null}}""")
              .json()
              .get("simulation_scenario_id")
              .asString();
      for (String name : List.of("Edited meanwhile", "Left alone")) {
        assertThat(
                ui.post(
                        SIM + "unit_test/",
                        """
                        {"name": "%s", "description": "d", "service_id": "aaaaaaaaaaaaaaaaaaaaaaaa",
                         "service_version_set_name": "release", "persona_id": "%s", "scenario_id": "%s",
                         "max_interactions": 5, "success_criterions": [{"name": "c",
                         "metric_id": "cccccccccccccccccccccccc",
                         "criterion": {"type": "boolean", "expected_value": true}}], "tags": {}}"""
                            .formatted(name, persona, scenario))
                    .status())
            .isEqualTo(201);
      }
      List<RemoteResource> planned = client.listAll(Kinds.UNIT_TEST);
      List<ResourceChange> changes =
          planned.stream()
              .map(
                  r -> {
                    Map<String, Object> after = new LinkedHashMap<>(r.fields());
                    after.put("description", "from the file");
                    return (ResourceChange)
                        new ResourceChange.Update(
                            r.kind(),
                            r.name(),
                            null,
                            r.id(),
                            r.updatedAt(),
                            null,
                            r.fields(),
                            after,
                            r.tags(),
                            r.tags(),
                            List.of("description"),
                            Map.of(),
                            false);
                  })
              .toList();
      RemoteResource edited =
          planned.stream()
              .filter(r -> r.name().equals("Edited meanwhile"))
              .findFirst()
              .orElseThrow();
      Thread.sleep(5); // a later millisecond: the server keeps updated_at to the millisecond
      assertThat(
              ui.post(SIM + "unit_test/" + edited.id() + "/", "{\"description\": \"from the UI\"}")
                  .status())
          .isEqualTo(204);

      ApplyResult result =
          new Applier(client, client, 2, line -> {})
              .apply(new Plan("acme", List.of(), 0, List.of(), changes, 0));

      assertThat(result.resources())
          .extracting(o -> o.change().name() + " " + o.status())
          .containsExactlyInAnyOrder("Edited meanwhile CONFLICT", "Left alone DONE");
      assertThat(result.exitCode()).isEqualTo(4);
      Map<String, String> descriptions = new LinkedHashMap<>();
      client
          .listAll(Kinds.UNIT_TEST)
          .forEach(r -> descriptions.put(r.name(), (String) r.fields().get("description")));
      assertThat(descriptions)
          .containsEntry("Edited meanwhile", "from the UI")
          .containsEntry("Left alone", "from the file");
    }
  }
}
