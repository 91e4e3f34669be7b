package dev.scenariosync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.api.AmigoClient;
import dev.scenariosync.api.ApiSettings;
import dev.scenariosync.api.Credentials;
import dev.scenariosync.emulator.EmulatorConfig;
import dev.scenariosync.emulator.EmulatorServer;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One applier for every kind, against the emulator: scenarios and personas go through the same path
 * (create with version 1, found already made by us on the next run; new version with the expected
 * number; delete guarded by what was planned), in the dependency order.
 */
class OneApplierTest {
  static final Map<String, String> OWNED = Map.of("managed_by", "scenario_sync");

  static AmigoClient client(EmulatorServer server) {
    return new AmigoClient(
        ApiSettings.of(
            URI.create(server.baseUrl()),
            "acme",
            new Credentials(
                EmulatorConfig.DEV_API_KEY,
                EmulatorConfig.DEV_API_KEY_ID,
                EmulatorConfig.DEV_USER_ID),
            "scenario-sync/test"));
  }

  static Map<String, Object> persona(String background) {
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("role", "caller");
    after.put("background", background);
    after.put("preferred_language", "eng");
    after.put("timezone", "Europe/Paris");
    after.put("user_models", List.of());
    after.put("nonsensitive_user_variables", Map.of());
    after.put("sensitive_user_variables", Map.of());
    return after;
  }

  static Map<String, Object> scenario(String instructions) {
    return ScenarioFields.of(
        new VersionContent("Triage.", instructions, InitialMessageType.SKIP, null));
  }

  static Plan plan(ResourceChange... changes) {
    return new Plan("acme", List.of(changes), 0, List.of());
  }

