package com.aiplatform.agent.conversation;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.text.TokenCounter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a conversation's history into the model's window by token count (the embedder's real tokenizer).
 * Whole turns are kept, newest first, so a tool result is never separated from the call that asked for
 * it; older turns are replaced by a short system note that quotes what the customer asked in them.
 */
public final class HistoryWindow {

    /** Role markers and separators each message costs on top of its text. */
    static final int MESSAGE_OVERHEAD = 4;
    private static final int NOTE_QUOTES = 3;
    private static final int QUOTE_WORDS = 20;

    private final TokenCounter tokens;
    private final int budget;

    public HistoryWindow(TokenCounter tokens, int budget) {
        this.tokens = tokens;
        this.budget = budget;
    }

    /** What goes to the model: the system prompt, a note on dropped turns, the turns that fit, the new message. */
    public Window fit(String systemPrompt, List<StoredMessage> history, String userMessage) {
        Map<Long, List<StoredMessage>> turns = new LinkedHashMap<>();
        history.forEach(m -> turns.computeIfAbsent(m.turn(), t -> new ArrayList<>()).add(m));
        List<List<StoredMessage>> ordered = new ArrayList<>(turns.values());
        int used = cost(systemPrompt) + cost(userMessage);
        int all = history.stream().mapToInt(this::cost).sum();
        // When something must go, room for the note that says so is set aside first.
        int room = used + all <= budget ? budget : budget - cost(baseNote(history.size()));
        List<List<StoredMessage>> kept = new ArrayList<>();
        int firstKept = ordered.size();
        for (int i = ordered.size() - 1; i >= 0; i--) {
            int turnCost = ordered.get(i).stream().mapToInt(this::cost).sum();
            if (used + turnCost > room) {
                break;
            }
            used += turnCost;
            kept.add(ordered.get(i));
            firstKept = i;
        }
        Collections.reverse(kept);
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(systemPrompt));
        int droppedMessages = ordered.subList(0, firstKept).stream().mapToInt(List::size).sum();
        if (firstKept > 0) {
            String note = note(ordered.subList(0, firstKept), budget - used);
            messages.add(ChatMessage.system(note));
            used += cost(note);
        }
        kept.forEach(turn -> turn.forEach(m -> messages.add(m.toChat())));
        messages.add(ChatMessage.user(userMessage));
        return new Window(messages, used, droppedMessages);
    }

    private String note(List<List<StoredMessage>> dropped, int room) {
        String base = baseNote(dropped.stream().mapToInt(List::size).sum());
        List<String> quotes = new ArrayList<>();
        for (int i = dropped.size() - 1; i >= 0 && quotes.size() < NOTE_QUOTES; i--) {
            dropped.get(i).stream().filter(m -> m.role() == ChatMessage.Role.USER).findFirst()
                    .ifPresent(m -> quotes.add(0, "\"" + firstWords(m.content()) + "\""));
        }
        String withQuotes = base + " Before that the customer wrote: " + String.join("; ", quotes) + ".";
        return !quotes.isEmpty() && cost(withQuotes) <= room ? withQuotes : base;
    }

    private static String baseNote(int count) {
        return count + " earlier message" + (count == 1 ? " is" : "s are") + " not shown to stay within the context window.";
    }

    private static String firstWords(String text) {
        String[] words = text.trim().split("\\s+");
        return words.length <= QUOTE_WORDS ? text.trim() : String.join(" ", List.of(words).subList(0, QUOTE_WORDS)) + " …";
    }

    private int cost(StoredMessage message) {
        int total = cost(message.content());
        for (ToolCall call : message.toolCalls()) {
            total += tokens.count(call.name()) + tokens.count(call.argumentsJson() == null ? "" : call.argumentsJson());
        }
        return total;
    }

    private int cost(String text) {
        return MESSAGE_OVERHEAD + (text == null || text.isEmpty() ? 0 : tokens.count(text));
    }

    /** The messages for the model, their token count, and how many stored messages were left out. */
    public record Window(List<ChatMessage> messages, int tokens, int droppedMessages) {
    }
}
