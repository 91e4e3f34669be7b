package dev.scenariosync.cli;

import dev.scenariosync.api.RemoteReader;
import dev.scenariosync.files.ControlChars;
import dev.scenariosync.files.Paths;
import dev.scenariosync.files.ResourceWriter;
import dev.scenariosync.files.ScenarioWriter;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Secret;
import dev.scenariosync.model.SuiteRemote;
import dev.scenariosync.model.Tags;
import dev.scenariosync.plan.Ownership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pull} for personas, unit tests and unit test sets: one file per resource under {@code
 * DIR/personas}, {@code DIR/unit_tests}, {@code DIR/unit_test_sets} (or the file that already
 * declares it), references written as names, sensitive values as {@code ${env:...}} placeholders.
 */
final class PullKinds {
  private PullKinds() {}

  /** Writes the chosen kinds; returns the number of failures. */
  static int pull(
      CliContext ctx,
      Connection conn,
      Path abs,
      Path realDir,
      Set<ResourceKind> kinds,
      List<Resource> existing,
      Map<String, Integer> docsPerFile,
      Ownership ownership,
      boolean force,
      List<String> tagFilters,
      PullCommand writer) {
    SuiteRemote remote = RemoteReader.readSuite(conn.client, null, Planning.READ_PARALLELISM);
    Map<String, String> names = new HashMap<>();
    for (RemoteScenario s : conn.client.list(dev.scenariosync.api.ScenarioApi.ListFilter.live())) {
      names.put(s.id(), s.name());
    }
    for (KindSpec k : Kinds.resources()) {
      remote.of(k.kind()).forEach(r -> names.put(r.id(), r.name()));
    }
    Map<String, Resource> declared = new HashMap<>();
    existing.forEach(r -> declared.put(r.kind().word() + "\0" + r.name(), r));
    int failed = 0;
    for (KindSpec k : Kinds.resources()) {
      if (!kinds.contains(k.kind())) {
        continue;
      }
      List<RemoteResource> list = new ArrayList<>(remote.of(k.kind()));
      list.removeIf(r -> !matches(r.tags(), tagFilters));
      list.sort(Comparator.comparing(RemoteResource::name));
      Map<String, Integer> counts =
          new LinkedHashMap<>(
              Map.of("wrote", 0, "unchanged", 0, "skipped", 0, "overwrote", 0, "failed", 0));
      Path folder = abs.resolve(k.kind().word() + "s");
      for (RemoteResource r : list) {
        Map<String, String> tags = withoutOwnership(r.tags(), ownership);
        Resource local = declared.get(k.kind().word() + "\0" + r.name());
        Map<String, String> envRefs = local == null ? Map.of() : envRefs(local);
        String text = ResourceWriter.write(r, tags, names::get, envRefs, schemaRef(folder, k));
        String status;
        String shown;
        if (ControlChars.any(text.replace("\n", ""))) {
          status = "skipped";
          shown =
              "(the remote holds a control character, which validate refuses; fix it in the UI)";
        } else if (local != null) {
          Path file = ctx.cwd().resolve(local.source().file());
          shown = local.source().file();
          RemoteResource mine =
              new RemoteResource(
                  local.kind(), "", local.name(), local.tags(), local.fields(), null, null, null);
          String current =
              ResourceWriter.write(
                  mine, Tags.normalized(local.tags()), names::get, envRefs, schemaRef(folder, k));
          String wanted =
              ResourceWriter.write(
                  r, Tags.normalized(tags), names::get, envRefs, schemaRef(folder, k));
          if (current.equals(wanted)) {
            status = "unchanged";
          } else if (docsPerFile.getOrDefault(local.source().file(), 1) > 1) {
            status = "skipped";
            shown += " (a multi-document file: edit it by hand)";
          } else if (force) {
            String why = writer.write(file, realDir, text);
            status = why == null ? "overwrote" : "failed";
            shown += why == null ? "" : " (" + why + ")";
          } else {
            status = "skipped";
            shown += " (differs from the remote; --force overwrites)";
          }
        } else {
          String slug = ScenarioWriter.slug(r.name());
          Path file = folder.resolve((slug.isEmpty() ? k.kind().word() : slug) + ".yaml");
          shown = Paths.display(file, ctx.cwd());
          String why = null;
          try {
            Files.createDirectories(folder);
          } catch (java.io.IOException e) {
            why = "cannot create the folder";
          }
          if (why == null && Files.exists(file) && !force) {
            status = "skipped";
            shown += " (exists with other content; --force overwrites)";
          } else {
            if (why == null) {
              why = writer.write(file, realDir, text);
            }
            status = why == null ? "wrote" : "failed";
            shown += why == null ? "" : " (" + why + ")";
          }
        }
        counts.merge(status, 1, Integer::sum);
        ctx.out()
            .printf(
                "%-10s %s  (%s)%n",
                status, ControlChars.escape(shown), ControlChars.escape(r.name()));
      }
      failed += counts.get("failed");
      ctx.out()
          .printf(
              "Pulled %d %s%s into %s: %d written, %d unchanged, %d skipped, %d overwritten, %d"
                  + " failed%n",
              list.size(),
              k.kind().word().replace('_', ' '),
              list.size() == 1 ? "" : "s",
              Paths.display(abs, ctx.cwd()),
              counts.get("wrote"),
              counts.get("unchanged"),
              counts.get("skipped"),
              counts.get("overwrote"),
              counts.get("failed"));
    }
    return failed;
  }

  /** The placeholders a file already uses for its sensitive keys. */
  private static Map<String, String> envRefs(Resource local) {
    Map<String, String> out = new HashMap<>();
    Object v = local.fields().get("sensitive_user_variables");
    if (v instanceof Map<?, ?> m) {
      m.forEach(
          (k, x) -> {
            if (x instanceof Secret s) {
              out.put(k.toString(), s.source());
            }
          });
    }
    return out;
  }

  /** {@code k:v}, {@code k:*} (any value), {@code k:} (null value): all must match. */
  static boolean matches(Map<String, String> tags, List<String> filters) {
    Map<String, String> t = Tags.normalized(tags);
    for (String f : filters) {
      int colon = f.indexOf(':');
      String key = colon < 0 ? f : f.substring(0, colon);
      String value = colon < 0 ? "*" : f.substring(colon + 1);
      if (!t.containsKey(key)) {
        return false;
      }
      if (value.equals("*")) {
        continue;
      }
      if (value.isEmpty() ? t.get(key) != null : !value.equals(t.get(key))) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> withoutOwnership(Map<String, String> tags, Ownership o) {
    Map<String, String> out = new LinkedHashMap<>(tags);
    if (o != null) {
      out.remove(o.key());
    }
    return out;
  }

  private static String schemaRef(Path dir, KindSpec k) {
    for (Path d = dir; d != null; d = d.getParent()) {
      Path schema = d.resolve("schemas").resolve(k.schemaFile());
      if (Files.isRegularFile(schema)) {
        return dir.relativize(schema).toString().replace('\\', '/');
      }
    }
    return "https://scenario-sync.dev/schemas/" + k.schemaFile();
  }
}
