package com.aiplatform.assistant.answers;

import com.aiplatform.assistant.files.Extraction;
import com.aiplatform.assistant.files.FileService;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.Embeddings;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.ImagePart;
import com.aiplatform.shared.llm.LlmException;
import com.aiplatform.shared.llm.Source;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.resilience.CallTimeoutException;
import com.aiplatform.shared.resilience.CircuitOpenException;
import com.aiplatform.shared.usage.CallContext;
import com.aiplatform.shared.usage.Usage;
import com.aiplatform.shared.usage.UsageMeter;
import com.aiplatform.shared.usage.UsageRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers a question about one file from that file only. Documents: the passages closest to the question,
 * with their pages. Images: a vision model looks at the image itself when one is configured; otherwise
 * the text OCR read from it and its metadata (as sentences) are the sources. Every model call is metered.
 */
public final class AskService {

    static final String INSTRUCTIONS = "You answer questions about one file the user uploaded. Use only the numbered "
            + "sources (and the image, when one is attached). Cite every statement with its source number in "
            + "brackets, like [1]. If the file does not contain the answer, say that you do not know.";
    private static final int MAX_ANSWER_TOKENS = 512;
    private static final int EXCERPT_LENGTH = 300;

    private final FileService files;
    private final Embedder embedder;
    private final BudgetedChat llm;
    private final Optional<BudgetedChat> vision;
    private final UsageMeter usage;

    public AskService(FileService files, Embedder embedder, BudgetedChat llm, Optional<BudgetedChat> vision,
                      UsageMeter usage) {
        this.files = files;
        this.embedder = embedder;
        this.llm = llm;
        this.vision = vision;
        this.usage = usage;
    }

    public FileAnswer ask(CallContext call, String fileId, AskRequest request) {
        TenantId tenant = call.caller().tenant();
        FileService.ReadyFile file = files.ready(tenant, fileId);
        Extraction extraction = file.extraction();
        List<FileAnswer.Reference> references = new ArrayList<>();
        if (extraction.image() != null) {
            references.add(new FileAnswer.Reference(1, "metadata", null, null, ImageFacts.of(extraction)));
        }
        for (Extraction.Chunk chunk : closest(call, extraction, request)) {
            references.add(new FileAnswer.Reference(references.size() + 1, extraction.image() != null ? "ocr" : "text",
                    chunk.page(), chunk.index(), chunk.text()));
        }
        List<Source> sources = references.stream()
                .map(r -> new Source(r.number(), label(file, r), r.excerpt())).toList();
        String path;
        BudgetedChat answerer = llm;
        ChatMessage question = ChatMessage.user(request.question());
        if (extraction.image() == null) {
            path = "text";
        } else if (vision.isPresent()) {
            path = "vision";
            answerer = vision.get();
            byte[] image = files.content(tenant, fileId).content();
            question = ChatMessage.user(request.question(), List.of(new ImagePart(extraction.mediaType(), image)));
        } else {
            path = references.size() > 1 ? "ocr" : "metadata";
        }
        BudgetedChat.Result result = chat(answerer, call, new ChatRequest(List.of(ChatMessage.system(INSTRUCTIONS),
                question), sources, List.of(), MAX_ANSWER_TOKENS, 0.1));
        ChatResponse response = result.response();
        UsageRecord record = result.usage();
        List<FileAnswer.Reference> cited = references.stream()
                .filter(r -> response.citations().contains(r.number()))
                .map(r -> new FileAnswer.Reference(r.number(), r.kind(), r.page(), r.chunkIndex(), excerpt(r.excerpt())))
                .toList();
        return new FileAnswer(fileId, request.question(), response.text(), path, response.generator().label(),
                response.usage().model(), cited,
                new FileAnswer.Usage(record.inputTokens(), record.outputTokens(), record.costUsd()));
    }

    private List<Extraction.Chunk> closest(CallContext call, Extraction extraction, AskRequest request) {
        if (extraction.chunks().isEmpty()) {
            return List.of();
        }
        Embeddings query = embedder.embedQueries(List.of(request.question()));
        usage.record(call, "embed-query", new Usage(embedder.model().name(), query.inputTokens(), 0));
        return Passages.closest(extraction.chunks(), query.vectors().get(0), request.topK());
    }

    private static BudgetedChat.Result chat(BudgetedChat answerer, CallContext call, ChatRequest request) {
        try {
            return answerer.chat(call, "ask-file", request);
        } catch (LlmException | CircuitOpenException | CallTimeoutException e) {
            throw ProblemException.unavailable("The model " + answerer.modelName() + " did not answer", e);
        }
    }

    private static String label(FileService.ReadyFile file, FileAnswer.Reference reference) {
        String name = file.record().fileName().isBlank() ? file.record().fileId() : file.record().fileName();
        return switch (reference.kind()) {
            case "metadata" -> name + " (image metadata)";
            case "ocr" -> name + " (text read from the image)";
            default -> reference.page() == null ? name : name + " (page " + reference.page() + ")";
        };
    }

    private static String excerpt(String text) {
        return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH - 3) + "...";
    }
}
