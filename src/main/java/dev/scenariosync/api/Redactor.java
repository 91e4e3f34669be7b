package dev.scenariosync.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every secret the process holds (the API key, its id, each token) and removes them from
 * any text before it is shown, logged or thrown. Everything user-facing that might carry server or
 * transport text passes through {@link #redact}.
 */
public final class Redactor {
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  public static final String MASK = "[REDACTED]";

  private Redactor() {}

  public static void register(String secret) {
    if (secret != null && secret.length() >= 4) {
      SECRETS.add(secret);
    }
  }

  public static String redact(String text) {
    if (text == null || SECRETS.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : SECRETS) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }
}
