package dev.scenariosync.api;

/**
 * The API could not be reached or did not answer (connection refused, reset, timeout). When {@link
 * #outcomeUnknown()} is true the request was sent, so a change may have been made.
 */
public final class TransportException extends RuntimeException {
  private final boolean outcomeUnknown;

  public TransportException(String operation, boolean outcomeUnknown, Throwable cause) {
    super(
        Redactor.redact(
            operation
                + ": "
                + (outcomeUnknown ? "no answer after the request was sent" : "cannot reach the API")
                + " ("
                + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                + ")"),
        null,
        false,
        false);
    this.outcomeUnknown = outcomeUnknown;
  }

  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
