package dev.scenariosync.files;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads YAML text into JSON trees with the position of every key and value, by JSON pointer.
 *
 * <p>It builds the tree from the parser's event stream with an explicit stack rather than with the
 * recursive composer, so that hostile input stays harmless: nesting deeper than {@link #MAX_DEPTH}
 * and documents that expand (through aliases) to more than {@link #MAX_NODES} nodes are errors,
 * duplicate keys are errors that name both places, and scalars are typed with the YAML 1.2 core
 * schema ({@code name: 123} is a number, {@code yes} is a string).
 */
public final class YamlReader {
  public static final int MAX_DEPTH = 64;
  public static final int MAX_NODES = 100_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

  /** A 1-based position in the text. */
  public record Pos(int line, int column) {}

  /** One YAML document: its tree and where each of its values and keys stands. */
  public record Document(JsonNode root, Pos start, Map<String, Pos> values, Map<String, Pos> keys) {
    public Pos valuePos(String pointer) {
      Pos p = values.get(pointer);
      return p != null ? p : start;
    }

    /** Where the key of a member stands, falling back to its value and then the document. */
    public Pos keyPos(String pointer) {
      Pos p = keys.get(pointer);
      return p != null ? p : valuePos(pointer);
    }
  }

  /** A problem that stops the reading of the file, at a position. */
  public record Problem(Pos pos, String message) {}

  /** The documents read before the end of the text or before the first problem. */
  public record Result(List<Document> documents, Optional<Problem> problem) {}

  private YamlReader() {}

  public static Result read(String label, String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(label)
            .setUseMarks(true)
            .setAllowDuplicateKeys(true) // we report duplicates ourselves, with both places
            .setCodePointLimit(Integer.MAX_VALUE) // the file size is limited before reading
            .build();
    Builder builder = new Builder();
    try {
      for (Event event : new Parse(settings).parseString(text)) {
        builder.accept(event);
      }
    } catch (MarkedYamlEngineException e) {
      Pos pos = e.getProblemMark().or(e::getContextMark).map(YamlReader::pos).orElse(new Pos(1, 1));
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      return new Result(
          builder.documents, Optional.of(new Problem(pos, "invalid YAML: " + tidy(problem))));
    } catch (YamlEngineException e) {
      return new Result(
          builder.documents,
          Optional.of(new Problem(new Pos(1, 1), "invalid YAML: " + tidy(e.getMessage()))));
    } catch (ReadProblem e) {
      return new Result(builder.documents, Optional.of(e.problem));
    }
    return new Result(builder.documents, Optional.empty());
  }

  private static String tidy(String message) {
    return message == null ? "unreadable" : ControlChars.escape(message.replace('\n', ' ').trim());
  }

  static Pos pos(Mark mark) {
    return new Pos(mark.getLine() + 1, mark.getColumn() + 1);
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** A problem found while building the tree; unchecked so that it crosses the event loop. */
  private static final class ReadProblem extends RuntimeException {
    final Problem problem;

    ReadProblem(Pos pos, String message) {
      super(message, null, false, false);
      this.problem = new Problem(pos, ControlChars.escape(message)); // keys may hold anything
    }
  }

  /** A collection being built: an object waiting for keys and values, or an array. */
  private static final class Frame {
    final JsonNode node;
    final String pointer;
    String pendingKey; // for objects: the key read, waiting for its value
    Pos pendingKeyPos;
    boolean readingKey = true;
    int size = 1;

    Frame(JsonNode node, String pointer) {
      this.node = node;
      this.pointer = pointer;
    }
  }

  private static final class Builder {
    final List<Document> documents = new ArrayList<>();
    final Deque<Frame> stack = new ArrayDeque<>();
    final Map<String, JsonNode> anchors = new HashMap<>();
    final Map<JsonNode, Integer> sizes = new IdentityHashMap<>();
    Map<String, Pos> values = new LinkedHashMap<>();
    Map<String, Pos> keys = new LinkedHashMap<>();
    Pos docStart;
    int nodes;

    void accept(Event event) {
      switch (event.getEventId()) {
        case DocumentStart -> {
          docStart = event.getStartMark().map(YamlReader::pos).orElse(new Pos(1, 1));
          values = new LinkedHashMap<>();
          keys = new LinkedHashMap<>();
          anchors.clear();
          sizes.clear();
          nodes = 0;
        }
        case Scalar -> {
          ScalarEvent s = (ScalarEvent) event;
          if (expectingKey()) {
            acceptKey(s);
          } else {
            JsonNode value = scalar(s);
            anchor(s, value, 1);
            add(value, pos(s), 1);
          }
        }
        case Alias -> {
          AliasEvent a = (AliasEvent) event;
          String name = a.getAlias().getValue();
          JsonNode target = anchors.get(name);
          if (target == null) {
            throw new ReadProblem(pos(a), "unknown alias *" + name);
          }
          if (stack.stream().anyMatch(f -> f.node == target)) {
            throw new ReadProblem(
                pos(a), "the alias *" + name + " refers to a node that contains it");
          }
          if (expectingKey()) {
            if (!target.isString()) {
              throw new ReadProblem(pos(a), "a key must be a string");
            }
            acceptKeyText(target.asString(), pos(a));
          } else {
            add(target, pos(a), sizes.getOrDefault(target, 1));
          }
        }
        case MappingStart, SequenceStart -> {
          CollectionStartEvent c = (CollectionStartEvent) event;
          if (expectingKey()) {
            throw new ReadProblem(pos(c), "a key must be a plain string, not a mapping or a list");
          }
          if (stack.size() >= MAX_DEPTH) {
            throw new ReadProblem(pos(c), "nesting deeper than " + MAX_DEPTH + " levels");
          }
          String pointer = childPointer();
          JsonNode node =
              event.getEventId() == Event.ID.MappingStart ? NODES.objectNode() : NODES.arrayNode();
          values.put(pointer, pos(c));
          if (!stack.isEmpty()) {
            recordKey(pointer);
          }
          count(pos(c), 1);
          Frame frame = new Frame(node, pointer);
          c.getAnchor().ifPresent(an -> anchors.put(an.getValue(), node));
          stack.push(frame);
        }
        case MappingEnd, SequenceEnd -> {
          Frame done = stack.pop();
          sizes.put(done.node, done.size);
          if (stack.isEmpty()) {
            documents.add(new Document(done.node, docStart, values, keys));
          } else {
            attach(done.node, done.size);
          }
        }
        default -> {
          // StreamStart, StreamEnd, DocumentEnd carry nothing we keep
        }
      }
    }

    private boolean expectingKey() {
      Frame top = stack.peek();
      return top != null && top.node.isObject() && top.readingKey;
    }

    private void acceptKey(ScalarEvent s) {
      JsonNode key = scalar(s);
      if (!key.isString()) {
        String shown = s.getValue().isEmpty() ? "(empty)" : s.getValue();
        throw new ReadProblem(
            pos(s), "the key " + shown + " is not a string; quote it (\"" + s.getValue() + "\")");
      }
      anchor(s, key, 1);
      acceptKeyText(key.asString(), pos(s));
    }

    private void acceptKeyText(String key, Pos at) {
      Frame top = stack.peek();
      ObjectNode obj = (ObjectNode) top.node;
      if (obj.has(key)) {
        Pos first = keys.get(top.pointer + "/" + escape(key));
        String where = first == null ? "" : " (first at line " + first.line() + ")";
        throw new ReadProblem(at, "duplicate key '" + key + "'" + where);
      }
      top.pendingKey = key;
      top.pendingKeyPos = at;
      top.readingKey = false;
    }

    private String childPointer() {
      Frame top = stack.peek();
      if (top == null) {
        return "";
      }
      if (top.node.isObject()) {
        return top.pointer + "/" + escape(top.pendingKey);
      }
      return top.pointer + "/" + top.node.size();
    }

    private void recordKey(String pointer) {
      Frame top = stack.peek();
      if (top.node.isObject()) {
        keys.put(pointer, top.pendingKeyPos);
      }
    }

    private void add(JsonNode value, Pos at, int size) {
      if (stack.isEmpty()) {
        documents.add(new Document(value, docStart, Map.of("", at), Map.of()));
        return;
      }
      String pointer = childPointer();
      values.put(pointer, at);
      recordKey(pointer);
      count(at, size);
      attach(value, size);
    }

    private void attach(JsonNode value, int size) {
      Frame top = stack.peek();
      top.size += size;
      if (top.node instanceof ObjectNode obj) {
        obj.set(top.pendingKey, value);
        top.readingKey = true;
      } else {
        ((ArrayNode) top.node).add(value);
      }
    }

    private void count(Pos at, int size) {
      nodes += size;
      if (nodes > MAX_NODES) {
        throw new ReadProblem(
            at, "the document expands to more than " + MAX_NODES + " values (alias bomb?)");
      }
    }

    private void anchor(NodeEvent e, JsonNode value, int size) {
      e.getAnchor()
          .ifPresent(
              a -> {
                anchors.put(a.getValue(), value);
                sizes.put(value, size);
              });
    }

    private static Pos pos(Event e) {
      return e.getStartMark().map(YamlReader::pos).orElse(new Pos(1, 1));
    }

    private JsonNode scalar(ScalarEvent s) {
      String value = s.getValue();
      String tag =
          s.getTag()
              .filter(t -> !t.equals("!"))
              .orElseGet(
                  () ->
                      s.isPlain() ? RESOLVER.resolve(value, true).getValue() : Tag.STR.getValue());
      if (tag.equals(Tag.STR.getValue())) {
        return NODES.stringNode(value);
      }
      if (tag.equals(Tag.NULL.getValue())) {
        return NODES.nullNode();
      }
      if (tag.equals(Tag.BOOL.getValue())) {
        return NODES.booleanNode(value.equalsIgnoreCase("true"));
      }
      if (tag.equals(Tag.INT.getValue())) {
        return NODES.numberNode(parseInt(value));
      }
      if (tag.equals(Tag.FLOAT.getValue())) {
        return NODES.numberNode(parseFloat(value));
      }
      throw new ReadProblem(pos(s), "unsupported YAML tag " + tag);
    }

    private static BigInteger parseInt(String v) {
      String t = v.startsWith("+") ? v.substring(1) : v;
      if (t.startsWith("0x")) {
        return new BigInteger(t.substring(2), 16);
      }
      if (t.startsWith("0o")) {
        return new BigInteger(t.substring(2), 8);
      }
      return new BigInteger(t);
    }

    private static double parseFloat(String v) {
      String t = v.toLowerCase(java.util.Locale.ROOT);
      if (t.endsWith(".inf")) {
        return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (t.equals(".nan")) {
        return Double.NaN;
      }
      return Double.parseDouble(v);
    }
  }
}
