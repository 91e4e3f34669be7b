package dev.scenariosync.api;

/**
 * Puts the bearer token on an authenticated call (signing in, or in again before expiry, through
 * {@link TokenManager}) and, like OkHttp's {@code Authenticator}, answers a 401 by signing in again
 * once and sending the call again. A second 401 is the answer.
 */
final class Authentication implements CallStep {
  private final TokenManager tokens;

  Authentication(TokenManager tokens) {
    this.tokens = tokens;
  }

  /** The header the token goes in; set here only. */
  static final String HEADER = "Authorization";

  @Override
  public Answer intercept(Chain chain) throws NotAnswered {
    ApiCall call = chain.call();
    if (!call.authenticated()) {
      return chain.proceed(call);
    }
    String token = tokens.token();
    Answer a = chain.proceed(call.withHeader(HEADER, "Bearer " + token));
    if (a.status() != 401 || chain.budget().signedInAgain()) {
      return a;
    }
    chain.budget().markSignedInAgain(); // once per call, however many attempts it makes
    tokens.invalidate(token); // expired or revoked
    return chain.proceed(call.withHeader(HEADER, "Bearer " + tokens.token()));
  }
}
