package com.aiplatform.local.event;

import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.event.deadletter.DeadLetterBlobName;
import com.aiplatform.shared.event.deadletter.DeadLetteredEvent;
import com.aiplatform.shared.event.deadletter.EventGridDeadLetters;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Dead letters written as Event Grid writes them in Azure: one blob per undelivered event, named
 * {@code <SUBSCRIPTION>/<yyyy>/<M>/<d>/<H>/<id>.json} in the dead-letter container, holding the event and its
 * dead-letter properties. The subscription is named as Bicep names Azure's (the function's name in lower
 * case, which the blob name upper-cases), so the platform app lists and replays both alike.
 */
public final class BlobEventDeadLetters implements EventDeadLetters {

    /** The setting the platform app reads too; main.bicep's deadLetterContainer in Azure. */
    public static final String CONTAINER_SETTING = "EVENTGRID_DEADLETTER_CONTAINER";
    public static final String DEFAULT_CONTAINER = "eventgrid-deadletter";

    private final BlobStore blobs;
    private final String container;
    private final Clock clock;

    public BlobEventDeadLetters(BlobStore blobs, String container, Clock clock) {
        this.blobs = blobs;
        this.container = container;
        this.clock = clock;
    }

    @Override
    public void write(String subscriber, DeadLetteredEvent event) {
        String name = DeadLetterBlobName.of(subscriptionName(subscriber), clock.instant(), UUID.randomUUID()).name();
        blobs.upsertUnpartitioned(container, name, EventGridDeadLetters.write(List.of(event)), "application/json");
    }

    /** {@code app/functionName} (an event-triggered function) or a listener's name, as an event subscription name. */
    static String subscriptionName(String subscriber) {
        String function = subscriber.substring(subscriber.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
        String name = function.isEmpty() ? "subscriber" : function;
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
