package dev.scenariosync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenariosync.model.ResourceKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules a persona rename checks when it is built. */
class ResourceRenameTest {
  static ResourceChange.Rename rename(String name, String from, String oldId, String tagged) {
    return new ResourceChange.Rename(
        ResourceKind.PERSONA,
        name,
        null,
        from,
        oldId,
        null,
        null,
        Map.of(),
        tagged == null ? Map.of() : Map.of("previous_id", tagged),
        Map.of(),
        Map.of());
  }

  @Test
  void aRenameHasTheOldIdANewNameAndTheTag() {
    assertThat(rename("New", "Old", "a1", "a1").action()).isEqualTo(Action.RENAME);
    assertThatThrownBy(() -> rename("New", "Old", null, "a1"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> rename("Same", "Same", "a1", "a1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("new name");
    assertThatThrownBy(() -> rename("New", "Old", "a1", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("previous_id");
  }
}
