package com.aiplatform.shared.runtime;

import com.aiplatform.shared.embedding.background.BackgroundEmbedder;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.embedding.onnx.OnnxModel;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.settings.Settings;

import java.util.Arrays;

/**
 * The bundled embedding model, in process: {@code ONNX_EMBEDDING_MODEL} ({@code all-minilm-l6-v2} by default, or
 * {@code bge-small-en-v1.5}) in the {@code ONNX_EMBEDDING_VARIANT} {@code fp32} or {@code int8}. {@link Embedders}
 * chooses it for the apps that index text; the agent, which always needs its tokenizer (the history window) and,
 * offline, its vectors (the tool router), asks for it here directly. Apart from {@link Embedders} so that the agent
 * reads only these settings, not {@code EMBEDDING_PROVIDER}.
 */
public final class BundledEmbedders {

    public static final String DEFAULT_MODEL_NAME = "all-minilm-l6-v2";

    /** What the settings choose. */
    public record Choice(OnnxModel model, OnnxEmbedder.Variant variant) {
    }

    private BundledEmbedders() {
    }

    /**
     * Reads these settings into {@code read}, which collects their problems; {@code defaultVariant} ({@code fp32}
     * or {@code int8}) is the app's variant when {@code ONNX_EMBEDDING_VARIANT} is unset.
     */
    public static Choice read(Settings.Reader read, String defaultVariant) {
        String variant = read.string("ONNX_EMBEDDING_VARIANT", defaultVariant);
        OnnxEmbedder.Variant chosen = OnnxEmbedder.Variant.FP32;
        if (variant.equalsIgnoreCase("int8")) {
            chosen = OnnxEmbedder.Variant.INT8;
        } else if (!variant.equalsIgnoreCase("fp32")) {
            read.problem("ONNX_EMBEDDING_VARIANT must be fp32 or int8, not '" + variant + "'");
        }
        String model = read.string("ONNX_EMBEDDING_MODEL", DEFAULT_MODEL_NAME);
        try {
            return new Choice(OnnxModel.fromName(model), chosen);
        } catch (IllegalArgumentException e) {
            read.problem("ONNX_EMBEDDING_MODEL must be one of " + Arrays.stream(OnnxModel.values())
                    .map(OnnxModel::modelName).toList() + ", not '" + model + "'");
            return new Choice(OnnxModel.ALL_MINILM_L6_V2, chosen);
        }
    }

    /**
     * The model the settings name, shared with every other app of this JVM that names the same model and variant
     * ({@link LoadedModels}) and loading on a thread of its own when none has loaded it (see
     * {@link BackgroundEmbedder}): the app's composition goes on beside the load, and the first call that embeds
     * or counts tokens waits for what is left. The lease is added to {@code parts}, to be given back with the app.
     */
    public static ModelLease shared(Settings settings, String defaultVariant, AppParts parts) {
        Settings.Reader read = settings.reader();
        Choice choice = read(read, defaultVariant);
        read.validate();
        return parts.resource(LoadedModels.lease(choice, OnnxEmbedder.modelOf(choice.model(), choice.variant()),
                () -> OnnxEmbedder.load(choice.model(), choice.variant())));
    }
}
