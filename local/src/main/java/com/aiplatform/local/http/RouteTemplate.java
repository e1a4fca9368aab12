package com.aiplatform.local.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Functions route template (ASP.NET Core routing syntax) below a route prefix: literal segments
 * matched case-insensitively, {@code {id}}, optional {@code {id?}}, constrained {@code {id:int}} and
 * catch-all {@code {*rest}} parameters. Its {@link #MOST_SPECIFIC_FIRST} order ranks literal segments above
 * parameters, so {@code items/new} wins over {@code items/{id}} as it does in the host.
 */
public final class RouteTemplate {

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\*{1,2})?([A-Za-z_][A-Za-z0-9_]*)((?::[^{}?=]+)*)(\\?)?(?:=[^{}]*)?}");
    private static final Map<String, String> CONSTRAINTS = Map.of(
            "int", "-?\\d+", "long", "-?\\d+", "bool", "(?i:true|false)", "alpha", "[A-Za-z]+",
            "guid", "[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}",
            "double", "-?\\d+(?:\\.\\d+)?", "decimal", "-?\\d+(?:\\.\\d+)?");

    /** Segment by segment, the more specific template first; at equal rank the longer one. */
    public static final Comparator<RouteTemplate> MOST_SPECIFIC_FIRST = (a, b) -> {
        for (int i = 0; i < Math.min(a.precedence.size(), b.precedence.size()); i++) {
            int c = Integer.compare(a.precedence.get(i), b.precedence.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(b.precedence.size(), a.precedence.size());
    };

    private final String template;
    private final Pattern pattern;
    private final List<String> names;
    /** Per segment, lower is more specific: literal, complex, constrained, plain, optional, catch-all. */
    private final List<Integer> precedence;
    private final String shape;

    private RouteTemplate(String template, Pattern pattern, List<String> names, List<Integer> precedence, String shape) {
        this.template = template;
        this.pattern = pattern;
        this.names = List.copyOf(names);
        this.precedence = List.copyOf(precedence);
        this.shape = shape;
    }

    /** The template of {@code route} below {@code prefix} (either may be empty). */
    public static RouteTemplate of(String prefix, String route) {
        String full = join(prefix, route);
        StringBuilder regex = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        StringBuilder shape = new StringBuilder();
        for (String segment : full.isEmpty() ? new String[0] : full.split("/")) {
            Matcher whole = PARAMETER.matcher(segment);
            if (whole.matches()) {
                names.add(whole.group(2));
                boolean catchAll = whole.group(1) != null;
                boolean optional = whole.group(4) != null;
                String value = catchAll ? ".*" : constraint(whole.group(3));
                regex.append(catchAll || optional ? "(?:/(" + value + "))?" : "/(" + value + ")");
                ranks.add(catchAll ? 5 : optional ? 4 : whole.group(3).isEmpty() ? 3 : 2);
                shape.append(catchAll ? "/{*}" : optional ? "/{?}" : "/{}");
            } else {
                regex.append('/').append(complexSegment(segment, names));
                ranks.add(segment.contains("{") ? 1 : 0);
                shape.append('/').append(segment.toLowerCase(Locale.ROOT).replaceAll("\\{[^}]*}", "{}"));
            }
        }
        regex.append("/?$");
        return new RouteTemplate("/" + full, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE), names,
                ranks, shape.toString());
    }

    /** The route parameters when {@code rawPath} (still percent-encoded) matches, decoded. */
    public Optional<Map<String, String>> match(String rawPath) {
        Matcher m = pattern.matcher(rawPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String value = m.group(i + 1);
            if (value != null) {
                values.put(names.get(i), URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return Optional.of(values);
    }

    /** The template with parameter names erased, to find two functions claiming the same route. */
    String shape() {
        return shape;
    }

    @Override
    public String toString() {
        return template;
    }

    private static String constraint(String constraints) {
        for (String c : constraints.split(":")) {
            String known = CONSTRAINTS.get(c.toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        return "[^/]+";
    }

    private static String complexSegment(String segment, List<String> names) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(segment);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(segment.substring(last, m.start())));
            names.add(m.group(2));
            regex.append('(').append(constraint(m.group(3)).replace("[^/]+", "[^/]+?")).append(')');
            last = m.end();
        }
        if (last < segment.length()) {
            regex.append(Pattern.quote(segment.substring(last)));
        }
        return regex.toString();
    }

    private static String join(String prefix, String route) {
        String p = strip(prefix);
        String r = strip(route);
        return p.isEmpty() ? r : r.isEmpty() ? p : p + "/" + r;
    }

    private static String strip(String value) {
        String s = value.trim();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
