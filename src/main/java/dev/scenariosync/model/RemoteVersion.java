package dev.scenariosync.model;

import java.time.Instant;

/** One stored version of a remote scenario, with who made it and when. */
public record RemoteVersion(
    int number, VersionContent content, UserRef creator, Instant createdAt) {}
