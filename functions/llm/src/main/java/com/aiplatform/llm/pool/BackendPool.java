package com.aiplatform.llm.pool;

import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.ChatResponse;
import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.llm.LlmException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Several deployments behind one {@link LlmClient}: the lowest priority first, members of one priority in an
 * order drawn by weight, skipping any whose Retry-After has not passed or whose circuit is open, and failing
 * over to the next on a transient failure (429, 5xx, timeout, no answer). A permanent failure (a 400) is the
 * request's fault and is thrown at once. When every member failed, the last failure is thrown as retriable
 * with the shortest wait any member asked for.
 */
public final class BackendPool implements LlmClient {

    private final String modelId;
    private final List<PoolMember> members;
    private final IntUnaryOperator random;

    /** {@code random.applyAsInt(bound)} draws in {@code [0, bound)}; tests pass a fixed sequence. */
    public BackendPool(String modelId, List<PoolMember> members, IntUnaryOperator random) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("A pool needs at least one backend");
        }
        this.modelId = modelId;
        this.members = List.copyOf(members);
        this.random = random;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        LlmException last = null;
        Duration shortestWait = null;
        for (PoolMember member : order()) {
            Duration resting = member.resting();
            if (!resting.isZero()) {
                shortestWait = shorter(shortestWait, resting);
                continue;
            }
            try {
                return member.chat(request);
            } catch (LlmException e) {
                if (!e.retriable()) {
                    throw e;
                }
                last = e;
                shortestWait = shorter(shortestWait, e.retryAfter().orElse(member.resting()));
            }
        }
        String message = "Every backend of " + modelId + " failed or is resting"
                + (last == null ? "" : "; the last said: " + last.getMessage());
        throw new LlmException(message, last == null ? 429 : last.status(), true,
                shortestWait == null || shortestWait.isZero() ? null : shortestWait, last);
    }

    @Override
    public String modelName() {
        return modelId;
    }

    public List<PoolMember> members() {
        return members;
    }

    /** Priority groups in order; within one, a weighted draw without replacement. */
    List<PoolMember> order() {
        Map<Integer, List<PoolMember>> groups = new TreeMap<>();
        for (PoolMember member : members) {
            groups.computeIfAbsent(member.priority(), p -> new ArrayList<>()).add(member);
        }
        List<PoolMember> ordered = new ArrayList<>(members.size());
        for (List<PoolMember> group : groups.values()) {
            List<PoolMember> left = new ArrayList<>(group);
            left.sort(Comparator.comparing(PoolMember::name));
            while (!left.isEmpty()) {
                int total = left.stream().mapToInt(PoolMember::weight).sum();
                int draw = random.applyAsInt(total);
                int index = 0;
                while (draw >= left.get(index).weight()) {
                    draw -= left.get(index).weight();
                    index++;
                }
                ordered.add(left.remove(index));
            }
        }
        return ordered;
    }

    private static Duration shorter(Duration a, Duration b) {
        if (b == null || b.isZero()) {
            return a;
        }
        return a == null || b.compareTo(a) < 0 ? b : a;
    }
}