  @Test
  void kindsOfOneRankRunSideBySideSoOneKindNeverWaitsBehindAnother() throws Exception {
    // One call in flight per kind, 40 ms a call: scenarios first in the plan's order. The
    // personas (another endpoint, with its own limit) must not wait until every scenario is made.
    try (EmulatorServer server =
            EmulatorServer.start(
                EmulatorConfig.defaults().withOrganizations(List.of("acme")).withLatencyMs(40));
        AmigoClient client = client(server)) {
      List<ResourceChange> changes = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        changes.add(
            new ResourceChange.Create(
                ResourceKind.SCENARIO, "S" + i, null, scenario("Ask."), OWNED, Map.of()));
      }
      for (String name : List.of("Ana", "Bo")) {
        changes.add(
            new ResourceChange.Create(
                ResourceKind.PERSONA, name, null, persona("A caller."), OWNED, Map.of()));
      }
      List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
      ApplyResult result =
          new Applier(client, 1, progress::add).apply(new Plan("acme", changes, 0, List.of()));
      assertThat(result.exitCode()).isZero();
      int lastPersona = -1;
      int lastScenario = -1;
      for (int i = 0; i < progress.size(); i++) {
        if (progress.get(i).contains("persona ")) {
          lastPersona = i;
        } else {
          lastScenario = i;
        }
      }
      assertThat(lastPersona).as(String.join("\n", progress)).isLessThan(lastScenario);
    }
  }

  @Test
  void aCreateOfEitherVersionedKindThatAnEarlierApplyMadeCountsAsDone() throws Exception {
    try (EmulatorServer server =
            EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
        AmigoClient client = client(server)) {
      Plan plan =
          plan(
              new ResourceChange.Create(
                  ResourceKind.SCENARIO, "Triage", null, scenario("Ask."), OWNED, Map.of()),
              new ResourceChange.Create(
                  ResourceKind.PERSONA, "Ana", null, persona("A caller."), OWNED, Map.of()));
      List<String> progress = new ArrayList<>();
      ApplyResult first = new Applier(client, 2, progress::add).apply(plan);
      assertThat(first.outcomes())
          .extracting(o -> o.change().name() + ": " + o.status() + " " + o.steps())
          .containsExactly(
              "Triage: DONE [created with version 1]", "Ana: DONE [created with version 1]");
      // numbered as they finish (in parallel): a scenario by its name, the other kinds with theirs
      assertThat(progress.stream().map(l -> l.substring(l.indexOf(']') + 2)))
          .containsExactlyInAnyOrder("done  Triage", "done  persona Ana");
      assertThat(progress).allMatch(l -> l.matches("\\[[12]/2\\] .*"));

      // Run again (an apply interrupted after its creates): the names are taken, by us, with
      // what the plan wants.
      ApplyResult again = new Applier(client, 2, line -> {}).apply(plan);
      assertThat(again.exitCode()).isZero();
      assertThat(again.outcomes())
          .extracting(o -> o.change().name() + ": " + o.status() + " " + o.message())
          .containsExactly("Triage: DONE already created", "Ana: DONE already created");

      // Another content under the name is not ours: a conflict, for both kinds alike.
      ApplyResult other =
          new Applier(client, 2, line -> {})
              .apply(
                  plan(
                      new ResourceChange.Create(
                          ResourceKind.SCENARIO,
                          "Triage",
                          null,
                          scenario("Other."),
                          OWNED,
                          Map.of()),
                      new ResourceChange.Create(
                          ResourceKind.PERSONA, "Ana", null, persona("Other."), OWNED, Map.of())));
      assertThat(other.exitCode()).isEqualTo(4);
      assertThat(other.outcomes())
          .extracting(Outcome::message)
          .containsExactly(
              "a scenario with this name was created remotely since the plan",
              "a persona with this name was created remotely since the plan");
    }
  }

  @Test
  void aNewVersionAndADeleteOfEitherVersionedKindAreGuardedAlike() throws Exception {
    try (EmulatorServer server =
            EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
        AmigoClient client = client(server)) {
      String s = client.createResource(Kinds.SCENARIO, "S", OWNED, scenario("v1"), r -> r.id());
      String p = client.createResource(Kinds.PERSONA, "P", OWNED, persona("v1"), r -> r.id());
      // Someone makes version 2 of both after the plan that expected to make it.
      client.createResourceVersion(Kinds.SCENARIO, s, scenario("theirs"), 2);
      client.createResourceVersion(Kinds.PERSONA, p, persona("theirs"), 2);
      ApplyResult r =
          new Applier(client, 2, line -> {})
              .apply(
                  plan(
                      update(ResourceKind.SCENARIO, "S", s, scenario("v1"), scenario("mine")),
                      update(ResourceKind.PERSONA, "P", p, persona("v1"), persona("mine"))));
      assertThat(r.outcomes())
          .extracting(o -> o.status() + " " + o.message())
          .containsOnly(
              "CONFLICT remote is now at version 2 (the plan expected 1); nothing was"
                  + " overwritten, plan again");
      // The same version already made (an earlier apply): done, nothing made twice.
      ApplyResult same =
          new Applier(client, 2, line -> {})
              .apply(
                  plan(
                      update(ResourceKind.SCENARIO, "S", s, scenario("v1"), scenario("theirs")),
                      update(ResourceKind.PERSONA, "P", p, persona("v1"), persona("theirs"))));
      assertThat(same.outcomes())
          .extracting(o -> o.status() + " " + o.message())
          .containsOnly("DONE version already at 2");

      // A delete planned at version 1 finds version 2: kept, for both kinds.
      List<ResourceChange> deletes = new ArrayList<>();
      for (var kind : List.of(Kinds.SCENARIO, Kinds.PERSONA)) {
        RemoteResource now = client.getResource(kind, kind == Kinds.SCENARIO ? s : p).orElseThrow();
        deletes.add(
            new ResourceChange.Delete(
                kind.kind(), now.name(), now.id(), Map.of(), OWNED, now.updatedAt(), 1));
      }
      ApplyResult kept =
          new Applier(client, 2, line -> {}).apply(plan(deletes.toArray(ResourceChange[]::new)));
      assertThat(kept.outcomes())
          .extracting(o -> o.status() + " " + o.message())
          .containsOnly(
              "CONFLICT remote is now at version 2 (the plan saw 1); not deleted, plan again");
      assertThat(client.getResource(Kinds.SCENARIO, s)).isPresent();
      assertThat(client.getResource(Kinds.PERSONA, p)).isPresent();
    }
  }

  static ResourceChange update(
      ResourceKind kind,
      String name,
      String id,
      Map<String, Object> before,
      Map<String, Object> after) {
    return new ResourceChange.Update(
        kind,
        name,
        null,
        id,
        null,
        2,
        before,
        after,
        OWNED,
        OWNED,
        List.of(kind == ResourceKind.SCENARIO ? "instructions" : "background"),
        Map.of(),
        false);
  }
}
