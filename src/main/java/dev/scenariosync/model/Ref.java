package dev.scenariosync.model;

import java.util.Objects;

/**
 * A reference from one resource to another: by the name a file or the remote gives it, or by id
 * ({@code {id: ...}} in a file, for a remote object no file names). Exactly one of the two is set
 * in files; the remote side always has the id and, when known, the name.
 */
public record Ref(ResourceKind kind, String name, String id) {
  public Ref {
    Objects.requireNonNull(kind, "kind");
    if (name == null && id == null) {
      throw new IllegalArgumentException("a reference needs a name or an id");
    }
  }

  public static Ref byName(ResourceKind kind, String name) {
    return new Ref(kind, PyText.strip(name), null);
  }

  public static Ref byId(ResourceKind kind, String id) {
    return new Ref(kind, null, id);
  }

  /** As shown in plans: the name, else {@code {id: ...}}. */
  @Override
  public String toString() {
    return name != null ? name : "{id: " + id + "}";
  }
}
