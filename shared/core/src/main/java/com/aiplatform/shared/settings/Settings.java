package com.aiplatform.shared.settings;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The raw setting source (app settings in Azure, {@code local.settings.json} under Core Tools, a map in
 * the local platform). Apps read it once into typed records through a {@link Reader}, which collects
 * every missing or malformed key and fails with all of them named at once.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    public Optional<String> get(String key) {
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Settings withOverrides(Map<String, String> overrides) {
        var merged = new java.util.HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public Reader reader() {
        return new Reader();
    }

    /**
     * Reads every group with one reader, then fails naming the problems of all of them at once: an app
     * checks all the settings it will use before it builds anything, so a misconfigured app says everything
     * that is wrong in one start.
     */
    public void validate(List<SettingsGroup> groups) {
        Reader read = reader();
        groups.forEach(group -> group.read(read));
        read.validate();
    }

    /** Reads typed values and remembers every problem until {@link #validate()}. */
    public final class Reader {
        /** In the order found; a key read by two groups is named once. */
        private final Set<String> problems = new LinkedHashSet<>();

        private Reader() {
        }

        public String required(String key) {
            Optional<String> value = get(key);
            if (value.isEmpty()) {
                problems.add(key + " is missing");
                return "";
            }
            return value.get();
        }

        public String string(String key, String defaultValue) {
            return get(key).orElse(defaultValue);
        }

        public Optional<String> optional(String key) {
            return get(key);
        }

        public int integer(String key, int defaultValue) {
            return parse(key, defaultValue, Integer::parseInt, "an integer");
        }

        public long longValue(String key, long defaultValue) {
            return parse(key, defaultValue, Long::parseLong, "an integer");
        }

        public double decimal(String key, double defaultValue) {
            return parse(key, defaultValue, Double::parseDouble, "a number");
        }

        public boolean bool(String key, boolean defaultValue) {
            Optional<String> value = get(key);
            if (value.isEmpty()) {
                return defaultValue;
            }
            String v = value.get().toLowerCase(java.util.Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                problems.add(key + " must be true or false, not '" + value.get() + "'");
                return defaultValue;
            }
            return Boolean.parseBoolean(v);
        }

        public Duration duration(String key, Duration defaultValue) {
            return parse(key, defaultValue, Duration::parse, "an ISO-8601 duration such as PT30S");
        }

        public <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
            Optional<String> value = get(key);
            if (value.isEmpty()) {
                return defaultValue;
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value.get().replace('-', '_'))) {
                    return constant;
                }
            }
            problems.add(key + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", not '" + value.get() + "'");
            return defaultValue;
        }

        /** A problem only the reading code can see (a range, a combination of keys), named with the others. */
        public void problem(String message) {
            problems.add(message);
        }

        /** Throws {@link MissingSettingsException} naming every problem found so far. */
        public void validate() {
            if (!problems.isEmpty()) {
                throw new MissingSettingsException(List.copyOf(problems));
            }
        }

        private <T> T parse(String key, T defaultValue, java.util.function.Function<String, T> parser, String what) {
            Optional<String> value = get(key);
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                return parser.apply(value.get());
            } catch (RuntimeException e) {
                problems.add(key + " must be " + what + ", not '" + value.get() + "'");
                return defaultValue;
            }
        }
    }
}
