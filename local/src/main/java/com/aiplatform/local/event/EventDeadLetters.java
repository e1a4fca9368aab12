package com.aiplatform.local.event;

import com.aiplatform.shared.event.deadletter.DeadLetteredEvent;

/** Where the {@link LocalEventBus} puts an event it gave up delivering to one subscriber. */
@FunctionalInterface
public interface EventDeadLetters {

    /** Keeps nothing: the bus only logs the dead letter (tests of the bus alone). */
    EventDeadLetters NONE = (subscriber, event) -> {
    };

    void write(String subscriber, DeadLetteredEvent event);
}
