package dev.scenariosync.plan;

import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.VersionContent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The SHA-256 of one scenario document as the server would store it (stripped name, tags and
 * content; the start time at millisecond precision): a saved plan records it per document, so that
 * the plan goes stale only when a document it plans changed, not when any file did.
 */
public final class DocumentHash {
  private DocumentHash() {}

  public static String of(DesiredScenario raw) {
    DesiredScenario d = raw.normalized();
    StringBuilder sb = new StringBuilder();
    field(sb, d.name());
    for (Map.Entry<String, String> t : d.tags().entrySet()) {
      field(sb, "tag");
      field(sb, t.getKey());
      field(sb, t.getValue() == null ? "\u0000null" : t.getValue());
    }
    VersionContent c = d.content();
    field(sb, "content");
    field(sb, c.objective());
    field(sb, c.instructions());
    field(sb, c.initialMessageType().wire());
    field(sb, c.conversationStartsAt() == null ? "" : c.conversationStartsAt().toString());
    if (d.renamedFrom() != null) {
      // only when set: the hashes of documents without it stay as they were
      field(sb, "renamed_from");
      field(sb, d.renamedFrom());
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Length-prefixed, so that no two documents share an encoding. */
  private static void field(StringBuilder sb, String s) {
    sb.append(s.length()).append(':').append(s).append('\n');
  }
}
