package com.aiplatform.testing.contract;

import com.aiplatform.shared.blob.Blob;
import com.aiplatform.shared.blob.BlobKey;
import com.aiplatform.shared.blob.BlobNames;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.identity.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link BlobStore} adapter must do. An adapter's test extends this and says how to open
 * the store; each test uses a container of its own, so the store may be shared. Metadata keys read
 * back in lower case: they travel as HTTP headers, which are case-insensitive.
 */
public abstract class BlobStoreContract {

    protected static final TenantId ACME = TenantId.of("acme");
    protected static final TenantId ACME_EU = TenantId.of("acme-eu");

    private BlobStore store;
    private String container;

    protected abstract BlobStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
        container = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private BlobKey key(TenantId tenant, String path) {
        return new BlobKey(container, tenant, path);
    }

    @Test
    void should_return_content_type_and_metadata_when_read_after_upsert() {
        byte[] content = new byte[256];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        store.upsert(key(ACME, "docs/report.pdf"), content, "application/pdf",
                Map.of("originalName", "Q3 report.pdf", "sha256", "abc123"));

        Blob blob = store.get(key(ACME, "docs/report.pdf")).orElseThrow();

        assertThat(blob.content()).isEqualTo(content);
        assertThat(blob.contentType()).isEqualTo("application/pdf");
        assertThat(blob.metadata()).containsOnly(Map.entry("originalname", "Q3 report.pdf"), Map.entry("sha256", "abc123"));
        assertThat(blob.key()).isEqualTo(key(ACME, "docs/report.pdf"));
    }

    @Test
    void should_replace_content_and_metadata_when_upserted_again() {
        store.upsert(key(ACME, "a.txt"), bytes("first"), "text/plain", Map.of("version", "1"));
        store.upsert(key(ACME, "a.txt"), bytes("second"), "text/markdown", Map.of());

        Blob blob = store.get(key(ACME, "a.txt")).orElseThrow();

        assertThat(new String(blob.content(), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(blob.contentType()).isEqualTo("text/markdown");
        assertThat(blob.metadata()).doesNotContainKey("version");
    }

    @Test
    void should_return_empty_when_blob_or_container_absent() {
        assertThat(store.get(key(ACME, "never.txt"))).isEmpty();
        assertThat(store.exists(key(ACME, "never.txt"))).isFalse();
        assertThat(store.list(container, ACME, "")).isEmpty();
        store.upsert(key(ACME, "present.txt"), bytes("x"), "text/plain", Map.of());
        assertThat(store.get(key(ACME, "never.txt"))).isEmpty();
        assertThat(store.exists(key(ACME, "present.txt"))).isTrue();
    }

    @Test
    void should_keep_tenants_apart_when_paths_are_equal() {
        store.upsert(key(ACME, "same.txt"), bytes("acme"), "text/plain", Map.of());
        store.upsert(key(ACME_EU, "same.txt"), bytes("acme-eu"), "text/plain", Map.of());

        assertThat(store.get(key(ACME, "same.txt")).orElseThrow().content()).isEqualTo(bytes("acme"));
        store.delete(key(ACME_EU, "same.txt"));
        assertThat(store.exists(key(ACME, "same.txt"))).isTrue();
        assertThat(store.exists(key(ACME_EU, "same.txt"))).isFalse();
    }

    @Test
    void should_list_only_tenants_blobs_under_prefix_in_name_order() {
        store.upsert(key(ACME, "docs/b.txt"), bytes("b"), "text/plain", Map.of());
        store.upsert(key(ACME, "docs/a.txt"), bytes("a"), "text/plain", Map.of());
        store.upsert(key(ACME, "images/c.png"), bytes("c"), "image/png", Map.of());
        store.upsert(key(ACME_EU, "docs/d.txt"), bytes("d"), "text/plain", Map.of());

        assertThat(store.list(container, ACME, "docs/")).extracting(BlobKey::path)
                .containsExactly("docs/a.txt", "docs/b.txt");
        assertThat(store.list(container, ACME, "")).extracting(BlobKey::path)
                .containsExactly("docs/a.txt", "docs/b.txt", "images/c.png");
        assertThat(store.list(container, ACME_EU, "")).extracting(BlobKey::path).containsExactly("docs/d.txt");
        assertThat(store.list(container, ACME, "docs/")).allSatisfy(k -> {
            assertThat(k.tenant()).isEqualTo(ACME);
            assertThat(k.container()).isEqualTo(container);
        });
    }

    @Test
    void should_succeed_when_deleting_absent_blob() {
        store.upsert(key(ACME, "gone.txt"), bytes("x"), "text/plain", Map.of());
        store.delete(key(ACME, "gone.txt"));
        store.delete(key(ACME, "gone.txt"));
        store.delete(new BlobKey(container + "x", ACME, "never.txt"));
        assertThat(store.exists(key(ACME, "gone.txt"))).isFalse();
    }

    @Test
    void should_reject_metadata_key_that_is_not_an_identifier() {
        assertThatThrownBy(() -> store.upsert(key(ACME, "m.txt"), bytes("x"), "text/plain",
                Map.of("original-name", "a.txt")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("original-name");
        assertThat(store.exists(key(ACME, "m.txt"))).isFalse();
    }

    @Test
    void should_page_unpartitioned_names_under_a_prefix_in_name_order() {
        for (String name : List.of("SUB-B/2026/1/2/3/b.json", "SUB-A/2026/1/2/3/c.json", "SUB-A/2026/1/2/3/a.json",
                "SUB-A/2026/11/2/3/d.json")) {
            store.upsertUnpartitioned(container, name, bytes(name), "application/json");
        }

        BlobNames first = store.listUnpartitioned(container, "SUB-A/", 2, null);
        BlobNames second = store.listUnpartitioned(container, "SUB-A/", 2, first.continuation().orElseThrow());

        assertThat(first.names()).containsExactly("SUB-A/2026/1/2/3/a.json", "SUB-A/2026/1/2/3/c.json");
        assertThat(second.names()).containsExactly("SUB-A/2026/11/2/3/d.json");
        assertThat(second.continuation()).isEmpty();
        assertThat(store.listUnpartitioned(container + "x", "", 10, null).names()).isEmpty();
    }

    @Test
    void should_read_and_delete_an_unpartitioned_blob_by_its_name() {
        store.upsertUnpartitioned(container, "TOPIC/SUB/2026/1/2/3/x.json", bytes("[1]"), "application/json");

        assertThat(store.getUnpartitioned(container, "TOPIC/SUB/2026/1/2/3/x.json")).hasValueSatisfying(
                content -> assertThat(content).isEqualTo(bytes("[1]")));
        store.deleteUnpartitioned(container, "TOPIC/SUB/2026/1/2/3/x.json");
        store.deleteUnpartitioned(container, "TOPIC/SUB/2026/1/2/3/x.json");
        assertThat(store.getUnpartitioned(container, "TOPIC/SUB/2026/1/2/3/x.json")).isEmpty();
        assertThatThrownBy(() -> store.getUnpartitioned(container, "../other/x.json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
