package dev.scenariosync.emulator;

/** A state file that cannot be used: the emulator refuses to start rather than replace it. */
public final class StateFileException extends RuntimeException {
  StateFileException(String message) {
    super(message, null, false, false);
  }
}
