package dev.scenariosync.render;

/**
 * Resources of the kinds beyond scenarios in one line each: the escaper for their names and the
 * lines {@code show} prints for a saved plan's changes (a plan's own changes of every kind are
 * rendered by {@link PlanText} and {@link PlanMarkdown}).
 */
public final class ResourceText {
  private ResourceText() {}

  /**
   * The Markdown section {@code show} adds for a saved plan's persona, unit test and set changes:
   * its {@link #savedLines} in the plan's own diff fence (longer than any run of backticks in
   * them), cut to {@code maxChars} with a note of what was left out.
   */
  public static String savedMarkdown(tools.jackson.databind.JsonNode resources, int maxChars) {
    String heading = "\n#### Personas, unit tests and sets\n\n";
    return heading + PlanMarkdown.diffBlock(savedLines(resources), maxChars - heading.length());
  }

  /**
   * The lines {@code show} prints for a saved plan's persona, unit test and set changes: action,
   * kind, name and the fields it changes or what blocks it (values are not in these lines).
   */
  public static java.util.List<String> savedLines(tools.jackson.databind.JsonNode resources) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (tools.jackson.databind.JsonNode n : resources) {
      String action = n.path("action").asString("");
      String symbol =
          switch (action) {
            case "create", "rename" -> "+";
            case "delete" -> "-";
            case "blocked", "foreign" -> "!";
            default -> "~";
          };
      StringBuilder sb = new StringBuilder();
      sb.append(symbol)
          .append(' ')
          .append(Safe.item(n.path("kind").asString("")))
          .append(' ')
          .append(Safe.item(n.path("name").asString("")))
          .append(": ")
          .append(Safe.item(action));
      if (n.has("renamed_from")) {
        sb.append(" from ").append(Safe.item(n.path("renamed_from").asString("")));
      }
      if (n.has("expected_version")) {
        sb.append(" (new version ").append(n.path("expected_version").asInt()).append(')');
      }
      java.util.List<String> parts = new java.util.ArrayList<>();
      n.path("changed").forEach(x -> parts.add(Safe.item(x.asString(""))));
      if (!parts.isEmpty()) {
        sb.append(" · ").append(String.join(", ", parts));
      }
      java.util.List<String> by = new java.util.ArrayList<>();
      n.path("blocked_by").forEach(x -> by.add(Safe.item(x.asString(""))));
      if (!by.isEmpty()) {
        sb.append(" · used by ").append(String.join(", ", by));
      }
      out.add(sb.toString());
    }
    return out;
  }
}
