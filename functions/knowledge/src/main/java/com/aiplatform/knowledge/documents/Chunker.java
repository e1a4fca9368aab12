package com.aiplatform.knowledge.documents;

import com.aiplatform.shared.text.TokenCounter;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into chunks of at most {@code maxTokens} tokens (counted by the embedding model's own
 * tokenizer), cut at sentence boundaries, with about {@code overlapTokens} of the previous chunk's
 * last sentences repeated at the start of the next so that a fact spanning a cut is still found.
 */
public final class Chunker {

    private final TokenCounter tokens;
    private final int maxTokens;
    private final int overlapTokens;

    public Chunker(TokenCounter tokens, int maxTokens, int overlapTokens) {
        if (maxTokens < 16 || overlapTokens < 0 || overlapTokens >= maxTokens / 2) {
            throw new IllegalArgumentException("Chunk size must be at least 16 tokens and overlap under half of it");
        }
        this.tokens = tokens;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    public List<String> chunk(String text) {
        List<Piece> pieces = pieces(text);
        List<String> chunks = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        int currentTokens = 0;
        for (Piece piece : pieces) {
            if (currentTokens + piece.tokens() > maxTokens && !current.isEmpty()) {
                chunks.add(join(current));
                current = overlap(current);
                currentTokens = current.stream().mapToInt(Piece::tokens).sum();
            }
            current.add(piece);
            currentTokens += piece.tokens();
        }
        if (!current.isEmpty()) {
            chunks.add(join(current));
        }
        return chunks;
    }

    private List<Piece> overlap(List<Piece> previous) {
        List<Piece> carried = new ArrayList<>();
        int carriedTokens = 0;
        for (int i = previous.size() - 1; i > 0; i--) {
            Piece piece = previous.get(i);
            if (carriedTokens + piece.tokens() > overlapTokens) {
                break;
            }
            carried.add(0, piece);
            carriedTokens += piece.tokens();
        }
        return carried;
    }

    /** Sentences, with any sentence longer than a chunk cut into word runs that fit. */
    private List<Piece> pieces(String text) {
        List<Piece> pieces = new ArrayList<>();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        String normalised = text.replace("\r\n", "\n");
        sentences.setText(normalised);
        int start = sentences.first();
        for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            String sentence = normalised.substring(start, end).strip();
            if (sentence.isEmpty()) {
                continue;
            }
            int count = tokens.count(sentence);
            if (count <= maxTokens) {
                pieces.add(new Piece(sentence, count));
            } else {
                pieces.addAll(splitLong(sentence, count));
            }
        }
        return pieces;
    }

    /** Cuts a run-on "sentence" into word runs, sized from its average tokens per word. */
    private List<Piece> splitLong(String sentence, int sentenceTokens) {
        String[] words = sentence.split("\\s+");
        double tokensPerWord = Math.max(1.0, (double) sentenceTokens / words.length);
        int wordsPerRun = Math.max(1, (int) (maxTokens * 0.9 / tokensPerWord));
        List<Piece> pieces = new ArrayList<>();
        for (int from = 0; from < words.length; from += wordsPerRun) {
            String run = String.join(" ", java.util.Arrays.copyOfRange(words, from, Math.min(words.length, from + wordsPerRun)));
            pieces.add(new Piece(run, Math.min(maxTokens, tokens.count(run))));
        }
        return pieces;
    }

    private static String join(List<Piece> pieces) {
        StringBuilder text = new StringBuilder();
        for (Piece piece : pieces) {
            if (!text.isEmpty()) {
                text.append(piece.text().startsWith("\n") ? "" : " ");
            }
            text.append(piece.text());
        }
        return text.toString();
    }

    private record Piece(String text, int tokens) {
    }
}
