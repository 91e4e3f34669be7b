package dev.scenariosync.api;

/** The API operations the tool calls, with their documented rate limits per minute. */
public enum Endpoint {
  SIGN_IN(5),
  CREATE(500),
  LIST(200),
  SEARCH(50),
  UPDATE(500),
  DELETE(500),
  VERSION_CREATE(500),
  VERSION_GET(500),
  UNIT_TEST_LIST(200),
  PERSONA_CREATE(100),
  PERSONA_LIST(50),
  PERSONA_UPDATE(100),
  PERSONA_DELETE(100),
  PERSONA_VERSION_CREATE(100),
  PERSONA_VERSION_GET(50),
  UNIT_TEST_CREATE(500),
  UNIT_TEST_UPDATE(500),
  UNIT_TEST_DELETE(500),
  UNIT_TEST_SET_LIST(50),
  UNIT_TEST_SET_CREATE(50),
  UNIT_TEST_SET_UPDATE(50),
  UNIT_TEST_SET_DELETE(50),
  RUN_CREATE(20),
  RUN_LIST(50),
  RUN_CANCEL(10);

  private final int perMinute;

  Endpoint(int perMinute) {
    this.perMinute = perMinute;
  }

  public int perMinute() {
    return perMinute;
  }

  /** What is done to a resource of a kind. */
  public enum Op {
    LIST,
    CREATE,
    UPDATE,
    DELETE,
    VERSION_CREATE,
    VERSION_GET
  }

  /** The endpoint of an operation on a persona, unit test or unit test set. */
  public static Endpoint of(dev.scenariosync.model.ResourceKind kind, Op op) {
    return switch (kind) {
      case SCENARIO ->
          switch (op) {
            case LIST -> LIST;
            case CREATE -> CREATE;
            case UPDATE -> UPDATE;
            case DELETE -> DELETE;
            case VERSION_CREATE -> VERSION_CREATE;
            case VERSION_GET -> VERSION_GET;
          };
      case PERSONA ->
          switch (op) {
            case LIST -> PERSONA_LIST;
            case CREATE -> PERSONA_CREATE;
            case UPDATE -> PERSONA_UPDATE;
            case DELETE -> PERSONA_DELETE;
            case VERSION_CREATE -> PERSONA_VERSION_CREATE;
            case VERSION_GET -> PERSONA_VERSION_GET;
          };
      case UNIT_TEST ->
          switch (op) {
            case LIST -> UNIT_TEST_LIST;
            case CREATE -> UNIT_TEST_CREATE;
            case UPDATE -> UNIT_TEST_UPDATE;
            case DELETE -> UNIT_TEST_DELETE;
            default -> throw new IllegalArgumentException("unit tests have no versions");
          };
      case UNIT_TEST_SET ->
          switch (op) {
            case LIST -> UNIT_TEST_SET_LIST;
            case CREATE -> UNIT_TEST_SET_CREATE;
            case UPDATE -> UNIT_TEST_SET_UPDATE;
            case DELETE -> UNIT_TEST_SET_DELETE;
            default -> throw new IllegalArgumentException("unit test sets have no versions");
          };
    };
  }
}
