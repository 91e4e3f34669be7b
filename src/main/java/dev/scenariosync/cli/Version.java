package dev.scenariosync.cli;

import picocli.CommandLine;

/** The version, from the jar's manifest (the pom's version). */
public final class Version implements CommandLine.IVersionProvider {
  public static String get() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"scenario-sync " + get()};
  }
}
