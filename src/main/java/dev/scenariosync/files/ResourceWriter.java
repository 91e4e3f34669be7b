package dev.scenariosync.files;

import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.Secret;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes a remote persona, unit test or unit test set as a file: {@code kind:} first, references as
 * the names of what they reference ({@code {id: ...}} when the remote knows no name), and every
 * sensitive value as a {@code ${env:NAME}} placeholder, never the value.
 */
public final class ResourceWriter {
  private static final DumpSettings SETTINGS =
      DumpSettings.builder()
          .setDefaultFlowStyle(FlowStyle.BLOCK)
          .setDefaultScalarStyle(ScalarStyle.PLAIN)
          .setSchema(new CoreSchema())
          .setIndent(2)
          .setWidth(Integer.MAX_VALUE)
          .setSplitLines(false)
          .build();

  private ResourceWriter() {}

  /**
   * The environment variable a pulled sensitive value is referenced by: {@code
   * PERSONA_<NAME>_<KEY>}, upper case, other characters as '_'.
   */
  public static String envName(String persona, String key) {
    return ("PERSONA_" + ScenarioWriter.slug(persona) + "_" + ScenarioWriter.slug(key))
        .toUpperCase(Locale.ROOT)
        .replaceAll("[^A-Z0-9]+", "_");
  }

  /**
   * One resource as a YAML document. {@code names} gives the name of a referenced id (null when
   * unknown); {@code envRefs} gives the placeholder of a sensitive key (an existing file's own).
   */
  public static String write(
      RemoteResource r,
      Map<String, String> tags,
      Function<String, String> names,
      Map<String, String> envRefs,
      String schemaRef) {
    KindSpec spec = Kinds.of(r.kind());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", r.kind().word());
    doc.put("name", r.name());
    if (!tags.isEmpty()) {
      doc.put("tags", new TreeMap<>(tags));
    }
    for (FieldSpec f : spec.fields()) {
      if (!r.fields().containsKey(f.name())) {
        continue;
      }
      Object v = r.fields().get(f.name());
      if (f.rule() == FieldRule.SENSITIVE_MAP) {
        Map<String, Object> out = new TreeMap<>();
        ((Map<?, ?>) v)
            .keySet()
            .forEach(
                k ->
                    out.put(
                        k.toString(),
                        envRefs.getOrDefault(
                            k.toString(), "${env:" + envName(r.name(), k.toString()) + "}")));
        if (!out.isEmpty()) {
          doc.put(f.name(), out);
        }
        continue;
      }
      if (f.rule() == FieldRule.RUNS) {
        List<Object> runs = new ArrayList<>();
        for (Object run : (List<?>) v) {
          Map<?, ?> m = (Map<?, ?>) run;
          Map<String, Object> item = new LinkedHashMap<>();
          Ref ref = (Ref) m.get("unit_test");
          item.put("name", ref.name() != null ? ref.name() : names.apply(ref.id()));
          item.put("run_count", plain(m.get("run_count"), names));
          runs.add(item);
        }
        doc.put(f.name(), runs);
        continue;
      }
      if ((v instanceof Map<?, ?> m && m.isEmpty()) || (v instanceof List<?> l && l.isEmpty())) {
        continue;
      }
      if (v == null && f.rule() != FieldRule.STRING) {
        continue;
      }
      doc.put(f.name(), plain(v, names));
    }
    String yaml = new Dump(SETTINGS).dumpToString(doc);
    return "# yaml-language-server: $schema=" + schemaRef + "\n" + yaml;
  }

  private static Object plain(Object v, Function<String, String> names) {
    if (v instanceof Secret) {
      throw new IllegalStateException("a sensitive value is never written");
    }
    if (v instanceof Ref r) {
      String name = r.name() != null ? r.name() : names.apply(r.id());
      return name != null ? name : Map.of("id", r.id());
    }
    if (v instanceof BigDecimal d) {
      return d.scale() <= 0 ? (Object) d.longValueExact() : (Object) d.doubleValue();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k.toString(), plain(x, names)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(x -> plain(x, names)).toList();
    }
    return v;
  }
}
