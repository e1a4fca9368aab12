package com.aiplatform.assistant.answers;

import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.assistant.files.FileService;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.knowledge.KnowledgeUnavailableException;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.CallContext;

import java.util.Map;

/**
 * Adds a file's extracted text to the caller's knowledge base through the knowledge app's API, and takes it
 * out again when the file is deleted. The knowledge document id is derived from the file id, so publishing
 * again replaces (or leaves unchanged) the same document instead of adding another.
 */
public final class PublishService {

    private final FileService files;
    private final KnowledgeBase knowledge;

    public PublishService(FileService files, KnowledgeBase knowledge) {
        this.files = files;
        this.knowledge = knowledge;
    }

    /** What knowledge answered, and where the document now lives. */
    public record Published(String fileId, String documentId, long version, String status, int chunkCount,
                            String source) {
    }

    public Published publish(CallContext call, String fileId) {
        return publish(call, fileId, PublishRequest.NONE);
    }

    /** Publishes with the readers the request names; the knowledge app refuses an id the caller may not read (409). */
    public Published publish(CallContext call, String fileId, PublishRequest request) {
        var readers = request.checkedReaders();
        FileService.ReadyFile file = files.ready(call.caller().tenant(), fileId);
        Extraction extraction = file.extraction();
        String text = extraction.image() == null ? extraction.text()
                : (ImageFacts.of(extraction) + "\n\n" + extraction.text()).strip();
        if (text.isBlank()) {
            throw new ProblemException(Problem.of(422, "no-text", "The file has no text to publish",
                    "Nothing was extracted from file " + fileId));
        }
        String title = !file.record().fileName().isBlank() ? file.record().fileName()
                : extraction.title() != null ? extraction.title() : fileId;
        KnowledgeBase.IngestReceipt receipt;
        try {
            receipt = knowledge.ingestText(call.caller(), new KnowledgeBase.TextDocument(documentId(fileId), title,
                    text, Map.of("origin", "assistant", "assistantFileId", fileId), readers.orElse(null)));
        } catch (KnowledgeUnavailableException e) {
            throw ProblemException.unavailable("The knowledge base cannot be reached", e);
        }
        return new Published(fileId, receipt.documentId(), receipt.version(), receipt.status(), receipt.chunkCount(),
                "/api/v1/knowledge/documents/" + receipt.documentId());
    }

    /**
     * Deletes the file and the knowledge document published from it, if there is one. The copy goes first: if the
     * knowledge app cannot be reached the file stays (503), and the delete can simply be made again.
     */
    public void delete(Caller caller, String fileId) {
        files.get(caller.tenant(), fileId); // 404 for a file that is not there, before anything changes
        try {
            knowledge.delete(caller, documentId(fileId));
        } catch (KnowledgeUnavailableException e) {
            throw ProblemException.unavailable("The knowledge base cannot be reached to remove the file's published "
                    + "copy; the file was not deleted", e);
        }
        files.delete(caller.tenant(), fileId);
    }

    private static String documentId(String fileId) {
        return "assistant-" + fileId;
    }
}
