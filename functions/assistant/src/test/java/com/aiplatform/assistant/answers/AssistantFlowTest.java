package com.aiplatform.assistant.answers;

import com.aiplatform.assistant.AssistantTestKit;
import com.aiplatform.assistant.extraction.OcrEngine;
import com.aiplatform.assistant.files.FileRecord;
import com.aiplatform.assistant.files.FileStatus;
import com.aiplatform.assistant.files.Upload;
import com.aiplatform.shared.embedding.onnx.OnnxEmbedder;
import com.aiplatform.shared.llm.openai.OpenAiSettings;
import com.aiplatform.shared.llm.openai.http.OpenAiHttpEndpoint;
import com.aiplatform.shared.llm.openai.http.OpenAiHttpLlmClient;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.testing.documents.DocumentFixtures;
import com.aiplatform.testing.documents.ImageFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.aiplatform.assistant.AssistantTestKit.ALICE;
import static com.aiplatform.assistant.AssistantTestKit.BOB;
import static com.aiplatform.assistant.AssistantTestKit.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The assistant's services end to end over in-memory stores, with the real embedder, Tika and extractive answerer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssistantFlowTest {

    private OnnxEmbedder embedder;
    @TempDir
    Path scratch;

    @BeforeAll
    void load() {
        embedder = OnnxEmbedder.load(OnnxEmbedder.Variant.INT8);
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    private AssistantTestKit kit(Optional<com.aiplatform.shared.llm.LlmClient> vision) {
        return new AssistantTestKit(embedder, OcrEngine.NONE, vision, scratch, 1_000_000);
    }

    @Test
    void should_answer_from_the_right_page_with_its_number_when_a_pdf_is_asked_about() {
        var kit = kit(Optional.empty());
        byte[] pdf = DocumentFixtures.pdfPages("Manual", List.of(List.of("Unpack the machine and fill the tank."),
                List.of("Descale the boiler every month with citric acid."), List.of("The warranty lasts two years.")));
        var upload = kit.files.upload(call(ALICE), new Upload(pdf, "application/pdf", Optional.of("manual.pdf")));
        assertThat(upload.created()).isTrue();
        assertThat(upload.file().status()).isEqualTo(FileStatus.QUEUED);

        assertThat(kit.drain()).isEqualTo(1);

        FileRecord ready = kit.files.get(ALICE.tenant(), upload.file().fileId());
        assertThat(ready.status()).isEqualTo(FileStatus.READY);
        assertThat(kit.files.extraction(ready).orElseThrow().pageCount()).isEqualTo(3);
        var answer = kit.answers.ask(call(ALICE), ready.fileId(), new AskRequest("How often should the boiler be descaled?", 2));
        assertThat(answer.path()).isEqualTo("text");
        assertThat(answer.generator()).isEqualTo("extractive-offline");
        assertThat(answer.answer()).contains("every month");
        assertThat(answer.references()).anySatisfy(r -> assertThat(r.page()).isEqualTo(2));
        assertThat(kit.usageSink.records()).extracting(r -> r.operation())
                .contains("embed-file", "embed-query", "ask-file");
        assertThat(kit.events).anySatisfy(e -> assertThat(e.data().path("status").asText()).isEqualTo("ready"));
    }

    @Test
    void should_be_the_same_file_and_queue_nothing_new_when_the_same_bytes_come_again() {
        var kit = kit(Optional.empty());
        byte[] text = "Opening hours are nine to five.".getBytes();
        var first = kit.files.upload(call(ALICE), new Upload(text, "text/plain", Optional.empty()));
        kit.drain();
        var second = kit.files.upload(call(ALICE), new Upload(text, "text/plain", Optional.of("hours.txt")));

        assertThat(second.created()).isFalse();
        assertThat(second.file().fileId()).isEqualTo(first.file().fileId());
        assertThat(kit.drain()).isZero();
    }

    @Test
    void should_answer_from_metadata_and_say_so_when_an_image_has_no_ocr_and_no_vision_model() {
        var kit = kit(Optional.empty());
        byte[] jpeg = ImageFixtures.jpegWithExif(80, 60, Map.of(ImageFixtures.MAKE, "Acme Optics",
                ImageFixtures.MODEL, "Falcon 9"));
        var upload = kit.files.upload(call(ALICE), new Upload(jpeg, "image/jpeg", Optional.of("photo.jpg")));
        kit.drain();

        var answer = kit.answers.ask(call(ALICE), upload.file().fileId(), new AskRequest("Which camera model took the photo?", null));

        assertThat(answer.path()).isEqualTo("metadata");
        assertThat(answer.answer()).contains("Falcon 9");
        assertThat(answer.references()).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo("metadata"));
    }

    @Test
    void should_send_the_image_to_the_vision_model_and_say_so_when_one_is_configured() {
        try (var model = new FakeVisionModel()) {
            OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("AZURE_OPENAI_ENDPOINT", model.endpoint(),
                    "AZURE_OPENAI_API_KEY", "test-key")));
            var vision = new OpenAiHttpLlmClient(new OpenAiHttpEndpoint(HttpClient.newHttpClient(), settings, null,
                    Clock.systemUTC()), "gpt-4o-vision");
            var kit = kit(Optional.of(vision));
            byte[] png = ImageFixtures.picture(32, 24, "png");
            var upload = kit.files.upload(call(ALICE), new Upload(png, "image/png", Optional.empty()));
            kit.drain();

            var answer = kit.answers.ask(call(ALICE), upload.file().fileId(), new AskRequest("What does the picture show?", null));

            assertThat(answer.path()).isEqualTo("vision");
            assertThat(answer.generator()).isEqualTo("model");
            assertThat(answer.model()).isEqualTo("gpt-4o-vision");
            assertThat(answer.answer()).contains("espresso machine");
            assertThat(answer.usage().inputTokens()).isEqualTo(850);
            var sent = model.requests().get(0);
            assertThat(sent.path("model").asText()).isEqualTo("gpt-4o-vision");
            assertThat(sent.toString()).contains("data:image/png;base64,").contains("32 by 24 pixels");
            assertThat(kit.usageSink.records()).anySatisfy(r -> {
                assertThat(r.model()).isEqualTo("gpt-4o-vision");
                assertThat(r.operation()).isEqualTo("ask-file");
            });
        }
    }

    @Test
    void should_mark_the_file_failed_with_422_and_refuse_questions_when_the_pdf_is_corrupt() {
        var kit = kit(Optional.empty());
        byte[] corrupt = java.util.Arrays.copyOf(DocumentFixtures.pdf("Broken", List.of("cut short")), 80);
        var upload = kit.files.upload(call(ALICE), new Upload(corrupt, "application/pdf", Optional.empty()));
        assertThatThrownBy(() -> kit.answers.ask(call(ALICE), upload.file().fileId(), new AskRequest("What?", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));

        kit.drain();

        FileRecord failed = kit.files.get(ALICE.tenant(), upload.file().fileId());
        assertThat(failed.status()).isEqualTo(FileStatus.FAILED);
        assertThat(failed.error()).containsEntry("status", 422);
        assertThatThrownBy(() -> kit.answers.ask(call(ALICE), failed.fileId(), new AskRequest("What?", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void should_answer_404_for_another_tenants_file_and_remove_everything_on_delete() {
        var kit = kit(Optional.empty());
        var upload = kit.files.upload(call(ALICE), new Upload("Secret plans for Tuesday.".getBytes(), "text/plain",
                Optional.empty()));
        kit.drain();
        String id = upload.file().fileId();

        for (var attempt : List.<Runnable>of(() -> kit.files.get(BOB.tenant(), id),
                () -> kit.files.content(BOB.tenant(), id), () -> kit.files.delete(BOB.tenant(), id),
                () -> kit.answers.ask(call(BOB), id, new AskRequest("plans?", null)),
                () -> kit.publisher.publish(call(BOB), id), () -> kit.files.get(ALICE.tenant(), "not-an-id"))) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.status()).isEqualTo(404));
        }
        assertThat(kit.blobs.list("assistant-files", ALICE.tenant(), "files/" + id)).hasSize(2);

        kit.files.delete(ALICE.tenant(), id);

        assertThat(kit.blobs.list("assistant-files", ALICE.tenant(), "")).isEmpty();
        assertThat(kit.tables.list("assistantfiles", ALICE.tenant().value())).isEmpty();
    }

    @Test
    void should_publish_the_text_under_an_id_derived_from_the_file_when_asked_to() {
        var kit = kit(Optional.empty());
        byte[] docx = DocumentFixtures.docx("Shipping", List.of("Parcels to Norway take seven days."));
        var upload = kit.files.upload(call(ALICE), new Upload(docx,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Optional.of("shipping.docx")));
        kit.drain();

        var published = kit.publisher.publish(call(ALICE), upload.file().fileId());

        assertThat(published.documentId()).isEqualTo("assistant-" + upload.file().fileId());
        assertThat(published.source()).isEqualTo("/api/v1/knowledge/documents/assistant-" + upload.file().fileId());
        var document = kit.knowledge.ingested.get(0);
        assertThat(document.title()).isEqualTo("shipping.docx");
        assertThat(document.text()).contains("Parcels to Norway take seven days.");
        assertThat(document.metadata()).containsEntry("assistantFileId", upload.file().fileId());
        assertThat(document.readers()).as("the knowledge app's default: the publishing consumer only").isNull();
    }

    @Test
    void should_publish_with_the_readers_the_request_names_and_refuse_readers_naming_nobody_with_400() {
        var kit = kit(Optional.empty());
        var upload = kit.files.upload(call(ALICE), new Upload("Parcels to Norway take seven days.".getBytes(),
                "text/plain", Optional.of("shipping.txt")));
        kit.drain();
        String id = upload.file().fileId();

        kit.publisher.publish(call(ALICE), id, new PublishRequest(
                new PublishRequest.JsonReaders(null, List.of("support"), List.of())));

        assertThat(kit.knowledge.ingested.get(0).readers())
                .isEqualTo(com.aiplatform.shared.identity.Readers.of(List.of("support"), List.of()));
        assertThatThrownBy(() -> kit.publisher.publish(call(ALICE), id, new PublishRequest(
                new PublishRequest.JsonReaders(false, List.of(), List.of()))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(kit.knowledge.ingested).hasSize(1);
    }

    @Test
    void should_remove_the_published_copy_from_knowledge_when_the_file_is_deleted() {
        var kit = kit(Optional.empty());
        var upload = kit.files.upload(call(ALICE), new Upload("Parcels to Norway take seven days.".getBytes(),
                "text/plain", Optional.of("shipping.txt")));
        kit.drain();
        String id = upload.file().fileId();
        kit.publisher.publish(call(ALICE), id);

        kit.publisher.delete(ALICE, id);

        assertThat(kit.knowledge.deleted).containsExactly(ALICE.tenant().value() + "/assistant-" + id);
        assertThatThrownBy(() -> kit.files.get(ALICE.tenant(), id)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(404));
    }

    @Test
    void should_keep_the_file_and_answer_503_when_knowledge_cannot_remove_its_copy() {
        var kit = kit(Optional.empty());
        var upload = kit.files.upload(call(ALICE), new Upload("Parcels to Norway take seven days.".getBytes(),
                "text/plain", Optional.of("shipping.txt")));
        kit.drain();
        String id = upload.file().fileId();
        kit.knowledge.unavailable = true;

        assertThatThrownBy(() -> kit.publisher.delete(ALICE, id)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(503));
        assertThat(kit.files.get(ALICE.tenant(), id).fileId()).isEqualTo(id);

        kit.knowledge.unavailable = false;
        kit.publisher.delete(ALICE, id);
        assertThat(kit.knowledge.deleted).containsExactly(ALICE.tenant().value() + "/assistant-" + id);
        assertThat(kit.tables.list("assistantfiles", ALICE.tenant().value())).isEmpty();
    }

    @Test
    void should_answer_404_without_touching_knowledge_when_another_tenant_deletes_a_file() {
        var kit = kit(Optional.empty());
        var upload = kit.files.upload(call(ALICE), new Upload("Parcels to Norway take seven days.".getBytes(),
                "text/plain", Optional.of("shipping.txt")));

        assertThatThrownBy(() -> kit.publisher.delete(BOB, upload.file().fileId())).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(404));
        assertThat(kit.knowledge.deleted).isEmpty();
    }

    @Test
    void should_queue_a_file_uploaded_straight_to_the_container_and_ignore_other_events() {
        var kit = kit(Optional.empty());
        byte[] text = "Delivered straight to blob storage.".getBytes();
        kit.blobs.upsert(kit.storage.blob(ALICE.tenant(), "uploads/notes.txt"), text, "text/plain", Map.of());
        String event = """
                {"specversion":"1.0","id":"evt-1","source":"/subscriptions/x/storageAccounts/y",
                 "type":"Microsoft.Storage.BlobCreated","time":"2026-11-27T09:00:00Z",
                 "subject":"/blobServices/default/containers/assistant-files/blobs/tenant-a/uploads/notes.txt",
                 "data":{"api":"PutBlob","contentType":"text/plain","contentLength":%d,"eTag":"0x8DC1","url":"http://x"}}"""
                .formatted(text.length);

        String fileId = kit.blobCreated.handle(event).orElseThrow();
        assertThat(kit.blobCreated.handle(event)).as("a redelivered event names the same file").contains(fileId);
        kit.drain();
        assertThat(kit.events).as("the second job finds the file done and does nothing").hasSize(1);

        FileRecord record = kit.files.get(ALICE.tenant(), fileId);
        assertThat(record.status()).isEqualTo(FileStatus.READY);
        assertThat(record.source()).isEqualTo(FileRecord.FileSource.BLOB_CREATED);
        assertThat(record.fileName()).isEqualTo("notes.txt");
        assertThat(kit.files.extraction(record).orElseThrow().text()).isEqualTo("Delivered straight to blob storage.");
        assertThat(kit.blobCreated.handle(event.replace("tenant-a/uploads/", "tenant-a/files/"))).isEmpty();
        assertThat(kit.blobCreated.handle(event.replace("Microsoft.Storage.BlobCreated", "Microsoft.Storage.BlobDeleted"))).isEmpty();
        assertThat(kit.blobCreated.handle(event.replace("tenant-a/uploads/", "Not_A_Tenant/uploads/"))).isEmpty();

        kit.files.delete(ALICE.tenant(), fileId);
        assertThat(kit.blobs.list("assistant-files", ALICE.tenant(), "")).isEmpty();
    }

    @Test
    void should_refuse_on_the_request_path_when_bytes_contradict_the_type_or_the_image_is_a_bomb_or_empty() {
        var kit = kit(Optional.empty());
        byte[] png = ImageFixtures.picture(10, 10, "png");
        Map<Integer, Upload> cases = Map.of(
                415, new Upload(png, "application/pdf", Optional.empty()),
                422, new Upload(ImageFixtures.pngDeclaring(200_000, 200_000), "image/png", Optional.empty()),
                400, new Upload(new byte[0], "text/plain", Optional.empty()));
        cases.forEach((status, upload) -> assertThatThrownBy(() -> kit.files.upload(call(ALICE), upload))
                .as("expected %d", status)
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(status)));
        assertThat(kit.queue.depth(AssistantTestKit.QUEUE)).isZero();
        assertThat(kit.tables.list("assistantfiles", ALICE.tenant().value())).isEmpty();
    }
}
