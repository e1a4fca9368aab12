package com.aiplatform.local.gateway;

import java.util.Map;

/**
 * The front layer every local HTTP request passes before it reaches a function: the stand-in for API
 * Management. It decides the caller identity the functions see, so that a client can never set it.
 */
public interface Gateway {

    /**
     * Admits a request ({@code headers} with lower-case names) and says what to forward.
     *
     * @throws com.aiplatform.shared.problem.ProblemException to refuse the request (401, 403, 404, 413, 429)
     */
    Admission admit(String method, String path, Map<String, String> headers);
}
