package dev.scenariosync.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One logical API call, as the client asks for it; the transport's steps add to its headers. */
record ApiCall(
    String method,
    Endpoint endpoint,
    String operation,
    List<String> path,
    List<Map.Entry<String, String>> query,
    byte[] body,
    boolean authenticated,
    Map<String, String> headers) {

  /** The same call with one more header. */
  ApiCall withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiCall(method, endpoint, operation, path, query, body, authenticated, h);
  }

  /** Names the call, never its headers (they hold the key and the token). */
  @Override
  public String toString() {
    return method + " " + endpoint + " (" + operation + ")";
  }

  /** A successful answer. */
  record Response(int status, byte[] body) {}
}
