package com.aiplatform.agent.tools;

import com.aiplatform.shared.usage.CallContext;

/** Who the tool works for (the tenant comes from the caller only) and in which conversation. */
public record ToolContext(CallContext call, String conversationId) {
}
