package dev.scenariosync.api;

/** Content this version cannot write (a value only a newer API knows): nothing was sent. */
public final class UnwritableContent extends RuntimeException {
  public UnwritableContent(String message) {
    super(message, null, false, false);
  }
}
