package com.aiplatform.assistant.answers;

import com.aiplatform.shared.identity.Readers;

import java.util.List;
import java.util.Optional;

/**
 * The optional body of a publish: who of the tenant may read the published document ({@code readers}: groups and
 * users, or {@code tenantWide}). Without it the knowledge app's default holds: the publishing consumer only.
 */
public record PublishRequest(JsonReaders readers) {

    public static final PublishRequest NONE = new PublishRequest(null);

    public record JsonReaders(Boolean tenantWide, List<String> groups, List<String> users) {
    }

    /** The readers asked for, checked (400 when they name nobody or mix tenant-wide with names). */
    public Optional<Readers> checkedReaders() {
        return Optional.ofNullable(readers).map(r -> Readers.requested(r.tenantWide(), r.groups(), r.users()));
    }
}
