package dev.scenariosync.files;

import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.VersionContent;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes scenarios as files a person would have written: keys in the documented order, block
 * scalars for multi-line text, the editor schema comment on top, and quoting exactly where YAML 1.2
 * needs it (so {@code "123"} stays a string). What it writes reads back to the same values.
 */
public final class ScenarioWriter {
  private static final DumpSettings SETTINGS =
      DumpSettings.builder()
          .setDefaultFlowStyle(FlowStyle.BLOCK)
          .setDefaultScalarStyle(ScalarStyle.PLAIN)
          .setSchema(new CoreSchema())
          .setIndent(2)
          .setWidth(Integer.MAX_VALUE)
          .setSplitLines(false)
          .build();

  private ScenarioWriter() {}

  /**
   * One scenario as a YAML document, with {@code schemaRef} in the yaml-language-server comment.
   */
  public static String write(DesiredScenario s, String schemaRef) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", s.name());
    if (!s.tags().isEmpty()) {
      doc.put("tags", new TreeMap<>(s.tags()));
    }
    VersionContent c = s.content();
    doc.put("objective", c.objective());
    doc.put("instructions", c.instructions());
    doc.put("initial_message_type", c.initialMessageType().wire());
    doc.put(
        "conversation_starts_at",
        c.conversationStartsAt() == null ? null : c.conversationStartsAt().toString());
    String yaml = new Dump(SETTINGS).dumpToString(doc);
    return "# yaml-language-server: $schema=" + schemaRef + "\n" + yaml;
  }

  /**
   * A stable, readable file name for a scenario: ASCII letters and digits kept (accents dropped),
   * everything else a single '-', lower case, at most 60 characters; empty when nothing is left (a
   * name in another script). ASCII only, so the name never depends on the locale's file-name
   * encoding (a POSIX locale cannot hold other characters).
   */
  public static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String s =
        ascii
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (s.length() > 60) {
      s = s.substring(0, 60).replaceAll("-+$", "");
    }
    return s;
  }
}
