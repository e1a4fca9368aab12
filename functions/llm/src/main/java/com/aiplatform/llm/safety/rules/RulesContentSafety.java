package com.aiplatform.llm.safety.rules;

import com.aiplatform.llm.safety.ContentSafety;
import com.aiplatform.llm.safety.PromptText;
import com.aiplatform.llm.safety.SafetyRefusal;
import com.aiplatform.shared.llm.ChatMessage;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline check: well-known prompt-injection phrasings in what the caller and tools wrote (the system prompt
 * is the deployer's own and may well say "never ignore previous instructions"), and a blocklist of terms from
 * settings in every text. Matching is on a normalised copy (NFKC, lower case, runs of whitespace as one space), so
 * full-width letters and line breaks do not slip a phrase past; blocklist terms match whole words only.
 */
public final class RulesContentSafety implements ContentSafety {

    /** Azure OpenAI's names: prompt attacks are {@code jailbreak}, a custom list's hit {@code custom_blocklists}. */
    public static final String INJECTION = "jailbreak";
    public static final String BLOCKLIST = "custom_blocklists";

    private static final Set<ChatMessage.Role> CALLER_ROLES = Set.of(ChatMessage.Role.USER, ChatMessage.Role.TOOL);

    private record Rule(String name, Pattern pattern) {
    }

    private static final List<Rule> INJECTIONS = List.of(
            new Rule("an instruction to ignore earlier instructions", Pattern.compile(
                    "\\b(ignore|disregard|forget|override|bypass)\\b(\\s+\\w+){0,3}?\\s+(previous|prior|above|earlier|"
                            + "preceding|system|original|initial)\\s+(instructions?|prompts?|rules|directions|messages?|"
                            + "guidelines)")),
            new Rule("a request for the system prompt", Pattern.compile(
                    "\\b(reveal|show|print|repeat|output|display|leak|tell me)\\b(\\s+\\w+){0,3}?\\s+(system prompt|"
                            + "hidden (instructions|prompt)|initial (instructions|prompt)|developer (message|prompt))")),
            new Rule("a jailbreak persona", Pattern.compile(
                    "\\b(you are now|act as|pretend to be|from now on you are)\\b(\\s+\\w+){0,2}?\\s+(dan|an? unrestricted|"
                            + "an? unfiltered|jailbroken)\\b|\\bdo anything now\\b|\\bdeveloper mode (enabled|on)\\b")),
            new Rule("a fake conversation boundary", Pattern.compile(
                    "<\\|im_start\\|>|<\\|im_end\\|>|<\\|system\\|>|\\[/?inst]|<</?sys>>|(^| )### ?system ?:")));

    private final boolean promptInjection;
    private final List<Pattern> blocklist;

    public RulesContentSafety(boolean promptInjection, List<String> blocklistTerms) {
        this.promptInjection = promptInjection;
        this.blocklist = blocklistTerms.stream().map(String::strip).filter(t -> !t.isEmpty())
                .map(term -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(normalise(term)) + "(?![\\p{L}\\p{N}])"))
                .toList();
    }

    @Override
    public Optional<SafetyRefusal> screen(List<PromptText> texts) {
        for (PromptText text : texts) {
            String normalised = normalise(text.text());
            for (int i = 0; i < blocklist.size(); i++) {
                if (blocklist.get(i).matcher(normalised).find()) {
                    return Optional.of(new SafetyRefusal(BLOCKLIST, null,
                            "The prompt contains a blocked term (blocklist item " + (i + 1) + ")"));
                }
            }
            if (promptInjection && CALLER_ROLES.contains(text.role())) {
                for (Rule rule : INJECTIONS) {
                    Matcher matcher = rule.pattern().matcher(normalised);
                    if (matcher.find()) {
                        return Optional.of(new SafetyRefusal(INJECTION, null, "The " + role(text) + " message holds "
                                + rule.name() + " (\"" + matcher.group().strip() + "\")"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String role(PromptText text) {
        return text.role().name().toLowerCase(Locale.ROOT);
    }

    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
