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
        ui.unitTest("acme", name, persona, scenario);
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
          new Applier(client, 2, line -> {}).apply(new Plan("acme", changes, 0, List.of()));

      assertThat(result.outcomes())
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

  @Test
  void aDeleteOfOneEditedOrVersionedSincePlanningIsAConflictAndIsKept() throws Exception {
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
      ui.persona("acme", "Persona versioned meanwhile");
      ui.persona("acme", "Persona left alone");
      String scenario =
          ui.post(
                  SIM + "scenario/",
                  """
                  {"name": "S", "tags": {}, "initial_version": {"objective": "o", "instructions": "i",
                   "initial_message_type": "skip", "conversation_starts_at": null}}""")
              .json()
              .get("simulation_scenario_id")
              .asString();
      for (String name : List.of("Kept test", "Test edited meanwhile", "Test left alone")) {
        ui.unitTest("acme", name, persona, scenario);
      }
      String kept =
          client.listAll(Kinds.UNIT_TEST).stream()
              .filter(t -> t.name().equals("Kept test"))
              .findFirst()
              .orElseThrow()
              .id();
      for (String name : List.of("Set edited meanwhile", "Set left alone")) {
        assertThat(
                ui.post(
                        SIM + "unit_test_set/",
                        "{\"name\": \""
                            + name
                            + "\", \"description\": \"d\", \"tags\": {}, \"unit_test_runs\": [{\"unit_test_id\": \""
                            + kept
                            + "\", \"run_count\": 1}]}")
                    .status())
            .isEqualTo(201);
      }
      List<ResourceChange> deletes = new java.util.ArrayList<>();
      Map<String, String> ids = new LinkedHashMap<>();
      for (var kind : List.of(Kinds.PERSONA, Kinds.UNIT_TEST, Kinds.UNIT_TEST_SET)) {
        for (RemoteResource r : client.listAll(kind)) {
          ids.put(r.name(), r.id());
          if (r.name().equals("Caller") || r.name().equals("Kept test")) {
            continue;
          }
          Integer version = kind.versioned() ? client.withLatestVersion(kind, r).version() : null;
          deletes.add(
              new ResourceChange.Delete(
                  r.kind(), r.name(), r.id(), r.fields(), r.tags(), r.updatedAt(), version));
        }
      }
      Thread.sleep(5); // a later millisecond: the server keeps updated_at to the millisecond
      assertThat(
              ui.post(
                      SIM + "unit_test/" + ids.get("Test edited meanwhile") + "/",
                      "{\"description\": \"from the UI\"}")
                  .status())
          .isEqualTo(204);
      assertThat(
              ui.post(
                      SIM + "unit_test_set/" + ids.get("Set edited meanwhile"),
                      "{\"description\": \"from the UI\"}")
                  .status())
          .isEqualTo(204);
      assertThat(
              ui.post(
                      SIM
                          + "persona/"
                          + ids.get("Persona versioned meanwhile")
                          + "/version/?version=2",
                      """
                      {"background": "Edited in the UI.", "user_models": [],
                       "nonsensitive_user_variables": {}, "sensitive_user_variables": {}}""")
                  .status())
          .isEqualTo(201);

      // One apply per kind, sets first: a conflict holds back the deletes of a later rank.
      List<String> statuses = new java.util.ArrayList<>();
      for (var kind : List.of(Kinds.UNIT_TEST_SET, Kinds.UNIT_TEST, Kinds.PERSONA)) {
        ApplyResult result =
            new Applier(client, 2, line -> {})
                .apply(
                    new Plan(
                        "acme",
                        deletes.stream().filter(d -> d.kind() == kind.kind()).toList(),
                        0,
                        List.of()));
        assertThat(result.exitCode()).isEqualTo(4);
        result.outcomes().forEach(o -> statuses.add(o.change().name() + " " + o.status()));
      }
      assertThat(statuses)
          .containsExactlyInAnyOrder(
              "Persona versioned meanwhile CONFLICT",
              "Persona left alone DONE",
              "Test edited meanwhile CONFLICT",
              "Test left alone DONE",
              "Set edited meanwhile CONFLICT",
              "Set left alone DONE");
      assertThat(client.listAll(Kinds.PERSONA))
          .extracting(RemoteResource::name)
          .containsExactlyInAnyOrder("Caller", "Persona versioned meanwhile");
      assertThat(client.listAll(Kinds.UNIT_TEST))
          .extracting(RemoteResource::name)
          .containsExactlyInAnyOrder("Kept test", "Test edited meanwhile");
      assertThat(client.listAll(Kinds.UNIT_TEST_SET))
          .extracting(RemoteResource::name)
          .containsExactly("Set edited meanwhile");
    }
  }
}
