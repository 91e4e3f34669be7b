package dev.scenariosync.files;

import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.Secret;
import dev.scenariosync.model.WrittenTime;
import java.math.BigDecimal;
import java.text.Normalizer;
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
 * Writes a resource of any kind as a file a person would have written, from its kind's description:
 * {@code kind:} first where the kind needs it, then name, tags and the fields in the kind's order;
 * block scalars for multi-line text; quoting exactly where YAML 1.2 needs it (so {@code "123"}
 * stays a string); references as the names of what they reference ({@code {id: ...}} when no name
 * is known); every sensitive value as a {@code ${env:NAME}} placeholder, never the value. What it
 * writes reads back to the same values.
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
   * <KIND>_<NAME>_<KEY>}, upper case, other characters as '_' ({@code PERSONA_ANA_TOKEN}).
   */
  public static String envName(KindSpec spec, String name, String key) {
    return (spec.kind().word() + "_" + slug(name) + "_" + slug(key))
        .toUpperCase(Locale.ROOT)
        .replaceAll("[^A-Z0-9]+", "_");
  }

  /**
   * One resource as a YAML document, with {@code schemaRef} in the yaml-language-server comment.
   * {@code names} gives the name of a referenced id (null when unknown); {@code envRefs} gives the
   * placeholder of a sensitive key by {@code field/key} (an existing file's own).
   */
  public static String write(
      KindSpec spec,
      String name,
      Map<String, String> tags,
      Map<String, Object> fields,
      Function<String, String> names,
      Map<String, String> envRefs,
      String schemaRef) {
    Map<String, Object> doc = document(spec, name, tags, fields, names, envRefs);
    doc.replaceAll((k, v) -> v instanceof WrittenTime t ? t.toString() : v);
    String yaml = new Dump(SETTINGS).dumpToString(doc);
    return "# yaml-language-server: $schema=" + schemaRef + "\n" + yaml;
  }

  /**
   * The document {@link #write} dumps, as plain values (a time as its {@link WrittenTime}, equal by
   * instant): two resources whose documents are equal write the same file, up to how a file spells
   * a time. A null field is written only where the kind's schema has null mean something (a string
   * or a time); empty lists and maps are left out.
   */
  public static Map<String, Object> document(
      KindSpec spec,
      String name,
      Map<String, String> tags,
      Map<String, Object> fields,
      Function<String, String> names,
      Map<String, String> envRefs) {
    Map<String, Object> doc = new LinkedHashMap<>();
    if (spec.files().kindLine()) {
      doc.put("kind", spec.kind().word());
    }
    doc.put("name", name);
    if (!tags.isEmpty()) {
      doc.put("tags", new TreeMap<>(tags));
    }
    for (FieldSpec f : spec.fields()) {
      if (!fields.containsKey(f.name())) {
        continue;
      }
      Object v = fields.get(f.name());
      if (f.rule() == FieldRule.SENSITIVE_MAP) {
        Map<String, Object> out = new TreeMap<>();
        ((Map<?, ?>) v)
            .keySet()
            .forEach(
                k ->
                    out.put(
                        k.toString(),
                        envRefs.getOrDefault(
                            f.name() + "/" + k,
                            "${env:" + envName(spec, name, k.toString()) + "}")));
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
      if (v == null && f.rule() != FieldRule.STRING && f.rule() != FieldRule.TIME) {
        continue;
      }
      doc.put(f.name(), f.rule() == FieldRule.TIME ? FieldRule.TIME.normalize(v) : plain(v, names));
    }
    return doc;
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

  /**
   * A stable, readable file name for a resource: ASCII letters and digits kept (accents dropped),
   * everything else a single '-', lower case, at most 60 characters; empty when nothing is left (a
   * name in another script). ASCII only, so the name never depends on the locale's file-name
   * encoding (a POSIX locale cannot hold other characters).
   */
  public static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String s =
        ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > 60) {
      s = s.substring(0, 60).replaceAll("-+$", "");
    }
    return s;
  }
}
