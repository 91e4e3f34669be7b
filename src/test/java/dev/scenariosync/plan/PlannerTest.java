package dev.scenariosync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.SuiteRemote;
import dev.scenariosync.model.VersionContent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The suite planner as a pure function, on plain records: references, delete safety, order. */
class PlannerTest {
  static final Map<String, String> OWNED = Map.of("managed_by", "scenario_sync");
  static final VersionContent CONTENT =
      new VersionContent("o", "i", InitialMessageType.USER_MESSAGE, null);
  static final PlanOptions PRUNE = new PlanOptions(Ownership.DEFAULT, true, 10, true);

  static SourceLocation at(int line) {
    return new SourceLocation("suite.yaml", line, 3);
  }

  static Resource test(String name, Ref persona, Ref scenario) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("description", "d");
    f.put("persona", persona);
    f.put("scenario", scenario);
    f.put("max_interactions", new BigDecimal(5));
    return new Resource(
        ResourceKind.UNIT_TEST,
        name,
        Map.of(),
        f,
        at(1),
        Map.of("/scenario", at(7), "/persona", at(6)));
  }

  static RemoteResource remoteTest(
      String id, String name, String personaId, String scenarioId, Map<String, String> tags) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("description", "d");
    f.put("persona", Ref.byId(ResourceKind.PERSONA, personaId));
    f.put("scenario", Ref.byId(ResourceKind.SCENARIO, scenarioId));
    f.put("max_interactions", new BigDecimal(5));
    return new RemoteResource(ResourceKind.UNIT_TEST, id, name, tags, f, Instant.EPOCH, null, null);
  }

  static RemoteResource remoteSet(String id, String name, String testId) {
    Map<String, Object> run = new TreeMap<>();
    run.put("unit_test", Ref.byId(ResourceKind.UNIT_TEST, testId));
    run.put("run_count", BigDecimal.ONE);
    return new RemoteResource(
        ResourceKind.UNIT_TEST_SET,
        id,
        name,
        OWNED,
        Map.of("description", "x", "unit_tests", List.of(run)),
        Instant.EPOCH,
        null,
        null);
  }

  static RemoteResource remotePersona(String id, String name) {
    return new RemoteResource(
        ResourceKind.PERSONA, id, name, OWNED, Map.of("role", "r"), Instant.EPOCH, null, null);
  }

  static RemoteScenario scenario(String id, String name) {
    return new RemoteScenario(
        id,
        name,
        OWNED,
        false,
        Instant.EPOCH,
        null,
        Instant.EPOCH,
        null,
        new RemoteVersion(1, CONTENT, null, Instant.EPOCH));
  }

  static Planner.Result plan(
      List<DesiredScenario> scenarios,
      List<RemoteScenario> live,
      List<Resource> desired,
      SuiteRemote remote) {
    return Planner.plan("acme", scenarios, new RemoteState(live, Map.of()), desired, remote, PRUNE);
  }

  @Test
  void aScenarioWithoutAVersionReadGetsVersionOneAsThePlannerAlwaysGaveIt() {
    RemoteScenario bare = scenario("s1", "S").withLatest(null);
    Plan p =
        Planner.scenarios(
            "acme",
            List.of(new DesiredScenario("S", OWNED, CONTENT, at(1))),
            new RemoteState(List.of(bare), Map.of()),
            PlanOptions.defaults(),
            null);
    assertThat(p.changes())
        .singleElement()
        .satisfies(
            c -> {
              ResourceChange.Update u = (ResourceChange.Update) c;
              assertThat(u.expectedVersion()).isEqualTo(1);
              assertThat(u.currentVersion()).isZero();
            });
  }

  @Test
  void anUnknownNameIsAnErrorAtTheReferringPlaceAndANameCreatedInTheSameApplyIsFine() {
    DesiredScenario s = new DesiredScenario("New scenario", Map.of(), CONTENT, at(1));
    Planner.Result r =
        plan(
            List.of(s),
            List.of(),
            List.of(
                test(
                    "T",
                    Ref.byId(ResourceKind.PERSONA, "aaaaaaaaaaaaaaaaaaaaaaaa"),
                    Ref.byName(ResourceKind.SCENARIO, "New scenario")),
                test(
                    "U",
                    Ref.byId(ResourceKind.PERSONA, "aaaaaaaaaaaaaaaaaaaaaaaa"),
                    Ref.byName(ResourceKind.SCENARIO, "Nobody"))),
            new SuiteRemote(
                Map.of(
                    ResourceKind.PERSONA,
                    List.of(remotePersona("aaaaaaaaaaaaaaaaaaaaaaaa", "P")))));
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).line()).isEqualTo(7);
    assertThat(r.errors().get(0).message()).contains("'Nobody', which no file declares");
  }

  @Test
  void anIdThatNamesNothingLiveIsAnError() {
    Planner.Result r =
        plan(
            List.of(),
            List.of(scenario("s1", "S")),
            List.of(
                test(
                    "T",
                    Ref.byId(ResourceKind.PERSONA, "bbbbbbbbbbbbbbbbbbbbbbbb"),
                    Ref.byName(ResourceKind.SCENARIO, "S"))),
            SuiteRemote.empty());
    assertThat(r.errors())
        .singleElement()
        .satisfies(d -> assertThat(d.message()).contains("no live persona has the id"));
  }

  @Test
  void aSetTheUiMadeKeepsItsUnitTestWhichKeepsItsScenario() {
    // Nothing declared: everything owned is a delete candidate, but the set is not owned.
    RemoteResource set =
        new RemoteResource(
            ResourceKind.UNIT_TEST_SET,
            "set1",
            "UI set",
            Map.of(),
            remoteSet("set1", "UI set", "t1").fields(),
            Instant.EPOCH,
            null,
            null);
    Planner.Result r =
        plan(
            List.of(),
            List.of(scenario("s1", "S")),
            List.of(),
            new SuiteRemote(
                Map.of(
                    ResourceKind.PERSONA, List.of(remotePersona("p1", "P")),
                    ResourceKind.UNIT_TEST, List.of(remoteTest("t1", "T", "p1", "s1", OWNED)),
                    ResourceKind.UNIT_TEST_SET, List.of(set))));
    assertThat(r.errors()).isEmpty();
    Plan p = r.plan();
    assertThat(scenarios(p))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.action()).isEqualTo(Action.BLOCKED);
              assertThat(((ResourceChange.Blocked) c).blockers())
                  .extracting(u -> u.name())
                  .containsExactly("T");
            });
    assertThat(others(p))
        .extracting(c -> c.kind().word() + " " + c.name() + " " + c.action().word())
        .containsExactly("unit_test T blocked", "persona P blocked");
    assertThat(((ResourceChange.Blocked) others(p).get(0)).labels())
        .containsExactly("unit_test_set 'UI set'");
  }

  @Test
  void everythingOwnedGoesTogetherDeletesInReverseDependencyOrder() {
    Planner.Result r =
        plan(
            List.of(),
            List.of(scenario("s1", "S")),
            List.of(),
            new SuiteRemote(
                Map.of(
                    ResourceKind.PERSONA, List.of(remotePersona("p1", "P")),
                    ResourceKind.UNIT_TEST, List.of(remoteTest("t1", "T", "p1", "s1", OWNED)),
                    ResourceKind.UNIT_TEST_SET, List.of(remoteSet("set1", "Set", "t1")))));
    Plan p = r.plan();
    assertThat(scenarios(p))
        .singleElement()
        .satisfies(c -> assertThat(c.action()).isEqualTo(Action.DELETE));
    assertThat(others(p))
        .extracting(c -> c.kind().word() + " " + c.action().word())
        .containsExactly("unit_test_set delete", "unit_test delete", "persona delete");
  }

  /** The plan's scenario changes. */
  static List<ResourceChange> scenarios(Plan p) {
    return p.changes().stream().filter(c -> c.kind() == ResourceKind.SCENARIO).toList();
  }

  /** The plan's changes of the other kinds. */
  static List<ResourceChange> others(Plan p) {
    return p.changes().stream().filter(c -> c.kind() != ResourceKind.SCENARIO).toList();
  }

  static SuiteRemote oneOfEach() {
    return new SuiteRemote(
        Map.of(
            ResourceKind.PERSONA, List.of(remotePersona("p1", "P")),
            ResourceKind.UNIT_TEST, List.of(remoteTest("t1", "T", "p1", "s1", OWNED)),
            ResourceKind.UNIT_TEST_SET, List.of(remoteSet("set1", "Set", "t1"))));
  }

  @Test
  void aTargetOverKindsPrunesOnlyWhatItNamesOfThatKindAndBlocksByWhatItDoesNotPlan() {
    // Nothing is declared; every remote resource is owned. The target names the persona P and the
    // scenario S: S is used by the unit test T, which the plan keeps (not targeted), so its delete
    // is blocked; P is used by T too; a unit test or set of the same names is not touched.
    Target target =
        new Target(
            java.util.Set.of("S"),
            0,
            "--target",
            Map.of(ResourceKind.PERSONA, new java.util.TreeSet<>(java.util.Set.of("P"))));
    Plan p =
        Planner.plan(
                "acme",
                List.of(),
                new RemoteState(List.of(scenario("s1", "S"), scenario("s2", "Other")), Map.of()),
                List.of(),
                oneOfEach(),
                PRUNE,
                target)
            .plan();
    assertThat(p.changes())
        .extracting(c -> c.kind().word() + " " + c.name() + " " + c.action().word())
        .containsExactlyInAnyOrder("scenario S blocked", "persona P blocked");
    assertThat(p.outside().orphans()).contains("Other", "unit_test 'T'", "unit_test_set 'Set'");

    // Targeting the unit test and the set as well: all four go, the set first, then the test.
    Target all =
        new Target(
            java.util.Set.of("S"),
            0,
            "--target",
            Map.of(
                ResourceKind.PERSONA, new java.util.TreeSet<>(java.util.Set.of("P")),
                ResourceKind.UNIT_TEST, new java.util.TreeSet<>(java.util.Set.of("T")),
                ResourceKind.UNIT_TEST_SET, new java.util.TreeSet<>(java.util.Set.of("Set"))));
    Plan q =
        Planner.plan(
                "acme",
                List.of(),
                new RemoteState(List.of(scenario("s1", "S"), scenario("s2", "Other")), Map.of()),
                List.of(),
                oneOfEach(),
                PRUNE,
                all)
            .plan();
    assertThat(q.changes())
        .extracting(c -> c.kind().word() + " " + c.name() + " " + c.action().word())
        .containsExactly(
            "unit_test_set Set delete",
            "unit_test T delete",
            "scenario S delete",
            "persona P delete");
  }

  @Test
  void theDeleteGuardsCountEveryKind() {
    // 1 scenario and 3 other deletes: each within --max-deletes 3, together beyond it.
    Plan tooMany =
        Planner.plan(
                "acme",
                List.of(),
                new RemoteState(List.of(scenario("s1", "S")), Map.of()),
                List.of(),
                oneOfEach(),
                new PlanOptions(Ownership.DEFAULT, true, 3, true))
            .plan();
    assertThat(tooMany.refusals())
        .containsExactly(
            "the plan deletes 4 resources (1 scenarios, 3 personas, unit tests and sets), more"
                + " than --max-deletes 3; raise --max-deletes if that is intended");

    Plan all =
        Planner.plan(
                "acme",
                List.of(),
                new RemoteState(List.of(scenario("s1", "S")), Map.of()),
                List.of(),
                oneOfEach(),
                new PlanOptions(Ownership.DEFAULT, true, 10, false))
            .plan();
    assertThat(all.refusals())
        .contains(
            "the plan deletes every owned persona (1); pass --allow-delete-all if that is intended",
            "the plan deletes every owned unit test (1); pass --allow-delete-all if that is"
                + " intended",
            "the plan deletes every owned unit test set (1); pass --allow-delete-all if that is"
                + " intended");
  }

  @Test
  void withoutPruneOwnedOrphansOfEveryKindAreListedOutsideThePlan() {
    Plan p =
        Planner.plan(
                "acme",
                List.of(),
                new RemoteState(List.of(scenario("s1", "S")), Map.of()),
                List.of(),
                oneOfEach(),
                new PlanOptions(Ownership.DEFAULT, false, 5, false))
            .plan();
    assertThat(others(p)).isEmpty();
    assertThat(p.refusals()).isEmpty();
    assertThat(p.outside().orphans())
        .containsExactly("S", "persona 'P'", "unit_test 'T'", "unit_test_set 'Set'");
  }

  @Test
  void aChangedRoleIsAnErrorNotASilentReplacement() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("role", "nurse");
    Resource p =
        new Resource(ResourceKind.PERSONA, "P", Map.of(), f, at(1), Map.of("/role", at(3)));
    Planner.Result r =
        plan(
            List.of(),
            List.of(),
            List.of(p),
            new SuiteRemote(Map.of(ResourceKind.PERSONA, List.of(remotePersona("p1", "P")))));
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.line()).isEqualTo(3);
              assertThat(d.message())
                  .contains("'role' is set when it is created and cannot change");
            });
  }

  @Test
  void aPersonaOfAnotherOwnerIsLeftAloneUnlessTakenOverAndAnUnownedOneIsAdopted() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("role", "r");
    Resource mine = new Resource(ResourceKind.PERSONA, "P", Map.of(), f, at(1), Map.of());
    Resource other = new Resource(ResourceKind.PERSONA, "Q", Map.of(), f, at(5), Map.of());
    RemoteResource p =
        new RemoteResource(
            ResourceKind.PERSONA, "p1", "P", Map.of(), Map.of("role", "r"), Instant.EPOCH, 1, null);
    RemoteResource q =
        new RemoteResource(
            ResourceKind.PERSONA,
            "q1",
            "Q",
            Map.of("managed_by", "team_b"),
            Map.of("role", "r"),
            Instant.EPOCH,
            1,
            null);
    SuiteRemote remote = new SuiteRemote(Map.of(ResourceKind.PERSONA, List.of(p, q)));
    Plan plan =
        Planner.plan(
                "acme",
                List.of(),
                new RemoteState(List.of(), Map.of()),
                List.of(mine, other),
                remote,
                PlanOptions.defaults())
            .plan();
    assertThat(others(plan))
        .extracting(c -> c.name() + " " + c.action().word())
        .containsExactly("P tags", "Q foreign");
    assertThat(((ResourceChange.Update) others(plan).get(0)).adopt()).isTrue();
    assertThat(((ResourceChange.Foreign) others(plan).get(1)).owner())
        .isEqualTo("managed_by: team_b");
    Plan taken =
        Planner.plan(
                "acme",
                List.of(),
                new RemoteState(List.of(), Map.of()),
                List.of(other),
                remote,
                new PlanOptions(Ownership.DEFAULT, false, 5, false, true))
            .plan();
    assertThat(others(taken)).extracting(c -> c.action().word()).containsExactly("tags");
  }

  @Test
  void tagKeysOtherWritersOwnAreNeitherComparedNorRemoved() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("role", "r");
    Resource mine = new Resource(ResourceKind.PERSONA, "P", Map.of(), f, at(1), Map.of());
    Map<String, String> remoteTags = new LinkedHashMap<>(OWNED);
    remoteTags.put("reviewed", "yes");
    RemoteResource p =
        new RemoteResource(
            ResourceKind.PERSONA,
            "p1",
            "P",
            remoteTags,
            Map.of("role", "r"),
            Instant.EPOCH,
            1,
            null);
    SuiteRemote remote = new SuiteRemote(Map.of(ResourceKind.PERSONA, List.of(p)));
    PlanOptions ignoring =
        new PlanOptions(Ownership.DEFAULT, false, 5, false, false, java.util.Set.of("reviewed"));
    Plan plan =
        Planner.plan(
                "acme",
                List.of(),
                new RemoteState(List.of(), Map.of()),
                List.of(mine),
                remote,
                ignoring)
            .plan();
    assertThat(others(plan)).isEmpty();
    assertThat(plan.resourcesUnchanged()).isEqualTo(1);
    Plan strict =
        Planner.plan(
                "acme",
                List.of(),
                new RemoteState(List.of(), Map.of()),
                List.of(mine),
                remote,
                PlanOptions.defaults())
            .plan();
    assertThat(others(strict)).extracting(c -> c.action().word()).containsExactly("tags");
  }

  @Test
  void changeShapesCheckTheirRulesWhenBuilt() {
    assertThatThrownBy(
            () ->
                new ResourceChange.Update(
                    ResourceKind.UNIT_TEST,
                    "T",
                    null,
                    null,
                    null,
                    null,
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    List.of("x"),
                    Map.of(),
                    false))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                new ResourceChange.Update(
                    ResourceKind.PERSONA,
                    "P",
                    null,
                    "p1",
                    null,
                    0,
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    List.of("background"),
                    Map.of(),
                    false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResourceChange.Blocked(ResourceKind.PERSONA, "P", "p1", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new ResourceChange.Delete(
                    ResourceKind.PERSONA, "P", null, Map.of(), Map.of(), null, null))
        .isInstanceOf(NullPointerException.class);
  }
}
