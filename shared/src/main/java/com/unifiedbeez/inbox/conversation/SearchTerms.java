package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A search box query, prepared for PostgreSQL full-text search: the raw text for
 * {@code websearch_to_tsquery} over messages (stemmed, quotes and -negation work), and a prefix
 * query over contact names, identities and email subjects, so "ali" finds Alice, "+4477" a phone
 * number and "inv" the mail "Invoice 2231".
 */
public record SearchTerms(String text, String prefixQuery) {
    public static final int MAX_LENGTH = 200;

    public static SearchTerms parse(String q) {
        if (q == null || q.isBlank()) {
            throw ApiException.invalid("q", "is required");
        }
        if (q.length() > MAX_LENGTH) {
            throw ApiException.invalid("q", "is longer than " + MAX_LENGTH + " characters");
        }
        String prefix = Arrays.stream(q.toLowerCase().split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .map(word -> word + ":*")
                .collect(Collectors.joining(" & "));
        if (prefix.isEmpty()) {
            throw ApiException.invalid("q", "has no letters or digits to search for");
        }
        return new SearchTerms(q.strip(), prefix);
    }
}
