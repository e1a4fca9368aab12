package com.aiplatform.shared.azure;

import com.aiplatform.shared.blob.azure.AzureBlobStore;
import com.aiplatform.shared.queue.azure.AzureStorageWorkQueue;
import com.aiplatform.shared.settings.MissingSettingsException;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.shared.table.azure.AzureTableStore;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The three Storage service clients of one connection, read the way the Functions host reads a
 * connection named {@code <name>}: either {@code <name>} holds a connection string (Azurite locally),
 * or {@code <name>__blobServiceUri}, {@code <name>__queueServiceUri} and {@code <name>__tableServiceUri}
 * name the endpoints for identity-based access, with {@code <name>__clientId} selecting a
 * user-assigned managed identity. Build once per process.
 */
public final class AzureStorageClients {

    private static final String BLOB_URI = "__blobServiceUri";
    private static final String QUEUE_URI = "__queueServiceUri";
    private static final String TABLE_URI = "__tableServiceUri";

    /** The connection the Functions host itself uses. */
    public static final String DEFAULT_CONNECTION = "AzureWebJobsStorage";

    private final BlobServiceClient blobs;
    private final QueueServiceClient queues;
    private final TableServiceClient tables;
    private final AzureBlobStore blobStore;
    private final AzureTableStore tableStore;
    private final AzureStorageWorkQueue workQueue;

    private AzureStorageClients(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables) {
        this.blobs = blobs;
        this.queues = queues;
        this.tables = tables;
        this.blobStore = new AzureBlobStore(blobs);
        this.tableStore = new AzureTableStore(tables);
        this.workQueue = new AzureStorageWorkQueue(queues);
    }

    public static AzureStorageClients fromSettings(Settings settings) {
        return fromSettings(settings, DEFAULT_CONNECTION);
    }

    /** Reads connection {@code name}; {@link MissingSettingsException} names every key that is missing. */
    public static AzureStorageClients fromSettings(Settings settings, String name) {
        Settings.Reader reader = settings.reader();
        checkSettings(reader, name);
        reader.validate();
        HttpClient http = transport();
        Optional<String> connectionString = settings.get(name);
        if (connectionString.isPresent()) {
            return fromConnectionString(connectionString.get(), http);
        }
        TokenCredential credential = AzureCredentials.of(settings.get(name + "__clientId"), http);
        return new AzureStorageClients(
                new BlobServiceClientBuilder().endpoint(settings.get(name + BLOB_URI).orElseThrow()).credential(credential)
                        .httpClient(http).buildClient(),
                new QueueServiceClientBuilder().endpoint(settings.get(name + QUEUE_URI).orElseThrow()).credential(credential)
                        .httpClient(http).messageEncoding(QueueMessageEncoding.BASE64).buildClient(),
                new TableServiceClientBuilder().endpoint(settings.get(name + TABLE_URI).orElseThrow()).credential(credential)
                        .httpClient(http).buildClient());
    }

    /**
     * Checks connection {@code name} into {@code read}: a connection string, or the three service URIs of the
     * identity-based form ({@code <name>__blobServiceUri}, {@code __queueServiceUri}, {@code __tableServiceUri}).
     */
    public static void checkSettings(Settings.Reader read, String name) {
        if (read.optional(name).isPresent()) {
            return;
        }
        if (Stream.of(BLOB_URI, QUEUE_URI, TABLE_URI).allMatch(uri -> read.optional(name + uri).isEmpty())) {
            read.problem(name + " is missing: set it to a storage connection string, or set " + name + BLOB_URI
                    + ", " + name + QUEUE_URI + " and " + name + TABLE_URI + " for access with a managed identity");
            return;
        }
        Stream.of(BLOB_URI, QUEUE_URI, TABLE_URI).forEach(uri -> read.required(name + uri));
    }

    /** Clients for a connection string, such as Azurite's. */
    public static AzureStorageClients fromConnectionString(String connectionString) {
        return fromConnectionString(connectionString, transport());
    }

    /**
     * OkHttp: a synchronous SDK call does its I/O on the calling thread. The JDK HttpClient hands every request
     * and response between the caller, its selector thread and an executor, which on a busy 2-core machine cost a
     * wait for a core each time (Azurite table read p50 1.5 ms with it, 0.9 ms with OkHttp; bench-research in the
     * README). OkHttp is on the classpath already, for the OpenAI client. It is built on a thread of its own while
     * the app composes ({@link BackgroundHttpClient}).
     */
    private static HttpClient transport() {
        return BackgroundHttpClient.start(() -> new OkHttpAsyncHttpClientBuilder().build(), "storage-transport");
    }

    private static AzureStorageClients fromConnectionString(String connectionString, HttpClient http) {
        return new AzureStorageClients(
                new BlobServiceClientBuilder().connectionString(connectionString).httpClient(http).buildClient(),
                new QueueServiceClientBuilder().connectionString(connectionString).httpClient(http)
                        .messageEncoding(QueueMessageEncoding.BASE64).buildClient(),
                new TableServiceClientBuilder().connectionString(connectionString).httpClient(http).buildClient());
    }

    public BlobServiceClient blobServiceClient() {
        return blobs;
    }

    public QueueServiceClient queueServiceClient() {
        return queues;
    }

    public TableServiceClient tableServiceClient() {
        return tables;
    }

    /** The one blob store of this connection. */
    public AzureBlobStore blobStore() {
        return blobStore;
    }

    /** The one table store of this connection. */
    public AzureTableStore tableStore() {
        return tableStore;
    }

    /**
     * The one work queue of this connection: it remembers the queues it has created, so that every caller
     * sharing it creates each queue once.
     */
    public AzureStorageWorkQueue workQueue() {
        return workQueue;
    }
}
