package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.plan.ResourceChange;
import dev.scenariosync.plan.TestSelection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scenarios and personas whose unit test sets apply --run-tests and test run. */
class TestingChangedTest {
  static final SourceLocation AT = new SourceLocation("suite/a.yaml", 1, 1);

  static ResourceChange.Rename rename(ResourceKind kind, String name, String from) {
    return new ResourceChange.Rename(
        kind,
        name,
        AT,
        from,
        "old1",
        Instant.parse("2026-03-02T09:15:00Z"),
        2,
        Map.of(),
        Map.of("previous_id", "old1"),
        Map.of(),
        Map.of());
  }

  static ResourceChange.Update update(ResourceKind kind, String name, Integer expected) {
    return new ResourceChange.Update(
        kind,
        name,
        AT,
        "id-" + name,
        Instant.parse("2026-03-02T09:15:00Z"),
        expected,
        Map.of("background", "a"),
        Map.of("background", "b"),
        Map.of(),
        Map.of("k", "v"),
        expected == null ? List.of("tags") : List.of("background"),
        Map.of(),
        false);
  }

  @Test
  void createsRenamesAndNewVersionsOfScenariosAndPersonasAlike() {
    List<TestSelection.Changed> changed =
        Testing.changed(
            List.of(
                new ResourceChange.Create(
                    ResourceKind.SCENARIO, "S new", AT, Map.of(), Map.of(), Map.of()),
                rename(ResourceKind.SCENARIO, "S renamed", "S old"),
                rename(ResourceKind.PERSONA, "P renamed", "P old"),
                update(ResourceKind.PERSONA, "P versioned", 4),
                update(ResourceKind.PERSONA, "P tagged", null),
                new ResourceChange.Delete(
                    ResourceKind.SCENARIO, "S gone", "g1", Map.of(), Map.of(), null, 1),
                new ResourceChange.Create(
                    ResourceKind.UNIT_TEST, "T new", AT, Map.of(), Map.of(), Map.of())));

    assertThat(changed)
        .containsExactly(
            new TestSelection.Changed(ResourceKind.SCENARIO, "S new", 1),
            new TestSelection.Changed(ResourceKind.SCENARIO, "S renamed", 1),
            new TestSelection.Changed(ResourceKind.PERSONA, "P renamed", 1),
            new TestSelection.Changed(ResourceKind.PERSONA, "P versioned", 4));
  }
}
