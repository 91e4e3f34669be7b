package dev.scenariosync.kinds;

import dev.scenariosync.model.InitialMessageType;
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
