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
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API's published OpenAPI document, whole simulation family (a copy of
 * ../shared/amigo-api/openapi-simulation.json in test resources, a superset of the scenario subset
 * beside it), used Prism-style: every request's path and query parameters and body, and every
 * response body, are checked against the operation's schemas.
 */
public final class ApiSpec {
  /**
   * The scenario subset (kept identical to the shared file; the simulation file agrees with it).
   */
  public static final Path FILE = Golden.resources("openapi").resolve("openapi-scenarios.json");

  /** The whole simulation family, which the checks use. */
  public static final Path SIMULATION_FILE =
      Golden.resources("openapi").resolve("openapi-simulation.json");

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
      return JSON.readTree(Files.readString(SIMULATION_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operation for a method and a concrete path, matched against the spec's templates. */
  public static JsonNode operation(String method, String path) {
    String template = template(method, path);
    return template == null ? null : SPEC.get("paths").get(template).get(method.toLowerCase());
  }

  /** The spec's path template that a method and a concrete path match, or null. */
  public static String template(String method, String path) {
    for (var e : SPEC.get("paths").properties()) {
      if (Pattern.matches(regex(e.getKey()), path) && e.getValue().has(method.toLowerCase())) {
        return e.getKey();
      }
    }
    return null;
  }

  private static String regex(String template) {
    return "^" + template.replaceAll("\\{[^}]+}", "([^/]+)") + "$";
  }

  /** The whole document (for tests that compare the emulator's routes with it). */
  public static JsonNode document() {
    return SPEC;
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
      return; // not an API path (a route the spec lacks answers 404 or 405)
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

  /**
   * Asserts a request fits the operation, as Prism would check it: path parameters, query
   * parameters (read as FastAPI reads them: repeated keys form arrays, scalars parsed to the
   * declared type) and the body.
   */
  public static void checkRequest(String method, URI uri, String body) {
    String template = template(method, uri.getRawPath());
    if (template == null) {
      return;
    }
    JsonNode op = SPEC.get("paths").get(template).get(method.toLowerCase());
    Matcher path = Pattern.compile(regex(template)).matcher(uri.getRawPath());
    path.matches();
    List<String> names = new ArrayList<>();
    Matcher n = Pattern.compile("\\{([^}]+)}").matcher(template);
    while (n.find()) {
      names.add(n.group(1));
    }
    Map<String, List<String>> query = query(uri.getRawQuery());
    for (JsonNode param : op.path("parameters")) {
      String name = param.get("name").asString();
      String in = param.get("in").asString();
      JsonNode value;
      if (in.equals("path")) {
        value = JSON.getNodeFactory().stringNode(decode(path.group(names.indexOf(name) + 1)));
      } else if (in.equals("query")) {
        List<String> values = query.get(name);
        if (values == null) {
          assertThat(param.path("required").asBoolean(false))
              .as("%s %s lacks the required query parameter %s", method, uri, name)
              .isFalse();
          continue;
        }
        value = coerce(param.get("schema"), values);
      } else {
        continue;
      }
      List<Error> errors =
          paramSchema(template + method + name, param.get("schema")).validate(value);
      assertThat(errors).as("%s %s: %s parameter %s = %s", method, uri, in, name, value).isEmpty();
    }
    checkRequest(method, uri.getRawPath(), body);
  }

  private static final Map<String, Schema> PARAMS = new ConcurrentHashMap<>();

  private static Schema paramSchema(String key, JsonNode schema) {
    return PARAMS.computeIfAbsent(
        key,
        k -> {
          ObjectNode wrapper = (ObjectNode) schema.deepCopy();
          wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
          wrapper.set("components", SPEC.get("components"));
          return REGISTRY.getSchema(wrapper.toString(), InputFormat.JSON);
        });
  }

  /** Query values as FastAPI passes them to pydantic: a list for arrays, else the last value. */
  private static JsonNode coerce(JsonNode schema, List<String> values) {
    if (types(schema).contains("array")) {
      var array = JSON.createArrayNode();
      values.forEach(array::add);
      return array;
    }
    String v = values.get(values.size() - 1);
    List<String> types = types(schema);
    if (types.contains("integer")) {
      try {
        return JSON.getNodeFactory().numberNode(Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        // left a string: the schema check fails, as it should
      }
    }
    if (types.contains("boolean")) {
      String b = v.trim().toLowerCase(java.util.Locale.ROOT);
      if (List.of("true", "1", "yes", "on", "t", "y").contains(b)) {
        return JSON.getNodeFactory().booleanNode(true);
      }
      if (List.of("false", "0", "no", "off", "f", "n").contains(b)) {
        return JSON.getNodeFactory().booleanNode(false);
      }
    }
    return JSON.getNodeFactory().stringNode(v);
  }

  private static List<String> types(JsonNode schema) {
    List<String> out = new ArrayList<>();
    if (schema.has("type")) {
      out.add(schema.get("type").asString());
    }
    schema.path("anyOf").forEach(branch -> out.addAll(types(branch)));
    return out;
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
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
