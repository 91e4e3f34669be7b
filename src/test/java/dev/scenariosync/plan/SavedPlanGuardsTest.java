package dev.scenariosync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.ResourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A saved plan's scenario deletes meet this apply's delete guards, worded as the planner's. */
class SavedPlanGuardsTest {
  static ResourceChange delete(String name, String id) {
    return new ResourceChange.Delete(
        ResourceKind.SCENARIO, name, id, Map.of(), PlannerTest.OWNED, Instant.EPOCH, 1);
  }

  static SavedPlanCheck.Verdict check(List<RemoteScenario> live, PlanOptions options) {
    Plan saved = new Plan("acme", List.of(delete("A", "a1"), delete("B", "b1")), 0, List.of());
    SavedPlanCheck.Verdict files =
        new SavedPlanCheck.Verdict(List.of(), List.of(), List.of(), List.of(), saved);
    return SavedPlanCheck.againstRemote(files, live, options, false, null);
  }

  @Test
  void tooManyDeletesAndEveryOwnedScenarioAreBothRefused() {
    List<RemoteScenario> live =
        List.of(PlannerTest.scenario("a1", "A"), PlannerTest.scenario("b1", "B"));
    assertThat(check(live, new PlanOptions(Ownership.DEFAULT, true, 1, false)).guards())
        .containsExactly(
            "the plan deletes 2 scenarios, more than --max-deletes 1; raise --max-deletes if that"
                + " is intended",
            "the plan deletes every owned scenario (2); pass --allow-delete-all if that is"
                + " intended");
  }

  @Test
  void aScenarioLiveBesideThemOrTheFlagsLetThemThrough() {
    List<RemoteScenario> live =
        List.of(
            PlannerTest.scenario("a1", "A"),
            PlannerTest.scenario("b1", "B"),
            PlannerTest.scenario("c1", "C"));
    assertThat(check(live, new PlanOptions(Ownership.DEFAULT, true, 5, false)).guards()).isEmpty();
    assertThat(
            check(live.subList(0, 2), new PlanOptions(Ownership.DEFAULT, true, 5, true)).guards())
        .isEmpty();
  }
}
