package com.aiplatform.shared.text;

/** Counts tokens the way a model's own tokenizer does (not characters or words). */
public interface TokenCounter {

    int count(String text);

    /**
     * The one estimate for an app that loads no tokenizer: a token per four characters, rounded up, which is close
     * for English with GPT tokenizers. Every app without a tokenizer counts this way, for its budget and its usage.
     */
    static TokenCounter approximate() {
        return text -> (text.length() + 3) / 4;
    }
}
