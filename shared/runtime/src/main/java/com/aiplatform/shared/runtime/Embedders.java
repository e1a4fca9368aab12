package com.aiplatform.shared.runtime;

import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.embedding.openai.OpenAiEmbedder;
import com.aiplatform.shared.embedding.openai.http.OpenAiHttpEmbedder;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.llm.openai.OpenAiClients;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.settings.Settings;

import java.util.Locale;

/**
 * The text embedder of the apps that index text (knowledge, assistant, llm), chosen the same way in all:
 * {@code EMBEDDING_PROVIDER} {@code onnx} (default: the bundled model {@link BundledEmbedders} reads, fp32 unless
 * {@code ONNX_EMBEDDING_VARIANT} says int8) or {@code azure_openai} (the embeddings deployment of the OpenAI
 * settings, through openai-java in the llm app and the JDK's HttpClient elsewhere, as {@link ModelClients}
 * chooses). Apart from {@link SharedAdapters} so that only the apps that embed read these settings; such an app
 * depends on shared-onnx itself (this module has it as optional, to keep the model out of the others).
 */
public final class Embedders {

    public enum Backend { ONNX, AZURE_OPENAI }

    /** The variant of the apps that index when {@code ONNX_EMBEDDING_VARIANT} is unset. */
    static final String DEFAULT_VARIANT = "fp32";

    static final String ONNX_ADAPTER = "com.aiplatform.shared.embedding.onnx.OnnxEmbedder";

    private Embedders() {
    }

    /**
     * Checks these settings (and the OpenAI ones when the embeddings come from there) into {@code read}: a package
     * without the chosen adapter is named here, at start, not at the first embedding.
     */
    public static void checkSettings(Settings.Reader read) {
        backend(read);
    }

    /**
     * The embedder the settings name. The bundled ONNX model loads in the background while the app composes
     * itself, and is added to {@code parts} to be closed with the app.
     */
    public static Embedder fromSettings(Settings settings, AppParts parts) {
        Settings.Reader read = settings.reader();
        Backend backend = backend(read);
        read.validate();
        if (backend == Backend.AZURE_OPENAI) {
            OpenAiSettings openAi = OpenAiSettings.from(settings);
            return ModelClients.carriesOpenAiJava() ? openAiJava(openAi)
                    : OpenAiHttpEmbedder.create(ModelClients.endpoint(openAi), openAi);
        }
        return BundledEmbedders.shared(settings, DEFAULT_VARIANT, parts);
    }

    private static Backend backend(Settings.Reader read) {
        Backend backend = read.choice("EMBEDDING_PROVIDER", Backend.class, Backend.ONNX);
        if (backend == Backend.AZURE_OPENAI) {
            OpenAiSettings.read(read);
        } else if (!ModelClients.present(ONNX_ADAPTER)) {
            read.problem("EMBEDDING_PROVIDER=" + backend.name().toLowerCase(Locale.ROOT)
                    + " needs shared-onnx, which this app's package does not carry");
        } else {
            BundledEmbedders.read(read, DEFAULT_VARIANT);
        }
        return backend;
    }

    /** Apart, so that only an app that carries openai-java ever resolves its classes. */
    private static Embedder openAiJava(OpenAiSettings openAi) {
        return OpenAiEmbedder.create(OpenAiClients.create(openAi), openAi);
    }
}
