package dev.scenariosync.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.files.ScenarioSchema;
import dev.scenariosync.support.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Every golden JSON plan is valid against the published schemas/plan.schema.json. */
class PlanSchemaTest {
  @Test
  void goldenPlansFitTheSchema() throws IOException {
    ScenarioSchema schema = ScenarioSchema.load("plan.schema.json");
    JsonMapper json = JsonMapper.builder().build();
    List<Path> plans;
    try (Stream<Path> files = Files.list(Golden.resources("plans"))) {
      plans = files.filter(p -> p.toString().endsWith(".json")).toList();
    }
    assertThat(plans).hasSizeGreaterThanOrEqualTo(9);
    for (Path p : plans) {
      assertThat(schema.validate(json.readTree(Files.readString(p)))).as(p.toString()).isEmpty();
    }
  }
}
