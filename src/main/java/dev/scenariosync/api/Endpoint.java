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
  UNIT_TEST_LIST(200);

  private final int perMinute;

  Endpoint(int perMinute) {
    this.perMinute = perMinute;
  }

  public int perMinute() {
    return perMinute;
  }
}
