package com.aiplatform.agent.tools;

import com.aiplatform.agent.support.SupportData;
import com.aiplatform.agent.support.Ticket;
import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.llm.ToolSpec;
import com.aiplatform.shared.table.ConcurrencyException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Changes a ticket's status and/or adds a note, with an ETag check so that concurrent updates both land. */
public final class UpdateTicketTool implements AgentTool {

    public static final String NAME = "update_ticket";
    private static final int ATTEMPTS = 3;
    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Update an existing support ticket by its ticket id: change its status (open, pending, resolved, "
                    + "closed), mark it solved or resolved, close it, or add a note to it.",
            Json.tree("""
                    {"type":"object","additionalProperties":false,"required":["ticketId"],
                     "properties":{
                       "ticketId":{"type":"string","pattern":"%s","description":"The ticket id, such as TCK-1A2B3C4D"},
                       "status":{"type":"string","enum":["open","pending","resolved","closed"]},
                       "note":{"type":"string","minLength":1,"maxLength":1000,"description":"A note to add"}}}"""
                    .formatted(Patterns.TICKET_ID)));

    private final SupportData data;
    private final Clock clock;

    public UpdateTicketTool(SupportData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolOutcome run(ToolContext context, JsonNode arguments) {
        String status = CreateTicketTool.text(arguments, "status");
        String note = CreateTicketTool.text(arguments, "note");
        if (status == null && note == null) {
            throw new ToolArgumentException("give a new status, a note, or both");
        }
        TenantId tenant = context.call().caller().tenant();
        String ticketId = arguments.get("ticketId").asText();
        for (int attempt = 1; ; attempt++) {
            Ticket current = data.ticket(tenant, ticketId)
                    .orElseThrow(() -> new ToolFailedException("No ticket " + ticketId + " was found"));
            List<String> notes = new ArrayList<>(current.notes());
            if (note != null) {
                notes.add(note);
            }
            Ticket changed = new Ticket(current.ticketId(), current.conversationId(), current.subject(),
                    current.description(), current.customerEmail(), current.orderNumber(),
                    status == null ? current.status() : status, notes, current.createdAt(), clock.instant(),
                    current.etag());
            try {
                Ticket saved = data.saveTicket(tenant, changed);
                String summary = "Ticket " + saved.ticketId() + " is " + saved.status()
                        + (note == null ? "" : "; note added");
                return ToolOutcome.of(describe(saved), summary);
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw new ToolFailedException("Ticket " + ticketId + " keeps changing; try again", e);
                }
            }
        }
    }

    static ObjectNode describe(Ticket ticket) {
        ObjectNode node = Json.mapper().createObjectNode().put("ticketId", ticket.ticketId())
                .put("subject", ticket.subject()).put("status", ticket.status());
        if (ticket.orderNumber() != null) {
            node.put("orderNumber", ticket.orderNumber());
        }
        if (ticket.customerEmail() != null) {
            node.put("email", ticket.customerEmail());
        }
        ArrayNode notes = node.putArray("notes");
        ticket.notes().forEach(notes::add);
        return node;
    }
}
