package dev.scenariosync.plan.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.Outside;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A saved plan records its target: scenario names as format 1 always did, other kinds in 2. */
class TargetJsonTest {
  static final PlanJson.Meta META =
      new PlanJson.Meta(
          "https://api.amigo.ai",
          false,
          List.of("suite"),
          new TreeMap<>(),
          Ownership.DEFAULT,
          false,
          5,
          false,
          false,
          new TreeMap<>(),
          "0.1.0",
          Instant.parse("2026-11-25T10:00:00Z"));

  static Plan plan(Target target, int resourcesUnchanged) {
    return new Plan("acme", List.of(), 0, List.of(), target, Outside.NONE, resourcesUnchanged);
  }

  @Test
  void aTargetOfScenariosOnlyStaysFormat1WithoutKinds() {
    String json = PlanJson.write(plan(new Target(Set.of("A"), 3, "--target"), 0), META);
    assertThat(json).contains("\"format_version\" : \"1\"").doesNotContain("\"kinds\"");
    assertThat(PlanJson.read(json).plan().target())
        .isEqualTo(new Target(Set.of("A"), 3, "--target"));
  }

  @Test
  void aTargetOverKindsIsFormat2AndReadsBackWithWhatItPlanned() {
    Target t =
        new Target(
            Set.of("A"),
            8,
            "changed since main",
            Map.of(ResourceKind.PERSONA, new TreeSet<>(Set.of("P1", "P0"))));
    String json = PlanJson.write(plan(t, 1), META);
    assertThat(json)
        .contains("\"format_version\" : \"2\"")
        .contains("\"planned\" : 1")
        .contains("\"kinds\" : {\n      \"persona\" : [ \"P0\", \"P1\" ]");
    Plan read = PlanJson.read(json).plan();
    assertThat(read.target().kinds()).isEqualTo(t.kinds());
    assertThat(read.target().names()).containsExactly("A");
    assertThat(read.target().covers(ResourceKind.PERSONA, "P1")).isTrue();
    assertThat(read.target().covers(ResourceKind.UNIT_TEST, "P1")).isFalse();
    assertThat(read.plannedInTarget()).isEqualTo(1);
    assertThat(read.target().describe(1))
        .isEqualTo(
            "targeted (changed since main): 1 of 8 resources planned; the rest was not read");
  }

  @Test
  void kindsInAFormat1PlanOrAnUnknownKindAreRefused() {
    String json =
        PlanJson.write(plan(new Target(Set.of("A"), 3, "--target"), 0), META)
            .replace(
                "\"names\" : [ \"A\" ]",
                "\"names\" : [ \"A\" ], \"kinds\": {\"persona\": [\"P\"]}");
    assertThatThrownBy(() -> PlanJson.read(json))
        .hasMessageContaining("'target.kinds' needs format_version \"2\"");
    Target t =
        new Target(
            Set.of(), 1, "--target", Map.of(ResourceKind.PERSONA, new TreeSet<>(Set.of("P"))));
    String two = PlanJson.write(plan(t, 0), META).replace("\"persona\" :", "\"scenario\" :");
    assertThatThrownBy(() -> PlanJson.read(two)).hasMessageContaining("unknown kind");
  }
}
