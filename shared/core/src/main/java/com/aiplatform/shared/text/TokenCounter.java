package com.aiplatform.shared.text;

/** Counts tokens the way a model's own tokenizer does (not characters or words). */
public interface TokenCounter {

    int count(String text);
}
