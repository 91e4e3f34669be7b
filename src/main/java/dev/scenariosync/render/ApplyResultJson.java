package dev.scenariosync.render;

import dev.scenariosync.apply.ApplyResult;
import dev.scenariosync.apply.Outcome;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.ResourceChange;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of an apply as JSON ({@code apply --format json}): per change its status, note and the
 * steps that were done, so a script can tell "version 2 created; tag update failed" apart.
 */
public final class ApplyResultJson {
  public static final String FORMAT_VERSION = "1";
  private static final JsonMapper JSON = dev.scenariosync.json.JsonOut.MAPPER;

  private ApplyResultJson() {}

  public static String write(String organization, ApplyResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("organization", organization);
    root.put("exit_code", result.exitCode());
    ObjectNode summary = root.putObject("summary");
    result.counts().forEach((s, n) -> summary.put(word(s), n));
    // Scenarios under "results" (as before the other kinds), the other kinds under "resources".
    ArrayNode results = root.putArray("results");
    ArrayNode resources = null;
    for (Outcome o : result.outcomes()) {
      ResourceChange c = o.change();
      ObjectNode r;
      if (c.kind() == ResourceKind.SCENARIO) {
        r = results.addObject();
        r.put("name", c.name());
        r.put("scenario_id", c.id());
        ArrayNode actions = r.putArray("actions");
        c.actions().forEach(a -> actions.add(a.word()));
      } else {
        resources = resources == null ? root.putArray("resources") : resources;
        r = resources.addObject();
        r.put("kind", c.kind().word());
        r.put("name", c.name());
        r.put("action", c.action().word());
      }
      r.put("status", word(o.status()));
      r.put("message", o.message());
      ArrayNode steps = r.putArray("steps_done");
      o.steps().forEach(steps::add);
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static String word(Outcome.Status s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
