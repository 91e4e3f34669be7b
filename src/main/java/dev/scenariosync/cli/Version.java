package dev.scenariosync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version and the commit the tool was built from (build.properties, filled in by Maven). */
public final class Version implements CommandLine.IVersionProvider {
  private static final Properties BUILD = load();

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // no build information: "dev" / "unknown"
    }
    return p;
  }

  /** A property, or the fallback when it is missing, blank or was never filled in by Maven. */
  private static String build(String key, String fallback) {
    String v = BUILD.getProperty(key, "").strip();
    return v.isEmpty() || v.startsWith("${") ? fallback : v;
  }

  public static String get() {
    return build("version", "dev");
  }

  /** The full commit hash the jar was built from, or "unknown" (a build outside a git clone). */
  public static String commit() {
    return build("commit", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"scenario-sync " + get() + " (commit " + commit() + ")"};
  }
}
