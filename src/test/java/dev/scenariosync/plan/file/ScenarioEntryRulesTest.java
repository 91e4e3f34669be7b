package dev.scenariosync.plan.file;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A saved plan's scenario entry checks the rules of its actions when it is read. */
class ScenarioEntryRulesTest {
  static final VersionContent C = new VersionContent("o", "i", InitialMessageType.SKIP, null);

  static ScenarioEntry change(
      String id, List<Action> actions, Integer expected, VersionContent after) {
    return new ScenarioEntry(
        "S", null, id, actions, 1, expected, null, null, after, null, null, null, List.of(), null,
        null);
  }

  @Test
  void aNewVersionAlwaysHasItsExpectedNumber() {
    assertThatThrownBy(() -> change("id", List.of(Action.VERSION), null, C))
        .hasMessageContaining("expected number");
  }

  @Test
  void aChangeOfAnExistingScenarioHasItsId() {
    assertThatThrownBy(() -> change(null, List.of(Action.TAGS), null, C))
        .hasMessageContaining("has its id");
  }

  @Test
  void aDeleteHasNothingAfterIt() {
    assertThatThrownBy(() -> change("id", List.of(Action.DELETE), null, C))
        .hasMessageContaining("nothing after it");
    assertThatThrownBy(() -> change("id", List.of(), null, null))
        .hasMessageContaining("has an action");
  }
}
