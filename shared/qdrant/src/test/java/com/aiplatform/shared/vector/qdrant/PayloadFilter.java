package com.aiplatform.shared.vector.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Match;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.JsonWithInt.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Qdrant's filter semantics over one point, for the conditions the adapter can send: {@code must} (all),
 * {@code should} (at least one, when present), {@code must_not} (none), {@code min_should} (at least
 * {@code min_count}), nested filters, {@code has_id} and keyword/integer/boolean matches on a payload
 * path. A path walks nested objects by dots ({@code meta.lang}, {@code meta."a.b"}), and a condition on an
 * array holds when any element satisfies it. Anything else is refused loudly rather than guessed.
 */
final class PayloadFilter {

    private PayloadFilter() {
    }

    static boolean matches(Filter filter, PointId id, Map<String, Value> payload) {
        for (Condition condition : filter.getMustList()) {
            if (!holds(condition, id, payload)) {
                return false;
            }
        }
        for (Condition condition : filter.getMustNotList()) {
            if (holds(condition, id, payload)) {
                return false;
            }
        }
        if (filter.getShouldCount() > 0
                && filter.getShouldList().stream().noneMatch(c -> holds(c, id, payload))) {
            return false;
        }
        if (filter.hasMinShould()) {
            long satisfied = filter.getMinShould().getConditionsList().stream()
                    .filter(c -> holds(c, id, payload)).count();
            return satisfied >= filter.getMinShould().getMinCount();
        }
        return true;
    }

    private static boolean holds(Condition condition, PointId id, Map<String, Value> payload) {
        switch (condition.getConditionOneOfCase()) {
            case FIELD:
                return holds(condition.getField(), payload);
            case FILTER:
                return matches(condition.getFilter(), id, payload);
            case HAS_ID:
                return condition.getHasId().getHasIdList().stream().anyMatch(candidate -> FakeCollection.key(candidate)
                        .equals(FakeCollection.key(id)));
            default:
                throw unsupported("condition " + condition.getConditionOneOfCase());
        }
    }

    private static boolean holds(FieldCondition field, Map<String, Value> payload) {
        if (!field.hasMatch()) {
            throw unsupported("field condition other than match on " + field.getKey());
        }
        List<Value> values = values(field.getKey(), payload);
        Match match = field.getMatch();
        switch (match.getMatchValueCase()) {
            case KEYWORD:
                return values.stream().anyMatch(v -> v.hasStringValue() && v.getStringValue().equals(match.getKeyword()));
            case KEYWORDS:
                return values.stream().anyMatch(v -> v.hasStringValue()
                        && match.getKeywords().getStringsList().contains(v.getStringValue()));
            case INTEGER:
                return values.stream().anyMatch(v -> v.hasIntegerValue() && v.getIntegerValue() == match.getInteger());
            case BOOLEAN:
                return values.stream().anyMatch(v -> v.hasBoolValue() && v.getBoolValue() == match.getBoolean());
            default:
                throw unsupported("match " + match.getMatchValueCase());
        }
    }

    /** The values at a path, arrays flattened. */
    static List<Value> values(String path, Map<String, Value> payload) {
        List<String> segments = segments(path);
        List<Value> current = new ArrayList<>();
        Value first = payload.get(segments.get(0));
        if (first != null) {
            current.add(first);
        }
        for (String segment : segments.subList(1, segments.size())) {
            List<Value> next = new ArrayList<>();
            for (Value value : flatten(current)) {
                if (value.hasStructValue() && value.getStructValue().containsFields(segment)) {
                    next.add(value.getStructValue().getFieldsOrThrow(segment));
                }
            }
            current = next;
        }
        return flatten(current);
    }

    private static List<Value> flatten(List<Value> values) {
        List<Value> flat = new ArrayList<>();
        for (Value value : values) {
            if (value.hasListValue()) {
                flat.addAll(value.getListValue().getValuesList());
            } else {
                flat.add(value);
            }
        }
        return flat;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        boolean quoted = false;
        for (char c : path.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                segments.add(segment.toString().replace("[]", ""));
                segment.setLength(0);
            } else {
                segment.append(c);
            }
        }
        segments.add(segment.toString().replace("[]", ""));
        if (quoted || segments.stream().anyMatch(String::isEmpty)) {
            throw Status.INVALID_ARGUMENT.withDescription("Wrong input: invalid JSON path " + path).asRuntimeException();
        }
        return segments;
    }

    private static RuntimeException unsupported(String what) {
        return Status.UNIMPLEMENTED.withDescription("The fake Qdrant does not support " + what).asRuntimeException();
    }
}
