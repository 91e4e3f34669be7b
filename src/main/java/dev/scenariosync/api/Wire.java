package dev.scenariosync.api;

import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.model.VersionContent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The API's JSON shapes, to and from the model. */
final class Wire {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private Wire() {}

  /** Any ISO-8601 date-time the API may write ({@code Z}, {@code +00:00}, or none: UTC). */
  static Instant instant(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  static UserRef user(JsonNode n) {
    return n == null || n.isNull()
        ? null
        : new UserRef(n.path("org_id").asString(""), n.path("user_id").asString(""));
  }

  static Map<String, String> tags(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      n.properties()
          .forEach(
              e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
    }
    return out;
  }

  static RemoteScenario scenario(JsonNode n) {
    return new RemoteScenario(
        n.path("id").asString(),
        n.path("name").asString(),
        tags(n.get("tags")),
        n.path("is_deleted").asBoolean(false),
        instant(n.path("created_at").asString(null)),
        user(n.get("creator")),
        instant(n.path("updated_at").asString(null)),
        user(n.get("updated_by")),
        null);
  }

  static RemoteVersion version(JsonNode n) {
    String type = n.path("initial_message_type").asString("");
    VersionContent content =
        new VersionContent(
            n.path("objective").asString(""),
            n.path("instructions").asString(""),
            // A value a newer API added is kept as read: shown and compared, never written.
            InitialMessageType.read(type),
            instant(n.path("conversation_starts_at").asString(null)));
    return new RemoteVersion(
        n.path("version").asInt(),
        content,
        user(n.get("creator")),
        instant(n.path("created_at").asString(null)));
  }

  static ObjectNode versionBody(VersionContent c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("objective", c.objective());
    o.put("instructions", c.instructions());
    if (!c.initialMessageType().known()) {
      throw new UnwritableContent(
          "initial_message_type '"
              + c.initialMessageType().wire()
              + "' is not a value this version of scenario-sync can write ("
              + String.join(", ", InitialMessageType.wireValues())
              + ")");
    }
    o.put("initial_message_type", c.initialMessageType().wire());
    if (c.conversationStartsAt() == null) {
      o.putNull("conversation_starts_at");
    } else {
      o.put("conversation_starts_at", c.conversationStartsAt().toString());
    }
    return o;
  }

  static ObjectNode tagsNode(Map<String, String> tags) {
    ObjectNode o = JSON.createObjectNode();
    tags.forEach(o::put);
    return o;
  }

  static byte[] bytes(JsonNode n) {
    return JSON.writeValueAsBytes(n);
  }
}
