package com.aiplatform.local.gateway;

import com.aiplatform.shared.azurite.Azurite;
import com.aiplatform.shared.identity.GatewayHeaders;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The APIM policies rendered from the same definition the local gateway enforces: well-formed XML,
 * no placeholder left, and every rule of the definition present in the policy that APIM will run.
 */
class ApimPoliciesTest {

    private static final Path ROOT = Azurite.projectRoot();
    private final GatewayDefinition definition = GatewayDefinition.read(ROOT.resolve("infra/gateway/gateway.json"));
    private final ApimPolicies policies = new ApimPolicies(ROOT.resolve("infra/apim/policies"), definition);

    @Test
    void should_be_the_definition_the_local_gateway_loads() {
        assertThat(GatewayDefinition.load()).isEqualTo(definition);
    }

    @Test
    void should_render_well_formed_policies_with_no_placeholder_left() throws Exception {
        List<String> rendered = new ArrayList<>(List.of(policies.global()));
        definition.apis().forEach(api -> rendered.add(policies.api(api)));
        for (String xml : rendered) {
            assertThat(xml).doesNotContainPattern("__[A-Z_]+__");
            assertThat(parse(xml).getDocumentElement().getTagName()).isEqualTo("policies");
        }
    }

    @Test
    void should_strip_client_identity_headers_before_the_gateway_sets_them() throws Exception {
        Document policy = parse(policies.api(api("knowledge")));
        List<String> order = new ArrayList<>();
        NodeList headers = policy.getElementsByTagName("set-header");
        for (int i = 0; i < headers.getLength(); i++) {
            Element header = (Element) headers.item(i);
            if (header.getAttribute("name").startsWith("x-aiplatform-")) {
                order.add(header.getAttribute("exists-action") + " " + header.getAttribute("name"));
            }
        }
        List<String> expected = new ArrayList<>(List.of("delete x-aiplatform-consumer-id",
                "delete x-aiplatform-tenant-id", "delete x-aiplatform-roles", "delete x-aiplatform-groups",
                "delete x-aiplatform-cache-policy"));
        definition.products().forEach(p -> expected.add("override x-aiplatform-cache-policy"));
        expected.addAll(List.of("override x-aiplatform-consumer-id", "override x-aiplatform-tenant-id",
                "override x-aiplatform-roles", "override x-aiplatform-groups"));
        assertThat(order).containsExactlyElementsOf(expected);
    }

    @Test
    void should_pass_each_products_llm_cache_policy_on_in_the_cache_policy_header_with_its_threshold() throws Exception {
        Document policy = parse(policies.api(api("llm")));
        NodeList headers = policy.getElementsByTagName("set-header");
        List<String> modes = new ArrayList<>();
        for (int i = 0; i < headers.getLength(); i++) {
            Element header = (Element) headers.item(i);
            if (header.getAttribute("name").equals(definition.identity().headers().get("cachePolicy"))
                    && header.getAttribute("exists-action").equals("override")) {
                String product = ((Element) header.getParentNode()).getAttribute("condition");
                modes.add(product.substring(product.indexOf("== \"") + 4, product.indexOf("\" &&")) + "="
                        + header.getTextContent().strip());
            }
        }

        assertThat(definition.identity().headers().get("cachePolicy")).isEqualTo(GatewayHeaders.CACHE_POLICY);
        assertThat(modes).containsExactly("development=semantic;threshold=0.95", "starter=off", "standard=off");
    }

    @Test
    void should_authenticate_by_subscription_key_or_validated_jwt() throws Exception {
        Document policy = parse(policies.api(api("knowledge")));
        Element jwt = single(policy, "validate-jwt");
        assertThat(jwt.getAttribute("failed-validation-httpcode")).isEqualTo("401");
        assertThat(single(policy, "audience").getTextContent()).isEqualTo(definition.identity().jwt().audience());
        assertThat(single(policy, "openid-config").getAttribute("url"))
                .isEqualTo(definition.identity().jwt().openIdConfiguration());
        assertThat(single(policy, "set-url").getTextContent())
                .isEqualTo("{{platform-base-url}}/api/v1/platform/subscriptions/resolve");
        assertThat(policy.getElementsByTagName("cache-store-value").getLength()).isEqualTo(1);
    }

