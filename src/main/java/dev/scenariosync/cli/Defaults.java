package dev.scenariosync.cli;

/**
 * Settings that come from below flags and environment variables: the configuration file's selected
 * environment. Empty when there is no configuration file.
 */
record Defaults(String organization, String baseUrl, boolean local) {
  static Defaults none() {
    return new Defaults(null, null, false);
  }
}
