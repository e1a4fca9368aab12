package com.aiplatform.agent.support;

import com.aiplatform.shared.identity.Caller;
import com.aiplatform.shared.knowledge.KnowledgeBase;
import com.aiplatform.shared.knowledge.KnowledgeUnavailableException;
import com.aiplatform.shared.problem.ProblemException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Loads the demo shop into the caller's tenant: customers and orders into the agent's own tables,
 * policies into the knowledge base through its API. Upserts only, so seeding again is harmless.
 * Only admins may seed, as it overwrites the demo rows.
 */
public final class SeedService {

    private final SupportData data;
    private final KnowledgeBase knowledge;
    private final Clock clock;

    public SeedService(SupportData data, KnowledgeBase knowledge, Clock clock) {
        this.data = data;
        this.knowledge = knowledge;
        this.clock = clock;
    }

    public SeedResult seed(Caller caller) {
        if (!caller.hasRole("admin")) {
            throw ProblemException.forbidden("Seeding the demo dataset needs the admin role");
        }
        DemoDataset dataset = DemoDataset.generate(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        dataset.customers().forEach(customer -> data.saveCustomer(caller.tenant(), customer));
        dataset.orders().forEach(order -> data.saveOrder(caller.tenant(), order));
        int documents = 0;
        for (KnowledgeBase.TextDocument policy : DemoDataset.policies()) {
            try {
                knowledge.ingestText(caller, policy);
            } catch (KnowledgeUnavailableException e) {
                throw ProblemException.unavailable("The customers and orders are loaded, but the knowledge base "
                        + "cannot take the policies now; seed again later", e);
            }
            documents++;
        }
        return new SeedResult(caller.tenant().value(), dataset.customers().size(), dataset.orders().size(), documents);
    }

    /** What was loaded, and into which tenant. */
    public record SeedResult(String tenantId, int customers, int orders, int knowledgeDocuments) {
    }
}
