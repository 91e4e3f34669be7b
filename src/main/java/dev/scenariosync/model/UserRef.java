package dev.scenariosync.model;

/** A user as the API names one: the organization and the user id. */
public record UserRef(String orgId, String userId) {
  @Override
  public String toString() {
    return orgId + "/" + userId;
  }
}
