package com.unifiedbeez.inbox.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import org.junit.jupiter.api.Test;

class SearchTermsTest {
    @Test
    void prefixQueryKeepsOnlyWordsSoItCannotBreakTsquerySyntax() {
        assertThat(SearchTerms.parse("Ali Ç'").prefixQuery()).isEqualTo("ali:* & ç:*");
        assertThat(SearchTerms.parse("+44 7700 & | !(").prefixQuery()).isEqualTo("44:* & 7700:*");
        assertThat(SearchTerms.parse("  refund order ").text()).isEqualTo("refund order");
    }

    @Test
    void emptyOrSymbolOnlyOrHugeQueriesAre422() {
        for (String bad : new String[] {null, "", "   ", "&|!", "x".repeat(201)}) {
            assertThatThrownBy(() -> SearchTerms.parse(bad))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }
}
