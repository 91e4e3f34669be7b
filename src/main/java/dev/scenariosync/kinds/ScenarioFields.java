package dev.scenariosync.kinds;

import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.model.WrittenTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scenario version's content as the fields of {@link Kinds#SCENARIO} (the map every kind's
 * planner, applier and renderers use) and back as the typed {@link VersionContent} the scenario
 * wire format and files use.
 */
public final class ScenarioFields {
  private ScenarioFields() {}

  public static final String OBJECTIVE = "objective";
  public static final String INSTRUCTIONS = "instructions";
  public static final String INITIAL_MESSAGE_TYPE = "initial_message_type";
  public static final String CONVERSATION_STARTS_AT = "conversation_starts_at";

  /** The content's fields in the kind's order, compared as the server stores them. */
  public static Map<String, Object> of(VersionContent c) {
    VersionContent n = c.normalized();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(OBJECTIVE, n.objective());
    out.put(INSTRUCTIONS, n.instructions());
    out.put(INITIAL_MESSAGE_TYPE, n.initialMessageType().wire());
    out.put(
        CONVERSATION_STARTS_AT,
        n.conversationStartsAt() == null
            ? null
            : new WrittenTime(n.conversationStartsAt(), c.startsAtAsWritten()));
    return out;
  }

  /** A scenario a file declares, as a resource of the scenario kind (name and tags normalised). */
  public static Resource resource(DesiredScenario raw) {
    DesiredScenario d = raw.normalized();
    return new Resource(
        ResourceKind.SCENARIO,
        d.name(),
        d.tags(),
        of(raw.content()),
        d.source(),
        Map.of(),
        d.renamedFrom());
  }

  /**
   * A live remote scenario as a resource of the scenario kind: its latest version's fields, number,
   * author and time (no fields and no number when it has no version read), and its last updater.
   */
  public static RemoteResource remote(RemoteScenario r) {
    RemoteVersion v = r.latest();
    return new RemoteResource(
        ResourceKind.SCENARIO,
        r.id(),
        r.name(),
        r.tags(),
        v == null ? Map.of() : of(v.content()),
        r.updatedAt(),
        v == null ? null : v.number(),
        v == null ? null : v.creator(),
        v == null ? null : v.createdAt(),
        r.updatedBy());
  }

  /** The typed content of these fields (the inverse of {@link #of}). */
  public static VersionContent content(Map<String, Object> fields) {
    Object at = fields.get(CONVERSATION_STARTS_AT);
    WrittenTime t = at == null ? null : (WrittenTime) FieldRule.TIME.normalize(at);
    return new VersionContent(
        (String) fields.get(OBJECTIVE),
        (String) fields.get(INSTRUCTIONS),
        InitialMessageType.read((String) fields.get(INITIAL_MESSAGE_TYPE)),
        t == null ? null : t.at(),
        t == null ? null : t.written());
  }
}
