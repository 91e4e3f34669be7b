package dev.scenariosync.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One paged read, bounded whatever the server answers: it stops with an error on a continuation
 * token already seen, a page that brings nothing yet says there is more, or more items than any
 * real organization holds. Tokens are passed back as the server wrote them (a number or a string:
 * the response declares them untyped).
 */
final class Paging {
  /** More items than this in one read is taken as a server that never stops. */
  static final int MAX_ITEMS = 100_000;

  /** A continuation token longer than this is not sent back. */
  static final int MAX_TOKEN_CHARS = 200;

  private final String operation;
  private final String itemsKey;
  private final Set<String> seen = new HashSet<>();
  private String token;
  private int pages;
  private long items;

  Paging(String operation, String itemsKey) {
    this.operation = operation;
    this.itemsKey = itemsKey;
  }

  /** The token to send for the next page; null for the first. */
  String token() {
    return token;
  }

  /** The items of a page: its list under the items key (absent or null: none). */
  List<JsonNode> items(JsonNode page) {
    if (!page.isObject()) {
      throw answered("a page that is not a JSON object");
    }
    JsonNode list = page.get(itemsKey);
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw answered("'" + itemsKey + "' that is not a list");
    }
    List<JsonNode> out = new ArrayList<>(list.size());
    for (JsonNode n : list) {
      if (!n.isObject()) {
        throw answered("an item of '" + itemsKey + "' that is not a JSON object");
      }
      out.add(n);
    }
    return out;
  }

  /**
   * Reads a page's {@code has_more} and {@code continuation_token}: true when another page is to be
   * read, with {@link #token()} set for it; an error when the answer would page forever.
   */
  boolean next(JsonNode page, int itemCount) {
    pages++;
    items += itemCount;
    JsonNode more = page.get("has_more");
    if (more != null && !more.isNull() && !more.isBoolean()) {
      throw answered("'has_more' that is not true or false");
    }
    JsonNode next = page.get("continuation_token");
    if (more == null || !more.asBoolean() || next == null || next.isNull()) {
      return false;
    }
    String t;
    if (next.isIntegralNumber() || next.isString()) {
      t = next.asString();
    } else {
      throw answered("a continuation token that is neither a number nor a string");
    }
    if (t.isBlank() || t.length() > MAX_TOKEN_CHARS) {
      throw answered("a continuation token of " + t.length() + " characters");
    }
    if (!seen.add(t)) {
      throw answered(
          "page "
              + pages
              + " with a continuation token it had already given; stopped rather than loop");
    }
    if (itemCount == 0) {
      throw answered("page " + pages + " with no items yet has_more: true; stopped");
    }
    if (items > MAX_ITEMS) {
      throw answered(
          "more than " + MAX_ITEMS + " items in " + pages + " pages and says there are more");
    }
    token = t;
    return true;
  }

  private ApiException answered(String what) {
    return new ApiException.Unexpected(200, operation, "the API answered " + what);
  }
}
