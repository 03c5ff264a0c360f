package com.unifiedbeez.inbox.assignment;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The skills a conversation needs, from its explicit list plus what the team's own vocabulary
 * makes meaningful: {@code channel:<channel>} when some member lists a {@code channel:} skill,
 * {@code lang:<language>} when some member lists a {@code lang:} skill and the language is known,
 * and the name of each of its labels that some member lists as a skill. A dimension the team does
 * not use never blocks a conversation.
 */
public final class RequiredSkills {
    private RequiredSkills() {
    }

    public static Set<String> of(RoutedConversation conversation, Set<String> teamVocabulary) {
        Set<String> required = new TreeSet<>();
        conversation.explicitSkills().forEach(s -> required.add(normalize(s)));
        if (uses(teamVocabulary, "channel:")) {
            required.add("channel:" + conversation.channel().wireName());
        }
        if (conversation.language() != null && !conversation.language().isBlank() && uses(teamVocabulary, "lang:")) {
            required.add("lang:" + normalize(conversation.language()));
        }
        conversation.labels().stream().map(RequiredSkills::normalize).filter(teamVocabulary::contains)
                .forEach(required::add);
        return required;
    }

    public static String normalize(String skill) {
        return skill.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean uses(Set<String> vocabulary, String prefix) {
        return vocabulary.stream().anyMatch(s -> s.startsWith(prefix));
    }
}
