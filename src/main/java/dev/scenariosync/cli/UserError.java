package dev.scenariosync.cli;

/**
 * A problem the user can fix (bad settings, a missing file, an API refusal): printed as one message
 * without a stack trace, and the command exits 1.
 */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message, null, false, false);
  }
}
