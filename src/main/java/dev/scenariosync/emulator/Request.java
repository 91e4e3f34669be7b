package dev.scenariosync.emulator;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One request as the endpoints see it: org, path parameter, query, body and the signed-in user. */
record Request(
    String method,
    String org,
    String pathId,
    Map<String, List<String>> query,
    byte[] body,
    Store.User user) {

  List<String> all(String name) {
    return query.getOrDefault(name, List.of());
  }

  String one(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  /** The body as JSON; FastAPI answers 422 when it is missing or not JSON. */
  JsonNode json() {
    Invalid inv = new Invalid();
    if (body.length == 0) {
      inv.missing(List.of("body"), null);
      throw inv.toError();
    }
    try {
      return Store.JSON.readTree(body);
    } catch (tools.jackson.core.JacksonException e) {
      inv.add(
          "json_invalid",
          List.of("body", 0),
          "JSON decode error",
          Invalid.text(e.getOriginalMessage()));
      throw inv.toError();
    }
  }
}
