package com.aiplatform.shared.event.deadletter;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where Event Grid writes dead-lettered events in the dead-letter container:
 * {@code <SUBSCRIPTION>/<yyyy>/<M>/<d>/<H>/<id>.json}, the event subscription's name in upper case and the
 * UTC date and hour without zero padding (Microsoft Learn, "Set dead-letter location and retry policy",
 * azure/event-grid/manage-event-delivery: "myblobcontainer/MY-BLOB-SUBSCRIPTION/2019/8/8/5/111...json").
 * Blobs seen in practice can carry the topic's name as a further leading segment, so whatever comes
 * before the subscription is kept as {@code topic} ("" when absent).
 */
public record DeadLetterBlobName(String name, String topic, String subscription, Instant hour) {

    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
    private static final Pattern SUBSCRIPTION = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,63}");

    /** The parts of a dead-letter blob's name, or empty if the name is not laid out as Event Grid lays it out. */
    public static Optional<DeadLetterBlobName> parse(String name) {
        if (name == null || !name.endsWith(".json")) {
            return Optional.empty();
        }
        String[] parts = name.split("/", -1);
        if (parts.length < 6 || parts[parts.length - 1].length() <= ".json".length()
                || Arrays.stream(parts).anyMatch(p -> p.isEmpty() || p.equals(".") || p.equals(".."))) {
            return Optional.empty();
        }
        int date = parts.length - 5;
        for (int i = date; i < date + 4; i++) {
            if (!NUMBER.matcher(parts[i]).matches()) {
                return Optional.empty();
            }
        }
        String subscription = parts[date - 1];
        if (!SUBSCRIPTION.matcher(subscription).matches()) {
            return Optional.empty();
        }
        try {
            Instant hour = LocalDateTime.of(Integer.parseInt(parts[date]), Integer.parseInt(parts[date + 1]),
                    Integer.parseInt(parts[date + 2]), Integer.parseInt(parts[date + 3]), 0).toInstant(ZoneOffset.UTC);
            String topic = String.join("/", Arrays.copyOfRange(parts, 0, date - 1));
            return Optional.of(new DeadLetterBlobName(name, topic, subscription, hour));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The name Event Grid would give a dead letter of {@code subscription} written at {@code at}. */
    public static DeadLetterBlobName of(String subscription, Instant at, UUID id) {
        String segment = segment(subscription);
        LocalDateTime utc = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        String name = segment + "/" + utc.getYear() + "/" + utc.getMonthValue() + "/" + utc.getDayOfMonth() + "/"
                + utc.getHour() + "/" + id + ".json";
        return parse(name).orElseThrow();
    }

    /** An event subscription's name as it appears in a dead-letter blob's name: upper case. */
    public static String segment(String subscription) {
        String upper = subscription.toUpperCase(Locale.ROOT);
        if (!SUBSCRIPTION.matcher(upper).matches()) {
            throw new IllegalArgumentException("Not an event subscription name (letters, digits, hyphens): " + subscription);
        }
        return upper;
    }
}
