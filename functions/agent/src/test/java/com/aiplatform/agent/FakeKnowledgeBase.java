package com.aiplatform.agent;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.knowledge.KnowledgeHit;
import com.aiplatform.shared.knowledge.KnowledgeUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The knowledge API as a fake: documents per tenant, found by shared words; it can be switched off. */
public final class FakeKnowledgeBase implements KnowledgeBase {

    private final Map<String, List<TextDocument>> documents = new ConcurrentHashMap<>();
    private volatile boolean down;

    public void down(boolean value) {
        this.down = value;
    }

    @Override
    public List<KnowledgeHit> search(Caller caller, String query, int topK) {
        if (down) {
            throw new KnowledgeUnavailableException("The knowledge API answered 503");
        }
        List<String> words = List.of(query.toLowerCase(Locale.ROOT).split("\\W+"));
        List<KnowledgeHit> hits = new ArrayList<>();
        for (TextDocument document : documents.getOrDefault(caller.tenant().value(), List.of())) {
            long shared = words.stream().filter(w -> w.length() > 3 && document.text().toLowerCase(Locale.ROOT).contains(w)).count();
            if (shared > 0 && hits.size() < topK) {
                hits.add(new KnowledgeHit(document.id() + "#0", document.id(), document.title(), 0, document.text(),
                        shared, "/api/v1/knowledge/documents/" + document.id()));
            }
        }
        return hits;
    }

    @Override
    public IngestReceipt ingestText(Caller caller, TextDocument document) {
        documents.computeIfAbsent(caller.tenant().value(), t -> new ArrayList<>()).add(document);
        return new IngestReceipt(document.id(), 1, "created", 1);
    }

    @Override
    public void delete(Caller caller, String documentId) {
        documents.getOrDefault(caller.tenant().value(), new ArrayList<>()).removeIf(d -> d.id().equals(documentId));
    }
}
