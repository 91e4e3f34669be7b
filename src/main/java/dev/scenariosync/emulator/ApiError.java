package dev.scenariosync.emulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** An HTTP error answer, FastAPI style: a status and a {@code detail} (a string, or a 422 list). */
final class ApiError extends RuntimeException {
  final int status;
  final JsonNode detail;

  ApiError(int status, String detail) {
    this(status, JsonNodeFactory.instance.stringNode(detail));
  }

  ApiError(int status, JsonNode detail) {
    super(detail.toString(), null, false, false);
    this.status = status;
    this.detail = detail;
  }

  static ApiError notFound(String what) {
    return new ApiError(404, what);
  }
}
