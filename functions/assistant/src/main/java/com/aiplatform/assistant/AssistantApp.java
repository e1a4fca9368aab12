package com.aiplatform.assistant;

import com.aiplatform.assistant.answers.AskService;
import com.aiplatform.assistant.answers.PublishService;
import com.aiplatform.assistant.api.AskFunctions;
import com.aiplatform.assistant.api.ExtractionFunctions;
import com.aiplatform.assistant.api.FileFunctions;
import com.aiplatform.assistant.api.HealthFunctions;
import com.aiplatform.assistant.api.OpenApiFunctions;
import com.aiplatform.assistant.extraction.Chunks;
import com.aiplatform.assistant.extraction.ExtractionService;
import com.aiplatform.assistant.extraction.FileEvents;
import com.aiplatform.assistant.extraction.FileReader;
import com.aiplatform.assistant.extraction.ImageExtractor;
import com.aiplatform.assistant.extraction.OcrEngine;
import com.aiplatform.assistant.extraction.OcrHealth;
import com.aiplatform.assistant.extraction.tesseract.TesseractOcrEngine;
import com.aiplatform.assistant.files.BlobCreatedService;
import com.aiplatform.assistant.files.FileRepository;
import com.aiplatform.assistant.files.FileService;
import com.aiplatform.assistant.files.FileStorage;
import com.aiplatform.assistant.files.ImageHeaders;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.azure.AzureStorageClients;
import com.aiplatform.shared.embedding.Embedder;
import com.aiplatform.shared.function.AppParts;
import com.aiplatform.shared.function.ComposedApp;
import com.aiplatform.shared.function.HostServices;
import com.aiplatform.shared.health.ClassDataSharing;
import com.aiplatform.shared.health.HealthService;
import com.aiplatform.shared.health.StorageChecks;
import com.aiplatform.shared.knowledge.http.HttpKnowledgeBase;
import com.aiplatform.shared.knowledge.http.KnowledgeApiSettings;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.runtime.AppSettings;
import com.aiplatform.shared.runtime.EmbedderHealth;
import com.aiplatform.shared.runtime.Embedders;
import com.aiplatform.shared.runtime.RuntimeSettings;
import com.aiplatform.shared.runtime.SharedAdapters;
import com.aiplatform.shared.runtime.VisionModels;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.tika.DocumentReader;
import com.aiplatform.shared.tika.MediaTypes;
import com.aiplatform.shared.telemetry.azure.Telemetry;
import com.aiplatform.shared.usage.UsageMeter;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The assistant app's composition root: every client and service is built here, once per process,
 * from settings. Function classes receive their services through their constructors.
 */
public final class AssistantApp extends ComposedApp {

    public static final String NAME = "assistant";
    private static final int CHUNK_WORDS = 120;
    private static final int CHUNK_OVERLAP_WORDS = 20;


    private AssistantApp(AppParts parts) {
        super(parts);
    }

    public static AssistantApp create(Settings settings, HostServices host) {
        AppSettings.check(settings, AssistantSettings::read, KnowledgeApiSettings::read, Embedders::checkSettings,
                VisionModels::checkSettings, SharedAdapters.SETTINGS);
        AssistantSettings config = AssistantSettings.from(settings);
        RuntimeSettings runtime = RuntimeSettings.from(settings);
        Clock clock = host.clock();
        AppParts parts = new AppParts(NAME);
        try {
            parts.resource(Telemetry.configure(settings));
            AzureStorageClients azure = AzureStorageClients.fromSettings(settings);
            WorkQueue queue = azure.workQueue();
            TableStore tables = azure.tableStore();
            BlobStore blobs = azure.blobStore();
            var storage = new FileStorage(new FileRepository(tables, config.filesTable()),
                    blobs, config.filesContainer(), queue, config.extractionQueue());
            Embedder embedder = Embedders.fromSettings(settings, parts);
            UsageMeter usage = SharedAdapters.usageMeter(runtime, queue, clock);
            var types = new MediaTypes(FileService.ACCEPTED);
            var headers = new ImageHeaders(config.maxImagePixels());
            OcrEngine ocr = config.ocrCommand().isBlank() ? OcrEngine.NONE
                    : new TesseractOcrEngine(config.ocrCommand(), config.ocrTimeout());
            var reader = new FileReader(types, new DocumentReader(config.maxTextCharacters(), config.scratchDir()),
                    new ImageExtractor(headers, ocr), config.maxFileBytes());
            var files = new FileService(storage, types, headers, clock);
            var extraction = new ExtractionService(storage, reader,
                    new Chunks(embedder, CHUNK_WORDS, CHUNK_OVERLAP_WORDS), usage,
                    new FileEvents(SharedAdapters.events(runtime, settings, host), clock), clock, embedder.model().name());
            Budget budget = SharedAdapters.budget(settings);
            Optional<LlmClient> vision = VisionModels.fromSettings(settings, clock);
            TokenCounter tokens = embedder instanceof TokenCounter counter ? counter : TokenCounter.approximate();
            var answers = new AskService(files, embedder,
                    new BudgetedChat(SharedAdapters.llm(runtime, settings), usage, budget, tokens),
                    vision.map(model -> new BudgetedChat(model, usage, budget, tokens)),
                    usage);
            var publisher = new PublishService(files, HttpKnowledgeBase.create(KnowledgeApiSettings.from(settings)));
            parts.function(new FileFunctions(files, publisher, config.maxFileBytes()))
                    .function(new AskFunctions(answers, publisher))
                    .function(new ExtractionFunctions(extraction,
                            new BlobCreatedService(storage, config.maxFileBytes(), clock)))
                    .function(new OpenApiFunctions())
                    .function(new HealthFunctions(new HealthService(NAME, List.of(
                            StorageChecks.table(tables, config.filesTable()),
                            StorageChecks.container(blobs, config.filesContainer()),
                            StorageChecks.queue(queue, config.extractionQueue()),
                            EmbedderHealth.check(embedder),
                            OcrHealth.check(ocr, config.ocrCommand(), vision.isPresent()),
                            ClassDataSharing.check()),
                            clock)));
            return new AssistantApp(parts);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }
}
