package com.aiplatform.shared.blob;

import java.util.List;
import java.util.Optional;

/** One page of blob names, in name order, and the token that fetches the next page (empty on the last). */
public record BlobNames(List<String> names, Optional<String> continuation) {

    public BlobNames {
        names = List.copyOf(names);
    }

    /** A blob name that no store resolves outside its container: relative, at most 1024 characters, no "..". */
    public static String requireValid(String name) {
        if (name == null || name.isBlank() || name.length() > 1024 || name.startsWith("/") || name.contains("..")) {
            throw new IllegalArgumentException("Blob name must be relative, non-empty and at most 1024 characters: " + name);
        }
        return name;
    }
}
