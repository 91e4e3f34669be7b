package dev.scenariosync.render;

import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.Drift;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The drift report as text (a terminal), Markdown (an issue body, with a hidden marker so that a
 * scheduled job updates one issue; one table per kind) and JSON ({@code format_version} "1":
 * scenarios in {@code scenarios}, the other kinds in {@code resources}, each entry with its kind).
 */
public final class DriftRender {
  public static final String MARKER = "<!-- scenario-sync:drift -->";

  /** Names listed in text and Markdown: at most this many per list, then a count. */
  static final int MAX_LISTED = 50;

  private static final JsonMapper JSON = dev.scenariosync.json.JsonOut.MAPPER;

  private DriftRender() {}

  /** "2 edited remotely, 1 file not applied, 0 owned by another owner, 1 orphan, 3 unmanaged". */
  public static String summary(Drift.Report r) {
    return r.count(Drift.Side.REMOTE)
        + " edited remotely, "
        + r.count(Drift.Side.FILE)
        + " file"
        + (r.count(Drift.Side.FILE) == 1 ? "" : "s")
        + " not applied, "
        + (r.count(Drift.Side.FOREIGN) > 0
            ? r.count(Drift.Side.FOREIGN) + " owned by another owner, "
            : "")
        + r.orphans().size()
        + (r.orphans().size() == 1 ? " orphan, " : " orphans, ")
        + r.unmanaged().size()
        + " unmanaged, "
        + r.inSync()
        + " in sync";
  }

  /** A scenario by its name, a resource of another kind as "persona 'name'". */
  static String label(ResourceKind kind, String name) {
    return kind == ResourceKind.SCENARIO
        ? Safe.item(name)
        : kind.word() + " '" + Safe.item(name) + "'";
  }

  private static List<String> labels(List<Drift.Named> named) {
    return named.stream().map(n -> label(n.kind(), n.name())).toList();
  }

  static String line(Drift.Entry e) {
    StringBuilder sb = new StringBuilder();
    sb.append(label(e.kind(), e.name()))
        .append(": ")
        .append(String.join(", ", e.what()))
        .append(" differ");
    sb.append(e.what().size() == 1 ? "s" : "");
    switch (e.side()) {
      case REMOTE ->
          sb.append("; edited remotely")
              .append(e.version() == null ? "" : " (version " + e.version() + ")")
              .append(" by ")
              .append(Safe.item(String.valueOf(e.by())))
              .append(" at ")
              .append(e.at())
              .append(", after the last apply; 'pull' takes it into git, 'apply' overwrites it");
      case FILE -> {
        if (e.what().contains("missing")) {
          return label(e.kind(), e.name()) + ": not created yet; the file is not applied";
        }
        sb.append("; the file changed and is not applied yet")
            .append(e.version() == null ? "" : " (remote at version " + e.version() + ")");
      }
      case FOREIGN -> sb.append("; owned by another owner, left alone");
      default -> throw new IllegalStateException();
    }
    if (e.source() != null) {
      sb.append("  (")
          .append(Safe.oneLine(e.source().file()))
          .append(':')
          .append(e.source().line())
          .append(')');
    }
    return sb.toString();
  }

  public static String text(Drift.Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append("Drift: ").append(summary(r)).append('\n');
    for (Drift.Entry e : r.entries()) {
      sb.append("  ").append(symbol(e.side())).append(' ').append(line(e)).append('\n');
    }
    list(
        sb,
        "Orphans (owned, declared by no file; 'plan --prune' deletes them):",
        labels(r.orphans()));
    list(sb, "Unmanaged (no ownership tag, or another owner's):", labels(r.unmanaged()));
    if (!r.hasDrift()) {
      sb.append("No drift. The files and the API agree.\n");
    }
    return sb.toString();
  }

  private static void list(StringBuilder sb, String title, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    sb.append(title).append('\n');
    for (String n : PlanText.shown(names)) {
      sb.append("  ").append(n).append('\n');
    }
  }

  private static String symbol(Drift.Side side) {
    return switch (side) {
      case REMOTE -> "!";
      case FILE -> "~";
      case FOREIGN -> "?";
    };
  }

