package dev.scenariosync.api;

import java.util.List;

/**
 * An error answer from the API, typed by status, with the server's {@code detail} for the user.
 * Messages are redacted: no secret ever leaves in an exception.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String detail;
  private final String operation;

  public ApiException(int status, String operation, String detail) {
    super(
        Redactor.redact(operation + ": HTTP " + status + (detail.isEmpty() ? "" : ": " + detail)),
        null,
        false,
        false);
    this.status = status;
    this.detail = Redactor.redact(detail);
    this.operation = operation;
  }

  public int status() {
    return status;
  }

  public String detail() {
    return detail;
  }

  public String operation() {
    return operation;
  }

  /** 400: for a new version, the expected number was not latest + 1; for a delete, in use. */
  public static final class BadRequest extends ApiException {
    public BadRequest(String op, String detail) {
      super(400, op, detail);
    }
  }

  /** 401: the credentials or token were refused. */
  public static final class Unauthorized extends ApiException {
    public Unauthorized(String op, String detail) {
      super(401, op, detail);
    }
  }

  /** 403: the key lacks a permission. */
  public static final class Forbidden extends ApiException {
    public Forbidden(String op, String detail) {
      super(403, op, detail);
    }
  }

  /** 404: the organization or the scenario does not exist (or is deleted). */
  public static final class NotFound extends ApiException {
    public NotFound(String op, String detail) {
      super(404, op, detail);
    }
  }

  /** 409: a scenario with this name already exists. */
  public static final class Conflict extends ApiException {
    public Conflict(String op, String detail) {
      super(409, op, detail);
    }
  }

  /** 422: the request failed validation; {@link #fields()} lists each field path and message. */
  public static final class Validation extends ApiException {
    private final List<String> fields;

    public Validation(String op, List<String> fields) {
      super(422, op, String.join("; ", fields));
      this.fields = List.copyOf(fields);
    }

    public List<String> fields() {
      return fields;
    }
  }

  /** 429: rate limited, and retries did not get through in the allowed time. */
  public static final class RateLimited extends ApiException {
    public RateLimited(String op, String detail) {
      super(429, op, detail);
    }
  }

  /** 5xx: the server failed, and retries did not get through. */
  public static final class ServerError extends ApiException {
    public ServerError(int status, String op, String detail) {
      super(status, op, detail);
    }
  }

  /** Any other status. */
  public static final class Unexpected extends ApiException {
    public Unexpected(int status, String op, String detail) {
      super(status, op, detail);
    }
  }
}
