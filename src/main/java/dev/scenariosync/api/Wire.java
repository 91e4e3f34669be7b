package dev.scenariosync.api;

import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.model.VersionContent;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The API's JSON shapes, to and from the model. */
final class Wire {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private Wire() {}

  /**
   * An ISO 8601 date-time as Python and pydantic write it: {@code T} (or a space) between date and
   * time, seconds and a fraction of up to nine digits optional, and an offset that is {@code Z},
   * {@code +00:00}, {@code +0000}, {@code +00} or none (a MongoDB date read back without its zone:
   * UTC).
   */
  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)"
              + "([Zz]|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?");

  /** A value of the API that the client cannot read; its message is the client's own words. */
  static final class BadValue extends IllegalArgumentException {
    BadValue(String message) {
      super(message);
    }
  }

  /** A date-time the API wrote (see {@link #ISO}); null or empty is null, anything else fails. */
  static Instant instant(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    Matcher m = ISO.matcher(s);
    if (m.matches()) {
      try {
        LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
        String offset = m.group(3);
        return local.toInstant(
            offset == null ? ZoneOffset.UTC : ZoneOffset.of(offset.toUpperCase(Locale.ROOT)));
      } catch (DateTimeException e) {
        // a month 13, an offset beyond 18 hours: not a date-time either
      }
    }
    throw new BadValue("not an ISO 8601 date-time");
  }

  /**
   * The date-time in a field: null when absent or null, a {@link BadValue} naming the field when it
   * is not a string in ISO 8601 form (never silently null).
   */
  static Instant instant(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isString()) {
      try {
        return instant(v.asString());
      } catch (BadValue e) {
        // named below
      }
    }
    throw new BadValue("'" + field + "' is not an ISO 8601 date-time");
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
        instant(n, "created_at"),
        user(n.get("creator")),
        instant(n, "updated_at"),
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
            instant(n, "conversation_starts_at"));
    return new RemoteVersion(
        n.path("version").asInt(), content, user(n.get("creator")), instant(n, "created_at"));
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
