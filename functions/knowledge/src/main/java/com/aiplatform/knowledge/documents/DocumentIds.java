package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.problem.ProblemException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rule for document ids, checked wherever an id enters: it becomes a Table row key and a blob path
 * segment, so characters those refuse ({@code / \ # ?}, control characters) never reach storage.
 */
public final class DocumentIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private DocumentIds() {
    }

    public static String require(String documentId) {
        if (documentId == null || !VALID.matcher(documentId).matches()) {
            throw ProblemException.validation("The document id is not valid",
                    List.of("documentId must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        return documentId;
    }
}
