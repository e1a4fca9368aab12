package com.aiplatform.agent.offline;

import com.aiplatform.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a tool's arguments from what the customer wrote, by the tool's own JSON Schema: a property with a
 * {@code pattern} (order number, e-mail, ticket id) is searched in the newest message first and then in
 * earlier ones, so "open a ticket about it" finds the order named two turns ago; failing that, in what the
 * agent said and its tools returned earlier, newest first, where it counts only if the newest text naming
 * one names exactly one ("add a note to my ticket" finds the ticket opened last turn, while a list of five
 * orders names none of them); an {@code enum} property takes the value the message names; free-text
 * properties take the message itself, cut to fit.
 */
final class ArgumentExtractor {

    private ArgumentExtractor() {
    }

    /** The arguments found, and the required properties that could not be found. */
    record Extracted(ObjectNode arguments, List<String> missing) {
    }

    /** {@code messages}: what the customer wrote, newest first; {@code earlier}: the agent's and tools' texts, newest first. */
    static Extracted extract(JsonNode schema, List<String> messages, List<String> earlier) {
        ObjectNode arguments = Json.mapper().createObjectNode();
        List<String> missing = new ArrayList<>();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<Map.Entry<String, JsonNode>> freeText = new ArrayList<>();
        boolean structuredFound = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            JsonNode spec = property.getValue();
            Optional<String> value = Optional.empty();
            if (spec.has("pattern")) {
                value = findPattern(spec.get("pattern").asText(), messages, earlier);
            } else if (spec.has("enum")) {
                value = findEnum(spec.get("enum"), messages.get(0));
            } else {
                freeText.add(property);
                continue;
            }
            if (value.isPresent()) {
                arguments.put(name, value.get());
                structuredFound |= !required.contains(name);
            } else if (required.contains(name)) {
                missing.add(name);
            }
        }
        for (Map.Entry<String, JsonNode> property : freeText) {
            // An optional free-text field (a note) carries the message only when nothing else was recognised.
            if (required.contains(property.getKey()) || !structuredFound) {
                arguments.put(property.getKey(), cut(messages.get(0), property.getValue().path("maxLength").asInt(2000)));
            }
        }
        return new Extracted(arguments, missing);
    }

    /** A schema pattern's value: the first match in the customer's messages, else the one unambiguous match earlier. */
    static Optional<String> findPattern(String schemaPattern, List<String> messages, List<String> earlier) {
        return findPattern(schemaPattern, messages).or(() -> findSingle(schemaPattern, earlier));
    }

    private static Optional<String> findSingle(String schemaPattern, List<String> texts) {
        Pattern pattern = unanchored(schemaPattern);
        for (String text : texts) {
            Set<String> found = new LinkedHashSet<>();
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                found.add(matcher.group());
            }
            if (!found.isEmpty()) {
                return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The first match of a schema pattern (anchors dropped) in the messages, searched in order. */
    static Optional<String> findPattern(String schemaPattern, List<String> messages) {
        Pattern pattern = unanchored(schemaPattern);
        for (String message : messages) {
            Matcher matcher = pattern.matcher(message);
            if (matcher.find()) {
                return Optional.of(matcher.group());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> findEnum(JsonNode options, String message) {
        String text = " " + message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        for (JsonNode option : options) {
            String value = option.asText().toLowerCase(Locale.ROOT);
            String stem = value.endsWith("d") ? value.substring(0, value.length() - 1) : value;
            if (text.contains(" " + value + " ") || text.contains(" " + stem + " ")) {
                return Optional.of(option.asText());
            }
        }
        return Optional.empty();
    }

    private static Pattern unanchored(String pattern) {
        String body = pattern.startsWith("^") ? pattern.substring(1) : pattern;
        body = body.endsWith("$") ? body.substring(0, body.length() - 1) : body;
        return Pattern.compile("(?<![A-Za-z0-9._%+-])" + body + "(?![A-Za-z0-9])");
    }

    private static String cut(String text, int maxLength) {
        String trimmed = text.trim();
        if (trimmed.length() <= maxLength) {
            return trimmed;
        }
        int space = trimmed.lastIndexOf(' ', maxLength - 1);
        return trimmed.substring(0, space > maxLength / 2 ? space : maxLength - 1) + "…";
    }
}
