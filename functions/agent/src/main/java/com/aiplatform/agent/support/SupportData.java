package com.aiplatform.agent.support;

import com.aiplatform.shared.identity.TenantId;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.table.TableEntity;
import com.aiplatform.shared.table.TableStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The agent app's own customer, order and ticket tables. Every row sits in its tenant's partition, so
 * a lookup can only ever see the caller's tenant. Orders of a customer are found by scanning the tenant's
 * order partition, which is fine at demo scale; a real shop would keep an index row per customer.
 */
public final class SupportData {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final TableStore tables;
    private final String customers;
    private final String orders;
    private final String tickets;

    public SupportData(TableStore tables, String customersTable, String ordersTable, String ticketsTable) {
        this.tables = tables;
        this.customers = customersTable;
        this.orders = ordersTable;
        this.tickets = ticketsTable;
    }

    public Optional<Customer> customer(TenantId tenant, String email) {
        return tables.get(customers, tenant.value(), email.toLowerCase(Locale.ROOT)).map(e -> new Customer(
                e.rowKey(), e.string("customerId").orElse(""), e.string("name").orElse(""), e.string("tier").orElse("")));
    }

    public List<Order> ordersOf(TenantId tenant, String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return tables.list(orders, tenant.value()).stream()
                .filter(e -> wanted.equals(e.string("customerEmail").orElse("")))
                .map(SupportData::order)
                .sorted(Comparator.comparing(Order::placedAt).reversed())
                .toList();
    }

    public Optional<Order> order(TenantId tenant, String orderNumber) {
        return tables.get(orders, tenant.value(), orderNumber).map(SupportData::order);
    }

    public Optional<Ticket> ticket(TenantId tenant, String ticketId) {
        return tables.get(tickets, tenant.value(), ticketId).map(SupportData::ticket);
    }

    public void saveCustomer(TenantId tenant, Customer customer) {
        tables.upsert(customers, TableEntity.of(tenant.value(), customer.email().toLowerCase(Locale.ROOT), Map.of(
                "customerId", customer.customerId(), "name", customer.name(), "tier", customer.tier())));
    }

    public void saveOrder(TenantId tenant, Order order) {
        Map<String, Object> p = new HashMap<>();
        p.put("customerEmail", order.customerEmail().toLowerCase(Locale.ROOT));
        p.put("status", order.status());
        p.put("items", order.items());
        p.put("totalCents", order.totalCents());
        p.put("currency", order.currency());
        p.put("placedAt", order.placedAt());
        putIfPresent(p, "carrier", order.carrier());
        putIfPresent(p, "trackingNumber", order.trackingNumber());
        putIfPresent(p, "estimatedDelivery", order.estimatedDelivery() == null ? null : order.estimatedDelivery().toString());
        tables.upsert(orders, TableEntity.of(tenant.value(), order.orderNumber(), p));
    }

    /** Inserts a new ticket, or replaces it when {@code ticket.etag()} is set and still current (ConcurrencyException otherwise). */
    public Ticket saveTicket(TenantId tenant, Ticket ticket) {
        Map<String, Object> p = new HashMap<>();
        p.put("conversationId", ticket.conversationId());
        p.put("subject", ticket.subject());
        p.put("description", ticket.description());
        putIfPresent(p, "customerEmail", ticket.customerEmail());
        putIfPresent(p, "orderNumber", ticket.orderNumber());
        p.put("status", ticket.status());
        p.put("notes", Json.write(ticket.notes()));
        p.put("createdAt", ticket.createdAt());
        p.put("updatedAt", ticket.updatedAt());
        TableEntity entity = new TableEntity(tenant.value(), ticket.ticketId(), p, ticket.etag());
        return ticket(ticket.etag() == null ? tables.insert(tickets, entity) : tables.replace(tickets, entity));
    }

    private static void putIfPresent(Map<String, Object> properties, String name, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(name, value);
        }
    }

    private static Order order(TableEntity e) {
        return new Order(e.rowKey(), e.string("customerEmail").orElse(""), e.string("status").orElse(""),
                e.string("items").orElse(""), e.longValue("totalCents", 0), e.string("currency").orElse(""),
                instant(e, "placedAt"), e.string("carrier").orElse(null), e.string("trackingNumber").orElse(null),
                e.string("estimatedDelivery").map(LocalDate::parse).orElse(null));
    }

    private static Ticket ticket(TableEntity e) {
        List<String> notes;
        try {
            notes = Json.mapper().readValue(e.string("notes").orElse("[]"), STRINGS);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Ticket " + e.rowKey() + " has corrupt notes", ex);
        }
        return new Ticket(e.rowKey(), e.string("conversationId").orElse(""), e.string("subject").orElse(""),
                e.string("description").orElse(""), e.string("customerEmail").orElse(null),
                e.string("orderNumber").orElse(null), e.string("status").orElse(""), notes,
                instant(e, "createdAt"), instant(e, "updatedAt"), e.etag());
    }

    private static Instant instant(TableEntity e, String name) {
        Object value = e.properties().get(name);
        return value instanceof Instant instant ? instant : value == null ? Instant.EPOCH : Instant.parse(value.toString());
    }
}
