package com.aiplatform.bench.eval;

import com.aiplatform.knowledge.search.Answer;
import com.aiplatform.knowledge.search.AskRequest;
import com.aiplatform.shared.llm.Question;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./platform eval-answers --beir <folder>}: answer quality through the knowledge app's own ask code. The
 * judged queries alternate between answerable ones, whose judged documents are indexed, and unanswerable ones,
 * whose judged documents are left out of the index (a query sharing a judged document with an answerable one is
 * skipped). Prints the support rate of the answers' claims, citation precision against the judged documents, and
 * the abstention rate on each set.
 */
@Command(name = "eval-answers", mixinStandardHelpOptions = true,
        description = "Answer quality on a BEIR folder: claim support, citation precision, abstention.")
public final class AnswerEvalCommand implements Callable<Integer> {

    @Option(names = "--beir", required = true, description = "Folder with corpus.jsonl[.gz], queries.jsonl and qrels.tsv.")
    Path folder;

    @Option(names = "--max-queries", description = "Use only the first N judged queries.")
    Integer maxQueries;

    @Option(names = "--distractors", description = "Index only N documents besides the answerable queries' judged "
            + "ones (default: the whole rest of the corpus).")
    Integer distractors;

    @Option(names = "--threads", defaultValue = "2", description = "Ingest threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--set", description = "A setting for the knowledge app, e.g. --set ONNX_EMBEDDING_VARIANT=int8.")
    Map<String, String> settings = Map.of();

    @Override
    public Integer call() {
        BeirDataset dataset = BeirDataset.load(folder);
        List<BeirDataset.Query> queries = dataset.firstQueries(maxQueries);
        List<BeirDataset.Query> answerable = new ArrayList<>();
        List<BeirDataset.Query> unanswerable = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (int i = 0; i < queries.size(); i += 2) {
            answerable.add(queries.get(i));
            kept.addAll(dataset.qrels().get(queries.get(i).id()).keySet());
        }
        Set<String> removed = new HashSet<>();
        for (int i = 1; i < queries.size(); i += 2) {
            Set<String> judged = dataset.qrels().get(queries.get(i).id()).keySet();
            if (judged.stream().noneMatch(kept::contains)) {
                unanswerable.add(queries.get(i));
                removed.addAll(judged);
            }
        }
        List<BeirDataset.Document> corpus = new ArrayList<>();
        int others = 0;
        for (BeirDataset.Document document : dataset.corpus()) {
            if (kept.contains(document.id())
                    || !removed.contains(document.id()) && (distractors == null || others++ < distractors)) {
                corpus.add(document);
            }
        }
        System.out.printf("%s: %d documents indexed (judged documents of %d unanswerable queries left out); "
                + "%d answerable and %d unanswerable queries%n", folder, corpus.size(), unanswerable.size(),
                answerable.size(), unanswerable.size());
        try (var harness = new KnowledgeHarness(settings)) {
            long start = System.nanoTime();
            long chunks = harness.ingest(corpus, threads);
            System.out.printf("ingested %d chunks in %.1f s%n", chunks, (System.nanoTime() - start) / 1e9);
            Figures onAnswerable = run(harness, answerable, dataset.qrels());
            Figures onUnanswerable = run(harness, unanswerable, dataset.qrels());
            System.out.printf("answerable   (%d): claim support %.3f (%d of %d claims), citation precision %.3f "
                            + "(%d of %d cited documents judged), abstained %.3f, %.0f ms per answer%n",
                    answerable.size(), onAnswerable.supportRate(), onAnswerable.supported, onAnswerable.claims,
                    onAnswerable.precision(), onAnswerable.relevantCitations, onAnswerable.citations,
                    onAnswerable.abstentionRate(), onAnswerable.msPerAnswer());
            System.out.printf("unanswerable (%d): abstained %.3f, claim support %.3f (%d of %d claims)%n",
                    unanswerable.size(), onUnanswerable.abstentionRate(), onUnanswerable.supportRate(),
                    onUnanswerable.supported, onUnanswerable.claims);
        }
        return 0;
    }

    private static Figures run(KnowledgeHarness harness, List<BeirDataset.Query> queries,
                               Map<String, Map<String, Integer>> qrels) {
        Figures figures = new Figures();
        long start = System.nanoTime();
        for (BeirDataset.Query query : queries) {
            String text = query.text().length() <= Question.MAX_LENGTH ? query.text()
                    : query.text().substring(0, Question.MAX_LENGTH);
            Answer answer = harness.app().answers().ask(KnowledgeHarness.CALLER, new AskRequest(text, 5, Map.of()));
            figures.questions++;
            figures.abstained += answer.answerable() ? 0 : 1;
            figures.claims += answer.support().claims();
            figures.supported += answer.support().supported();
            Set<String> cited = new HashSet<>();
            answer.citations().forEach(c -> cited.add(c.documentId()));
            figures.citations += cited.size();
            Map<String, Integer> judged = qrels.get(query.id());
            figures.relevantCitations += (int) cited.stream().filter(d -> judged.getOrDefault(d, 0) > 0).count();
        }
        figures.nanos = System.nanoTime() - start;
        return figures;
    }

    private static final class Figures {
        int questions;
        int abstained;
        int claims;
        int supported;
        int citations;
        int relevantCitations;
        long nanos;

        double supportRate() {
            return claims == 0 ? 0 : (double) supported / claims;
        }

        double precision() {
            return citations == 0 ? 0 : (double) relevantCitations / citations;
        }

        double abstentionRate() {
            return questions == 0 ? 0 : (double) abstained / questions;
        }

        double msPerAnswer() {
            return questions == 0 ? 0 : nanos / 1e6 / questions;
        }
    }
}
