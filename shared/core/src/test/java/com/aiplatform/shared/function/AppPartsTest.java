package com.aiplatform.shared.function;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppPartsTest {

    static final class Orders {
    }

    static final class Tickets {
    }

    @Test
    void should_hand_out_each_function_instance_and_list_the_classes_in_registration_order() {
        var orders = new Orders();
        var tickets = new Tickets();
        var parts = new AppParts("shop").function(orders).function(tickets);

        assertThat(parts.app()).isEqualTo("shop");
        assertThat(parts.functionClasses()).containsExactly(Orders.class, Tickets.class);
        assertThat(parts.instance(Tickets.class)).isSameAs(tickets);
        assertThatThrownBy(() -> parts.instance(String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a function class of shop");
        assertThatThrownBy(() -> parts.function(new Orders())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_close_resources_last_made_first_and_go_on_when_one_fails() {
        List<String> closed = new ArrayList<>();
        var parts = new AppParts("shop");
        parts.resource(() -> closed.add("telemetry"));
        parts.resource(() -> {
            closed.add("model");
            throw new IllegalStateException("model would not close");
        });
        parts.resource(() -> closed.add("index"));

        parts.close();
        parts.close();

        assertThat(closed).containsExactly("index", "model", "telemetry");
    }
}
