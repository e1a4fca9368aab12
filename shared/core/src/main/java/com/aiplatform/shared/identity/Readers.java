package com.aiplatform.shared.identity;

import com.aiplatform.shared.problem.ProblemException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who may read a document inside its tenant: named groups and users, or the whole tenant when, and only when,
 * it was ingested so explicitly. Stored on the document and on each of its chunks as {@link #principals()}, the
 * tokens a {@link Caller#principals() caller's} must meet; {@link #NONE} (what a record written before readers
 * existed reads as) meets no caller, so such a document is never shown.
 */
public record Readers(boolean tenantWide, Set<String> groups, Set<String> users) {

    /** The principal every caller of the tenant holds, stored only on tenant-wide documents. */
    public static final String TENANT_WIDE = "tenant";
    static final String GROUP_PREFIX = "group:";
    static final String USER_PREFIX = "user:";
    public static final int MAX_NAMES = 50;
    /** Group ids are names or Entra object ids; user ids are consumer ids: no comma (the header separator). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
    public static final String RULE = "group and user names are 1-128 letters, digits, '.', '_', '@' or '-', "
            + "starting with a letter or digit";

    public static final Readers NONE = new Readers(false, Set.of(), Set.of());

    public Readers {
        groups = groups == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(groups));
        users = users == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(users));
    }

    public static Readers wholeTenant() {
        return new Readers(true, Set.of(), Set.of());
    }

    public static Readers of(Collection<String> groups, Collection<String> users) {
        return new Readers(false, Set.copyOf(groups), Set.copyOf(users));
    }

    /** Only this user (a consumer id). */
    public static Readers onlyUser(String user) {
        return new Readers(false, Set.of(), Set.of(user));
    }

    /**
     * The readers a client asked for, checked: 400 unless it is exactly one of tenant-wide, or at least one valid
     * group or user name (at most {@value #MAX_NAMES} of each).
     */
    public static Readers requested(Boolean tenantWide, List<String> groups, List<String> users) {
        List<String> errors = new ArrayList<>();
        boolean wide = Boolean.TRUE.equals(tenantWide);
        List<String> g = groups == null ? List.of() : groups;
        List<String> u = users == null ? List.of() : users;
        if (wide && (!g.isEmpty() || !u.isEmpty())) {
            errors.add("readers.tenantWide cannot be combined with groups or users");
        }
        if (!wide && g.isEmpty() && u.isEmpty()) {
            errors.add("readers must name at least one group or user, or set tenantWide to true");
        }
        if (g.size() > MAX_NAMES || u.size() > MAX_NAMES) {
            errors.add("readers may name at most " + MAX_NAMES + " groups and " + MAX_NAMES + " users");
        }
        if (g.stream().anyMatch(name -> !valid(name)) || u.stream().anyMatch(name -> !valid(name))) {
            errors.add(RULE);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("The document readers are not valid", errors);
        }
        return wide ? wholeTenant() : of(g, u);
    }

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String group(String group) {
        return GROUP_PREFIX + group;
    }

    public static String user(String user) {
        return USER_PREFIX + user;
    }

    /** The tokens stored on the document's chunks; empty for {@link #NONE}. */
    public Set<String> principals() {
        Set<String> principals = new LinkedHashSet<>();
        if (tenantWide) {
            principals.add(TENANT_WIDE);
        }
        groups.forEach(g -> principals.add(group(g)));
        users.forEach(u -> principals.add(user(u)));
        return Set.copyOf(principals);
    }

    /** The readers that {@link #principals()} encoded; unknown tokens are ignored. */
    public static Readers fromPrincipals(Collection<String> principals) {
        boolean wide = false;
        Set<String> groups = new LinkedHashSet<>();
        Set<String> users = new LinkedHashSet<>();
        for (String principal : principals) {
            if (principal.equals(TENANT_WIDE)) {
                wide = true;
            } else if (principal.startsWith(GROUP_PREFIX)) {
                groups.add(principal.substring(GROUP_PREFIX.length()));
            } else if (principal.startsWith(USER_PREFIX)) {
                users.add(principal.substring(USER_PREFIX.length()));
            }
        }
        return new Readers(wide, groups, users);
    }
}
