package com.aiplatform.shared.llm.extractive;

import com.aiplatform.shared.llm.LlmClient;
import com.aiplatform.testing.contract.LlmClientContract;

/** The offline fallback meets the same contract as a model (run here: shared-core cannot see shared-testing). */
class ExtractiveLlmClientContractTest extends LlmClientContract {

    @Override
    protected LlmClient openClient() {
        return new ExtractiveLlmClient();
    }
}
