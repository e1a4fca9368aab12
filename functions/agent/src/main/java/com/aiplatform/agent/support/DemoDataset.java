package com.aiplatform.agent.support;

import com.aiplatform.shared.identity.Readers;
import com.aiplatform.shared.knowledge.KnowledgeBase;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small made-up shop, generated here (no external data): customers at example.com, their orders in
 * every status, and the policy documents the agent searches. Deterministic for a given day, so seeding
 * twice writes the same rows.
 */
public final class DemoDataset {

    public static final String FIRST_ORDER = "ORD-10001";

    private static final String[][] NAMES = {
            {"Ada", "Lovelace"}, {"Grace", "Hopper"}, {"Alan", "Turing"}, {"Edsger", "Dijkstra"},
            {"Barbara", "Liskov"}, {"Donald", "Knuth"}, {"Frances", "Allen"}, {"Ken", "Thompson"},
            {"Margaret", "Hamilton"}, {"Dennis", "Ritchie"}, {"Radia", "Perlman"}, {"John", "Backus"}};
    private static final String[] PRODUCTS = {"Espresso machine", "Burr grinder", "Milk frother", "Kettle",
            "Descaling kit", "Travel mug", "Coffee scale", "Pour-over dripper"};
    private static final long[] PRICES = {34900, 12900, 4900, 5900, 1500, 2400, 3900, 2900};
    private static final String[] STATUSES = {"shipped", "delivered", "processing", "cancelled", "returned"};
    private static final String[] CARRIERS = {"DHL", "PostNord", "UPS"};
    private static final String[] TIERS = {"standard", "gold"};

    private final List<Customer> customers;
    private final List<Order> orders;

    private DemoDataset(List<Customer> customers, List<Order> orders) {
        this.customers = List.copyOf(customers);
        this.orders = List.copyOf(orders);
    }

    /** The shop as of {@code today}: order dates count back from it. */
    public static DemoDataset generate(LocalDate today) {
        List<Customer> customers = new ArrayList<>();
        List<Order> orders = new ArrayList<>();
        int orderNumber = 10001;
        for (int i = 0; i < NAMES.length; i++) {
            String email = (NAMES[i][0] + "." + NAMES[i][1] + "@example.com").toLowerCase(Locale.ROOT);
            customers.add(new Customer(email, String.format("CUS-%04d", i + 1), NAMES[i][0] + " " + NAMES[i][1],
                    TIERS[i % TIERS.length]));
            for (int k = 0; k < 1 + i % 3; k++) {
                orders.add(order(orderNumber, email, today, i + k));
                orderNumber++;
            }
        }
        return new DemoDataset(customers, orders);
    }

    private static Order order(int number, String email, LocalDate today, int variant) {
        int product = (number * 7) % PRODUCTS.length;
        int quantity = 1 + number % 2;
        String status = STATUSES[(number - 10001) % STATUSES.length];
        LocalDate placed = today.minusDays(2L + (number % 11));
        Instant placedAt = placed.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(9 + variant % 8));
        boolean sent = status.equals("shipped") || status.equals("delivered") || status.equals("returned");
        String carrier = sent ? CARRIERS[number % CARRIERS.length] : null;
        String tracking = sent ? String.format("%s%09d", carrier.substring(0, 2).toUpperCase(Locale.ROOT), number * 7919L)
                : null;
        LocalDate eta = switch (status) {
            case "shipped" -> today.plusDays(1 + number % 4);
            case "processing" -> today.plusDays(4 + number % 3);
            default -> null;
        };
        return new Order("ORD-" + number, email, status, quantity + " x " + PRODUCTS[product],
                quantity * PRICES[product], "EUR", placedAt, carrier, tracking, eta);
    }

    public List<Customer> customers() {
        return customers;
    }

    public List<Order> orders() {
        return orders;
    }

    /** The shop's policies, for the knowledge base: explicitly tenant-wide, since every consumer's agent cites them. */
    public static List<KnowledgeBase.TextDocument> policies() {
        return List.of(
                new KnowledgeBase.TextDocument("returns-policy", "Returns and refunds",
                        "Items can be returned within 30 days of delivery if they are unused and in the original box. "
                                + "Refunds are paid to the original card within five business days after the return arrives. "
                                + "Damaged items are replaced free of charge; report the damage within 14 days.",
                        Map.of("team", "support"), Readers.wholeTenant()),
                new KnowledgeBase.TextDocument("shipping-policy", "Shipping",
                        "Orders ship within two business days. Standard delivery in Europe takes three to six days. "
                                + "Express delivery costs twelve euros and arrives the next business day. "
                                + "Every shipped order has a tracking number from the carrier.",
                        Map.of("team", "support"), Readers.wholeTenant()),
                new KnowledgeBase.TextDocument("warranty-policy", "Warranty",
                        "Espresso machines and grinders carry a two year warranty covering the pump, the boiler and the motor. "
                                + "Descaling regularly is required to keep the warranty. Accessories carry a six month warranty.",
                        Map.of("team", "support"), Readers.wholeTenant()));
    }
}
