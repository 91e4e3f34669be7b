package dev.scenariosync.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.regex.RegularExpression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API's published OpenAPI document (a copy of ../shared/amigo-api/openapi-scenarios.json in
 * test resources), used to check request and response bodies against the operation's schemas.
 */
public final class ApiSpec {
  public static final Path FILE = Golden.resources("openapi").resolve("openapi-scenarios.json");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNode SPEC = read();
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          b ->
              b.schemaRegistryConfig(
                  SchemaRegistryConfig.builder()
                      .regularExpressionFactory(ApiSpec::pythonPattern)
                      .build()));

  /** Python's Unicode classes, which the server's patterns are written in. */
  private static final String PY_WORD = "\\p{L}\\p{N}_";

  private static final String PY_SPACE =
      "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

  /**
   * The spec's patterns are Python regular expressions (the server is FastAPI); Java reads {@code
   * \w} as ASCII. Translate the two classes the spec uses, inside and outside brackets.
   */
  private static RegularExpression pythonPattern(String regex) {
    String java =
        regex
            .replace("[\\w\\s]", "[" + PY_WORD + PY_SPACE + "]")
            .replace("\\w", "[" + PY_WORD + "]")
            .replace("\\s", "[" + PY_SPACE + "]");
    Pattern p = Pattern.compile(java);
    return value -> p.matcher(value).find();
  }

  private ApiSpec() {}

  private static JsonNode read() {
    try {
      return JSON.readTree(Files.readString(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operation for a method and a concrete path, matched against the spec's templates. */
  public static JsonNode operation(String method, String path) {
    for (var e : SPEC.get("paths").properties()) {
      String regex = "^" + e.getKey().replaceAll("\\{[^}]+}", "[^/]+") + "$";
      if (Pattern.matches(regex, path) && e.getValue().has(method.toLowerCase())) {
        return e.getValue().get(method.toLowerCase());
      }
    }
    return null;
  }

  /** A component schema, wrapped so that its {@code #/components/...} references resolve. */
  public static Schema schema(String ref) {
    return SCHEMAS.computeIfAbsent(
        ref,
        r -> {
          ObjectNode wrapper = JSON.createObjectNode();
          wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
          wrapper.put("$ref", r);
          wrapper.set("components", SPEC.get("components"));
          return REGISTRY.getSchema(wrapper.toString(), InputFormat.JSON);
        });
  }

  public static List<Error> validate(String ref, JsonNode body) {
    return schema(ref).validate(body);
  }

  /** Asserts a response body fits the schema the spec declares for this status (if any). */
  public static void checkResponse(String method, String path, int status, String body) {
    JsonNode op = operation(method, path);
    if (op == null) {
      return; // an endpoint outside the published subset (unit-test create and delete)
    }
    JsonNode response = op.path("responses").path(String.valueOf(status));
    assertThat(response.isMissingNode())
        .as("%s %s answered %d, which the spec does not list", method, path, status)
        .isFalse();
    JsonNode ref = response.path("content").path("application/json").path("schema").path("$ref");
    if (ref.isMissingNode()) {
      if (!body.isEmpty()) {
        JsonNode detail = JSON.readTree(body).get("detail");
        assertThat(detail).as("error body of %d has a detail", status).isNotNull();
        if (status == 422) {
          checkValidationError(detail);
        } else {
          assertThat(detail.isString()).as("detail of %d is a message", status).isTrue();
        }
      }
      return;
    }
    List<Error> errors = validate(ref.asString(), JSON.readTree(body));
    assertThat(errors)
        .as("%s %s %d body against %s: %s", method, path, status, ref.asString(), body)
        .isEmpty();
  }

  /** Asserts a request body fits the operation's request schema. */
  public static void checkRequest(String method, String path, String body) {
    JsonNode op = operation(method, path);
    if (op == null || body == null || body.isEmpty()) {
      return;
    }
    JsonNode ref =
        op.path("requestBody").path("content").path("application/json").path("schema").path("$ref");
    if (!ref.isMissingNode()) {
      assertThat(validate(ref.asString(), JSON.readTree(body)))
          .as("request body %s", body)
          .isEmpty();
    }
  }

  /** FastAPI's 422: a list of {type, loc, msg, input}, loc being strings and integers. */
  private static void checkValidationError(JsonNode detail) {
    assertThat(detail.isArray() && !detail.isEmpty()).as("422 detail is a non-empty list").isTrue();
    for (JsonNode item : detail) {
      assertThat(item.path("type").isString()).isTrue();
      assertThat(item.path("msg").isString()).isTrue();
      assertThat(item.has("input")).isTrue();
      assertThat(item.path("loc").isArray()).isTrue();
      item.path("loc").forEach(part -> assertThat(part.isString() || part.isInt()).isTrue());
    }
  }
}
