package com.aiplatform.assistant;

import com.aiplatform.assistant.answers.AskService;
import com.aiplatform.assistant.answers.PublishService;
import com.aiplatform.assistant.extraction.Chunks;
import com.aiplatform.assistant.extraction.ExtractionService;
import com.aiplatform.assistant.extraction.FileEvents;
import com.aiplatform.assistant.extraction.FileReader;
import com.aiplatform.assistant.extraction.ImageExtractor;
import com.aiplatform.assistant.extraction.OcrEngine;
import com.aiplatform.assistant.files.BlobCreatedService;
import com.aiplatform.assistant.files.ExtractionJob;
import com.aiplatform.assistant.files.FileRepository;
import com.aiplatform.assistant.files.FileService;
import com.aiplatform.assistant.files.FileStorage;
import com.aiplatform.assistant.files.ImageHeaders;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.budget.unlimited.UnlimitedBudget;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.blob.memory.InMemoryBlobStore;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.knowledge.KnowledgeHit;
import com.aiplatform.shared.knowledge.KnowledgeUnavailableException;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.extractive.ExtractiveLlmClient;
import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.memory.InMemoryWorkQueue;
import com.aiplatform.shared.table.memory.InMemoryTableStore;
import com.aiplatform.shared.tika.DocumentReader;
import com.aiplatform.shared.tika.MediaTypes;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.PriceTable;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.memory.InMemoryUsageSink;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The assistant's services over in-memory stores, the real embedder and Tika, and a recording knowledge base. */
public final class AssistantTestKit {

    public static final String QUEUE = "assistant-extractions";
    public static final Caller ALICE = new Caller("alice", TenantId.of("tenant-a"), Set.of());
    public static final Caller BOB = new Caller("bob", TenantId.of("tenant-b"), Set.of());

    public final InMemoryBlobStore blobs = new InMemoryBlobStore();
    public final InMemoryTableStore tables = new InMemoryTableStore();
    public final InMemoryWorkQueue queue = new InMemoryWorkQueue(Clock.systemUTC());
    public final InMemoryUsageSink usageSink = new InMemoryUsageSink();
    public final List<PlatformEvent> events = new CopyOnWriteArrayList<>();
    public final RecordingKnowledgeBase knowledge = new RecordingKnowledgeBase();
    public final FileStorage storage;
    public final FileService files;
    public final ExtractionService extraction;
    public final BlobCreatedService blobCreated;
    public final AskService answers;
    public final PublishService publisher;

    public AssistantTestKit(Embedder embedder, OcrEngine ocr, Optional<LlmClient> vision, Path scratch, long maxBytes) {
        Clock clock = Clock.systemUTC();
        storage = new FileStorage(new FileRepository(tables, "assistantfiles"), blobs, "assistant-files", queue, QUEUE);
        var usage = new UsageMeter(PriceTable.parse(""), usageSink, clock);
        var types = new MediaTypes(FileService.ACCEPTED);
        var headers = new ImageHeaders(50_000_000L);
        files = new FileService(storage, types, headers, clock);
        extraction = new ExtractionService(storage, new FileReader(types, new DocumentReader(1_000_000, scratch),
                new ImageExtractor(headers, ocr), maxBytes), new Chunks(embedder, 120, 20), usage,
                new FileEvents(events::add, clock), clock, embedder.model().name());
        blobCreated = new BlobCreatedService(storage, maxBytes, clock);
        var budget = new UnlimitedBudget();
        TokenCounter tokens = TokenCounter.approximate();
        answers = new AskService(files, embedder, new BudgetedChat(new ExtractiveLlmClient(), usage, budget, tokens),
                vision.map(model -> new BudgetedChat(model, usage, budget, tokens)), usage);
        publisher = new PublishService(files, knowledge);
    }

    public static CallContext call(Caller caller) {
        return new CallContext(caller, "assistant", "test", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    /** Runs every queued extraction job, as the queue trigger would. */
    public int drain() {
        int ran = 0;
        for (List<QueueMessage> batch = queue.receive(QUEUE, 16, Duration.ofMinutes(1)); !batch.isEmpty();
             batch = queue.receive(QUEUE, 16, Duration.ofMinutes(1))) {
            for (QueueMessage message : batch) {
                extraction.run(ExtractionJob.parse(message.body()), message.dequeueCount(), 5);
                queue.delete(QUEUE, message);
                ran++;
            }
        }
        return ran;
    }

    /** The knowledge base as the assistant sees it, recording what was ingested. */
    public static final class RecordingKnowledgeBase implements KnowledgeBase {
        public final List<TextDocument> ingested = new ArrayList<>();
        public final List<String> deleted = new ArrayList<>();
        public boolean unavailable;

        @Override
        public List<KnowledgeHit> search(Caller caller, String query, int topK) {
            return List.of();
        }

        @Override
        public IngestReceipt ingestText(Caller caller, TextDocument document) {
            ingested.add(document);
            return new IngestReceipt(document.id(), 1, "created", 1);
        }

        @Override
        public void delete(Caller caller, String documentId) {
            if (unavailable) {
                throw new KnowledgeUnavailableException("knowledge is down", null);
            }
            deleted.add(caller.tenant().value() + "/" + documentId);
        }
    }
}
