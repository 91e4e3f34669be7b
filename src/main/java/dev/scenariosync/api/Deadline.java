package dev.scenariosync.api;

/**
 * Starts no attempt after the command's {@code --deadline}: the call fails as not started (nothing
 * was sent), and calls already in flight finish.
 */
final class Deadline implements CallStep {
  @Override
  public Answer intercept(Chain chain) throws NotAnswered {
    if (chain.budget().deadlinePassed()) {
      throw new TransportException.DeadlinePassed(chain.call().operation());
    }
    return chain.proceed(chain.call());
  }
}
