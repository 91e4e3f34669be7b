package dev.scenariosync.api;

import dev.scenariosync.json.JsonValues;
import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Secret;
import dev.scenariosync.model.UserRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire form of personas, unit tests and unit test sets, from their kind descriptions: answers
 * to field maps (normalised by each field's rule, references by id) and field maps to request
 * bodies (references given as the ids the caller resolved, sensitive values in plain: only here).
 */
final class KindWire {
  private KindWire() {}

  /**
   * A list item: name, tags (map or {@code [{key, value}]}), updated_at, updated_by and
   * non-versioned fields.
   */
  static RemoteResource resource(KindSpec spec, JsonNode n) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (FieldSpec f : spec.fields()) {
      if (f.role() == FieldSpec.Role.VERSIONED) {
        continue;
      }
      JsonNode v = n.get(f.wire());
      if (v != null) {
        fields.put(f.name(), read(f, v));
      }
    }
    Map<String, String> tags =
        spec.api().tagsAsList() && n.path("tags").isArray()
            ? tagList(n.get("tags"))
            : Wire.tags(n.get("tags"));
    String id = n.has("id") ? n.path("id").asString() : n.path("_id").asString();
    if (id.isEmpty() || !n.path("name").isString()) {
      throw new IllegalArgumentException("an item without id or name");
    }
    return new RemoteResource(
        spec.kind(),
        id,
        n.path("name").asString(),
        tags,
        fields,
        Wire.instant(n, "updated_at"),
        null,
        null,
        null,
        Wire.user(n.get("updated_by")));
  }

  /** The resource with a version's fields, number and creator. */
  static RemoteResource withVersion(KindSpec spec, RemoteResource r, JsonNode v) {
    Map<String, Object> fields = new LinkedHashMap<>(r.fields());
    for (FieldSpec f : spec.fields()) {
      if (f.role() == FieldSpec.Role.VERSIONED) {
        JsonNode x = v.get(f.wire());
        fields.put(f.name(), x == null || x.isNull() ? empty(f) : read(f, x));
      }
    }
    UserRef creator = Wire.user(v.get("creator"));
    return new RemoteResource(
        r.kind(),
        r.id(),
        r.name(),
        r.tags(),
        fields,
        r.updatedAt(),
        v.path("version").asInt(),
        creator,
        Wire.instant(v.path("created_at").asString(null)),
        r.updatedBy());
  }

  private static Object empty(FieldSpec f) {
    return switch (f.rule()) {
      case SENSITIVE_MAP, STRING_MAP -> new TreeMap<>();
      case STRING_LIST -> List.of();
      default -> null;
    };
  }

  private static Map<String, String> tagList(JsonNode list) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode t : list) {
      JsonNode v = t.get("value");
      out.put(t.path("key").asString(), v == null || v.isNull() ? null : v.asString());
    }
    return out;
  }

  private static Object read(FieldSpec f, JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    return switch (f.rule()) {
      case REFERENCE -> Ref.byId(f.refers(), v.asString());
      case SENSITIVE_MAP -> {
        Map<String, Object> out = new TreeMap<>();
        v.properties()
            .forEach(e -> out.put(e.getKey(), new Secret(e.getValue().asString(), "remote")));
        yield out;
      }
      case RUNS -> {
        List<Object> out = new ArrayList<>();
        for (JsonNode run : v) {
          Map<String, Object> m = new TreeMap<>();
          m.put("unit_test", Ref.byId(ResourceKind.UNIT_TEST, run.path("unit_test_id").asString()));
          m.put("run_count", new BigDecimal(run.path("run_count").asString("0")));
          out.add(m);
        }
        yield f.rule().normalize(out);
      }
      default -> f.rule().normalize(JsonValues.plain(v));
    };
  }

  /**
   * The request body of the given fields, references as the ids {@code ids} gives them (by the
   * reference); tags as a map, when given.
   */
  static ObjectNode body(
      KindSpec spec,
      Collection<String> fieldNames,
      Map<String, Object> fields,
      Function<Ref, String> ids) {
    ObjectNode o = Wire.JSON.createObjectNode();
    for (String name : fieldNames) {
      FieldSpec f = spec.field(name).orElseThrow();
      Object v = fields.get(name);
      if (f.rule() == FieldRule.RUNS && v instanceof List<?> runs) {
        ArrayNode a = o.putArray(f.wire());
        for (Object run : runs) {
          Map<?, ?> m = (Map<?, ?>) run;
          ObjectNode item = a.addObject();
          item.put("unit_test_id", ids.apply((Ref) m.get("unit_test")));
          item.set("run_count", json(m.get("run_count"), ids));
        }
      } else {
        o.set(f.wire(), json(v, ids));
      }
    }
    return o;
  }

  private static JsonNode json(Object v, Function<Ref, String> ids) {
    var f = Wire.JSON.getNodeFactory();
    if (v == null) {
      return f.nullNode();
    }
    if (v instanceof Ref r) {
      return f.stringNode(ids.apply(r));
    }
    if (v instanceof Secret s) {
      return f.stringNode(s.value());
    }
    if (v instanceof String s) {
      return f.stringNode(s);
    }
    if (v instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (v instanceof BigDecimal d) {
      return d.scale() <= 0 ? f.numberNode(d.toBigIntegerExact()) : f.numberNode(d);
    }
    if (v instanceof Number n) {
      return f.numberNode(new BigDecimal(n.toString()));
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = f.objectNode();
      m.forEach((k, x) -> o.set(k.toString(), json(x, ids)));
      return o;
    }
    if (v instanceof List<?> l) {
      ArrayNode a = f.arrayNode();
      l.forEach(x -> a.add(json(x, ids)));
      return a;
    }
    throw new IllegalArgumentException("no wire form for " + v.getClass().getSimpleName());
  }
}
