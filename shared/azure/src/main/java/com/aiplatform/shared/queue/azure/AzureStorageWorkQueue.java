package com.aiplatform.shared.queue.azure;

import com.aiplatform.shared.azure.errors.AzureUnavailableException;
import com.aiplatform.shared.queue.QueueMessage;
import com.aiplatform.shared.queue.WorkQueue;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.models.QueueErrorCode;
import com.azure.storage.queue.models.QueueItem;
import com.azure.storage.queue.models.QueuesSegmentOptions;
import com.azure.storage.queue.models.QueueMessageItem;
import com.azure.storage.queue.models.QueueStorageException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link WorkQueue} on Azure Storage queues (Azurite locally). The service client must encode
 * messages as base64 ({@code QueueMessageEncoding.BASE64}), which queue-triggered functions expect;
 * {@link com.aiplatform.shared.azure.AzureStorageClients} builds it so. Queues are created on first use.
 */
public final class AzureStorageWorkQueue implements WorkQueue {

    private static final int MAX_RECEIVE = 32;

    private final QueueServiceClient service;
    /** One client per queue, made (and the queue created) on first use: building a client costs more than a call. */
    private final Map<String, QueueClient> clients = new ConcurrentHashMap<>();

    public AzureStorageWorkQueue(QueueServiceClient service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public void createIfMissing(String queue) {
        queue(queue);
    }

    @Override
    public void send(String queue, String body) {
        send(queue, body, Duration.ZERO);
    }

    @Override
    public void send(String queue, String body, Duration delay) {
        Objects.requireNonNull(body, "body");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("Queue message is " + bytes.length + " bytes, over " + MAX_MESSAGE_BYTES
                    + "; store the payload as a blob and send its key");
        }
        try {
            queue(queue).sendMessageWithResponse(BinaryData.fromBytes(bytes), delay, null, null, Context.NONE);
        } catch (QueueStorageException e) {
            throw translate("send to", queue, e);
        }
    }

    @Override
    public List<QueueMessage> receive(String queue, int max, Duration visibilityTimeout) {
        if (max < 1 || max > MAX_RECEIVE) {
            throw new IllegalArgumentException("A receive takes 1 to " + MAX_RECEIVE + " messages, not " + max);
        }
        try {
            return queue(queue).receiveMessages(max, visibilityTimeout, null, Context.NONE).stream()
                    .map(AzureStorageWorkQueue::toMessage).toList();
        } catch (QueueStorageException e) {
            throw translate("receive from", queue, e);
        }
    }

    @Override
    public void release(String queue, QueueMessage message, Duration visibleAfter) {
        try {
            queue(queue).updateMessage(message.id(), message.popReceipt(), null, visibleAfter);
        } catch (QueueStorageException e) {
            if (!isGone(e)) {
                throw translate("release a message of", queue, e);
            }
        }
    }

    @Override
    public void delete(String queue, QueueMessage message) {
        try {
            queue(queue).deleteMessage(message.id(), message.popReceipt());
        } catch (QueueStorageException e) {
            if (!isGone(e)) {
                throw translate("delete a message of", queue, e);
            }
        }
    }

    @Override
    public long depth(String queue) {
        try {
            return queue(queue).getProperties().getApproximateMessagesCount();
        } catch (QueueStorageException e) {
            throw translate("count", queue, e);
        }
    }

    @Override
    public List<String> queues(String prefix) {
        try {
            // The SDK sends an empty "include=" unless metadata is asked for, and Azurite answers that with 400.
            return service.listQueues(new QueuesSegmentOptions().setPrefix(prefix).setIncludeMetadata(true), null,
                    Context.NONE).stream().map(QueueItem::getName).sorted().toList();
        } catch (QueueStorageException e) {
            throw translate("list", prefix + "*", e);
        }
    }

    @Override
    public List<QueueMessage> peek(String queue, int max) {
        if (max < 1 || max > MAX_RECEIVE) {
            throw new IllegalArgumentException("A peek takes 1 to " + MAX_RECEIVE + " messages, not " + max);
        }
        try {
            return queue(queue).peekMessages(max, null, Context.NONE).stream()
                    .map(item -> new QueueMessage(item.getMessageId(), null, item.getBody().toString(),
                            item.getDequeueCount(), item.getInsertionTime().toInstant())).toList();
        } catch (QueueStorageException e) {
            throw translate("peek into", queue, e);
        }
    }

    private QueueClient queue(String name) {
        QueueClient cached = clients.get(name);
        if (cached != null) {
            return cached;
        }
        QueueClient client = service.getQueueClient(name);
        try {
            client.createIfNotExists();
        } catch (QueueStorageException e) {
            throw translate("create", name, e);
        }
        clients.putIfAbsent(name, client);
        return client;
    }

    private static QueueMessage toMessage(QueueMessageItem item) {
        return new QueueMessage(item.getMessageId(), item.getPopReceipt(), item.getBody().toString(),
                item.getDequeueCount(), item.getInsertionTime().toInstant());
    }

    private static boolean isGone(QueueStorageException e) {
        return e.getStatusCode() == 404 && !QueueErrorCode.POP_RECEIPT_MISMATCH.equals(e.getErrorCode());
    }

    private static RuntimeException translate(String action, String queue, QueueStorageException e) {
        String message = "Queue storage could not " + action + " queue " + queue + ": " + e.getStatusCode() + " "
                + e.getErrorCode();
        if (QueueErrorCode.POP_RECEIPT_MISMATCH.equals(e.getErrorCode())) {
            return new IllegalStateException("Message was received again since this receipt was issued; its new "
                    + "receiver owns it now (" + message + ")", e);
        }
        return e.getStatusCode() == 400
                ? new IllegalArgumentException(message, e)
                : new AzureUnavailableException(message, e.getStatusCode(), e);
    }
}
