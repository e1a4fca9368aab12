package com.aiplatform.platform.api;

import com.aiplatform.platform.usage.UsageLedger;
import com.aiplatform.platform.usage.UsageQuery;
import com.aiplatform.shared.functions.HttpResponses;
import com.aiplatform.shared.json.Json;
import com.aiplatform.shared.usage.UsageRecord;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;

import java.util.Optional;

/** The usage ledger: records from every app's QueueUsageSink in, token and USD totals out. */
public final class UsageFunctions {

    private final UsageLedger ledger;
    private final UsageQuery query;

    public UsageFunctions(UsageLedger ledger, UsageQuery query) {
        this.ledger = ledger;
        this.query = query;
    }

    /** Idempotent by record id: a redelivered message overwrites its own row. A malformed one fails to poison. */
    @FunctionName("platformUsageLedger")
    public void record(@QueueTrigger(name = "message", queueName = "%USAGE_QUEUE%", connection = "AzureWebJobsStorage")
                       String message,
                       ExecutionContext context) {
        ledger.write(Json.read(message, UsageRecord.class));
    }

    @FunctionName("platformUsage")
    public HttpResponseMessage usage(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "v1/platform/usage",
                    authLevel = AuthorizationLevel.FUNCTION)
            HttpRequestMessage<Optional<String>> request) {
        return HttpResponses.handle(request, () -> HttpResponses.ok(request,
                query.report(Calls.caller(request), request.getQueryParameters())));
    }
}
