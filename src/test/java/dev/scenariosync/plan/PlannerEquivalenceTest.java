package dev.scenariosync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Transition check: the one planner plans every golden case as the scenario planner did. */
class PlannerEquivalenceTest {
  static java.util.stream.Stream<PlanGoldenTest.Case> cases() {
    return PlanGoldenTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void samePlan(PlanGoldenTest.Case c) {
    Plan old = Planner.plan("acme", c.desired(), c.remote(), c.options(), c.target());
    Plan now = SuitePlanner.scenarios("acme", c.desired(), c.remote(), c.options(), c.target());
    // Differences by design: blockers are sorted by name; a foreign one's wanted update says
    // whether --take-over would adopt it.
    assertThat(now.all())
        .usingRecursiveComparison()
        .ignoringFields("wanted.adopt")
        .ignoringCollectionOrderInFields("blockers")
        .isEqualTo(old.all());
    assertThat(now.unchangedAll()).isEqualTo(old.unchangedAll());
    assertThat(now.refusals()).isEqualTo(old.refusals());
    assertThat(now.outside()).isEqualTo(old.outside());
  }
}
