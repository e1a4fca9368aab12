package com.aiplatform.platform.consumers;

import com.aiplatform.shared.problem.ProblemException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one rule for consumer ids, checked where an id enters (a body or a path): 1-63 lower-case letters,
 * digits or hyphens. An id becomes a Table row key, which forbids {@code / \ # ?} and control characters,
 * so an id outside the rule is refused with 400 before any storage call.
 */
public final class ConsumerIds {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final String RULE = "consumerId must be 1-63 lower-case letters, digits or hyphens";

    private ConsumerIds() {
    }

    public static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** The id, or a 400 problem naming the rule. */
    public static String require(String id) {
        if (!valid(id)) {
            throw ProblemException.validation("The consumer id is not valid", List.of(RULE));
        }
        return id;
    }
}
