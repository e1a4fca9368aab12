package com.aiplatform.shared.llm.openai;

import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.shared.settings.Settings;
import com.aiplatform.testing.contract.LlmClientContract;
import org.junit.jupiter.api.AfterEach;

import java.util.Map;

/** The adapter against the local fake of Azure OpenAI, which also cites a [99] that names no source. */
class OpenAiLlmClientContractTest extends LlmClientContract {

    private FakeAzureOpenAi azure;

    @Override
    protected LlmClient openClient() {
        azure = FakeAzureOpenAi.start();
        OpenAiSettings settings = OpenAiSettings.from(Settings.of(Map.of("AZURE_OPENAI_ENDPOINT", azure.endpoint(),
                "AZURE_OPENAI_API_KEY", "contract-key", "AZURE_OPENAI_CHAT_DEPLOYMENT", "gpt-4o-mini")));
        return OpenAiLlmClient.create(OpenAiClients.create(settings), settings);
    }

    @AfterEach
    void stop() {
        azure.close();
    }
}