  public static String markdown(Drift.Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(MARKER).append('\n');
    sb.append("### scenario-sync drift for `")
        .append(Safe.markdown(r.organization()))
        .append("`\n\n");
    sb.append(Safe.markdown(summary(r))).append(".\n\n");
    // At most 500 rows over every table, then how many more.
    int budget = 500;
    int hidden = 0;
    for (ResourceKind kind : ResourceKind.values()) {
      List<Drift.Entry> entries = r.of(kind);
      if (entries.isEmpty()) {
        continue;
      }
      if (budget == 0) {
        hidden += entries.size();
        continue;
      }
      sb.append("| ")
          .append(kind.word().replace('_', ' '))
          .append(" | side | differs | by | at |\n|---|---|---|---|---|\n");
      for (Drift.Entry e : entries) {
        if (budget == 0) {
          hidden++;
          continue;
        }
        budget--;
        sb.append("| ")
            .append(cell(e.name()))
            .append(" | ")
            .append(e.side().word())
            .append(" | ")
            .append(String.join(", ", e.what()))
            .append(" | ")
            .append(e.by() == null ? "" : cell(e.by().toString()))
            .append(" | ")
            .append(e.at() == null ? "" : e.at().toString())
            .append(" |\n");
      }
      sb.append('\n');
    }
    if (hidden > 0) {
      sb.append('_').append(hidden).append(" more not shown._\n\n");
    }
    mdList(sb, "Orphans (owned, declared by no file; `plan --prune` deletes them)", r.orphans());
    mdList(sb, "Unmanaged (no ownership tag, or another owner's)", r.unmanaged());
    if (!r.hasDrift()) {
      sb.append("No drift. The files and the API agree.\n");
    }
    return sb.toString();
  }

  private static void mdList(StringBuilder sb, String title, List<Drift.Named> named) {
    if (named.isEmpty()) {
      return;
    }
    sb.append("**").append(title).append(":**\n\n");
    List<String> labels =
        named.stream()
            .map(
                n ->
                    n.kind() == ResourceKind.SCENARIO
                        ? Safe.markdown(n.name())
                        : n.kind().word() + " '" + Safe.markdown(n.name()) + "'")
            .toList();
    for (String n : PlanText.shown(labels)) {
      sb.append("- ").append(n).append('\n');
    }
    sb.append('\n');
  }

  /** A table cell: no pipe or line break can end it. */
  private static String cell(String s) {
    return Safe.markdown(s).replace("|", "\\|").replace("\n", " ").replace("\r", " ");
  }

  public static String json(Drift.Report r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", "1");
    root.put("organization", r.organization());
    root.put("drift", r.hasDrift());
    ObjectNode summary = root.putObject("summary");
    summary.put("edited_remotely", r.count(Drift.Side.REMOTE));
    summary.put("file_not_applied", r.count(Drift.Side.FILE));
    summary.put("foreign", r.count(Drift.Side.FOREIGN));
    summary.put("orphans", r.orphans().size());
    summary.put("unmanaged", r.unmanaged().size());
    summary.put("in_sync", r.inSync());
    ArrayNode kinds = root.putArray("kinds");
    r.kinds().forEach(k -> kinds.add(k.word()));
    ArrayNode scenarios = root.putArray("scenarios");
    ArrayNode resources = JSON.createArrayNode();
    for (Drift.Entry e : r.entries()) {
      ObjectNode o = (e.kind() == ResourceKind.SCENARIO ? scenarios : resources).addObject();
      o.put("kind", e.kind().word());
      o.put("name", e.name());
      o.put("file", e.source() == null ? null : e.source().file());
      o.put("line", e.source() == null ? null : e.source().line());
      o.put(
          "side",
          switch (e.side()) {
            case REMOTE -> "remote";
            case FILE -> "file";
            case FOREIGN -> "foreign";
          });
      ArrayNode what = o.putArray("differs");
      e.what().forEach(what::add);
      o.put("remote_version", e.version());
      if (e.by() == null) {
        o.putNull("by");
      } else {
        o.putObject("by").put("org_id", e.by().orgId()).put("user_id", e.by().userId());
      }
      o.put("at", e.at() == null ? null : e.at().toString());
    }
    root.set("resources", resources);
    ArrayNode orphans = root.putArray("orphans");
    ArrayNode unmanaged = root.putArray("unmanaged");
    ArrayNode resourceOrphans = root.putArray("resource_orphans");
    ArrayNode resourceUnmanaged = root.putArray("resource_unmanaged");
    for (Drift.Named n : r.orphans()) {
      if (n.kind() == ResourceKind.SCENARIO) {
        orphans.add(n.name());
      } else {
        resourceOrphans.addObject().put("kind", n.kind().word()).put("name", n.name());
      }
    }
    for (Drift.Named n : r.unmanaged()) {
      if (n.kind() == ResourceKind.SCENARIO) {
        unmanaged.add(n.name());
      } else {
        resourceUnmanaged.addObject().put("kind", n.kind().word()).put("name", n.name());
      }
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }
}
