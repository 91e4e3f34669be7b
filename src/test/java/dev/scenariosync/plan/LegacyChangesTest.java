package dev.scenariosync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.ResourceKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden plan's scenario changes seen as the one change shape ({@link Plan#all()}): one
 * change per scenario (a rename holding its old one's delete), the same action, nothing lost.
 */
class LegacyChangesTest {
  static java.util.stream.Stream<PlanGoldenTest.Case> cases() {
    return PlanGoldenTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachScenarioChangeHasOneShape(PlanGoldenTest.Case c) {
    Plan plan = Planner.plan("acme", c.desired(), c.remote(), c.options(), c.target());
    List<ResourceChange> all = plan.all();
    List<String> renamedAway =
        plan.changes().stream().filter(x -> x.has(Action.RENAME)).map(Change::renamedFrom).toList();
    List<Change> kept =
        plan.changes().stream()
            .filter(x -> !(x.has(Action.DELETE) && renamedAway.contains(x.name())))
            .toList();
    assertThat(all).hasSize(kept.size());
    for (Change old : kept) {
      ResourceChange now =
          all.stream().filter(x -> x.name().equals(old.name())).findFirst().orElseThrow();
      assertThat(now.kind()).isEqualTo(ResourceKind.SCENARIO);
      assertThat(now.actions()).as(old.name()).containsAll(expected(old));
      if (now instanceof ResourceChange.Update u) {
        assertThat(u.expectedVersion()).isEqualTo(old.expectedVersion());
        assertThat(u.currentVersion()).isEqualTo(old.currentVersion());
        assertThat(ScenarioFields.content(u.after())).isEqualTo(old.after().normalized());
        assertThat(u.impact()).isEqualTo(old.has(Action.VERSION) ? old.unitTests() : List.of());
        assertThat(u.tagsAfter()).isEqualTo(old.tagsAfter());
      }
      if (now instanceof ResourceChange.Blocked b) {
        assertThat(b.blockers()).hasSameSizeAs(old.unitTests());
      }
      if (now instanceof ResourceChange.Foreign f) {
        assertThat(f.owner()).isEqualTo(old.foreignOwner());
        assertThat(f.wanted()).isNotNull();
      }
    }
    // writes first, deletes last
    boolean seenRemove = false;
    for (ResourceChange x : all) {
      assertThat(!seenRemove || x.removes()).as("deletes come last").isTrue();
      seenRemove |= x.removes();
    }
  }

  private static List<Action> expected(Change old) {
    if (old.has(Action.RENAME)) {
      return List.of(Action.RENAME);
    }
    if (old.has(Action.CREATE)) {
      return List.of(Action.CREATE);
    }
    return old.actions();
  }
}
