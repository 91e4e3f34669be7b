package dev.scenariosync.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Maps an error answer to a typed {@link ApiException}, keeping the server's detail. */
final class Errors {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The most characters of one remote text (a detail, a body) that a message shows. */
  static final int MAX_CHARS = 300;

  /** The most 422 field errors a message lists. */
  static final int MAX_FIELDS = 20;

  private Errors() {}

  static ApiException of(int status, String operation, byte[] body) {
    JsonNode detail = detail(body);
    if (status == 422) {
      return new ApiException.Validation(operation, fields(detail));
    }
    String text =
        detail == null
            ? text(body)
            : cut(detail.isString() ? detail.asString() : detail.toString());
    return switch (status) {
      case 400 -> new ApiException.BadRequest(operation, text);
      case 401 -> new ApiException.Unauthorized(operation, text);
      case 403 -> new ApiException.Forbidden(operation, text);
      case 404 -> new ApiException.NotFound(operation, text);
      case 409 -> new ApiException.Conflict(operation, text);
      case 429 -> new ApiException.RateLimited(operation, text);
      default ->
          status >= 500
              ? new ApiException.ServerError(status, operation, text)
              : new ApiException.Unexpected(status, operation, text);
    };
  }

  private static JsonNode detail(byte[] body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n != null && n.isObject()) {
        for (String key : List.of("detail", "message", "error")) {
          if (n.has(key)) {
            return n.get(key);
          }
        }
      }
    } catch (RuntimeException e) {
      // not JSON: the text is used
    }
    return null;
  }

  /** Each 422 item as {@code body.tags.a-b: message}. */
  private static List<String> fields(JsonNode detail) {
    List<String> out = new ArrayList<>();
    if (detail != null && detail.isArray()) {
      for (JsonNode item : detail) {
        if (out.size() == MAX_FIELDS) {
          out.add("... and " + (detail.size() - MAX_FIELDS) + " more");
          break;
        }
        List<String> loc = new ArrayList<>();
        item.path("loc").forEach(p -> loc.add(p.isValueNode() ? p.asString() : "?"));
        JsonNode msg = item.path("msg");
        out.add(
            cut(String.join(".", loc) + ": " + (msg.isString() ? msg.asString() : msg.toString())));
      }
    } else if (detail != null) {
      out.add(cut(detail.isString() ? detail.asString() : detail.toString()));
    }
    if (out.isEmpty()) {
      out.add("request failed validation");
    }
    return out;
  }

  private static String text(byte[] body) {
    int n = Math.min(body.length, 4 * MAX_CHARS); // enough bytes for MAX_CHARS characters
    return cut(new String(body, 0, n, StandardCharsets.UTF_8).strip());
  }

  /** A remote text in a message: at most {@link #MAX_CHARS} characters, never half a pair. */
  static String cut(String s) {
    if (s.length() <= MAX_CHARS) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(MAX_CHARS - 1)) ? MAX_CHARS - 1 : MAX_CHARS;
    return s.substring(0, end) + "...";
  }
}
