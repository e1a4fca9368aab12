package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.Readers;

/**
 * Who may do what with a document inside its tenant. Its readers read it (search, answers, list, get); its readers
 * and the tenant's admins may replace or delete it (an admin can so clear out a document written before readers
 * existed, which nobody reads).
 */
public final class DocumentAccess {

    private DocumentAccess() {
    }

    /**
     * The readers a document gets: those it was sent with, else only the consumer that ingests it. A document is
     * tenant-wide only when it was sent with {@code "readers": {"tenantWide": true}}.
     */
    public static Readers readersOf(DocumentUpload upload, Caller caller) {
        return upload.readers().orElseGet(() -> Readers.onlyUser(caller.consumerId()));
    }

    public static boolean mayRead(Caller caller, DocumentRecord record) {
        return caller.canRead(record.readers());
    }

    public static boolean mayManage(Caller caller, DocumentRecord record) {
        return mayRead(caller, record) || caller.hasRole(Caller.ADMIN);
    }
}
