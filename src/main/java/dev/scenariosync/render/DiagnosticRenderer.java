package dev.scenariosync.render;

import dev.scenariosync.model.Diagnostic;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints diagnostics for people ({@code path:line:col: error: message}, the line and a caret), for
 * machines (a JSON array) and for GitHub Actions (workflow commands that show inline on a pull
 * request).
 */
public final class DiagnosticRenderer {
  private static final JsonMapper JSON = dev.scenariosync.json.JsonOut.MAPPER;

  private DiagnosticRenderer() {}

  public static String text(List<Diagnostic> diagnostics) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      sb.append(Safe.oneLine(d.file()));
      if (d.line() > 0) {
        sb.append(':').append(d.line()).append(':').append(d.column());
      }
      sb.append(": ")
          .append(d.severity().word())
          .append(": ")
          .append(Safe.terminal(d.message()))
          .append('\n');
      if (d.sourceLine() != null && d.line() > 0) {
        appendExcerpt(sb, d.sourceLine(), d.column());
      }
    }
    return sb.toString();
  }

  /** The offending line and a caret; a long line is cut to a window around the column. */
  private static void appendExcerpt(StringBuilder sb, String line, int column) {
    int[] cps = line.codePoints().toArray();
    int from = 0;
    int to = cps.length;
    String head = "";
    String tail = "";
    if (cps.length > WIDTH) {
      from = Math.max(0, Math.min(column - 1 - WIDTH / 2, cps.length - WIDTH));
      to = Math.min(cps.length, from + WIDTH);
      head = from > 0 ? "..." : "";
      tail = to < cps.length ? "..." : "";
    }
    String shown = new String(cps, from, to - from);
    sb.append("  ").append(head).append(Safe.terminal(shown)).append(tail).append('\n');
    sb.append("  ").append(" ".repeat(head.length()));
    sb.append(caretPrefix(shown, column - from)).append("^\n");
  }

  private static final int WIDTH = 100;

  /**
   * Spaces up to the column, as wide as each character is shown (an escaped control character is
   * several), keeping tabs so that the caret lines up under the character.
   */
  private static String caretPrefix(String line, int column) {
    StringBuilder sb = new StringBuilder();
    int[] cps = line.codePoints().toArray();
    for (int i = 0; i < column - 1 && i < cps.length; i++) {
      if (cps[i] == '\t') {
        sb.append('\t');
      } else {
        String shown = Safe.terminal(new String(cps, i, 1));
        sb.append(" ".repeat(shown.codePointCount(0, shown.length())));
      }
    }
    return sb.toString();
  }

  public static String json(List<Diagnostic> diagnostics) {
    ArrayNode array = JSON.createArrayNode();
    for (Diagnostic d : diagnostics) {
      ObjectNode o = array.addObject();
      o.put("file", d.file());
      o.put("line", d.line());
      o.put("column", d.column());
      o.put("severity", d.severity().word());
      o.put("message", d.message());
      o.put("pointer", d.pointer());
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
  }

  public static String github(List<Diagnostic> diagnostics) {
    StringBuilder sb = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      sb.append("::").append(d.isError() ? "error" : "warning");
      sb.append(" file=").append(property(Safe.oneLine(d.file())));
      if (d.line() > 0) {
        sb.append(",line=").append(d.line()).append(",col=").append(d.column());
      }
      sb.append(",title=scenario-sync::").append(data(Safe.terminal(d.message()))).append('\n');
    }
    return sb.toString();
  }

  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
