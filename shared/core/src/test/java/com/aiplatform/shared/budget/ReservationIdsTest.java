package com.aiplatform.shared.budget;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReservationIdsTest {

    @Test
    void should_derive_the_same_valid_id_from_the_same_parts_and_another_from_other_parts() {
        String id = ReservationIds.derive("research", "acme", "rt-0123", "step#3#finding");
        assertThat(ReservationIds.valid(id)).isTrue();
        assertThat(id).startsWith("research-").hasSize("research-".length() + 40);
        assertThat(ReservationIds.derive("research", "acme", "rt-0123", "step#3#finding")).isEqualTo(id);
        assertThat(ReservationIds.derive("research", "acme", "rt-0123", "step#4#finding")).isNotEqualTo(id);
        assertThat(ReservationIds.derive("research", "acme", "rt-0123step#3#finding")).isNotEqualTo(id);
    }

    @Test
    void should_refuse_ids_with_separators_or_too_long_and_accept_a_random_uuid() {
        assertThat(ReservationIds.valid(UUID.randomUUID().toString())).isTrue();
        assertThat(ReservationIds.valid("rt-1/step#1")).isFalse();
        assertThat(ReservationIds.valid("a".repeat(65))).isFalse();
        assertThat(ReservationIds.valid("")).isFalse();
        assertThat(ReservationIds.valid(null)).isFalse();
        assertThatThrownBy(() -> ReservationIds.derive("bad/prefix", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
