package com.aiplatform.platform.deadletters;

import com.aiplatform.platform.access.Access;
import com.aiplatform.shared.blob.BlobNames;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.shared.event.deadletter.DeadLetterBlobName;
import com.aiplatform.shared.event.deadletter.DeadLetteredEvent;
import com.aiplatform.shared.event.deadletter.EventGridDeadLetters;
import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Event Grid dead letters: the blobs Event Grid writes to the dead-letter container when it gives up on
 * delivering an event (in Azure), and the blobs the local platform's event bus writes in the same layout.
 * List them (per subscription, a page at a time), inspect one, replay one: every event in the blob is
 * published again through the {@link EventPublisher} (the platform's Event Grid topic in Azure, the
 * in-process bus locally) and then the blob is deleted. That is at least once: a crash in between leaves
 * the blob, and replaying it again publishes the same event ids, which subscribers absorb (they are
 * idempotent on the id). A topic cannot deliver to one subscription, so a replayed event reaches every
 * subscription of its type, including those that handled it the first time. Events of Azure system topics
 * ({@code Microsoft.*}, such as Storage BlobCreated) cannot be published to a custom topic: replaying one
 * is refused with 409, and the way back is to raise the event again at its source. Platform admins only.
 */
public final class EventDeadLetterService {

    public static final int MAX_PAGE = 100;

    private final BlobStore blobs;
    private final String container;
    private final EventPublisher events;
    private final ReplayAudit audit;

    public EventDeadLetterService(BlobStore blobs, String container, EventPublisher events, ReplayAudit audit) {
        this.blobs = blobs;
        this.container = container;
        this.events = events;
        this.audit = audit;
    }

    /** One page of dead letters, oldest hour first; {@code subscription} narrows to one event subscription. */
    public Page list(Caller caller, Optional<String> subscription, int limit, Optional<String> continuation) {
        Access.requirePlatformAdmin(caller);
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.badRequest("limit must be 1-" + MAX_PAGE);
        }
        String prefix;
        try {
            prefix = subscription.map(s -> DeadLetterBlobName.segment(s) + "/").orElse("");
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        BlobNames page;
        try {
            page = blobs.listUnpartitioned(container, prefix, limit, continuation.orElse(null));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("continuation is not one this API returned");
        }
        return new Page(page.names().stream().map(DeadLetterBlobName::parse).flatMap(Optional::stream)
                .map(name -> EventDeadLetter.of(name, null)).toList(), page.continuation().orElse(null));
    }

    public EventDeadLetter inspect(Caller caller, String id) {
        Access.requirePlatformAdmin(caller);
        Stored stored = read(id);
        return EventDeadLetter.of(stored.name(), stored.events().stream().map(EventDeadLetter.Event::of).toList());
    }

    public Replay replay(Caller caller, String id) {
        Access.requirePlatformAdmin(caller);
        Stored stored = read(id);
        List<DeadLetteredEvent> system = stored.events().stream().filter(DeadLetteredEvent::systemEvent).toList();
        if (!system.isEmpty()) {
            throw ProblemException.conflict("Event " + system.get(0).id() + " (" + system.get(0).type() + ") comes "
                    + "from an Azure system topic and cannot be published again; raise it again at its source");
        }
        List<PlatformEvent> again;
        try {
            again = stored.events().stream().map(DeadLetteredEvent::toPlatformEvent).toList();
        } catch (IllegalArgumentException e) {
            throw ProblemException.conflict("Blob " + stored.name().name() + " cannot be published again: " + e.getMessage());
        }
        again.forEach(events::publish);
        blobs.deleteUnpartitioned(container, stored.name().name());
        String published = stored.events().stream().map(e -> e.id() + " (" + e.type() + ")")
                .collect(Collectors.joining(", ", "published again: ", ""));
        return audit.record(caller, Replay.EVENT, container, stored.name().name(), published,
                new String(stored.content(), StandardCharsets.UTF_8));
    }

    private Stored read(String id) {
        DeadLetterBlobName name = EventDeadLetter.blobName(id)
                .orElseThrow(() -> ProblemException.notFound("Event dead letter", String.valueOf(id)));
        byte[] content = blobs.getUnpartitioned(container, name.name())
                .orElseThrow(() -> ProblemException.notFound("Event dead letter", id));
        try {
            return new Stored(name, content, EventGridDeadLetters.parse(content));
        } catch (IllegalArgumentException e) {
            throw ProblemException.conflict("Blob " + name.name() + " is not an Event Grid dead letter: " + e.getMessage());
        }
    }

    /** A page of dead letters; {@code continuation} fetches the next one (absent on the last). */
    public record Page(List<EventDeadLetter> deadLetters, String continuation) {
    }

    private record Stored(DeadLetterBlobName name, byte[] content, List<DeadLetteredEvent> events) {
    }
}
