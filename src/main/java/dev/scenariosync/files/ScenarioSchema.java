package dev.scenariosync.files;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A JSON Schema from the project's {@code schemas/} folder, shipped inside the jar. */
public final class ScenarioSchema {
  private final Schema schema;

  private ScenarioSchema(String json) {
    this.schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(json, InputFormat.JSON);
  }

  /** Loads {@code schemas/NAME} from the class path. */
  public static ScenarioSchema load(String name) {
    try (InputStream in = ScenarioSchema.class.getResourceAsStream("/schemas/" + name)) {
      if (in == null) {
        throw new IllegalStateException("schema missing from the jar: " + name);
      }
      return new ScenarioSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Error> validate(JsonNode node) {
    return schema.validate(node);
  }
}
