package com.aiplatform.agent.tools;

import com.aiplatform.agent.support.SupportData;
import com.aiplatform.agent.support.Ticket;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.table.ConcurrencyException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Opens a support ticket. The id is derived from the conversation and the subject, so a repeated call
 * (a retried turn, a model that asks twice) finds the ticket it already opened instead of a duplicate.
 */
public final class CreateTicketTool implements AgentTool {

    public static final String NAME = "create_ticket";
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Open a new support ticket for a problem the customer reports and wants fixed: a damaged or broken "
                    + "item, a missing parcel, a wrong product, a refund that has not arrived, a complaint.",
            Json.tree("""
                    {"type":"object","additionalProperties":false,"required":["subject","description"],
                     "properties":{
                       "subject":{"type":"string","minLength":3,"maxLength":120,"description":"A short title"},
                       "description":{"type":"string","minLength":3,"maxLength":2000,"description":"What happened"},
                       "email":{"type":"string","maxLength":254,"pattern":"%s","description":"The customer's e-mail"},
                       "orderNumber":{"type":"string","pattern":"%s","description":"The order concerned"}}}"""
                    .formatted(Patterns.EMAIL.replace("\\", "\\\\"), Patterns.ORDER_NUMBER)));

    private final SupportData data;
    private final Clock clock;

    public CreateTicketTool(SupportData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolOutcome run(ToolContext context, JsonNode arguments) {
        TenantId tenant = context.call().caller().tenant();
        String subject = arguments.get("subject").asText().trim();
        String orderNumber = text(arguments, "orderNumber");
        if (orderNumber != null && data.order(tenant, orderNumber).isEmpty()) {
            throw new ToolFailedException("No order " + orderNumber + " was found, so no ticket was opened for it");
        }
        String ticketId = ticketId(tenant, context.conversationId(), subject);
        var now = clock.instant();
        Ticket ticket = new Ticket(ticketId, context.conversationId(), subject, arguments.get("description").asText(),
                text(arguments, "email"), orderNumber, "open", List.of(), now, now, null);
        boolean created = true;
        try {
            ticket = data.saveTicket(tenant, ticket);
        } catch (ConcurrencyException alreadyOpened) {
            ticket = data.ticket(tenant, ticketId).orElseThrow(() -> alreadyOpened);
            created = false;
        }
        ObjectNode result = UpdateTicketTool.describe(ticket).put("created", created);
        return ToolOutcome.of(result, (created ? "Opened ticket " : "Ticket already open: ") + ticket.ticketId()
                + " \"" + ticket.subject() + "\" (status " + ticket.status() + ")");
    }

    static String text(JsonNode arguments, String name) {
        JsonNode value = arguments.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().trim();
    }

    private static String ticketId(TenantId tenant, String conversationId, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((tenant.value() + "\n" + conversationId + "\n"
                    + subject.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return "TCK-" + HexFormat.of().withUpperCase().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
