package com.aiplatform.agent.tools;

import com.aiplatform.agent.support.Customer;
import com.aiplatform.agent.support.Order;
import com.aiplatform.agent.support.SupportData;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.stream.Collectors;

/** Lists a customer's orders, found by e-mail address in the caller's tenant. */
public final class CustomerOrdersTool implements AgentTool {

    public static final String NAME = "find_customer_orders";
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Look up a customer by e-mail address and list all the orders they placed with the shop: "
                    + "my orders, what did I buy, my purchases and my account.",
            Json.tree("""
                    {"type":"object","additionalProperties":false,"required":["email"],
                     "properties":{"email":{"type":"string","maxLength":254,"pattern":"%s",
                       "description":"The customer's e-mail address"}}}""".formatted(Patterns.EMAIL.replace("\\", "\\\\"))));

    private final SupportData data;

    public CustomerOrdersTool(SupportData data) {
        this.data = data;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolOutcome run(ToolContext context, JsonNode arguments) {
        String email = arguments.get("email").asText();
        Customer customer = data.customer(context.call().caller().tenant(), email)
                .orElseThrow(() -> new ToolFailedException("No customer with the e-mail address " + email + " was found"));
        List<Order> orders = data.ordersOf(context.call().caller().tenant(), customer.email());
        ObjectNode result = Json.mapper().createObjectNode();
        result.putObject("customer").put("customerId", customer.customerId()).put("name", customer.name())
                .put("email", customer.email()).put("tier", customer.tier());
        ArrayNode list = result.putArray("orders");
        orders.forEach(order -> list.add(OrderStatusTool.describe(order)));
        String summary = customer.name() + " has " + orders.size() + " order" + (orders.size() == 1 ? "" : "s")
                + (orders.isEmpty() ? "" : ": " + orders.stream().map(o -> o.orderNumber() + " " + o.status())
                .collect(Collectors.joining(", ")));
        return ToolOutcome.of(result, summary);
    }
}
