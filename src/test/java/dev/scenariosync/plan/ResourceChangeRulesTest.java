package dev.scenariosync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenariosync.model.Ref;
import dev.scenariosync.model.ResourceKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each shape of change checks the rules of its action when it is built, for every kind. */
class ResourceChangeRulesTest {
  static final Map<String, Object> F = Map.of("objective", "o");

  static ResourceChange.Update update(
      String id, List<String> changed, Integer current, Integer expected) {
    return new ResourceChange.Update(
        ResourceKind.SCENARIO,
        "S",
        null,
        id,
        null,
        expected,
        F,
        F,
        Map.of(),
        Map.of(),
        changed,
        Map.of(),
        false,
        current,
        null,
        List.of());
  }

  @Test
  void anUpdateHasItsIdAndChangesSomething() {
    assertThatThrownBy(() -> update(null, List.of("tags"), 1, null)).hasMessageContaining("an id");
    assertThatThrownBy(() -> update("id", List.of(), 1, null))
        .hasMessageContaining("changes something");
  }

  @Test
  void aNewVersionFollowsTheRemoteLatest() {
    assertThatThrownBy(() -> update("id", List.of("objective"), 2, 2))
        .hasMessageContaining("follows the remote latest");
    assertThatThrownBy(() -> update("id", List.of("objective"), null, 0))
        .hasMessageContaining("version 1 or later");
    assertThat(update("id", List.of("objective"), 2, 3).action()).isEqualTo(Action.VERSION);
  }

  @Test
  void anUpdateCountsEachOfItsActions() {
    assertThat(update("id", List.of("objective", "tags"), 2, 3).actions())
        .containsExactly(Action.VERSION, Action.TAGS);
    assertThat(update("id", List.of("tags"), 2, null).actions()).containsExactly(Action.TAGS);
  }

  @Test
  void aCreateHasSomethingAfterIt() {
    assertThatThrownBy(
            () ->
                new ResourceChange.Create(
                    ResourceKind.PERSONA, "P", null, null, Map.of(), Map.of()))
        .hasMessageContaining("after");
  }

  @Test
  void onlyVersionedKindsAreRenamedAndTheNewOneRecordsTheOld() {
    assertThatThrownBy(() -> rename(ResourceKind.UNIT_TEST, Map.of("previous_id", "old")))
        .hasMessageContaining("only scenarios and personas");
    assertThatThrownBy(() -> rename(ResourceKind.SCENARIO, Map.of()))
        .hasMessageContaining("previous_id");
    assertThat(rename(ResourceKind.SCENARIO, Map.of("previous_id", "old")).action())
        .isEqualTo(Action.RENAME);
  }

  static ResourceChange.Rename rename(ResourceKind kind, Map<String, String> tags) {
    return new ResourceChange.Rename(
        kind, "New", null, "Old", "old", null, 1, F, tags, Map.of(), Map.of());
  }

  @Test
  void aBlockedDeleteNamesWhatBlocksItAndAForeignOnesWantedUpdateIsItsOwn() {
    assertThatThrownBy(
            () -> new ResourceChange.Blocked(ResourceKind.SCENARIO, "S", "id", List.<Ref>of()))
        .hasMessageContaining("names what blocks it");
    assertThatThrownBy(
            () ->
                new ResourceChange.Foreign(
                    ResourceKind.SCENARIO,
                    "S",
                    null,
                    "other",
                    "managed_by: b",
                    update("id", List.of("tags"), 1, null)))
        .hasMessageContaining("its own");
    assertThatThrownBy(
            () ->
                new ResourceChange.Delete(
                    ResourceKind.SCENARIO, "S", null, Map.of(), Map.of(), null, 1))
        .hasMessageContaining("an id");
  }
}
