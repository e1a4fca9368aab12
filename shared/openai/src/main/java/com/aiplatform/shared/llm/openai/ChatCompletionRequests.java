package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.llm.ChatMessage;
import com.aiplatform.shared.llm.ChatRequest;
import com.aiplatform.shared.llm.GroundingPrompt;
import com.aiplatform.shared.llm.ImagePart;
import com.aiplatform.shared.llm.ToolCall;
import com.aiplatform.shared.llm.ToolSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Turns our {@link ChatRequest} into openai-java's chat completion parameters. */
final class ChatCompletionRequests {

    private ChatCompletionRequests() {
    }

    /**
     * The sources' system message goes after the caller's leading system messages, so the caller's persona
     * comes first and the grounding rules sit right before the conversation. {@code max_completion_tokens} is
     * sent rather than the deprecated {@code max_tokens}, which reasoning models on Azure refuse.
     */
    static ChatCompletionCreateParams of(ChatRequest request, String deployment) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(deployment)
                .maxCompletionTokens(request.maxOutputTokens())
                .temperature(request.temperature());
        boolean sourcesAdded = request.sources().isEmpty();
        for (ChatMessage message : request.messages()) {
            if (!sourcesAdded && message.role() != ChatMessage.Role.SYSTEM) {
                params.addSystemMessage(GroundingPrompt.systemMessage(request.sources()));
                sourcesAdded = true;
            }
            add(params, message);
        }
        if (!sourcesAdded) {
            params.addSystemMessage(GroundingPrompt.systemMessage(request.sources()));
        }
        for (ToolSpec tool : request.tools()) {
            params.addTool(ChatCompletionFunctionTool.builder()
                    .function(FunctionDefinition.builder()
                            .name(tool.name())
                            .description(tool.description() == null ? "" : tool.description())
                            .parameters(parameters(tool.parametersSchema()))
                            .build())
                    .build());
        }
        return params.build();
    }

    private static void add(ChatCompletionCreateParams.Builder params, ChatMessage message) {
        String content = message.content() == null ? "" : message.content();
        switch (message.role()) {
            case SYSTEM -> params.addSystemMessage(content);
            case USER -> {
                if (message.images().isEmpty()) {
                    params.addUserMessage(content);
                } else {
                    params.addUserMessageOfArrayOfContentParts(parts(content, message.images()));
                }
            }
            case ASSISTANT -> {
                var assistant = ChatCompletionAssistantMessageParam.builder();
                if (!content.isEmpty() || message.toolCalls().isEmpty()) {
                    assistant.content(content);
                }
                for (ToolCall call : message.toolCalls()) {
                    assistant.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                            .id(call.id())
                            .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                    .name(call.name())
                                    .arguments(call.argumentsJson() == null ? "{}" : call.argumentsJson())
                                    .build())
                            .build());
                }
                params.addMessage(assistant.build());
            }
            case TOOL -> params.addMessage(ChatCompletionToolMessageParam.builder()
                    .toolCallId(message.toolCallId())
                    .content(content)
                    .build());
        }
    }

    /** The text first, then each image inline as a data URL (the API's {@code image_url} content part). */
    private static List<ChatCompletionContentPart> parts(String text, List<ImagePart> images) {
        List<ChatCompletionContentPart> parts = new ArrayList<>();
        if (!text.isEmpty()) {
            parts.add(ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(text).build()));
        }
        for (ImagePart image : images) {
            parts.add(ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                    .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(image.dataUrl()).build())
                    .build()));
        }
        return parts;
    }

    private static FunctionParameters parameters(JsonNode schema) {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        if (schema == null || !schema.isObject()) {
            return parameters.putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of()))
                    .build();
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            parameters.putAdditionalProperty(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
        }
        return parameters.build();
    }
}
