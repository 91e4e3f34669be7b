package dev.scenariosync.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Maps an error answer to a typed {@link ApiException}, keeping the server's detail. */
final class Errors {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Errors() {}

  static ApiException of(int status, String operation, byte[] body) {
    JsonNode detail = detail(body);
    if (status == 422) {
      return new ApiException.Validation(operation, fields(detail));
    }
    String text =
        detail == null ? text(body) : detail.isString() ? detail.asString() : detail.toString();
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
        List<String> loc = new ArrayList<>();
        item.path("loc").forEach(p -> loc.add(p.asString()));
        out.add(String.join(".", loc) + ": " + item.path("msg").asString(""));
      }
    } else if (detail != null) {
      out.add(detail.isString() ? detail.asString() : detail.toString());
    }
    if (out.isEmpty()) {
      out.add("request failed validation");
    }
    return out;
  }

  private static String text(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8).strip();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
