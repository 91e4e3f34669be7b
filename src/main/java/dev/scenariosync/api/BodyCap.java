package dev.scenariosync.api;

import java.io.IOException;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** Reads an answer's body up to a bound: a bigger one is an error naming the call, never OOM. */
final class BodyCap {
  /** The largest answer read. */
  static final long MAX_BODY_BYTES = 32L << 20;

  private BodyCap() {}

  static byte[] read(ApiCall call, Response r) throws IOException {
    ResponseBody b = r.body();
    if (b.contentLength() > MAX_BODY_BYTES) {
      throw tooLarge(call, r);
    }
    BufferedSource source = b.source();
    if (source.request(MAX_BODY_BYTES + 1)) {
      throw tooLarge(call, r);
    }
    return source.readByteArray();
  }

  private static ApiException tooLarge(ApiCall call, Response r) {
    return new ApiException.Unexpected(
        r.code(),
        call.operation(),
        "the API answered more than " + (MAX_BODY_BYTES >> 20) + " MiB; not read");
  }
}
