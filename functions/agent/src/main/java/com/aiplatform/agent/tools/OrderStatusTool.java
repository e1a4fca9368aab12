package com.aiplatform.agent.tools;

import com.aiplatform.agent.support.Order;
import com.aiplatform.agent.support.SupportData;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/** The status, carrier, tracking number and expected delivery of one order in the caller's tenant. */
public final class OrderStatusTool implements AgentTool {

    public static final String NAME = "get_order_status";
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Check where a specific order is: its delivery status, whether it has shipped, the carrier, "
                    + "the tracking number and when the parcel will arrive.",
            Json.tree("""
                    {"type":"object","additionalProperties":false,"required":["orderNumber"],
                     "properties":{"orderNumber":{"type":"string","pattern":"%s",
                       "description":"The order number, such as ORD-10001"}}}""".formatted(Patterns.ORDER_NUMBER)));

    private final SupportData data;

    public OrderStatusTool(SupportData data) {
        this.data = data;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolOutcome run(ToolContext context, JsonNode arguments) {
        String number = arguments.get("orderNumber").asText();
        Order order = data.order(context.call().caller().tenant(), number)
                .orElseThrow(() -> new ToolFailedException("No order " + number + " was found"));
        StringBuilder summary = new StringBuilder("Order " + order.orderNumber() + " (" + order.items() + ") is "
                + order.status());
        if (order.carrier() != null) {
            summary.append(" with ").append(order.carrier()).append(", tracking number ").append(order.trackingNumber());
        }
        if (order.estimatedDelivery() != null) {
            summary.append(", expected on ").append(order.estimatedDelivery());
        }
        return ToolOutcome.of(describe(order), summary.toString());
    }

    static ObjectNode describe(Order order) {
        ObjectNode node = Json.mapper().createObjectNode().put("orderNumber", order.orderNumber())
                .put("status", order.status()).put("items", order.items())
                .put("total", BigDecimal.valueOf(order.totalCents(), 2).toPlainString() + " " + order.currency())
                .put("placedAt", order.placedAt().toString());
        if (order.carrier() != null) {
            node.put("carrier", order.carrier()).put("trackingNumber", order.trackingNumber());
        }
        if (order.estimatedDelivery() != null) {
            node.put("estimatedDelivery", order.estimatedDelivery().toString());
        }
        return node;
    }
}
