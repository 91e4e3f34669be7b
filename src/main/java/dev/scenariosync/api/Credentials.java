package dev.scenariosync.api;

/**
 * The API key triple that signs in. Its {@link #toString()} never shows the secrets, and creating
 * one registers them with the {@link Redactor}.
 */
public record Credentials(String apiKey, String apiKeyId, String userId) {
  public Credentials {
    Redactor.register(apiKey);
    Redactor.register(apiKeyId);
  }

  @Override
  public String toString() {
    return "Credentials[apiKey="
        + Redactor.MASK
        + ", apiKeyId="
        + Redactor.MASK
        + ", userId="
        + userId
        + "]";
  }
}
