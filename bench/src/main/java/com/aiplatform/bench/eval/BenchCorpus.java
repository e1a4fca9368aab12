package com.aiplatform.bench.eval;

import com.aiplatform.shared.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** A small support-policy corpus, tenant-wide, that the research benchmark ingests through the knowledge API. */
final class BenchCorpus {

    private static final List<String[]> DOCUMENTS = List.of(
            new String[] {"refunds", "Refunds", "Refunds reach the original card within five business days after a "
                    + "return arrives. Store credit is issued at once. Refunds for gift cards are not possible."},
            new String[] {"returns", "Returns", "Items can be returned within 30 days of delivery. Opened software "
                    + "cannot be returned. Returns are free for members and cost four euros otherwise."},
            new String[] {"warranty", "Warranty", "The warranty covers manufacturing defects for two years. "
                    + "Accidental damage is not covered. Claims need the original receipt."},
            new String[] {"batteries", "Batteries", "Batteries are covered for six months. Swollen batteries must be "
                    + "returned by ground shipping only. Battery recycling is free in every store."},
            new String[] {"shipping", "Shipping", "Parcels to Norway take seven days. Standard shipping is free above "
                    + "fifty euros. Parcels can be tracked from the account page."},
            new String[] {"express", "Express delivery", "Express delivery costs twelve euros and arrives within two "
                    + "days. Express orders placed before noon leave the warehouse the same day."},
            new String[] {"accounts", "Accounts", "Reset your password from the login page. Accounts without activity "
                    + "for three years are closed after a notice by email."},
            new String[] {"privacy", "Privacy", "We keep order data for seven years for tax law. Customers can ask for "
                    + "a copy of their data, which is sent within thirty days."});

    private BenchCorpus() {
    }

    static void ingest(HttpClient http, String baseUrl, String[] identity) throws IOException, InterruptedException {
        for (String[] document : DOCUMENTS) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/knowledge/documents"))
                    .headers(identity)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("documentId", document[0],
                            "title", document[1], "text", document[2], "readers", Map.of("tenantWide", true)))))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Ingest of " + document[0] + " answered " + response.statusCode());
            }
        }
    }
}
