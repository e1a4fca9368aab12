package com.aiplatform.agent.conversation;

import com.aiplatform.agent.AgentTestKit;
import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ToolCall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Trimming by the real tokenizer of the bundled model, whole turns at a time. */
class HistoryWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private static List<StoredMessage> turns(int count, String filler) {
        List<StoredMessage> history = new ArrayList<>();
        for (int t = 1; t <= count; t++) {
            history.add(StoredMessage.of(t, 0, ChatMessage.user("Question " + t + ": " + filler), NOW));
            var call = new ToolCall("c" + t, "get_order_status", "{\"orderNumber\":\"ORD-1000" + t + "\"}");
            history.add(StoredMessage.of(t, 1, ChatMessage.assistant("", List.of(call)), NOW));
            history.add(StoredMessage.of(t, 2, ChatMessage.tool("c" + t, "{\"status\":\"shipped\"}"), NOW));
            history.add(StoredMessage.of(t, 3, ChatMessage.assistant("Answer " + t + ": " + filler, List.of()), NOW));
        }
        return history;
    }

    @Test
    void should_keep_everything_when_the_history_fits() {
        var window = new HistoryWindow(AgentTestKit.EMBEDDER, 3000).fit("System prompt.", turns(3, "short"), "New question");
        assertThat(window.droppedMessages()).isZero();
        assertThat(window.messages()).hasSize(1 + 12 + 1);
        assertThat(window.messages().get(window.messages().size() - 1).content()).isEqualTo("New question");
    }

    @Test
    void should_drop_the_oldest_whole_turns_and_stay_within_the_budget_when_the_history_is_long() {
        String filler = "the espresso machine makes a rattling noise whenever the pump starts in the morning ".repeat(4);
        int budget = 400;
        var window = new HistoryWindow(AgentTestKit.EMBEDDER, budget).fit("System prompt.", turns(10, filler), "And now?");

        assertThat(window.droppedMessages()).isPositive().isEqualTo(4 * (10 - keptTurns(window.messages())));
        assertThat(window.tokens()).isLessThanOrEqualTo(budget);
        int counted = window.messages().stream().mapToInt(m -> HistoryWindow.MESSAGE_OVERHEAD
                + (m.content().isEmpty() ? 0 : AgentTestKit.EMBEDDER.count(m.content()))
                + m.toolCalls().stream().mapToInt(c -> AgentTestKit.EMBEDDER.count(c.name())
                        + AgentTestKit.EMBEDDER.count(c.argumentsJson())).sum()).sum();
        assertThat(counted).isEqualTo(window.tokens());
        assertThat(window.messages().get(1).role()).isEqualTo(ChatMessage.Role.SYSTEM);
        assertThat(window.messages().get(1).content()).contains("earlier messages are not shown");
        // A kept turn starts with its user message: no tool result is cut off from its call.
        assertThat(window.messages().get(2).role()).isEqualTo(ChatMessage.Role.USER);
        assertThat(window.messages().get(2).content()).startsWith("Question 10");
    }

    @Test
    void should_count_tokens_not_characters() {
        // 400 characters of one repeated word are far fewer tokens than 400 characters of digits.
        String words = "support ".repeat(50);
        String digits = "7".repeat(400);
        assertThat(AgentTestKit.EMBEDDER.count(words)).isNotEqualTo(AgentTestKit.EMBEDDER.count(digits));
        var window = new HistoryWindow(AgentTestKit.EMBEDDER, 300);
        var withWords = window.fit("s", List.of(StoredMessage.of(1, 0, ChatMessage.user(words), NOW)), "q");
        assertThat(withWords.tokens()).isEqualTo(4 + AgentTestKit.EMBEDDER.count("s") + 4 + AgentTestKit.EMBEDDER.count("q")
                + 4 + AgentTestKit.EMBEDDER.count(words));
    }

    private static int keptTurns(List<ChatMessage> messages) {
        return (int) messages.stream().filter(m -> m.role() == ChatMessage.Role.USER).count() - 1;
    }
}
