package dev.scenariosync.render;

import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.plan.Ownership;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ls} for every kind: a table or JSON. Remote text is shown with control characters escaped.
 */
public final class ResourceListing {
  private ResourceListing() {}

  /**
   * One row of {@code ls}, whatever the kind.
   *
   * @param version the latest version's number (null: not versioned, or not read)
   * @param updatedBy who last changed it, where the API says (null otherwise)
   */
  public record Row(
      ResourceKind kind,
      String id,
      String name,
      Integer version,
      Map<String, String> tags,
      boolean deleted,
      Instant updatedAt,
      UserRef updatedBy) {
    public static Row of(RemoteScenario s) {
      return new Row(
          ResourceKind.SCENARIO,
          s.id(),
          s.name(),
          s.latest() == null ? null : s.latest().number(),
          s.tags(),
          s.deleted(),
          s.updatedAt(),
          s.updatedBy());
    }

    public static Row of(RemoteResource r) {
      return new Row(r.kind(), r.id(), r.name(), r.version(), r.tags(), false, r.updatedAt(), null);
    }
  }

  /** The table of {@code ls}. */
  public static String table(KindSpec spec, List<Row> all, Ownership ownership) {
    int width =
        Math.max(4, all.stream().mapToInt(r -> Safe.item(r.name()).length()).max().orElse(4));
    String row = "%-" + width + "s  %7s  %-5s  %-27s  %s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(row, "NAME", "VERSION", "OWNED", "UPDATED_AT", "UPDATED_BY"));
    for (Row r : all) {
      sb.append(
          String.format(
              row,
              Safe.item(r.name()) + (r.deleted() ? " (deleted)" : ""),
              r.version() == null ? "-" : String.valueOf(r.version()),
              owned(r, ownership) ? "yes" : "no",
              r.updatedAt() == null ? "-" : r.updatedAt(),
              r.updatedBy() == null ? "-" : Safe.item(r.updatedBy().toString())));
    }
    String word = spec.kind().word().replace('_', ' ');
    sb.append(all.size()).append(' ').append(word).append(all.size() == 1 ? "" : "s").append('\n');
    return sb.toString();
  }

  /** The JSON of {@code ls --format json}: the same fields for every kind. */
  public static String json(List<Row> all, Ownership ownership) {
    JsonMapper json = dev.scenariosync.json.JsonOut.MAPPER;
    ArrayNode a = json.createArrayNode();
    for (Row r : all) {
      ObjectNode o = a.addObject();
      o.put("kind", r.kind().word());
      o.put("id", r.id());
      o.put("name", r.name());
      o.put("latest_version", r.version());
      o.put("owned", owned(r, ownership));
      o.put("deleted", r.deleted());
      ObjectNode t = o.putObject("tags");
      r.tags().forEach(t::put);
      o.put("updated_at", r.updatedAt() == null ? null : r.updatedAt().toString());
      o.put("updated_by", r.updatedBy() == null ? null : r.updatedBy().toString());
    }
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(a) + "\n";
  }

  private static boolean owned(Row r, Ownership ownership) {
    return ownership != null && ownership.owns(Tags.normalized(r.tags()));
  }
}
