package dev.scenariosync.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.json.JsonOut;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every JSON the tool writes is ASCII: remote text in it cannot reorder or drive a CI log. */
class JsonOutTest {
  @Test
  void bidiOverridesC1ControlsAndAnyNonAsciiAreEscapedAndReadBackTheSame() throws Exception {
    String hostile = "fake\u202Eevil\u202C \u009B31m caf\u00E9 \u001B]0;t\u0007";
    String json = JsonOut.MAPPER.writeValueAsString(Map.of("name", hostile));
    assertThat(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as(json).isTrue();
    assertThat(json).contains("\\u202E").contains("\\u009B").contains("\\u001B");
    assertThat(JsonOut.MAPPER.readTree(json).get("name").asString()).isEqualTo(hostile);
  }
}
