package dev.scenariosync.api;

/**
 * The API could not be reached or did not answer (connection refused, reset, timeout). When {@link
 * #outcomeUnknown()} is true the request was sent, so a change may have been made.
 */
public class TransportException extends RuntimeException {
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

  private TransportException(String message) {
    super(Redactor.redact(message), null, false, false);
    this.outcomeUnknown = false;
  }

  /** The command's {@code --deadline} passed: this call was not started (nothing was sent). */
  public static final class DeadlinePassed extends TransportException {
    public DeadlinePassed(String operation) {
      super(operation + ": not started: the --deadline has passed");
    }
  }

  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
