package com.aiplatform.shared.identity;

import com.aiplatform.shared.problem.ProblemException;

import java.util.regex.Pattern;

/**
 * A tenant identifier. It becomes a blob prefix, a table partition key and a vector payload filter,
 * so it is restricted to characters that are safe in all three.
 */
public record TenantId(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw ProblemException.unauthorized(
                    "Tenant id must be 1-63 lower-case letters, digits or hyphens, starting with a letter or digit");
        }
    }

    /** Whether {@code value} is a tenant id, for input that is not identity (a query parameter): refuse with 400. */
    public static boolean valid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
