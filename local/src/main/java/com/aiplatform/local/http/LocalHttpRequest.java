package com.aiplatform.local.http;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;

import java.net.URI;
import java.util.Map;

/**
 * The request a function receives. As from the Functions host, header names are lower case and a
 * header or query parameter sent more than once arrives as one comma-separated value.
 */
public record LocalHttpRequest<T>(URI uri, HttpMethod method, Map<String, String> headers,
                                  Map<String, String> queryParameters, T body) implements HttpRequestMessage<T> {

    public LocalHttpRequest {
        headers = Map.copyOf(headers);
        queryParameters = Map.copyOf(queryParameters);
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return queryParameters;
    }

    @Override
    public T getBody() {
        return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new LocalHttpResponse.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new LocalHttpResponse.Builder(status);
    }
}
