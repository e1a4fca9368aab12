package com.aiplatform.local.event;

import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.event.PlatformEvent;
import com.aiplatform.testing.contract.EventPublisherContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The contract against the local platform's in-process bus. */
class LocalEventBusContractTest extends EventPublisherContract {

    private LocalEventBus bus;
    private final List<PlatformEvent> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        bus = LocalEventBus.withDefaults(Clock.systemUTC());
        bus.subscribe("contract", received::add);
    }

    @AfterEach
    void close() {
        bus.close();
    }

    @Override
    protected EventPublisher publisher() {
        return bus;
    }

    @Override
    protected List<PlatformEvent> delivered() {
        return List.copyOf(received);
    }
}
