package com.aiplatform.bench.coldstart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HarnessCallTest {

    @Test
    void should_decode_what_it_encoded_when_a_run_has_two_calls_and_empty_fields() {
        List<HarnessCall> calls = List.of(
                new HarnessCall("agentCreateConversation", "com.example.Functions.create", "POST",
                        "/api/v1/agent/conversations", "application/json", "{}"),
                new HarnessCall("platformUsage", "com.example.Usage.usage", "GET", "/api/v1/platform/usage", "", ""));

        List<HarnessCall> decoded = HarnessCall.decode(HarnessCall.encode(calls).toArray(String[]::new));

        assertThat(decoded).isEqualTo(calls);
    }

    @Test
    void should_refuse_arguments_when_they_are_not_whole_calls() {
        assertThatThrownBy(() -> HarnessCall.decode(new String[] {"knowledgeSearch", "a.B.c", "POST"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups of 6");
    }
}
