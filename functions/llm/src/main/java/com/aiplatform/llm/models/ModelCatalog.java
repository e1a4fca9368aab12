package com.aiplatform.llm.models;

import com.aiplatform.llm.errors.OpenAiError;
import com.aiplatform.shared.problem.Problem;
import com.aiplatform.shared.problem.ProblemException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models this endpoint serves: one chat model (the pool) and one embedding model. {@code ownedBy} says what
 * each really is, so that the offline extractive method and the bundled embedder are never taken for a hosted
 * model: {@code extractive-offline} and {@code bundled-onnx}, or {@code aiplatform-pool} for real deployments.
 */
public record ModelCatalog(Model chat, Model embedding, long created) {

    public enum Kind { CHAT, EMBEDDING }

    public record Model(String id, Kind kind, String ownedBy) {
    }

    /** The chat model asked for, or 404 {@code model_not_found} as OpenAI answers. */
    public Model requireChat(String id) {
        return require(chat, id);
    }

    public Model requireEmbedding(String id) {
        return require(embedding, id);
    }

    private Model require(Model model, String id) {
        if (model.id().equals(id)) {
            return model;
        }
        Model other = model == chat ? embedding : chat;
        String detail = other.id().equals(id)
                ? "The model " + id + " is a" + (other.kind() == Kind.CHAT ? " chat" : "n embedding")
                + " model; this operation needs " + model.id()
                : "The model " + id + " does not exist here; GET /models lists " + chat.id() + " and " + embedding.id();
        throw new ProblemException(Problem.of(404, "model-not-found", "The model does not exist", detail)
                .with(OpenAiError.PARAM, "model"));
    }

    /** {@code GET /models}: OpenAI's list object. */
    public Map<String, Object> view() {
        return Map.of("object", "list", "data", List.of(entry(chat), entry(embedding)));
    }

    public Map<String, Object> view(String id) {
        Model model = chat.id().equals(id) ? chat : embedding.id().equals(id) ? embedding : null;
        if (model == null) {
            throw new ProblemException(Problem.of(404, "model-not-found", "The model does not exist",
                    "The model " + id + " does not exist here").with(OpenAiError.PARAM, "model"));
        }
        return entry(model);
    }

    private Map<String, Object> entry(Model model) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", model.id());
        entry.put("object", "model");
        entry.put("created", created);
        entry.put("owned_by", model.ownedBy());
        return entry;
    }
}
