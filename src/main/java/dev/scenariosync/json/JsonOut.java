package dev.scenariosync.json;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper of every JSON the tool writes for people's tools and logs (plans, saved plans, apply
 * results, drift, listings, test reports, diagnostics): ASCII only, every other character escaped
 * as {@code \\uXXXX}, so that remote text inside a JSON string (a bidi override, a C1 control) is
 * inert where a CI log or a terminal shows the JSON. Any JSON reader reads back the same strings.
 */
public final class JsonOut {
  private JsonOut() {}

  public static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
}
