package com.aiplatform.agent.tools;

/** The identifier shapes tools accept; the offline fallback finds arguments in text with the same patterns. */
public final class Patterns {

    public static final String EMAIL = "^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}$";
    public static final String ORDER_NUMBER = "^ORD-[0-9]{5}$";
    public static final String TICKET_ID = "^TCK-[0-9A-F]{8}$";

    private Patterns() {
    }
}
