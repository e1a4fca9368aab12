package com.aiplatform.research;

import com.aiplatform.research.planning.Planner;
import com.aiplatform.research.steps.StepRepository;
import com.aiplatform.research.tasks.TaskRepository;
import com.aiplatform.research.work.TaskRequests;
import com.aiplatform.research.work.TaskService;
import com.aiplatform.research.work.Checkpoint;
import com.aiplatform.research.work.CompletionEvents;
import com.aiplatform.research.work.FanIn;
import com.aiplatform.research.work.FindingWriter;
import com.aiplatform.research.work.Messages;
import com.aiplatform.research.work.ModelCalls;
import com.aiplatform.research.work.Outbox;
import com.aiplatform.research.work.PlanWorker;
import com.aiplatform.research.work.PoisonHandler;
import com.aiplatform.research.work.Reports;
import com.aiplatform.research.work.ResearchStores;
import com.aiplatform.research.work.StepWorker;
import com.aiplatform.research.work.SynthesisWorker;
import com.aiplatform.shared.budget.Budget;
import com.aiplatform.shared.budget.BudgetedChat;
import com.aiplatform.shared.blob.BlobStore;
import com.aiplatform.shared.event.EventPublisher;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.queue.WorkQueue;
import com.aiplatform.shared.table.TableStore;
import com.aiplatform.shared.text.TokenCounter;
import com.aiplatform.shared.usage.UsageMeter;
import io.opentelemetry.context.Context;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The research services wired over ports, the same for the app (Azure adapters) and the tests (in-memory
 * adapters and fakes): one place that knows how the pieces fit. {@code io} runs the storage calls a worker
 * makes side by side (each is a network round trip); closing the components stops it.
 */
public record ResearchComponents(TaskService tasks, Messages messages, PlanWorker planner, StepWorker steps,
                                 SynthesisWorker synthesizer, PoisonHandler poison, ResearchStores stores,
                                 ExecutorService io) implements AutoCloseable {

    /** The ports the research app runs on. */
    public record Ports(TableStore tables, BlobStore blobs, WorkQueue queue, KnowledgeBase knowledge, LlmClient llm,
                        UsageMeter usage, Budget budget, EventPublisher events, Planner planner) {
    }

    /** The app's one wiring over any ports, with no side effect on them (the composition root makes the queues). */
    public static ResearchComponents wire(ResearchSettings config, Ports ports, Clock clock) {
        var tasks = new TaskRepository(ports.tables(), config.tasksTable());
        var steps = new StepRepository(ports.tables(), config.stepsTable());
        var stores = new ResearchStores(tasks, steps, ports.blobs(), config.container());
        var messages = new Messages(ports.queue(), ports.blobs(), config.container(), config.messageInlineMaxBytes());
        var queues = config.queues();
        var checkpoint = new Checkpoint(tasks, clock);
        ExecutorService io = ioThreads();
        // The usage record and the settlement run on io, beside the worker's own writes (see StepWorker).
        var models = new ModelCalls(new BudgetedChat(ports.llm(), ports.usage(), ports.budget(),
                TokenCounter.approximate(), io), tasks, checkpoint, clock);
        var outbox = new Outbox(tasks, messages, queues.step(), queues.synthesize(), config.outboxGrace(), clock);
        var fanIn = new FanIn(tasks, outbox, config.failedStepPolicy(), clock);
        var service = new TaskService(tasks, steps, new Reports(ports.blobs(), config.container()), messages,
                queues.plan(), new TaskRequests(config.limits()), checkpoint, clock);
        return new ResearchComponents(service, messages,
                new PlanWorker(stores, ports.planner(), models, checkpoint, outbox, config.claimTimeout(), clock),
                new StepWorker(stores, ports.knowledge(), new FindingWriter(models), checkpoint, fanIn,
                        config.stepTopK(), config.claimTimeout(), io, clock),
                new SynthesisWorker(stores, models, new CompletionEvents(ports.events()), checkpoint,
                        config.claimTimeout(), clock),
                new PoisonHandler(tasks, steps, fanIn, clock), stores, io);
    }

    @Override
    public void close() {
        io.shutdown();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Daemon threads, made as needed: a worker's side calls wait on I/O, and there are at most a few per worker.
     * Each task runs in the trace context it was submitted from, so its calls to other apps stay in the step's trace.
     */
    private static ExecutorService ioThreads() {
        AtomicInteger count = new AtomicInteger();
        return Context.taskWrapping(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "research-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }));
    }
}
