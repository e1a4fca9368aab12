package com.aiplatform.shared.runtime;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.embedding.onnx.OnnxModel;
import com.aiplatform.shared.embedding.openai.OpenAiEmbedder;
import com.aiplatform.shared.embedding.openai.http.OpenAiHttpEmbedder;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.llm.openai.OpenAiClients;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.settings.Settings;

import java.util.Locale;

/**
 * The text embedder of the apps that index text (knowledge, assistant), chosen the same way in both:
 * {@code EMBEDDING_PROVIDER} {@code onnx} (default: a bundled model, {@code ONNX_EMBEDDING_MODEL}
 * {@code all-minilm-l6-v2} or {@code bge-small-en-v1.5}, {@code ONNX_EMBEDDING_VARIANT} {@code fp32} or {@code int8}) or {@code azure_openai} (the embeddings deployment of the OpenAI settings, through openai-java in the llm app and the
 * JDK's HttpClient elsewhere, as {@link ModelClients} chooses).
 * Apart from {@link SharedAdapters} so that only the apps that embed read these settings; such an app
 * depends on shared-onnx itself (this module has it as optional, to keep the model out of the others).
 */
public final class Embedders {

    public enum Backend { ONNX, AZURE_OPENAI }

    public static final String DEFAULT_MODEL_NAME = "all-minilm-l6-v2";

    static final String ONNX_ADAPTER = "com.aiplatform.shared.embedding.onnx.OnnxEmbedder";

    private Embedders() {
    }

    /**
     * Checks these settings (and the OpenAI ones when the embeddings come from there) into {@code read}: a package
     * without the chosen adapter is named here, at start, not at the first embedding.
     */
    public static void checkSettings(Settings.Reader read) {
        Backend backend = read.choice("EMBEDDING_PROVIDER", Backend.class, Backend.ONNX);
        if (backend == Backend.AZURE_OPENAI) {
            OpenAiSettings.read(read);
            return;
        }
        if (!ModelClients.present(ONNX_ADAPTER)) {
            read.problem("EMBEDDING_PROVIDER=" + backend.name().toLowerCase(Locale.ROOT)
                    + " needs shared-onnx, which this app's package does not carry");
            return;
        }
        String variant = read.string("ONNX_EMBEDDING_VARIANT", "fp32");
        if (!variant.equalsIgnoreCase("fp32") && !variant.equalsIgnoreCase("int8")) {
            read.problem("ONNX_EMBEDDING_VARIANT must be fp32 or int8, not '" + variant + "'");
        }
        String model = read.string("ONNX_EMBEDDING_MODEL", DEFAULT_MODEL_NAME);
        try {
            OnnxModel.fromName(model);
        } catch (IllegalArgumentException e) {
            read.problem("ONNX_EMBEDDING_MODEL must be one of " + java.util.Arrays.stream(OnnxModel.values())
                    .map(OnnxModel::modelName).toList() + ", not '" + model + "'");
        }
    }

    /** The embedder the settings name; a loaded ONNX model is added to {@code parts} to be closed with the app. */
    public static Embedder fromSettings(Settings settings, AppParts parts) {
        Settings.Reader read = settings.reader();
        checkSettings(read);
        read.validate();
        if (read.choice("EMBEDDING_PROVIDER", Backend.class, Backend.ONNX) == Backend.AZURE_OPENAI) {
            OpenAiSettings openAi = OpenAiSettings.from(settings);
            return ModelClients.carriesOpenAiJava() ? openAiJava(openAi)
                    : OpenAiHttpEmbedder.create(ModelClients.endpoint(openAi), openAi);
        }
        return parts.resource(OnnxEmbedder.load(OnnxModel.fromName(read.string("ONNX_EMBEDDING_MODEL",
                DEFAULT_MODEL_NAME)), "int8".equalsIgnoreCase(read.string("ONNX_EMBEDDING_VARIANT", "fp32"))
                ? OnnxEmbedder.Variant.INT8 : OnnxEmbedder.Variant.FP32));
    }

    /** Apart, so that only an app that carries openai-java ever resolves its classes. */
    private static Embedder openAiJava(OpenAiSettings openAi) {
        return OpenAiEmbedder.create(OpenAiClients.create(openAi), openAi);
    }
}
