package com.aiplatform.agent.conversation;

import com.aiplatform.agent.tools.ToolContext;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.problem.ProblemException;
import com.aiplatform.shared.usage.CallContext;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Conversations with the support agent: create, read, delete, and send a message, which runs one turn
 * under the conversation's turn lease. Every conversation lives in the caller's tenant; another tenant's
 * conversation is answered exactly like a missing one.
 */
public final class ConversationService {

    static final String SYSTEM_PROMPT = """
            You are the customer-support agent of an online shop that sells coffee equipment.
            Use the tools for every fact about customers, orders and tickets; never invent order numbers, \
            statuses or ticket ids. Answer policy questions only from search_knowledge_base passages and cite \
            them as [n]. Open a ticket when the customer reports a problem, and hand over to a human when they \
            ask for one or you cannot help. Keep answers short and friendly.""";
    private static final Pattern CONVERSATION_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ConversationRepository conversations;
    private final TurnLeases leases;
    private final TurnRunner runner;
    private final HistoryWindow window;
    private final ConversationEvents events;
    private final int maxMessageChars;
    private final Clock clock;

    public ConversationService(ConversationRepository conversations, TurnLeases leases, TurnRunner runner,
                               HistoryWindow window, ConversationEvents events, int maxMessageChars, Clock clock) {
        this.conversations = conversations;
        this.leases = leases;
        this.runner = runner;
        this.window = window;
        this.events = events;
        this.maxMessageChars = maxMessageChars;
        this.clock = clock;
    }

    public Views.ConversationView create(CallContext call) {
        Conversation created = conversations.create(call.caller().tenant(), UUID.randomUUID().toString(), clock.instant());
        return Views.conversation(created, List.of());
    }

    public Views.ConversationView get(CallContext call, String conversationId) {
        TenantId tenant = call.caller().tenant();
        Conversation conversation = existing(tenant, conversationId);
        return Views.conversation(conversation, conversations.messages(tenant, conversationId));
    }

    public void delete(CallContext call, String conversationId) {
        TenantId tenant = call.caller().tenant();
        existing(tenant, conversationId);
        conversations.delete(tenant, conversationId);
    }

    public Views.Reply send(CallContext call, String conversationId, MessageRequest message) {
        validate(conversationId);
        String text = message.text().trim();
        if (text.length() > maxMessageChars) {
            throw ProblemException.validation("The message is not valid",
                    List.of("text must be at most " + maxMessageChars + " characters"));
        }
        TenantId tenant = call.caller().tenant();
        TurnLeases.Turn turn = leases.begin(tenant, conversationId);
        boolean committing = false;
        try {
            var history = conversations.messages(tenant, conversationId);
            var replay = message.messageId() == null ? Optional.<Views.Reply>empty()
                    : Replays.find(conversationId, history, message.messageId(), turn.conversation().escalated());
            if (replay.isPresent()) {
                leases.abandon(turn);
                return replay.get();
            }
            HistoryWindow.Window fitted = window.fit(SYSTEM_PROMPT, history, text);
            var conversationCall = new CallContext(call.caller(), call.app(), conversationId, call.traceId());
            TurnResult result = runner.run(new ToolContext(conversationCall, conversationId), fitted.messages());
            Instant now = clock.instant();
            List<StoredMessage> stored = new ArrayList<>();
            stored.add(StoredMessage.of(turn.number(), 0, ChatMessage.user(text), now).withMessageId(message.messageId()));
            for (ChatMessage produced : result.produced()) {
                stored.add(StoredMessage.of(turn.number(), stored.size(), produced, now));
            }
            stored.set(stored.size() - 1, stored.get(stored.size() - 1).withGenerator(result.generator().label()));
            committing = true;
            leases.commit(turn, stored, result.escalation().orElse(null));
            if (result.escalation().isPresent() && !turn.conversation().escalated()) {
                events.escalated(tenant.value(), conversationId, turn.number(), result.escalation().get(), call.traceId());
            }
            boolean escalated = turn.conversation().escalated() || result.escalation().isPresent();
            return new Views.Reply(conversationId, turn.number(), result.reply(), result.generator().label(),
                    Views.toolCalls(result.executions()), Views.citations(result.executions()), escalated,
                    new Views.UsageView(result.modelCalls(), result.inputTokens(), result.outputTokens(), result.costUsd()),
                    new Views.WindowView(fitted.tokens(), fitted.droppedMessages()), false);
        } catch (RuntimeException e) {
            if (!(e instanceof ProblemException problem && problem.status() == 404)) {
                if (committing) {
                    leases.release(turn);
                } else {
                    leases.abandon(turn);
                }
            }
            throw e;
        }
    }

    private Conversation existing(TenantId tenant, String conversationId) {
        validate(conversationId);
        return conversations.get(tenant, conversationId)
                .orElseThrow(() -> ProblemException.notFound("Conversation", conversationId));
    }

    private static void validate(String conversationId) {
        if (conversationId == null || !CONVERSATION_ID.matcher(conversationId).matches()) {
            throw ProblemException.validation("The conversation id is not valid",
                    List.of("conversationId must be a lower-case UUID as returned when the conversation was created"));
        }
    }
}