    @Test
    void should_take_the_key_from_the_key_header_then_api_key_then_a_bearer_value_that_is_no_jwt() throws Exception {
        Document policy = parse(policies.api(api("llm")));
        Element key = (Element) policy.getElementsByTagName("set-variable").item(0);
        String expression = key.getAttribute("value");

        assertThat(key.getAttribute("name")).isEqualTo("subscriptionKey");
        assertThat(expression.indexOf("GetValueOrDefault(\"" + definition.identity().subscriptionKeyHeader() + "\""))
                .isPositive().isLessThan(expression.indexOf("GetValueOrDefault(\"" + definition.identity().apiKeyHeader() + "\""));
        assertThat(expression).contains("StartsWith(\"Bearer \"", "Split('.').Length != 3");
        assertThat(policy.getElementsByTagName("when").item(2).getAttributes().getNamedItem("condition").getNodeValue())
                .isEqualTo("@(((string)context.Variables[\"subscriptionKey\"]).Length > 0)");
        List<String> deleted = new ArrayList<>();
        NodeList headers = policy.getElementsByTagName("set-header");
        for (int i = 0; i < headers.getLength(); i++) {
            Element header = (Element) headers.item(i);
            if (header.getAttribute("exists-action").equals("delete")) {
                deleted.add(header.getAttribute("name"));
            }
        }
        assertThat(deleted).contains(definition.identity().subscriptionKeyHeader(), definition.identity().apiKeyHeader(),
                "Authorization");
    }

    @Test
    void should_limit_rate_quota_and_tokens_per_product_that_offers_the_api() throws Exception {
        Document policy = parse(policies.api(api("research")));
        List<GatewayDefinition.Product> offering = definition.products().stream()
                .filter(p -> p.apis().contains("research")).toList();
        NodeList rates = policy.getElementsByTagName("rate-limit-by-key");
        NodeList quotas = policy.getElementsByTagName("quota-by-key");
        assertThat(quotas.getLength()).isEqualTo(definition.products().size());
        assertThat(rates.getLength()).isEqualTo(2 * definition.products().size());
        GatewayDefinition.Product standard = definition.product("standard").orElseThrow();
        assertThat(offering).contains(standard);
        Element standardRate = (Element) rates.item(2 * definition.products().indexOf(standard));
        assertThat(standardRate.getAttribute("calls")).isEqualTo(Long.toString(standard.rateLimit().calls()));
        assertThat(standardRate.getAttribute("renewal-period"))
                .isEqualTo(Long.toString(standard.rateLimit().renewalPeriodSeconds()));
        assertThat(standardRate.getAttribute("retry-after-header-name")).isEqualTo("Retry-After");
        Element standardTokens = (Element) rates.item(2 * definition.products().indexOf(standard) + 1);
        assertThat(standardTokens.getAttribute("calls")).isEqualTo(Long.toString(standard.tokenLimit().tokensPerMinute()));
        assertThat(standardTokens.getAttribute("increment-count")).contains("x-aiplatform-tokens");
        Element standardQuota = (Element) quotas.item(definition.products().indexOf(standard));
        assertThat(standardQuota.getAttribute("calls")).isEqualTo(Long.toString(standard.quota().calls()));
        assertThat(((Element) standardRate.getParentNode()).getAttribute("condition"))
                .contains("\"standard\"").contains("\"research\"");
    }

    @Test
    void should_route_to_the_function_app_with_its_key_from_a_named_value_and_hide_internal_paths() throws Exception {
        Document knowledge = parse(policies.api(api("knowledge")));
        assertThat(single(knowledge, "set-backend-service").getAttribute("backend-id")).isEqualTo("func-knowledge");
        NodeList headers = knowledge.getElementsByTagName("set-header");
        Element functionKey = (Element) headers.item(headers.getLength() - 1);
        assertThat(functionKey.getAttribute("name")).isEqualTo("x-functions-key");
        assertThat(functionKey.getTextContent().trim()).isEqualTo("{{knowledge-function-key}}");
        assertThat(policies.api(api("knowledge"))).contains("&gt; 10485760L");

        assertThat(policies.api(api("platform"))).contains("api/v1/platform/budget/reservations,"
                + "api/v1/platform/subscriptions/resolve");
    }

    @Test
    void should_allow_exactly_the_definitions_cors_origins() throws Exception {
        Document global = parse(policies.global());
        NodeList origins = global.getElementsByTagName("origin");
        List<String> allowed = new ArrayList<>();
        for (int i = 0; i < origins.getLength(); i++) {
            allowed.add(origins.item(i).getTextContent());
        }
        assertThat(allowed).isEqualTo(definition.cors().allowedOrigins());
        assertThat(single(global, "allowed-methods").getAttribute("preflight-result-max-age"))
                .isEqualTo(Integer.toString(definition.cors().maxAgeSeconds()));
    }

    private GatewayDefinition.Api api(String app) {
        return definition.apis().stream().filter(a -> a.app().equals(app)).findFirst().orElseThrow();
    }

    private static Element single(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        assertThat(nodes.getLength()).as(tag).isEqualTo(1);
        return (Element) nodes.item(0);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
